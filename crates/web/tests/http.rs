//! The web application driven in-process (tower `oneshot`) over a fresh SQLite database holding the reference
//! data (Kecamatan Ngoro 2024) and one user per role.

use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use kinerja_storage::{Accounts, NewUser, Repository, Role};
use kinerja_web::Settings;
use tower::ServiceExt;

mod common;

use common::{site, site_with, PASSWORD, USERS};

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn location(&self) -> &str {
        self.headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect()
    }
    /// The value of the first hidden field of that name.
    fn field(&self, name: &str) -> String {
        field_in(&self.body, name)
    }
}

fn field_in(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
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
    }
}

fn get(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header(COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

fn post(path: &str, cookie: &str, form: &[(&str, &str)]) -> Request<Body> {
    Request::post(path)
        .header(COOKIE, cookie)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(serde_urlencoded::to_string(form).unwrap()))
        .unwrap()
}

/// The `name=value` part of a Set-Cookie.
fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_string()
}

/// Posts the sign-in form as a browser would: first the form (and its cookie), then the credentials.
async fn try_sign_in(app: &Router, username: &str, password: &str) -> Answer {
    let form = send(app, get("/masuk", "")).await;
    assert_eq!(form.status, StatusCode::OK);
    let cookie = cookie_pair(&form.cookies()[0]);
    let csrf = form.field("csrf");
    send(
        app,
        post(
            "/masuk",
            &cookie,
            &[
                ("csrf", csrf.as_str()),
                ("username", username),
                ("password", password),
            ],
        ),
    )
    .await
}

/// A signed-in browser: its session cookie and the session's CSRF token.
struct Browser {
    cookie: String,
    csrf: String,
}

async fn sign_in(app: &Router, username: &str) -> Browser {
    let answer = try_sign_in(app, username, PASSWORD).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let cookie = answer
        .cookies()
        .iter()
        .find(|c| c.starts_with("kinerja_sesi="))
        .map(|c| cookie_pair(c))
        .unwrap();
    let page = send(app, get("/pemda/2024", &cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    Browser {
        csrf: page.field("csrf"),
        cookie,
    }
}

const REFUSED: &str = "Nama pengguna atau kata sandi salah";

#[tokio::test]
async fn sign_in_refuses_alike_and_locks_after_five_failures() {
    let s = site().await;
    let unknown = try_sign_in(&s.app, "tidak-ada", PASSWORD).await;
    let wrong = try_sign_in(&s.app, "op-ngoro", "kata-sandi-yang-salah").await;
    for answer in [&unknown, &wrong] {
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert!(answer.body.contains(REFUSED), "{}", answer.body);
        assert!(answer
            .cookies()
            .iter()
            .all(|c| !c.starts_with("kinerja_sesi")));
    }
    // The same page either way, apart from the form's own token and the name typed back.
    let strip = |a: &Answer, name: &str| {
        a.body
            .replace(&a.field("csrf"), "")
            .replace(&format!("value=\"{name}\""), "")
    };
    assert_eq!(strip(&unknown, "tidak-ada"), strip(&wrong, "op-ngoro"));

    for _ in 0..4 {
        try_sign_in(&s.app, "op-ngoro", "kata-sandi-yang-salah").await;
    }
    // Five failures in a row: the right password is refused too, with the same words.
    let locked = try_sign_in(&s.app, "op-ngoro", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::UNAUTHORIZED);
    assert!(locked.body.contains(REFUSED));
    assert!(s
        .store
        .user("op-ngoro")
        .await
        .unwrap()
        .unwrap()
        .locked_until
        .is_some());
    // Others are not affected.
    sign_in(&s.app, "camat").await;
}

#[tokio::test]
async fn session_cookies_are_http_only_strict_and_secure_behind_tls() {
    let s = site().await;
    let answer = try_sign_in(&s.app, "admin", PASSWORD).await;
    assert_eq!(
        (answer.status, answer.location()),
        (StatusCode::SEE_OTHER, "/")
    );
    let session = answer
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("kinerja_sesi="))
        .unwrap();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"));
    assert!(!session.contains("Secure"));
    for header in [
        "content-security-policy",
        "x-frame-options",
        "x-content-type-options",
    ] {
        assert!(answer.headers.contains_key(header), "{header}");
    }
    let csp = answer.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && !csp.contains("script-src"));
    assert_eq!(answer.headers["x-frame-options"], "DENY");

    let secure = site_with(Settings {
        secure_cookies: true,
    })
    .await;
    let answer = try_sign_in(&secure.app, "admin", PASSWORD).await;
    assert!(answer
        .cookies()
        .iter()
        .all(|c| c.contains("Secure") && c.contains("HttpOnly")));
    assert!(answer.headers.contains_key("strict-transport-security"));
}

#[tokio::test]
async fn without_a_session_pages_lead_to_sign_in() {
    let s = site().await;
    for path in [
        "/",
        "/pemda/2024",
        "/unit/ngoro/2024",
        "/unit/ngoro/2024/realisasi",
        "/unit/ngoro/2024/lkjip.pdf",
        "/audit",
    ] {
        let answer = send(&s.app, get(path, "")).await;
        assert_eq!(
            (answer.status, answer.location()),
            (StatusCode::SEE_OTHER, "/masuk"),
            "{path}"
        );
        let forged = send(&s.app, get(path, "kinerja_sesi=palsu")).await;
        assert_eq!(forged.status, StatusCode::SEE_OTHER, "{path}");
    }
    let answer = send(
        &s.app,
        post("/unit/ngoro/2024/realisasi", "", &[("value", "1")]),
    )
    .await;
    assert_eq!(answer.location(), "/masuk");
    assert_eq!(
        send(&s.app, get("/aset/kinerja.css", "")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn forms_without_the_session_token_are_refused() {
    let s = site().await;
    let b = sign_in(&s.app, "op-ngoro").await;
    let entry = |csrf: &'static str| {
        vec![
            ("csrf", csrf),
            ("indicator", "iku-akip"),
            ("period", "4"),
            ("version", ""),
            ("value", "80"),
        ]
    };
    for csrf in ["", "0000"] {
        let answer = send(
            &s.app,
            post("/unit/ngoro/2024/realisasi", &b.cookie, &entry(csrf)),
        )
        .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "csrf {csrf:?}");
        assert!(answer.body.contains("Token keamanan formulir"));
    }
    assert!(s
        .store
        .realisation("iku-akip", 2024, Some(4))
        .await
        .unwrap()
        .is_none());
    // Another session's token does not do either.
    let other = sign_in(&s.app, "admin").await;
    let form = [
        ("csrf", other.csrf.as_str()),
        ("indicator", "iku-akip"),
        ("period", "4"),
        ("value", "80"),
    ];
    let answer = send(&s.app, post("/unit/ngoro/2024/realisasi", &b.cookie, &form)).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    // Signing out needs the token too.
    let answer = send(&s.app, post("/keluar", &b.cookie, &[])).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    // The sign-in form needs its cookie and field to match.
    let answer = send(
        &s.app,
        post(
            "/masuk",
            "kinerja_masuk=abc",
            &[
                ("csrf", "abd"),
                ("username", "admin"),
                ("password", PASSWORD),
            ],
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    // With the token, signing out ends the session.
    let answer = send(
        &s.app,
        post("/keluar", &b.cookie, &[("csrf", b.csrf.as_str())]),
    )
    .await;
    assert_eq!(answer.location(), "/masuk");
    assert_eq!(
        send(&s.app, get("/unit/ngoro/2024", &b.cookie))
            .await
            .location(),
        "/masuk"
    );
}

/// Every route × every role, on the operator's own unit (ngoro) and another (ngoro-pmd).
#[tokio::test]
async fn every_route_checks_role_and_unit() {
    let s = site().await;
    const OK: StatusCode = StatusCode::OK;
    const NO: StatusCode = StatusCode::FORBIDDEN;
    // (path, admin, op-ngoro, op-pmd, camat, inspektorat, pembaca)
    let gets: &[(&str, [StatusCode; 6])] = &[
        ("/pemda/2024", [OK, OK, OK, OK, OK, OK]),
        ("/unit/ngoro/2024", [OK, OK, NO, OK, OK, NO]),
        ("/unit/ngoro-pmd/2024", [OK, NO, OK, NO, OK, OK]),
        ("/unit/ngoro/2024/realisasi", [OK, OK, NO, NO, NO, NO]),
        ("/unit/ngoro-pmd/2024/realisasi", [OK, NO, OK, NO, NO, NO]),
        ("/unit/ngoro/2024/lkjip.xlsx", [OK, OK, NO, OK, OK, NO]),
        ("/audit", [OK, NO, NO, NO, OK, NO]),
    ];
    let mut browsers = Vec::new();
    for (username, _, _) in USERS {
        browsers.push(sign_in(&s.app, username).await);
    }
    for (path, expected) in gets {
        for (i, b) in browsers.iter().enumerate() {
            let answer = send(&s.app, get(path, &b.cookie)).await;
            assert_eq!(answer.status, expected[i], "GET {path} as {}", USERS[i].0);
        }
    }
    // Saving a realisation: only the admin and the unit's own operator. The value differs per user so that no
    // accepted save conflicts with an earlier one.
    let allowed = [true, true, false, false, false, false];
    for (i, b) in browsers.iter().enumerate() {
        let current = s
            .store
            .realisation("iku-akip", 2024, None)
            .await
            .unwrap()
            .unwrap();
        let version = current.version.to_string();
        let value = format!("{}", 70 + i);
        let form = [
            ("csrf", b.csrf.as_str()),
            ("indicator", "iku-akip"),
            ("period", "tahunan"),
            ("version", version.as_str()),
            ("value", value.as_str()),
        ];
        let answer = send(&s.app, post("/unit/ngoro/2024/realisasi", &b.cookie, &form)).await;
        let expected = if allowed[i] {
            StatusCode::SEE_OTHER
        } else {
            NO
        };
        assert_eq!(answer.status, expected, "POST as {}", USERS[i].0);
    }
    // An operator cannot write another unit's indicator through the address of its own unit.
    let op_pmd = &browsers[2];
    let form = [
        ("csrf", op_pmd.csrf.as_str()),
        ("indicator", "iku-akip"),
        ("period", "1"),
        ("value", "1"),
    ];
    let answer = send(
        &s.app,
        post("/unit/ngoro-pmd/2024/realisasi", &op_pmd.cookie, &form),
    )
    .await;
    assert_eq!(answer.status, NO);
    assert!(s
        .store
        .realisation("iku-akip", 2024, Some(1))
        .await
        .unwrap()
        .is_none());
    // The overview lists only the units a user may read.
    let overview = send(&s.app, get("/pemda/2024", &browsers[2].cookie)).await;
    assert!(overview
        .body
        .contains("Seksi Pemberdayaan Masyarakat dan Desa"));
    assert!(!overview.body.contains("Kecamatan Ngoro<"));
}

#[tokio::test]
async fn dashboard_shows_the_rules_formatted_capaian_and_charts() {
    let s = site().await;
    let b = sign_in(&s.app, "camat").await;
    let page = send(&s.app, get("/unit/ngoro/2024", &b.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    // The reference's rules print capaian with one decimal: 80,15 / 81 = 98,95% is shown as 99,0%.
    for text in [
        "Nilai Evaluasi AKIP Kecamatan Ngoro",
        "80,15",
        "99,0%",
        "103,9%",
        "Baik (Berhasil)",
        "Istimewa (Sangat Berhasil)",
        "Rp 3.063.438.646",
        "95,86%",
        "TW IV",
    ] {
        assert!(page.body.contains(text), "{text} missing");
    }
    assert_eq!(page.body.matches("<svg").count(), 2);
    assert!(page.body.contains("Capaian indikator program 2024"));
    assert!(!page.body.contains("<script"));
    // A pimpinan reads but does not enter.
    assert!(!page.body.contains("/realisasi\""));
    let unknown = send(&s.app, get("/unit/ngoro/abcd", &b.cookie)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

/// The form for one indicator and period, cut out of the entry page.
fn cell<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page.find(&format!("id=\"{id}\"")).unwrap();
    &page[start..start + page[start..].find("</form>").unwrap()]
}

#[tokio::test]
async fn realisations_are_saved_with_their_version_and_conflicts_lose_nothing() {
    let s = site().await;
    let a = sign_in(&s.app, "op-ngoro").await;
    let b = sign_in(&s.app, "admin").await;
    let path = "/unit/ngoro/2024/realisasi";
    let page_a = send(&s.app, get(path, &a.cookie)).await;
    let page_b = send(&s.app, get(path, &b.cookie)).await;
    let annual_a = cell(&page_a.body, "r-iku-akip-tahunan");
    assert!(
        annual_a.contains("Tersimpan: 80,15 (versi 1, uji)"),
        "{annual_a}"
    );
    let version_a = field_in(annual_a, "version");
    let version_b = field_in(cell(&page_b.body, "r-iku-akip-tahunan"), "version");
    assert_eq!((version_a.as_str(), version_b.as_str()), ("1", "1"));
    // TW IV is empty: an empty version creates it.
    assert!(cell(&page_a.body, "r-iku-akip-4").contains("Belum diisi"));
    assert_eq!(field_in(cell(&page_a.body, "r-iku-akip-4"), "version"), "");

    let save = |browser: &Browser, version: &str, value: &str| {
        post(
            path,
            &browser.cookie,
            &[
                ("csrf", browser.csrf.as_str()),
                ("indicator", "iku-akip"),
                ("period", "tahunan"),
                ("version", version),
                ("value", value),
                ("note", "hasil evaluasi <b>final</b>"),
            ],
        )
    };
    let saved = send(&s.app, save(&a, &version_a, "80,5")).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(saved.location().starts_with(path));
    let after = send(&s.app, get(saved.location(), &a.cookie)).await;
    let annual = cell(&after.body, "r-iku-akip-tahunan");
    assert!(
        annual.contains("Tersimpan: 80,5 (versi 2, op-ngoro)"),
        "{annual}"
    );
    assert!(annual.contains("Tersimpan."));
    assert!(annual.contains("hasil evaluasi &lt;b&gt;final&lt;/b&gt;"));
    // The dashboard follows: 80,5 / 81 = 99,38%, one decimal.
    let dashboard = send(&s.app, get("/unit/ngoro/2024", &a.cookie)).await;
    assert!(dashboard.body.contains("99,4%"));

    // The admin still holds version 1: a conflict, shown with the operator's value, the typed value kept.
    let conflict = send(&s.app, save(&b, &version_b, "79,9")).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    let annual = cell(&conflict.body, "r-iku-akip-tahunan");
    assert!(annual.contains("sudah diubah oleh op-ngoro"), "{annual}");
    assert!(annual.contains("menjadi 80,5 (versi 2)"), "{annual}");
    assert!(annual.contains("value=\"79,9\""), "{annual}");
    assert_eq!(field_in(annual, "version"), "2");
    let stored = s
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.version, stored.value.value.to_string()),
        (2, "80.5".into())
    );
    // Saving again from the refreshed form is deliberate and succeeds.
    let again = send(&s.app, save(&b, "2", "79,9")).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);

    // Indonesian decimals are read as such: 80,150 is eighty and fifteen hundredths.
    let decimal = send(&s.app, save(&a, "3", "80,150")).await;
    assert_eq!(decimal.status, StatusCode::SEE_OTHER);
    assert_eq!(
        s.store
            .realisation("iku-akip", 2024, None)
            .await
            .unwrap()
            .unwrap()
            .value
            .value,
        "80.15".parse().unwrap()
    );
    // Words and ambiguous numbers are refused with the value kept.
    for (typed, says) in [("delapan puluh", "bukan angka"), ("1.000", "meragukan")] {
        let answer = send(&s.app, save(&a, "4", typed)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{typed}");
        let annual = cell(&answer.body, "r-iku-akip-tahunan");
        assert!(annual.contains(says), "{annual}");
        assert!(annual.contains(&format!("value=\"{typed}\"")), "{annual}");
    }
    // Every save is in the audit log, under the user's name.
    let log = s.store.audit_log(20).await.unwrap();
    let actors: Vec<&str> = log
        .iter()
        .filter(|e| e.kind == "realisation")
        .map(|e| e.actor.as_str())
        .collect();
    assert_eq!(actors, ["op-ngoro", "admin", "op-ngoro"]);
    let audit = send(&s.app, get("/audit", &b.cookie)).await;
    assert!(audit.body.contains("iku-akip|2024|"));
    assert!(!audit.body.contains("<b>final"));
}

#[tokio::test]
async fn documents_download_from_the_stored_data() {
    let s = site().await;
    let b = sign_in(&s.app, "op-ngoro").await;
    let pdf = send(&s.app, get("/unit/ngoro/2024/lkjip.pdf", &b.cookie)).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers[CONTENT_TYPE], "application/pdf");
    assert!(pdf.body.starts_with("%PDF"));
    assert!(pdf.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("lkjip-ngoro-2024.pdf"));
    let pk = send(&s.app, get("/unit/ngoro/2024/pk.pdf", &b.cookie)).await;
    assert_eq!(pk.status, StatusCode::OK);
    assert!(pk.body.starts_with("%PDF"));
    let docx = send(&s.app, get("/unit/ngoro/2024/lkjip.docx", &b.cookie)).await;
    assert!(docx.body.starts_with("PK"));
    let unknown = send(&s.app, get("/unit/ngoro/2024/lkjip.exe", &b.cookie)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn names_are_escaped_on_every_page() {
    let s = site().await;
    let payload = "<script>alert('x')</script>";
    s.store
        .create_user(
            &NewUser {
                username: "penyusup".into(),
                display_name: payload.into(),
                role: Role::AdminPemda,
                units: vec![],
            },
            PASSWORD,
            "uji",
        )
        .await
        .unwrap();
    let b = sign_in(&s.app, "penyusup").await;
    for path in [
        "/pemda/2024",
        "/unit/ngoro/2024",
        "/unit/ngoro/2024/realisasi",
        "/audit",
    ] {
        let page = send(&s.app, get(path, &b.cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.contains("<script"), "{path}");
        assert!(page.body.contains("&lt;script&gt;"), "{path}");
    }
}
