//! How a page answers a write through the store's `Editing`: on success, back to the page (post-redirect-get)
//! with a confirmation; when the store refuses — a stale version, data left invalid, a record of another unit —
//! the page again with why, and nothing written.

use crate::http::failure::Failure;
use crate::http::session::see_other;
use crate::AppState;
use axum::http::StatusCode;
use axum::response::Response;
use kinerja_domain::record::Record;
use kinerja_storage::{Edit, Editing, Keyed, Session, StoreError};
use maud::{html, Markup};
use std::future::Future;

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

/// A write of a unit-year's one record of a kind (the LKE's `akip`, `ipp`, `paten`): the record as read with its
/// version, and the version the page was read at (empty: there was no record yet).
pub(crate) struct UnitYearWrite<'a, T> {
    /// How a conflict names the record ("LKE ini").
    pub what: &'a str,
    pub code: &'a str,
    pub session: &'a Session,
    pub found: Option<Keyed<T>>,
    pub version: &'a str,
    /// Where to go after the write.
    pub location: &'a str,
}

impl<T: Record + Sync> UnitYearWrite<'_, T> {
    /// The version the page was read at; `None` when there was no record.
    fn expected(&self) -> Result<Option<i64>, Failure> {
        match self.version.trim() {
            "" => Ok(None),
            typed => typed
                .parse::<i64>()
                .map(Some)
                .map_err(|_| Failure::BadRequest(format!("Versi '{typed}' tidak sah."))),
        }
    }

    /// Why the write cannot go ahead when the record changed since the page was read (checked again, atomically,
    /// by the store); a step with a side effect (storing an uploaded file) asks before it.
    pub(crate) fn stale(&self) -> Result<Option<Notice>, Failure> {
        let expected = self.expected()?;
        Ok(match (&self.found, expected) {
            (Some(current), Some(v)) if current.record.version != v => Some(Notice::Refused(format!(
                "{} sudah diubah oleh {} sejak halaman dibuka; isian Anda belum disimpan. Periksa keadaannya \
                 sekarang, lalu ulangi.",
                self.what, current.record.updated_by
            ))),
            _ => None,
        })
    }

    /// Writes the record (or `blank`, when there was none) changed by `change` through the store's `Editing`, with
    /// its audit entry: back to `location`, or the page again through `again` with the status and why not.
    pub(crate) async fn run<Fut>(
        self,
        state: &AppState,
        blank: T,
        change: impl FnOnce(T) -> T,
        again: impl FnOnce(StatusCode, Notice) -> Fut,
    ) -> Result<Response, Failure>
    where
        Fut: Future<Output = Result<Response, Failure>>,
    {
        let expected = self.expected()?;
        if let Some(notice) = self.stale()? {
            return again(StatusCode::CONFLICT, notice).await;
        }
        let current = self.found.map_or(blank, |k| k.record.value);
        let next = change(current);
        let edit = Edit {
            writer: self.session.user.writer(),
            unit: self.code,
            key: None,
            expected_version: expected,
        };
        let result = state
            .store
            .save_record(edit, &next, &self.session.user.username)
            .await;
        match after_write(result, self.location)? {
            Ok(redirect) => Ok(redirect),
            Err(r) => again(r.status, Notice::Refused(r.message)).await,
        }
    }
}
