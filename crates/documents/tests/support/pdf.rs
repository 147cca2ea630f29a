//! The PDF reader of kinerja-test-support, for the web tests that include this file by path and name the copy they
//! keep; they move to that crate and this file goes.

use std::path::Path;

mod shared {
    include!("../../../test-support/src/pdf.rs");
}

/// Writes the PDF to the test output folder as `name`, for a person to open, and reads its text back.
pub fn pdf_text(pdf: &[u8], name: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("documents");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), pdf).unwrap();
    shared::pdf_text(pdf)
}
