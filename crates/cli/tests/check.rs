//! `kinerja check`: exit status 0 when clean, 1 with findings, 2 when the unit-year cannot be checked; text in
//! Indonesian grouped by severity, JSON with English keys.

use crate::common::{kinerja, reference};
use std::path::Path;
use std::process::Output;

fn check(source: &Path, unit: &str, format: &str) -> Output {
    kinerja()
        .arg("check")
        .arg(source)
        .args(["--unit", unit, "--year", "2024", "--format", format])
        .output()
        .unwrap()
}

#[test]
fn the_reference_report_has_findings() {
    let out = check(&reference(), "ngoro", "text");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Reviu LKjIP Kecamatan Ngoro tahun 2024\n93 temuan: 37 galat, 38 peringatan, 18 catatan."), "{text}");
    let galat = text.find("\nGALAT (37)\n").unwrap();
    let peringatan = text.find("\nPERINGATAN (38)\n").unwrap();
    let catatan = text.find("\nCATATAN (18)\n").unwrap();
    assert!(galat < peringatan && peringatan < catatan);
    assert!(
        text.contains("seharusnya Rp 3.063.438.646; tercetak/tercatat Rp 3.063.438.648; selisih 2")
    );
    assert!(text.trim_end().ends_with("Hasil: tidak bersih."));

    let out = check(&reference(), "ngoro", "json");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["counts"]["galat"], 37);
    assert_eq!(json["findings"][0]["code"], "TOTAL_PARTS");
    assert_eq!(json["findings"][0]["severity"], "galat");
}

#[test]
fn a_unit_without_problems_is_clean_and_an_unknown_unit_cannot_be_checked() {
    let dir = std::env::temp_dir().join(format!("kinerja-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bersih.toml");
    let mut toml = String::from(
        "[pemda]\ncode = \"pd\"\nname = \"Pemda\"\nkind = \"kabupaten\"\nhead_title = \"Bupati\"\n\n\
         [[unit]]\ncode = \"u\"\nname = \"Kecamatan Bersih\"\nkind = \"kecamatan\"\n",
    );
    for section in [
        "kata_pengantar",
        "ikhtisar_eksekutif",
        "latar_belakang",
        "isu_strategis",
        "capaian_kinerja",
        "analisis_capaian",
        "realisasi_anggaran",
        "upaya_perbaikan",
        "kesimpulan",
    ] {
        toml.push_str(&format!(
            "\n[[narrative]]\nunit = \"u\"\nyear = 2024\nsection = \"{section}\"\ntext = \"Teks.\"\n"
        ));
    }
    std::fs::write(&file, toml).unwrap();
    let out = check(&file, "u", "text");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Tidak ada temuan."));
    assert!(text.contains("Hasil: bersih"));

    let out = check(&file, "tidak-ada", "text");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tidak-ada"));

    // A year without any data is said plainly and cannot be checked (exit 2), not nine missing narratives.
    let out = kinerja()
        .arg("check")
        .arg(&file)
        .args(["--unit", "u", "--year", "1990"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("tidak memiliki data tahun 1990"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_finding_code_is_explained_and_an_unknown_code_is_refused() {
    let out = kinerja()
        .args(["check", "--explain", "published_differs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("PUBLISHED_DIFFERS\nYang dibandingkan: "),
        "{text}"
    );
    assert!(text.contains("\nAturan: ") && text.contains("\nCara memperbaiki: "));

    let out = kinerja()
        .args(["check", "--explain", "TEXT_PERIOD", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["code"], "TEXT_PERIOD");

    let out = kinerja()
        .args(["check", "--explain", "BUKAN_KODE"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("kode temuan 'BUKAN_KODE' tidak dikenal") && stderr.contains("TOTAL_PARTS"),
        "{stderr}"
    );
}
