//! Files sent to be saved under a name, never shown as a page of this site.

use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use kinerja_documents::Format;

/// `bytes` of type `media_type`, to save as `name`.
pub(crate) fn attachment(media_type: &str, name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (CONTENT_TYPE, media_type.to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", name.replace('"', "")),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// The media type of a document's format.
pub(crate) fn media_type(format: Format) -> &'static str {
    match format {
        Format::Pdf => "application/pdf",
        Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Format::Json => "application/json",
    }
}
