//! The text of a generated PDF as poppler's pdftotext extracts it, whitespace folded (a line may wrap anywhere).

use std::path::Path;
use std::process::Command;

/// Writes the PDF to the test output folder as `name`, for a person to open, and reads its text back.
pub fn pdf_text(pdf: &[u8], name: &str) -> String {
    assert!(pdf.starts_with(b"%PDF"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("documents");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
