//! The web application: server-rendered Indonesian pages (maud, compiled in), the stylesheet embedded in the
//! binary, no JavaScript. Every route checks the session, the role and the unit on the server; every POST carries
//! the session's CSRF token. The JSON API under `/api/v1` is authorised by bearer tokens only (see `api`). Figures come from `kinerja_domain::measure`, numbers are written through
//! `kinerja_domain::number`, charts through `kinerja_documents::charts`, documents through `kinerja_documents`.

mod access;
mod api;
mod audit_page;
mod dashboard;
mod downloads;
mod entry;
mod failure;
mod format;
mod layout;
mod overview;
mod session;

use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use kinerja_storage::Store;
use std::sync::Arc;

/// How the server runs.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The server is reached over HTTPS (directly or behind a proxy): cookies get `Secure`, responses HSTS.
    pub secure_cookies: bool,
}

#[derive(Clone)]
pub(crate) struct AppState {
    pub store: Store,
    pub settings: Arc<Settings>,
}

/// The whole application as a router (tests drive it in-process).
pub fn app(store: Store, settings: Settings) -> Router {
    let settings = Arc::new(settings);
    let state = AppState {
        store,
        settings: settings.clone(),
    };
    Router::new()
        .route("/", get(overview::home))
        .route("/masuk", get(session::login_form).post(session::login))
        .route("/keluar", post(session::logout))
        .route("/pemda/{year}", get(overview::page))
        .route("/unit/{code}/{year}", get(dashboard::page))
        .route(
            "/unit/{code}/{year}/realisasi",
            get(entry::page).post(entry::save),
        )
        .route("/unit/{code}/{year}/{file}", get(downloads::document))
        .route("/audit", get(audit_page::page))
        .route("/aset/kinerja.css", get(stylesheet))
        .merge(api::routes())
        .fallback(failure::not_found)
        .layer(middleware::from_fn_with_state(settings, security_headers))
        .with_state(state)
}

/// Serves the application on a bound listener until the process ends.
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: Store,
    settings: Settings,
) -> std::io::Result<()> {
    axum::serve(listener, app(store, settings)).await
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
