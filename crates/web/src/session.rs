//! Sign-in, sign-out, and the extractors every other route uses: [`Signed`] (a live session, else off to the
//! sign-in page) and [`Posted`] (a live session and a form carrying its CSRF token).
//!
//! The session cookie holds a random 256-bit token (only its hash is stored), `HttpOnly`, `SameSite=Strict`, and
//! `Secure` when the server says it is reached over HTTPS. The sign-in form, having no session yet, is protected
//! by a double-submit token: a cookie and a hidden field that must match.

use crate::failure::Failure;
use crate::layout;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kinerja_storage::{Accounts, Session, LOCK_SECONDS, MAX_FAILED_LOGINS, SESSION_SECONDS};
use maud::html;
use serde::de::DeserializeOwned;
use serde::Deserialize;

pub(crate) const SESSION_COOKIE: &str = "kinerja_sesi";
const LOGIN_COOKIE: &str = "kinerja_masuk";

/// A signed-in user's session. Without one, the request is sent to the sign-in page.
pub(crate) struct Signed(pub Session);

impl FromRequestParts<AppState> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(to_sign_in());
        };
        match state.store.session(&token).await {
            Ok(Some(session)) => Ok(Signed(session)),
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
        let field: CsrfField = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        if !same(&field.csrf, &session.csrf) {
            return Err(Failure::Csrf.into_response());
        }
        let form = serde_urlencoded::from_bytes(&bytes).map_err(|_| {
            Failure::BadRequest("Isian formulir tidak lengkap.".into()).into_response()
        })?;
        Ok(Posted { session, form })
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

fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, location.to_string())]).into_response()
}

fn to_sign_in() -> Response {
    see_other("/masuk")
}

const REFUSED: &str = "Nama pengguna atau kata sandi salah, atau akun sedang dikunci.";

fn sign_in_page(token: &str, error: bool, username: &str) -> maud::Markup {
    layout::public(
        "Masuk",
        html! {
            section.narrow {
                h1 { "Masuk" }
                @if error {
                    p.alert role="alert" { (REFUSED) }
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
                    "Setelah " (MAX_FAILED_LOGINS) " kali gagal berturut-turut, akun dikunci "
                    (LOCK_SECONDS / 60) " menit."
                }
            }
        },
    )
}

pub(crate) async fn login_form(State(state): State<AppState>) -> Result<Response, Failure> {
    let token = kinerja_storage::random_token()?;
    let cookie = set_cookie(&state, LOGIN_COOKIE, &token, "/masuk", 3600);
    Ok(([(SET_COOKIE, cookie)], sign_in_page(&token, false, "")).into_response())
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
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let form: SignIn = serde_urlencoded::from_bytes(&body)
        .map_err(|_| Failure::BadRequest("Isian formulir tidak lengkap.".into()))?;
    let Some(token) = cookie(&headers, LOGIN_COOKIE).filter(|t| same(t, &form.csrf)) else {
        return Err(Failure::Csrf);
    };
    let username = form.username.trim();
    let Some(user) = state.store.login(username, &form.password).await? else {
        return Ok((
            StatusCode::UNAUTHORIZED,
            sign_in_page(&token, true, username),
        )
            .into_response());
    };
    let made = state.store.create_session(&user.username).await?;
    let mut response = see_other("/");
    let headers = response.headers_mut();
    for cookie in [
        set_cookie(&state, SESSION_COOKIE, &made.token, "/", SESSION_SECONDS),
        set_cookie(&state, LOGIN_COOKIE, "", "/masuk", 0),
    ] {
        headers.append(
            SET_COOKIE,
            cookie
                .parse()
                .map_err(|_| Failure::BadRequest("kuki tidak sah".into()))?,
        );
    }
    Ok(response)
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
}
