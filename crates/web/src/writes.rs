//! How a page answers a write through the store's `Editing`: on success, back to the page (post-redirect-get)
//! with a confirmation; when the store refuses — a stale version, data left invalid, a record of another unit —
//! the page again with why, and nothing written.

use crate::failure::Failure;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_storage::StoreError;
use maud::{html, Markup};

/// What a page says at its top after a step.
pub(crate) enum Notice {
    Done(String),
    Refused(String),
}

impl Notice {
    pub(crate) fn markup(notice: Option<&Notice>) -> Markup {
        html! {
            @match notice {
                Some(Notice::Done(m)) => p.ok role="status" { (m) },
                Some(Notice::Refused(m)) => p.alert role="alert" { (m) },
                None => {},
            }
        }
    }
}

/// A write the store refused: the status to answer with and the message for the page.
pub(crate) struct Refusal {
    pub status: StatusCode,
    pub message: String,
}

impl Refusal {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Refusal {
        Refusal {
            status,
            message: message.into(),
        }
    }
}

pub(crate) fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, location.to_string())]).into_response()
}

/// Turns the store's answer into a redirect to `location`, a refusal to show on the page, or a failure of the
/// server.
pub(crate) fn after_write<T>(
    result: Result<T, StoreError>,
    location: &str,
) -> Result<Result<Response, Refusal>, Failure> {
    match result {
        Ok(_) => Ok(Ok(see_other(location))),
        Err(StoreError::Conflict { .. }) => Ok(Err(Refusal::new(
            StatusCode::CONFLICT,
            "Data ini sudah diubah pengguna lain sejak halaman dibuka; isian Anda belum disimpan. Periksa keadaannya \
             sekarang, lalu ulangi.",
        ))),
        Err(StoreError::Invalid(e)) => Ok(Err(Refusal::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            e.to_string(),
        ))),
        Err(StoreError::Refused(m)) => Ok(Err(Refusal::new(StatusCode::FORBIDDEN, m))),
        Err(StoreError::NotFound { kind, key }) => Ok(Err(Refusal::new(
            StatusCode::NOT_FOUND,
            format!("{kind} '{key}' tidak ada."),
        ))),
        Err(e) => Err(e.into()),
    }
}
