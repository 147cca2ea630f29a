//! The documents of a unit-year, built from the stored data on request: LKjIP as PDF, DOCX or XLSX, the
//! Perjanjian Kinerja and the Laporan Hasil Evaluasi AKIP as PDF or DOCX.

use crate::access::{may_read, require};
use crate::failure::{self, Failure};
use crate::session::Signed;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use kinerja_documents::{render, Format};
use kinerja_storage::Repository;

#[derive(Clone, Copy)]
enum Kind {
    Lkjip,
    Pk,
    Lhe,
}

fn parse(file: &str) -> Option<(Kind, Format)> {
    Some(match file {
        "lkjip.pdf" => (Kind::Lkjip, Format::Pdf),
        "lkjip.docx" => (Kind::Lkjip, Format::Docx),
        "lkjip.xlsx" => (Kind::Lkjip, Format::Xlsx),
        "pk.pdf" => (Kind::Pk, Format::Pdf),
        "pk.docx" => (Kind::Pk, Format::Docx),
        "lhe.pdf" => (Kind::Lhe, Format::Pdf),
        "lhe.docx" => (Kind::Lhe, Format::Docx),
        _ => return None,
    })
}

pub(crate) fn content_type(format: Format) -> &'static str {
    match format {
        Format::Pdf => "application/pdf",
        Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Format::Json => "application/json",
    }
}

#[derive(serde::Deserialize)]
pub(crate) struct Which {
    /// A PK version; without it, the PK in force.
    versi: Option<u32>,
}

pub(crate) async fn document(
    State(state): State<AppState>,
    Signed(session): Signed,
    Path((code, year, file)): Path<(String, String, String)>,
    Query(which): Query<Which>,
) -> Result<Response, Failure> {
    let year = failure::year(&year)?;
    require(may_read(&session.user, &code))?;
    let (kind, format) =
        parse(&file).ok_or_else(|| Failure::NotFound(format!("Dokumen '{file}' tidak ada.")))?;
    let data = state.store.load_unit(&code).await?;
    let unit = code.clone();
    // Laying out a PDF takes a while: off the async threads.
    let bytes = tokio::task::spawn_blocking(move || {
        let document = match kind {
            Kind::Lkjip => kinerja_documents::lkjip(&data, &unit, year)
                .map_err(|e| Failure::NotFound(e.to_string()))?,
            Kind::Pk => kinerja_documents::perjanjian_kinerja(&data, &unit, year, which.versi)
                .map_err(|e| Failure::NotFound(e.to_string()))?,
            Kind::Lhe => kinerja_documents::laporan_hasil_evaluasi(&data, &unit, year)
                .map_err(|e| Failure::NotFound(e.to_string()))?,
        };
        render(&document, format).map_err(Failure::Document)
    })
    .await
    .map_err(|e| Failure::Document(e.to_string()))??;
    let name = format!(
        "{}-{code}-{year}.{}",
        file.split('.').next().unwrap_or("dokumen"),
        format.extension()
    );
    Ok((
        [
            (CONTENT_TYPE, content_type(format).to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", name.replace('"', "")),
            ),
        ],
        bytes,
    )
        .into_response())
}
