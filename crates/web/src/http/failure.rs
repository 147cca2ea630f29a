//! What a request that cannot be served gets: a status and an Indonesian page saying why, never internals.

use crate::http::layout;
use axum::http::header::RETRY_AFTER;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_storage::StoreError;
use std::time::Duration;

#[derive(Debug)]
pub(crate) enum Failure {
    /// Signed in, but the role or the unit does not allow it.
    Forbidden,
    /// A form without this session's token (or the sign-in form's).
    Csrf,
    NotFound(String),
    BadRequest(String),
    /// An upload over the limit, in bytes.
    TooLarge(usize),
    Store(StoreError),
    Document(String),
    /// Over a rate limit; a token is back after this long.
    TooMany(Duration),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let (status, title, text) = match self {
            Failure::Forbidden => (
                StatusCode::FORBIDDEN,
                "Akses ditolak",
                "Peran Anda tidak mengizinkan tindakan ini pada unit ini.".to_string(),
            ),
            Failure::Csrf => (
                StatusCode::FORBIDDEN,
                "Formulir ditolak",
                "Token keamanan formulir tidak ada atau tidak cocok. Muat ulang halaman lalu kirim lagi."
                    .to_string(),
            ),
            Failure::NotFound(what) => (StatusCode::NOT_FOUND, "Tidak ditemukan", what),
            Failure::BadRequest(why) => (StatusCode::BAD_REQUEST, "Permintaan tidak sah", why),
            Failure::TooLarge(limit) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "Berkas terlalu besar",
                format!(
                    "Berkas paling besar {}. Perkecil berkasnya (misalnya pindai ulang dengan resolusi lebih \
                     rendah atau pecah menjadi beberapa berkas), lalu unggah lagi. Tidak ada yang disimpan.",
                    crate::http::format::bytes(limit)
                ),
            ),
            Failure::Store(e) => {
                eprintln!("kesalahan basis data: {e}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Kesalahan server",
                    "Basis data tidak dapat dibaca atau ditulis. Coba lagi; bila berulang, hubungi admin.".to_string(),
                )
            }
            Failure::TooMany(wait) => {
                let seconds = retry_seconds(wait);
                let text = format!(
                    "Terlalu banyak percobaan dalam waktu singkat. Tunggu {seconds} detik, lalu coba lagi."
                );
                return (
                    StatusCode::TOO_MANY_REQUESTS,
                    [(RETRY_AFTER, seconds.to_string())],
                    layout::message("Terlalu banyak permintaan", &text),
                )
                    .into_response();
            }
            Failure::Document(e) => {
                eprintln!("dokumen gagal disusun: {e}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Dokumen gagal disusun",
                    "Dokumen tidak dapat disusun dari data saat ini.".to_string(),
                )
            }
        };
        (status, layout::message(title, &text)).into_response()
    }
}

/// A wait as Retry-After gives it: whole seconds, rounded up (a client retrying on the dot must find its token
/// back), at least one.
pub(crate) fn retry_seconds(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

pub(crate) async fn not_found() -> Failure {
    Failure::NotFound("Halaman ini tidak ada.".into())
}

/// Storage's answer to a change a form asked for, split: a refusal (a short password, an unknown unit) is a
/// sentence for the form to show; anything else fails the request.
pub(crate) fn refusal<T>(result: Result<T, StoreError>) -> Result<Result<T, String>, Failure> {
    match result {
        Ok(value) => Ok(Ok(value)),
        Err(StoreError::Refused(m)) => Ok(Err(sentence(&m))),
        Err(e @ StoreError::NotFound { .. }) => Ok(Err(sentence(&e.to_string()))),
        Err(e) => Err(e.into()),
    }
}

/// A message of the lower layers (`kata sandi terlalu pendek: …`) as a sentence for a page.
pub(crate) fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect::<String>() + ".")
        .unwrap_or_default()
}
