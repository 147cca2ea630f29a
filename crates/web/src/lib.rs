//! The web application: server-rendered Indonesian pages (maud, compiled in), the stylesheet embedded in the
//! binary, no JavaScript. Every route checks the session, the role and the unit on the server through the guards of
//! `http::guard` (the policy is `access`), and every POST carries the session's CSRF token — except the public
//! survey form (`survey::form`), which has its own defences. The JSON API under `/api/v1` is authorised by bearer
//! tokens only (see `api`). Figures come from `kinerja_domain::measure`, numbers are written through
//! `kinerja_domain::number`, charts through `kinerja_documents::charts`, documents through `kinerja_documents`.
//!
//! The pages are grouped by area (`planning`, `realisation`, `survey`, `evaluation`, `documents`, `accounts`,
//! `pemda`) over the HTTP plumbing (`http`), the helpers every page of a unit shares (`unit`) and the evidence
//! files (`evidence`).

mod access;
mod accounts;
mod api;
mod documents;
mod evaluation;
mod evidence;
mod http;
mod pemda;
mod planning;
mod realisation;
mod survey;
mod unit;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::handler::Handler;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use http::session::upload_limit;
use http::table::{get, post, Table};
use kinerja_storage::{Store, SurveyWriter};
use std::sync::Arc;
use std::time::Duration;

pub use http::connections::{ConnectionLimits, MAX_REFUSING};
pub use http::limiter::Limit;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The server is reached over HTTPS (directly or behind a proxy): cookies get `Secure`, responses HSTS.
    pub secure_cookies: bool,
    /// The largest evidence file (bukti dukung) accepted, in bytes; a larger upload is refused with 413.
    pub max_evidence_bytes: usize,
    /// Behind a reverse proxy: a client's address is the last one of X-Forwarded-For, not the connection's. Only
    /// with a proxy that sets it, or any client could pick its address and escape its rate limit.
    pub trust_proxy: bool,
    /// Sign-in attempts (POST /masuk) per client address, right or wrong.
    pub sign_in_limit: Limit,
    /// Failed sign-ins (and wrong old passwords on `/akun`) before the address they come from must wait.
    pub sign_in_failures: SignInFailureLimits,
    /// The limits of the public survey.
    pub survey: SurveySettings,
    /// Where the public reaches the server (`https://kinerja.example.go.id`), for the survey addresses printed in
    /// QR codes; without it, the address the staff member's browser used.
    pub public_url: Option<String>,
    /// How long clients may take to send a request, and how many may be connected at once.
    pub connections: ConnectionLimits,
}

/// How many wrong passwords an address may send before it must wait. No account is ever locked: that would let
/// anyone keep its owner out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInFailureLimits {
    /// From one address, to any accounts.
    pub per_address: Limit,
    /// From one address, to one account.
    pub per_account: Limit,
}

impl Default for SignInFailureLimits {
    fn default() -> Self {
        SignInFailureLimits {
            // 30 at once, then 30 an hour.
            per_address: Limit {
                burst: 30,
                every: Duration::from_secs(120),
            },
            // 10 at once, then 20 an hour.
            per_account: Limit {
                burst: 10,
                every: Duration::from_secs(180),
            },
        }
    }
}

/// The limits of the public survey (`/survei/{code}`), against abuse without hurting real respondents, who may
/// share one address (an office's Wi-Fi, a tablet at the counter, a mobile operator's shared address). A service
/// that requires visit codes is limited by its tickets: of these, only `form_limit` and `client_limit` apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SurveySettings {
    /// Openings of the form (GET) per client address, to every service together.
    pub form_limit: Limit,
    /// Submissions per client address, to every service together.
    pub client_limit: Limit,
    /// Submissions per client address (an IPv6 client's /64) to one service.
    pub address_limit: Limit,
    /// Submissions per address block (IPv4 /24, IPv6 /48) to one service.
    pub block_limit: Limit,
    /// Submissions per service from every address: the ceiling. Once it is reached the service stays open, but
    /// each address gets only `busy_address_limit` until the service is below it again.
    pub service_limit: Limit,
    /// Submissions per client address to one service while the service is at its ceiling, counting what the
    /// address sent before.
    pub busy_address_limit: Limit,
    /// The same answers from the same client for the same service within this long are stored once; zero turns
    /// the check off.
    pub duplicate_window: Duration,
}

impl Default for SurveySettings {
    fn default() -> Self {
        SurveySettings {
            form_limit: Limit::per_minute(60),
            client_limit: Limit::per_minute(20),
            address_limit: Limit::per_hour(5),
            block_limit: Limit::per_hour(30),
            service_limit: Limit::per_minute(120),
            busy_address_limit: Limit::per_hour(1),
            duplicate_window: Duration::from_secs(10 * 60),
        }
    }
}

/// The default of [`Settings::max_evidence_bytes`]: 5 MiB, a scanned decree of a few pages.
pub const DEFAULT_MAX_EVIDENCE_BYTES: usize = 5 * 1024 * 1024;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            secure_cookies: false,
            max_evidence_bytes: DEFAULT_MAX_EVIDENCE_BYTES,
            trust_proxy: false,
            sign_in_limit: Limit::per_minute(10),
            sign_in_failures: SignInFailureLimits::default(),
            survey: SurveySettings::default(),
            public_url: None,
            connections: ConnectionLimits::default(),
        }
    }
}

#[derive(Clone)]
pub(crate) struct AppState {
    pub store: Store,
    pub settings: Arc<Settings>,
    pub limits: Arc<http::ratelimit::Limits>,
    pub survey: Arc<SurveyWriter>,
    /// The units' rows of the pemda roll-up, reused while each unit's snapshot stays.
    pub rollup_rows: Arc<pemda::overview::RowCache>,
}

impl AppState {
    fn new(store: Store, settings: Settings) -> AppState {
        let settings = Arc::new(settings);
        AppState {
            limits: Arc::new(http::ratelimit::Limits::new(&settings)),
            survey: Arc::new(SurveyWriter::new(
                store.clone(),
                settings.survey.duplicate_window,
            )),
            store,
            settings,
            rollup_rows: Arc::default(),
        }
    }
}

/// The whole application as a router (tests drive it in-process).
pub fn app(store: Store, settings: Settings) -> Router {
    let state = AppState::new(store, settings);
    let (router, _) = table(&state.settings).finish();
    router
        .fallback(http::failure::not_found)
        .layer(middleware::from_fn(api::json_errors))
        .layer(middleware::from_fn_with_state(
            state.settings.clone(),
            security_headers,
        ))
        .with_state(state)
}

/// Every route of [`app`], in the order it registers them: the method (`"GET"`, `"POST"`, `"PUT"`) and the path
/// as registered (`"/unit/{code}/{year}/ikm"`). Read from the same table the router is built from.
pub fn routes() -> Vec<(&'static str, &'static str)> {
    table(&Settings::default()).finish().1
}

/// The routes and their handlers. The settings give the upload routes their body limits; they change no route.
fn table(settings: &Settings) -> Table {
    let evidence_limit = upload_limit(settings.max_evidence_bytes);
    let table = Table::default()
        .route("/", get(pemda::overview::home))
        .route(
            "/masuk",
            get(http::session::login_form).post(http::session::login),
        )
        .route("/keluar", post(http::session::logout))
        .route("/pemda/{year}", get(pemda::overview::page))
        .route("/pemda/{year}/rekap.xlsx", get(pemda::overview::workbook))
        .route("/unit/{code}/{year}", get(realisation::dashboard::page))
        .route(
            "/unit/{code}/{year}/realisasi",
            get(realisation::entry::page).post(realisation::entry::save),
        )
        .route(
            "/unit/{code}/{year}/realisasi/bukti",
            post(realisation::entry::upload.layer(evidence_limit)),
        )
        .route(
            "/unit/{code}/{year}/impor",
            get(documents::workbook::page).post(
                documents::workbook::upload
                    .layer(upload_limit(documents::workbook::MAX_WORKBOOK_BYTES)),
            ),
        )
        .route("/unit/{code}/data.xlsx", get(documents::workbook::export))
        .route("/templat.xlsx", get(documents::workbook::template))
        .route("/unit/{code}/{year}/rencana", get(planning::plan::page))
        .route(
            "/unit/{code}/{year}/rencana/indikator",
            post(planning::plan::create_indicator),
        )
        .route(
            "/unit/{code}/{year}/rencana/indikator/{id}",
            get(planning::plan::indicator_page).post(planning::plan::update_indicator),
        )
        .route(
            "/unit/{code}/{year}/rencana/target",
            post(planning::plan::save_target),
        )
        .route(
            "/unit/{code}/{year}/rencana/pagu",
            post(planning::plan::add_pagu),
        )
        .route("/unit/{code}/{year}/reviu", get(evaluation::review::page))
        .route("/unit/{code}/{year}/narasi", get(planning::narrative::page))
        .route(
            "/unit/{code}/{year}/narasi/simpan",
            post(planning::narrative::save),
        )
        .route(
            "/unit/{code}/{year}/narasi/hapus",
            post(planning::narrative::delete),
        )
        .route(
            "/unit/{code}/{year}/rekomendasi",
            get(evaluation::follow_up::page).post(evaluation::follow_up::create),
        )
        .route(
            "/unit/{code}/{year}/rekomendasi/aksi",
            post(evaluation::follow_up::save_action),
        )
        .route(
            "/unit/{code}/{year}/rekomendasi/bukti",
            post(evaluation::follow_up::upload.layer(evidence_limit)),
        )
        .route(
            "/unit/{code}/{year}/lke",
            get(evaluation::lke::page).post(evaluation::lke::save),
        )
        .route(
            "/unit/{code}/{year}/lke/lhe",
            post(evaluation::lke::save_lhe),
        )
        .route(
            "/unit/{code}/{year}/ipp",
            get(evaluation::ipp::page).post(evaluation::ipp::save),
        )
        .route(
            "/unit/{code}/{year}/paten",
            get(evaluation::paten::page).post(evaluation::paten::save_score),
        )
        .route(
            "/unit/{code}/{year}/paten/persyaratan",
            post(evaluation::paten::save_requirement),
        )
        .route(
            "/unit/{code}/{year}/paten/bukti",
            post(evaluation::paten::upload.layer(evidence_limit)),
        )
        .route(
            "/unit/{code}/{year}/layanan",
            get(survey::services::page).post(survey::services::create),
        )
        .route(
            "/unit/{code}/{year}/layanan/impor",
            get(survey::import::page).post(
                survey::import::upload.layer(upload_limit(survey::import::MAX_SURVEY_FILE_BYTES)),
            ),
        )
        .route(
            "/unit/{code}/survei-templat.xlsx",
            get(survey::import::template),
        )
        .route(
            "/unit/{code}/survei-contoh.csv",
            get(survey::import::example),
        )
        .route("/unit/{code}/{year}/ikm", get(survey::ikm::page))
        .route(
            "/unit/{code}/{year}/ikm/{file}",
            get(survey::report::download),
        )
        .route(
            "/unit/{code}/{year}/ikm/saran/{id}",
            post(survey::ikm::save_follow_up),
        )
        .route(
            "/unit/{code}/{year}/layanan/{id}",
            post(survey::services::update),
        )
        .route(
            "/unit/{code}/{year}/layanan/{id}/cetak",
            get(survey::services::poster),
        )
        .route(
            "/unit/{code}/{year}/layanan/{id}/qr.svg",
            get(survey::services::qr_svg),
        )
        .route(
            "/unit/{code}/{year}/layanan/{id}/qr.png",
            get(survey::services::qr_png),
        )
        .route(
            "/unit/{code}/{year}/layanan/{id}/poster.pdf",
            get(survey::services::poster_pdf),
        )
        .route(
            "/unit/{code}/{year}/layanan/{id}/kode",
            get(survey::services::codes).post(survey::services::make_codes),
        )
        .route(
            "/survei/{code}",
            get(survey::form::form).post(
                survey::form::submit.layer(DefaultBodyLimit::max(survey::form::MAX_BODY_BYTES)),
            ),
        )
        .route("/unit/{code}/{year}/pk", get(planning::agreement::page))
        .route(
            "/unit/{code}/{year}/pk/ubah",
            post(planning::agreement::update),
        )
        .route(
            "/unit/{code}/{year}/pk/setujui",
            post(planning::agreement::approve),
        )
        .route(
            "/unit/{code}/{year}/pk/kembalikan",
            post(planning::agreement::reopen),
        )
        .route(
            "/unit/{code}/{year}/pk/kunci",
            post(planning::agreement::lock),
        )
        .route(
            "/unit/{code}/{year}/pk/versi-baru",
            post(planning::agreement::revise),
        )
        .route(
            "/unit/{code}/{year}/{file}",
            get(documents::downloads::document),
        )
        .route("/bukti/{code}/{id}", get(evidence::download))
        .route("/audit", get(accounts::audit::page))
        .route(
            "/pengguna",
            get(accounts::users::list).post(accounts::users::create),
        )
        .route(
            "/pengguna/{username}",
            get(accounts::users::page).post(accounts::users::update),
        )
        .route(
            "/pengguna/{username}/sandi",
            post(accounts::users::set_password),
        )
        .route("/token-api", get(accounts::tokens::list))
        .route("/token-api/cabut", post(accounts::tokens::revoke))
        .route("/akun", get(accounts::account::page))
        .route("/akun/token", post(accounts::account::create_token))
        .route("/akun/token/cabut", post(accounts::account::revoke_token))
        .route("/akun/sandi", post(accounts::account::change_password))
        .route("/aset/kinerja.css", get(stylesheet));
    api::routes(table)
}

/// Serves the application on a bound listener until the process ends, within `settings.connections`.
pub async fn serve(listener: tokio::net::TcpListener, store: Store, settings: Settings) {
    let limits = settings.connections;
    http::connections::serve(listener, app(store, settings), limits).await
}

const CSS: &str = include_str!("../assets/kinerja.css");

async fn stylesheet() -> Response {
    (
        [
            ("content-type", "text/css; charset=utf-8"),
            ("cache-control", "public, max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

/// No script may run, nothing may frame the pages, forms post only here.
const POLICY: &str =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
                      frame-ancestors 'none'; base-uri 'none'";

async fn security_headers(
    State(settings): State<Arc<Settings>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if !headers.contains_key(CACHE_CONTROL) {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if settings.secure_cookies {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_route_list_names_each_method_and_path_once() {
        let all = routes();
        let distinct: HashSet<_> = all.iter().collect();
        assert_eq!(distinct.len(), all.len());
        for route in [
            ("GET", "/masuk"),
            ("POST", "/masuk"),
            ("GET", "/unit/{code}/{year}/ikm"),
            ("POST", "/unit/{code}/{year}/realisasi/bukti"),
            (
                "PUT",
                "/api/v1/units/{code}/{year}/realisations/{indicator}",
            ),
        ] {
            assert!(all.contains(&route), "{route:?}");
        }
        assert!(all.iter().all(|(method, path)| {
            ["GET", "POST", "PUT"].contains(method) && path.starts_with('/')
        }));
    }
}
