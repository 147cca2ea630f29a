//! The extractors that open the routes: who is signed in, whether they hold the right the route needs — on the
//! unit its address names or beyond any unit — and the year in the address, decided here once so that no handler
//! repeats it. [`UnitYear`] for `/unit/{code}/{year}/…`, [`Unit`] for a unit's addresses without a year,
//! [`Granted`] for a right that is not a unit's, [`PemdaYear`] for the roll-up. The other segments of an address
//! (`{id}`, `{file}`) are the handler's to read, by their names.
//!
//! When several refusals apply, the first of these wins:
//! 1. no live session: off to the sign-in page, whatever the rest of the address holds;
//! 2. no right on the unit (or beyond it): 403, before the year is read, so that an address tells a user without
//!    the right nothing but that;
//! 3. a year that is not one: 404;
//! 4. then a form's own checks, its CSRF token and then its fields ([`Posted`](super::session::Posted),
//!    [`PostedFile`](super::session::PostedFile)): a form is the handler's last argument, so that its body is read
//!    only for a caller who may act on the unit-year.
//!
//! The API (bearer tokens, JSON errors) refuses in the same order through [`unit`], [`granted`] and [`year`].

use crate::access::{ReadAll, UnitRight, UserRight};
use crate::http::failure::Failure;
use crate::http::session::Signed;
use crate::AppState;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use kinerja_storage::{Session, User};
use serde::Deserialize;
use std::marker::PhantomData;

/// `Unit(code, session, _)`: the unit in the address (`{code}`), for a signed-in user holding right `R` on it.
pub(crate) struct Unit<R>(pub String, pub Session, pub Held<R>);

/// `UnitYear(code, year, session, _)`: the unit and the year in the address (`{code}`, `{year}`), for a signed-in
/// user holding right `R` on the unit.
pub(crate) struct UnitYear<R>(pub String, pub i32, pub Session, pub Held<R>);

/// `Granted(session, _)`: a signed-in user holding right `R`, which is not a unit's.
pub(crate) struct Granted<R>(pub Session, pub Held<R>);

/// That right `R` was checked: only this module makes one, so only its extractors make the values above.
pub(crate) struct Held<R>(PhantomData<R>);

/// `PemdaYear(year, session)`: the year in the address of the pemda roll-up, for a user who reads every unit.
pub(crate) struct PemdaYear(pub i32, pub Session);

/// The `{id}` segment of an address, read as `Path(Id { id })`.
#[derive(Deserialize)]
pub(crate) struct Id {
    pub id: String,
}

/// The `{file}` segment of an address, read as `Path(File { file })`.
#[derive(Deserialize)]
pub(crate) struct File {
    pub file: String,
}

/// Why an address is refused to a caller already known (by a session or an API token).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    NoRight,
    /// The year as written.
    NotAYear(String),
}

impl From<Refused> for Failure {
    fn from(refused: Refused) -> Failure {
        match refused {
            Refused::NoRight => Failure::Forbidden,
            Refused::NotAYear(text) => Failure::NotFound(unknown_year(&text)),
        }
    }
}

/// What a year that is not one is told, on the pages and in the API.
pub(crate) fn unknown_year(text: &str) -> String {
    format!("Tahun '{text}' tidak dikenal.")
}

fn param<'a>(params: &'a RawPathParams, name: &str) -> Option<&'a str> {
    params.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
}

/// The unit of the address, if `user` holds right `R` on it; an address without one is refused alike.
pub(crate) fn unit<R: UnitRight>(params: &RawPathParams, user: &User) -> Result<String, Refused> {
    param(params, "code")
        .filter(|code| R::allows(user, code))
        .map(str::to_string)
        .ok_or(Refused::NoRight)
}

/// Right `R`, which is not a unit's.
pub(crate) fn granted<R: UserRight>(user: &User) -> Result<(), Refused> {
    R::allows(user).then_some(()).ok_or(Refused::NoRight)
}

/// The year of the address.
pub(crate) fn year(params: &RawPathParams) -> Result<i32, Refused> {
    parse_year(param(params, "year").unwrap_or_default())
}

/// A year as an address writes it: four digits, 1900–2999.
fn parse_year(text: &str) -> Result<i32, Refused> {
    text.parse::<i32>()
        .ok()
        .filter(|y| (1900..=2999).contains(y))
        .ok_or_else(|| Refused::NotAYear(text.to_string()))
}

/// The segments of the address.
async fn params(parts: &mut Parts, state: &AppState) -> Result<RawPathParams, Response> {
    RawPathParams::from_request_parts(parts, state)
        .await
        .map_err(IntoResponse::into_response)
}

fn refuse(refused: Refused) -> Response {
    Failure::from(refused).into_response()
}

impl<R: UnitRight> FromRequestParts<AppState> for Unit<R> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Signed(session) = Signed::from_request_parts(parts, state).await?;
        let code = unit::<R>(&params(parts, state).await?, &session.user).map_err(refuse)?;
        Ok(Unit(code, session, Held(PhantomData)))
    }
}

impl<R: UnitRight> FromRequestParts<AppState> for UnitYear<R> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Unit(code, session, _) = Unit::<R>::from_request_parts(parts, state).await?;
        let year = year(&params(parts, state).await?).map_err(refuse)?;
        Ok(UnitYear(code, year, session, Held(PhantomData)))
    }
}

impl<R> UnitYear<R> {
    /// Refused as the address would be, unless the user holds right `N` on the unit too: for a form that decides
    /// which right it needs (the LKE's two sides).
    pub(crate) fn also<N: UnitRight>(&self) -> Result<(), Failure> {
        let UnitYear(code, _, session, _) = self;
        if N::allows(&session.user, code) {
            Ok(())
        } else {
            Err(Refused::NoRight.into())
        }
    }
}

impl<R: UserRight> FromRequestParts<AppState> for Granted<R> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Signed(session) = Signed::from_request_parts(parts, state).await?;
        granted::<R>(&session.user).map_err(refuse)?;
        Ok(Granted(session, Held(PhantomData)))
    }
}

impl FromRequestParts<AppState> for PemdaYear {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Granted(session, _) = Granted::<ReadAll>::from_request_parts(parts, state).await?;
        let year = year(&params(parts, state).await?).map_err(refuse)?;
        Ok(PemdaYear(year, session))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{Approve, Read};
    use crate::http::session::{NoFields, Posted, SESSION_COOKIE};
    use crate::Settings;
    use axum::body::{to_bytes, Body};
    use axum::http::header::{COOKIE, LOCATION};
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use axum::Router;
    use kinerja_storage::{Accounts, NewUser, OpenOptions, Role, Store};
    use tower::ServiceExt;

    async fn read(UnitYear(code, year, ..): UnitYear<Read>) -> String {
        format!("{code} {year}")
    }

    async fn read_form(UnitYear(code, year, ..): UnitYear<Read>, _: Posted<NoFields>) -> String {
        format!("{code} {year}")
    }

    async fn approve(UnitYear(code, ..): UnitYear<Approve>) -> String {
        code
    }

    async fn approve_form(UnitYear(code, ..): UnitYear<Approve>, _: Posted<NoFields>) -> String {
        code
    }

    async fn roll_up(PemdaYear(year, _): PemdaYear) -> String {
        year.to_string()
    }

    /// (status, where it leads, what the page says)
    async fn send(app: &Router, request: Request<Body>) -> (StatusCode, String, String) {
        let answer = app.clone().oneshot(request).await.unwrap();
        let status = answer.status();
        let location = answer
            .headers()
            .get(LOCATION)
            .map(|l| l.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = to_bytes(answer.into_body(), usize::MAX).await.unwrap();
        (status, location, String::from_utf8(body.to_vec()).unwrap())
    }

    /// The admin pemda reads every unit but approves no PK (only a unit's pimpinan does): one user shows a right
    /// held and one refused.
    #[tokio::test]
    async fn sign_in_wins_then_the_right_then_the_year_then_the_form() {
        let dir = std::env::temp_dir().join(format!("kinerja_guard_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}", dir.join("uji.db").display());
        let options = OpenOptions {
            create: true,
            ..OpenOptions::default()
        };
        let store = Store::open(&url, options).await.unwrap();
        let admin = NewUser {
            username: "admin".into(),
            display_name: "Admin".into(),
            role: Role::AdminPemda,
            units: Vec::new(),
        };
        store
            .create_user(&admin, "kata-sandi-uji-panjang", "uji")
            .await
            .unwrap();
        let made = store.create_session("admin").await.unwrap();
        let app = Router::new()
            .route("/baca/{code}/{year}", get(read).post(read_form))
            .route("/setujui/{code}/{year}", get(approve).post(approve_form))
            .route("/pemda/{year}", get(roll_up))
            .with_state(AppState::new(store, Settings::default()));
        let cookie = format!("{SESSION_COOKIE}={}", made.token);
        let request = |method: &str, path: &str, cookie: &str, form: &str| {
            Request::builder()
                .method(method)
                .uri(path)
                .header(COOKIE, cookie)
                .body(Body::from(form.to_string()))
                .unwrap()
        };
        let csrf = format!("csrf={}", made.session.csrf);
        let (no_right, bad_form, unknown_year) = (
            "Akses ditolak",
            "Formulir ditolak",
            "Tahun 'abcd' tidak dikenal.",
        );
        // (method, path, signed in, form, status, the page says)
        let cases = [
            // 1. Without a session, the sign-in page: even with no right and no year.
            (
                "GET",
                "/setujui/x/abcd",
                false,
                "",
                StatusCode::SEE_OTHER,
                "",
            ),
            (
                "POST",
                "/setujui/x/abcd",
                false,
                "",
                StatusCode::SEE_OTHER,
                "",
            ),
            // 2. Without the right, 403: the year is not looked at, nor the form.
            (
                "GET",
                "/setujui/x/abcd",
                true,
                "",
                StatusCode::FORBIDDEN,
                no_right,
            ),
            (
                "POST",
                "/setujui/x/abcd",
                true,
                "",
                StatusCode::FORBIDDEN,
                no_right,
            ),
            (
                "GET",
                "/setujui/x/2024",
                true,
                "",
                StatusCode::FORBIDDEN,
                no_right,
            ),
            // 3. With the right, a year that is not one: 404, before the form is read.
            (
                "GET",
                "/baca/x/abcd",
                true,
                "",
                StatusCode::NOT_FOUND,
                unknown_year,
            ),
            (
                "POST",
                "/baca/x/abcd",
                true,
                "",
                StatusCode::NOT_FOUND,
                unknown_year,
            ),
            (
                "GET",
                "/pemda/abcd",
                true,
                "",
                StatusCode::NOT_FOUND,
                unknown_year,
            ),
            // 4. Then the form's token.
            (
                "POST",
                "/baca/x/2024",
                true,
                "",
                StatusCode::FORBIDDEN,
                bad_form,
            ),
            (
                "POST",
                "/baca/x/2024",
                true,
                &csrf,
                StatusCode::OK,
                "x 2024",
            ),
            ("GET", "/baca/x/2024", true, "", StatusCode::OK, "x 2024"),
            ("GET", "/pemda/2024", true, "", StatusCode::OK, "2024"),
        ];
        for (method, path, signed, form, status, says) in cases {
            let cookie = if signed { cookie.as_str() } else { "" };
            let (got, location, body) = send(&app, request(method, path, cookie, form)).await;
            assert_eq!(got, status, "{method} {path} signed in: {signed}");
            assert!(body.contains(says), "{method} {path}: {body}");
            if !signed {
                assert_eq!(location, "/masuk");
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn years_are_four_digits_from_1900() {
        let refused = |text: &str| Err(Refused::NotAYear(text.to_string()));
        assert_eq!(parse_year("2024"), Ok(2024));
        assert_eq!(parse_year("1900"), Ok(1900));
        for text in ["1899", "3000", "20x4", "", "2024 "] {
            assert_eq!(parse_year(text), refused(text), "{text}");
        }
    }
}
