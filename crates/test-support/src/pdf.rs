// No inner attributes or `//!` here: crates/documents/tests/support/pdf.rs includes this file.

use std::io::Write;
use std::process::{Command, Stdio};

/// The text of a PDF as poppler's pdftotext extracts it, in its lines.
pub fn pdf_lines(pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF"));
    let mut child = Command::new("pdftotext")
        .args(["-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils) is installed");
    let mut stdin = child.stdin.take().expect("pdftotext's standard input");
    // Fed from a thread of its own, so that neither side waits on a full pipe; a refusal shows in the status.
    let out = std::thread::scope(|scope| {
        scope.spawn(move || {
            let _ = stdin.write_all(pdf);
        });
        child.wait_with_output()
    })
    .expect("pdftotext ran");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// The text of a PDF with whitespace folded: lines wrap where the layout wraps them, anywhere in a sentence.
pub fn pdf_text(pdf: &[u8]) -> String {
    pdf_lines(pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
