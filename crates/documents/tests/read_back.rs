//! The generated documents read back: PDF text (pdftotext), DOCX XML, XLSX cells.

use kinerja_domain::model::Dataset;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn reference() -> &'static Dataset {
    static D: OnceLock<Dataset> = OnceLock::new();
    D.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/ngoro");
        kinerja_interchange::load(&path).expect("reference dataset")
    })
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("documents");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Text of a PDF as poppler's pdftotext extracts it.
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Lines wrap where the layout wraps them: compare text with whitespace folded.
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn lkjip_pdf_holds_the_key_figures_and_each_caption_once() {
    let doc = kinerja_documents::lkjip(reference(), "ngoro", 2024).unwrap();
    let pdf = kinerja_documents::pdf::render(&doc).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let path = out_dir().join("lkjip-ngoro-2024.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = pdf_text(&path);
    // Capaian is shown with the decimals the rules set (1 for the reference pemda, as its report prints).
    for figure in [
        "99,0%",
        "103,9%",
        "101,4%",
        "99,5%",
        "80,15",
        "97,17",
        "95,24",
        "8,54",
        "Rp 3.063.438.646",
        "Rp 2.936.629.428",
        "95,86%",
        "Rp 126.809.218",
        "102,76%",
        "101,30%",
        "110,50%",
        "97,7%",
        "99,7%",
        "36,36%",
        "67,54",
        "64,92%",
    ] {
        assert!(text.contains(figure), "the PDF lacks {figure}");
    }
    assert!(text.contains("Nilai Evaluasi AKIP Kecamatan Ngoro ditargetkan 81, terealisasi 80,15, capaian 99,0%: tidak mencapai target."));
    assert!(text.contains("NUR EVVA MAYLIA"));
    // Each caption stands once in the body (the lists of tables and figures come before BAB I).
    let first = text
        .find("BAB I PENDAHULUAN")
        .expect("listed in the contents");
    let body = &text[first
        + 1
        + text[first + 1..]
            .find("BAB I PENDAHULUAN")
            .expect("the chapter itself")..];
    for t in doc.tables() {
        let caption = format!("{} {}", t.number, t.title);
        let prefix: String = caption.chars().take(40).collect();
        assert_eq!(
            body.matches(&prefix).count(),
            1,
            "{caption} stands once in the body"
        );
    }
    let mut numbers: Vec<&str> = doc.tables().map(|t| t.number.as_str()).collect();
    let total = numbers.len();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), total, "table numbers are unique");
}
