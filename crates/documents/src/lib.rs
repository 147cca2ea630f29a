//! Documents generated from data: the LKjIP and the Perjanjian Kinerja as PDF (typst embedded), DOCX and XLSX,
//! and the SVG charts shared with the web pages. Each document is built once into `model::Document`; the
//! renderers only lay it out.

pub mod agreement;
mod builder;
mod cells;
pub mod charts;
pub mod diagrams;
pub mod docx;
pub mod lkjip;
pub mod model;
pub mod pdf;
mod tabular;
pub mod xlsx;

pub use agreement::{perjanjian_kinerja, AgreementError};
pub use lkjip::lkjip;
