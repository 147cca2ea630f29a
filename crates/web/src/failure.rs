//! What a request that cannot be served gets: a status and an Indonesian page saying why, never internals.

use crate::layout;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_storage::StoreError;

#[derive(Debug)]
pub(crate) enum Failure {
    /// Signed in, but the role or the unit does not allow it.
    Forbidden,
    /// A form without this session's token (or the sign-in form's).
    Csrf,
    NotFound(String),
    BadRequest(String),
    Store(StoreError),
    Document(String),
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
            Failure::Store(e) => {
                eprintln!("kesalahan basis data: {e}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Kesalahan server",
                    "Basis data tidak dapat dibaca atau ditulis. Coba lagi; bila berulang, hubungi admin.".to_string(),
                )
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

pub(crate) async fn not_found() -> Failure {
    Failure::NotFound("Halaman ini tidak ada.".into())
}

/// A year in a path: four digits.
pub(crate) fn year(text: &str) -> Result<i32, Failure> {
    text.parse::<i32>()
        .ok()
        .filter(|y| (1900..=2999).contains(y))
        .ok_or_else(|| Failure::NotFound(format!("Tahun '{text}' tidak dikenal.")))
}
