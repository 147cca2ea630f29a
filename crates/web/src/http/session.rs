//! Sign-in, sign-out, and the extractors every other route uses: [`Signed`] (a live session, else off to the
//! sign-in page), [`Posted`] (a live session and a form carrying its CSRF token) and [`PostedFile`] (the same for
//! a multipart form with a file).
//!
//! The session cookie holds a random 256-bit token (only its hash is stored), `HttpOnly`, `SameSite=Strict`, and
//! `Secure` when the server says it is reached over HTTPS. The sign-in form, having no session yet, is protected
//! by a double-submit token: a cookie and a hidden field that must match.

use crate::http::failure::{retry_seconds, Failure};
use crate::http::layout;
use crate::http::ratelimit::SignInAllowed;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::multipart::MultipartError;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Multipart, Request, State};
use axum::http::header::{COOKIE, LOCATION, RETRY_AFTER, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use kinerja_domain::text::clean_text;
use kinerja_storage::{Accounts, Session, User, SESSION_SECONDS};
use maud::html;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::net::IpAddr;
use std::time::{Duration, Instant};

pub(crate) const SESSION_COOKIE: &str = "kinerja_sesi";
const LOGIN_COOKIE: &str = "kinerja_masuk";

/// A signed-in user's session. Without one, the request is sent to the sign-in page.
pub(crate) struct Signed(pub Session);

impl FromRequestParts<AppState> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        // Read once per request: a route's guard and its form both ask.
        if let Some(session) = parts.extensions.get::<Session>() {
            return Ok(Signed(session.clone()));
        }
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(to_sign_in());
        };
        match state.store.session(&token).await {
            Ok(Some(session)) => {
                parts.extensions.insert(session.clone());
                Ok(Signed(session))
            }
            Ok(None) => Err(to_sign_in()),
            Err(e) => Err(Failure::from(e).into_response()),
        }
    }
}

/// A form posted by a signed-in user, refused unless it carries the session's CSRF token.
pub(crate) struct Posted<T> {
    pub session: Session,
    pub form: T,
}

#[derive(Deserialize, Default)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<T: DeserializeOwned> FromRequest<AppState> for Posted<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let Signed(session) = Signed::from_request_parts(&mut parts, state).await?;
        let bytes = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let form = checked_form(&bytes, &session).map_err(IntoResponse::into_response)?;
        Ok(Posted { session, form })
    }
}

/// Fields whose values are secrets, taken exactly as typed: a password is checked as it was set.
const SECRET_FIELDS: [&str; 4] = ["csrf", "password", "again", "old_password"];

/// The fields of an urlencoded form, refused unless it carries the session's CSRF token. Every other value loses
/// its control characters here ([`clean_text`]), so that no form stores one.
fn checked_form<T: DeserializeOwned>(bytes: &[u8], session: &Session) -> Result<T, Failure> {
    let field: CsrfField = serde_urlencoded::from_bytes(bytes).unwrap_or_default();
    if !same(&field.csrf, &session.csrf) {
        return Err(Failure::Csrf);
    }
    let incomplete = || Failure::BadRequest("Isian formulir tidak lengkap.".into());
    let fields: Vec<(String, String)> =
        serde_urlencoded::from_bytes(bytes).map_err(|_| incomplete())?;
    let cleaned: Vec<(String, String)> = fields
        .into_iter()
        .map(|(name, value)| {
            let value = if SECRET_FIELDS.contains(&name.as_str()) {
                value
            } else {
                clean_text(&value)
            };
            (name, value)
        })
        .collect();
    let encoded = serde_urlencoded::to_string(&cleaned).map_err(|_| incomplete())?;
    serde_urlencoded::from_str(&encoded).map_err(|_| incomplete())
}

/// A `multipart/form-data` form posted by a signed-in user, with at most one file, refused unless it carries the
/// session's CSRF token. The whole body is read first (the route's body limit bounds it), so nothing of a form
/// without the token is acted on.
pub(crate) struct PostedFile<T> {
    pub form: T,
    pub file: Option<UploadedFile>,
}

/// The largest file a route takes (set as a request extension by the route, see [`upload_limit`]).
#[derive(Clone, Copy)]
pub(crate) struct UploadLimit(pub usize);

/// Room in an upload's body for the boundaries and the text fields besides the file.
const FORM_OVERHEAD: usize = 64 * 1024;

/// The body limit of an upload route for files of at most `max_file` bytes.
fn body_limit(max_file: usize) -> usize {
    max_file.saturating_add(FORM_OVERHEAD)
}

/// The layers of a route that takes files of at most `max_file` bytes: the body it reads, and the limit a refusal
/// names.
pub(crate) fn upload_limit(max_file: usize) -> (Extension<UploadLimit>, DefaultBodyLimit) {
    (
        Extension(UploadLimit(max_file)),
        DefaultBodyLimit::max(body_limit(max_file)),
    )
}

/// A file of a multipart form: the name the browser gave it, and its bytes.
pub(crate) struct UploadedFile {
    pub name: String,
    pub bytes: Bytes,
}

impl<T: DeserializeOwned> FromRequest<AppState> for PostedFile<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let Signed(session) = Signed::from_request_parts(&mut parts, state).await?;
        let limit = parts
            .extensions
            .get::<UploadLimit>()
            .map_or(state.settings.max_evidence_bytes, |l| l.0);
        let mut multipart = Multipart::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|_| {
                Failure::BadRequest(
                    "Formulir unggahan harus dikirim sebagai multipart/form-data.".into(),
                )
                .into_response()
            })?;
        let broken = |e: MultipartError| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Failure::TooLarge(limit)
            } else {
                Failure::BadRequest("Unggahan terputus atau rusak. Kirim lagi.".into())
            }
            .into_response()
        };
        let mut fields = Vec::new();
        let mut file = None;
        while let Some(field) = multipart.next_field().await.map_err(broken)? {
            let name = field.name().unwrap_or_default().to_string();
            match field.file_name().map(str::to_string) {
                Some(file_name) => {
                    let bytes = field.bytes().await.map_err(broken)?;
                    // A browser sends an empty part for a file input left empty.
                    if file_name.is_empty() && bytes.is_empty() {
                        continue;
                    }
                    if file.is_some() {
                        return Err(
                            Failure::BadRequest("Unggah satu berkas sekali kirim.".into())
                                .into_response(),
                        );
                    }
                    file = Some(UploadedFile {
                        name: file_name,
                        bytes,
                    });
                }
                None => fields.push((name, field.text().await.map_err(broken)?)),
            }
        }
        // The text fields go through the same check and parsing as an urlencoded form.
        let encoded = serde_urlencoded::to_string(&fields)
            .map_err(|_| Failure::BadRequest("Isian formulir tidak sah.".into()).into_response())?;
        let form =
            checked_form(encoded.as_bytes(), &session).map_err(IntoResponse::into_response)?;
        Ok(PostedFile { form, file })
    }
}

/// Compares secrets in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && !a.is_empty()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The value of a cookie of the request.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

fn set_cookie(state: &AppState, name: &str, value: &str, path: &str, max_age: i64) -> String {
    format!(
        "{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Strict{}",
        if state.settings.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    )
}

pub(crate) fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, location.to_string())]).into_response()
}

fn to_sign_in() -> Response {
    see_other("/masuk")
}

const REFUSED: &str = "Nama pengguna atau kata sandi salah.";

/// A password checked for a user from a client address that has not failed too often; or how long that address
/// must wait. Failures count per address and per address and account ([`SignInFailures`]), so that an attacker's
/// address is slowed while the owner signs in from anywhere else; an address over its limit has its password not
/// even checked. The sign-in form and the change of one's own password go through here.
///
/// [`SignInFailures`]: crate::http::ratelimit::SignInFailures
pub(crate) async fn checked_password(
    state: &AppState,
    ip: IpAddr,
    username: &str,
    password: &str,
) -> Result<Result<Option<User>, Duration>, Failure> {
    let failures = &state.limits.sign_in_failures;
    if let Err(wait) = failures.begin(ip, username, Instant::now()) {
        return Ok(Err(wait));
    }
    let user = state.store.login(username, password).await?;
    if user.is_some() {
        failures.forgive(ip, username, Instant::now());
    }
    Ok(Ok(user))
}

/// What an address that failed too often is told: how long to wait, and that the account itself is not locked.
pub(crate) fn throttled(wait: Duration) -> String {
    let seconds = retry_seconds(wait);
    let when = if seconds < 60 {
        format!("{seconds} detik")
    } else {
        format!("{} menit", seconds.div_ceil(60))
    };
    format!(
        "Terlalu banyak kata sandi salah dari alamat Anda. Tunggu {when}, lalu coba lagi. Akun tidak dikunci: \
         dari alamat lain pemiliknya tetap dapat masuk."
    )
}

/// Why the sign-in form is shown again.
enum SignInRefused {
    Nothing,
    Wrong,
    Throttled(Duration),
}

fn sign_in_page(token: &str, refused: SignInRefused, username: &str) -> maud::Markup {
    layout::public(
        "Masuk",
        html! {
            section.narrow {
                h1 { "Masuk" }
                @match refused {
                    SignInRefused::Nothing => {}
                    SignInRefused::Wrong => p.alert role="alert" { (REFUSED) }
                    SignInRefused::Throttled(wait) => p.alert role="alert" { (throttled(wait)) }
                }
                form method="post" action="/masuk" {
                    input type="hidden" name="csrf" value=(token);
                    label for="username" { "Nama pengguna" }
                    input #username name="username" autocomplete="username" required value=(username);
                    label for="password" { "Kata sandi" }
                    input #password name="password" type="password" autocomplete="current-password" required;
                    button type="submit" { "Masuk" }
                }
                p.hint {
                    "Kata sandi yang berulang kali salah membuat alamat asalnya harus menunggu sebelum mencoba lagi."
                }
            }
        },
    )
}

pub(crate) async fn login_form(State(state): State<AppState>) -> Result<Response, Failure> {
    let token = kinerja_storage::random_token()?;
    let cookie = set_cookie(&state, LOGIN_COOKIE, &token, "/masuk", 3600);
    Ok((
        [(SET_COOKIE, cookie)],
        sign_in_page(&token, SignInRefused::Nothing, ""),
    )
        .into_response())
}

#[derive(Deserialize)]
pub(crate) struct SignIn {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

pub(crate) async fn login(
    State(state): State<AppState>,
    SignInAllowed(ip): SignInAllowed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let form: SignIn = serde_urlencoded::from_bytes(&body)
        .map_err(|_| Failure::BadRequest("Isian formulir tidak lengkap.".into()))?;
    let Some(token) = cookie(&headers, LOGIN_COOKIE).filter(|t| same(t, &form.csrf)) else {
        return Err(Failure::Csrf);
    };
    let username = form.username.trim();
    let user = match checked_password(&state, ip, username, &form.password).await? {
        Ok(Some(user)) => user,
        Ok(None) => {
            return Ok((
                StatusCode::UNAUTHORIZED,
                sign_in_page(&token, SignInRefused::Wrong, username),
            )
                .into_response())
        }
        Err(wait) => {
            return Ok((
                StatusCode::TOO_MANY_REQUESTS,
                [(RETRY_AFTER, retry_seconds(wait).to_string())],
                sign_in_page(&token, SignInRefused::Throttled(wait), username),
            )
                .into_response());
        }
    };
    let mut response = start_session(&state, &user.username, "/").await?;
    add_cookie(
        &mut response,
        set_cookie(&state, LOGIN_COOKIE, "", "/masuk", 0),
    )?;
    Ok(response)
}

/// Starts a session for the user and sends the browser on to `location` holding it: after signing in, and after
/// a password change has ended every session of the user, this browser's included.
pub(crate) async fn start_session(
    state: &AppState,
    username: &str,
    location: &str,
) -> Result<Response, Failure> {
    let made = state.store.create_session(username).await?;
    let mut response = see_other(location);
    add_cookie(
        &mut response,
        set_cookie(state, SESSION_COOKIE, &made.token, "/", SESSION_SECONDS),
    )?;
    Ok(response)
}

fn add_cookie(response: &mut Response, cookie: String) -> Result<(), Failure> {
    let value = cookie
        .parse()
        .map_err(|_| Failure::BadRequest("kuki tidak sah".into()))?;
    response.headers_mut().append(SET_COOKIE, value);
    Ok(())
}

#[derive(Deserialize)]
pub(crate) struct NoFields {}

pub(crate) async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    _: Posted<NoFields>,
) -> Result<Response, Failure> {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        state.store.delete_session(&token).await?;
    }
    Ok((
        [(SET_COOKIE, set_cookie(&state, SESSION_COOKIE, "", "/", 0))],
        see_other("/masuk"),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cookies_and_compares_tokens() {
        let mut h = HeaderMap::new();
        h.insert(COOKIE, "a=1; kinerja_sesi=abc; b=".parse().unwrap());
        assert_eq!(cookie(&h, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "b"), None);
        assert_eq!(cookie(&h, "c"), None);
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("", ""));
        assert!(!same("abc", "abcd"));
    }

    #[test]
    fn upload_bodies_have_room_for_the_form_and_do_not_overflow() {
        assert_eq!(body_limit(1024), 1024 + FORM_OVERHEAD);
        assert_eq!(body_limit(usize::MAX), usize::MAX);
    }
}
