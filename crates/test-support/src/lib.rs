//! What the integration tests of the workspace share: the reference dataset, generated documents read back as
//! text (PDF through poppler's pdftotext, DOCX and XLSX unzipped), and temporary folders.

mod archive;
mod docx;
mod pdf;
mod reference;
mod temp;

pub use archive::{unzip, xlsx_sheets};
pub use docx::docx_text;
pub use pdf::{pdf_lines, pdf_text};
pub use reference::{reference, reference_dir};
pub use temp::{unique, TempDir};
