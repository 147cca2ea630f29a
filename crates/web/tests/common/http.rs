//! Driving the application as a browser does: requests sent in-process, answers read back, the sign-in form, a
//! signed-in browser's cookie and form token, and the forms the tests fill.

use super::PASSWORD;
use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use tower::ServiceExt;

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn location(&self) -> &str {
        self.headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    pub fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect()
    }
    /// The value of the first hidden field of that name.
    pub fn field(&self, name: &str) -> String {
        field_in(&self.body, name)
    }
}

/// The section of a page with that id, up to its end.
pub fn section<'a>(page: &'a Answer, id: &str) -> &'a str {
    let start = page
        .body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no {id} in {}", page.body));
    let rest = &page.body[start..];
    &rest[..rest.find("</section>").unwrap()]
}

pub fn field_in(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

pub async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

pub fn get(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header(COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

pub fn post(path: &str, cookie: &str, form: &[(&str, &str)]) -> Request<Body> {
    Request::post(path)
        .header(COOKIE, cookie)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(serde_urlencoded::to_string(form).unwrap()))
        .unwrap()
}

const BOUNDARY: &str = "batas-uji-kinerja";

/// A `multipart/form-data` post of text fields and a file (name, declared type, bytes), as a browser sends it.
pub fn upload(
    path: &str,
    cookie: &str,
    fields: &[(&str, &str)],
    file: (&str, &str, &[u8]),
) -> Request<Body> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .bytes(),
        );
    }
    let (file_name, declared, bytes) = file;
    body.extend(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: {declared}\r\n\r\n"
        )
        .bytes(),
    );
    body.extend(bytes);
    body.extend(format!("\r\n--{BOUNDARY}--\r\n").bytes());
    Request::post(path)
        .header(COOKIE, cookie)
        .header(
            CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .unwrap()
}

/// The `name=value` part of a Set-Cookie.
pub fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_string()
}

/// Posts the sign-in form as a browser would: first the form (and its cookie), then the credentials.
pub async fn try_sign_in(app: &Router, username: &str, password: &str) -> Answer {
    try_sign_in_from(app, |_| {}, username, password).await
}

/// The same, the POST first shaped by `from`: the client's address, a proxy's header.
pub async fn try_sign_in_from(
    app: &Router,
    from: impl Fn(&mut Request<Body>),
    username: &str,
    password: &str,
) -> Answer {
    let form = send(app, get("/masuk", "")).await;
    assert_eq!(form.status, StatusCode::OK);
    let cookie = cookie_pair(&form.cookies()[0]);
    let csrf = form.field("csrf");
    let mut request = post(
        "/masuk",
        &cookie,
        &[
            ("csrf", csrf.as_str()),
            ("username", username),
            ("password", password),
        ],
    );
    from(&mut request);
    send(app, request).await
}

/// A signed-in browser: its session cookie and the session's CSRF token.
pub struct Browser {
    pub cookie: String,
    pub csrf: String,
}

pub async fn sign_in(app: &Router, username: &str) -> Browser {
    sign_in_with(app, username, PASSWORD).await
}

pub async fn sign_in_with(app: &Router, username: &str, password: &str) -> Browser {
    let answer = try_sign_in(app, username, password).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    browser_of(app, &answer).await
}

/// The browser an answer sets a session cookie in.
pub async fn browser_of(app: &Router, answer: &Answer) -> Browser {
    let cookie = answer
        .cookies()
        .iter()
        .find(|c| c.starts_with("kinerja_sesi="))
        .map(|c| cookie_pair(c))
        .unwrap_or_else(|| panic!("no session cookie in {:?}", answer.headers));
    // A page every signed-in user may open.
    let page = send(app, get("/akun", &cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    Browser {
        csrf: page.field("csrf"),
        cookie,
    }
}

/// The start of a PDF, and a few bytes past ASCII so that a byte-identical download is seen to be one.
pub const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n";

/// The fields of the upload form of a cell of the entry page.
pub fn upload_fields(page: &str, id: &str, title: &str) -> Vec<(String, String)> {
    let start = page.find(&format!("id=\"{id}\"")).unwrap();
    let form = &page[start..];
    let form = &form[form.find("enctype=\"multipart/form-data\"").unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    ["csrf", "indicator", "period", "version"]
        .into_iter()
        .map(|name| (name.to_string(), field_in(form, name)))
        .chain([("title".to_string(), title.to_string())])
        .collect()
}

pub fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect()
}

/// The fields of the new-user form.
pub fn new_user<'a>(
    b: &'a Browser,
    username: &'a str,
    role: &'a str,
    units: &[&'a str],
    password: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("csrf", b.csrf.as_str()),
        ("username", username),
        ("display_name", "Operator Baru"),
        ("role", role),
        ("password", password),
        ("again", password),
    ];
    form.extend(units.iter().map(|u| ("unit", *u)));
    form
}

/// Posts one step of the PK workflow for the PK version shown on the page, with the store version the page holds.
pub async fn pk_step(app: &Router, b: &Browser, step: &str, extra: &[(&str, &str)]) -> Answer {
    let page = send(app, get("/unit/ngoro/2024/pk", &b.cookie)).await;
    let versi = page.field("versi");
    let record_version = page.field("record_version");
    let mut form = vec![
        ("csrf", b.csrf.as_str()),
        ("versi", versi.as_str()),
        ("record_version", record_version.as_str()),
    ];
    form.extend_from_slice(extra);
    send(
        app,
        post(&format!("/unit/ngoro/2024/pk/{step}"), &b.cookie, &form),
    )
    .await
}

/// The fields of the draft PK's edit form as the page fills them: the annex targets (`t-N`) and budgets (`a-N`).
pub fn pk_draft_form(draft: &Answer, b: &Browser) -> Vec<(String, String)> {
    let mut form = vec![
        ("csrf".to_string(), b.csrf.clone()),
        ("versi".to_string(), draft.field("versi")),
        ("record_version".to_string(), draft.field("record_version")),
    ];
    for n in 0..20 {
        for name in [format!("t-{n}"), format!("a-{n}")] {
            if draft.body.contains(&format!("name=\"{name}\"")) {
                let value = draft.field(&name);
                form.push((name, value));
            }
        }
    }
    form
}
