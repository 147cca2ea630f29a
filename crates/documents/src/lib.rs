//! Documents generated from data: the LKjIP, the Perjanjian Kinerja and the Laporan Hasil Evaluasi AKIP and the Laporan Hasil SKM as PDF (typst embedded), DOCX and XLSX,
//! and the SVG charts and QR codes shared with the web pages. Each document is built once into `model::Document`; the
//! renderers only lay it out.

pub mod agreement;
mod builder;
pub mod cells;
pub mod charts;
pub mod context;
pub mod diagrams;
pub mod docx;
pub mod lhe;
pub mod lkjip;
pub mod model;
pub mod pdf;
pub mod pemda;
pub mod poster;
pub mod qr;
pub mod skm;
mod tabular;
pub mod text;
pub mod xlsx;
mod xml;

pub use agreement::{perjanjian_kinerja, AgreementError};
pub use lhe::{laporan_hasil_evaluasi, LheError};
pub use lkjip::lkjip;

/// The formats a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    Xlsx,
    /// The document model itself, for other programs.
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }
}

/// Writes a document in a format.
pub fn render(document: &model::Document, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Pdf => pdf::render(document),
        Format::Docx => docx::render(document),
        Format::Xlsx => xlsx::render(document),
        Format::Json => serde_json::to_vec_pretty(document).map_err(|e| e.to_string()),
    }
}
