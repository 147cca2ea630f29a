//! The documents of a unit-year, built from the stored data on request: LKjIP as PDF, DOCX or XLSX, the
//! Perjanjian Kinerja and the Laporan Hasil Evaluasi AKIP as PDF or DOCX. The survey's own reports are
//! `survey::report`'s.

use crate::access::Read;
use crate::http::attachment::{attachment, media_type};
use crate::http::failure::Failure;
use crate::http::guard::{File, UnitYear};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
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

#[derive(serde::Deserialize)]
pub(crate) struct Which {
    /// A PK version; without it, the PK in force.
    versi: Option<u32>,
}

pub(crate) async fn document(
    State(state): State<AppState>,
    UnitYear(code, year, ..): UnitYear<Read>,
    Path(File { file }): Path<File>,
    Query(which): Query<Which>,
) -> Result<Response, Failure> {
    let (kind, format) =
        parse(&file).ok_or_else(|| Failure::NotFound(format!("Dokumen '{file}' tidak ada.")))?;
    let data = state.store.load_unit(&code).await?;
    if !data.has_year(&code, year) {
        return Err(Failure::NotFound(format!(
            "Unit '{code}' tidak punya data tahun {year} (target, realisasi atau PK); dokumennya tidak dapat disusun."
        )));
    }
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
    Ok(attachment(media_type(format), &name, bytes))
}
