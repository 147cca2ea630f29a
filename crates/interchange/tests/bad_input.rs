//! A dataset with a mistake is refused whole, with an Indonesian message naming the file, the line or path, and
//! what is expected; random and truncated input never panics.

use kinerja_interchange::{parse_str, DatasetError};
use kinerja_test_support::TempDir;
use proptest::prelude::*;

const BASE: &str = r#"
[pemda]
code = "jombang"
name = "Pemerintah Kabupaten Jombang"
kind = "kabupaten"
head_title = "Bupati Jombang"

[[unit]]
code = "ngoro"
name = "Kecamatan Ngoro"
kind = "kecamatan"

[[renstra]]
id = "r"
unit = "ngoro"
start_year = 2024
end_year = 2026

[[tujuan]]
id = "t1"
renstra = "r"
text = "Meningkatkan Akuntabilitas dan Kinerja Birokrasi"

[[sasaran]]
id = "s1"
tujuan = "t1"
text = "Meningkatnya Akuntabilitas dan Kinerja Kecamatan"

[[program]]
id = "p1"
unit = "ngoro"
sasaran = "s1"
code = "7.01.01"
name = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"

[[indicator]]
id = "iku-akip"
level = "sasaran"
owner = "s1"
name = "Nilai Evaluasi AKIP"
satuan = "nilai"

[[target]]
indicator = "iku-akip"
year = 2024
value = 81

[[realisation]]
indicator = "iku-akip"
year = 2024
value = 80.15

[[pagu]]
node = "p1"
year = 2024
amount = 2877788646
"#;

fn refused(text: &str) -> Vec<DatasetError> {
    match parse_str("uji.toml", text) {
        Ok(_) => panic!("dataset should be refused"),
        Err(e) => e.0,
    }
}

#[test]
fn the_base_is_valid() {
    let d = parse_str("uji.toml", BASE).unwrap();
    assert_eq!(d.indicators.len(), 1);
}

#[test]
fn wrong_type_names_line_column_and_expectation() {
    let text = BASE.replace("value = 80.15", "value = \"delapan puluh\"");
    let errors = refused(&text);
    let e = &errors[0];
    assert_eq!(e.file, "uji.toml");
    let line = BASE.lines().position(|l| l == "value = 80.15").unwrap() + 1;
    assert_eq!(e.line, Some(line), "{e}");
    assert!(e.message.contains("seharusnya angka desimal"), "{e}");
    assert!(e.to_string().starts_with("uji.toml, baris "), "{e}");
}

#[test]
fn unknown_reference_is_named_by_path() {
    let text = BASE.replace(
        "indicator = \"iku-akip\"\nyear = 2024\nvalue = 80.15",
        "indicator = \"iku-ikpp\"\nyear = 2024\nvalue = 80.15",
    );
    let errors = refused(&text);
    assert!(
        errors
            .iter()
            .any(|e| e.path.as_deref() == Some("realisation[0].indicator")
                && e.message.contains("'iku-ikpp' tidak ditemukan")),
        "{errors:?}"
    );
}

#[test]
fn duplicated_code_is_refused() {
    let text = format!(
        "{BASE}\n[[program]]\nid = \"p1\"\nunit = \"ngoro\"\nsasaran = \"s1\"\nname = \"Lagi\"\n"
    );
    let errors = refused(&text);
    assert!(errors.iter().any(|e| e.path.as_deref() == Some("program[1]") && e.message.contains("id 'p1' ganda")), "{errors:?}");
}

#[test]
fn negative_budget_is_refused() {
    let text = BASE.replace("amount = 2877788646", "amount = -5");
    let errors = refused(&text);
    assert!(
        errors
            .iter()
            .any(|e| e.path.as_deref() == Some("pagu[0].amount")
                && e.message.contains("tidak boleh negatif")),
        "{errors:?}"
    );
}

#[test]
fn fifth_quarter_is_refused() {
    let text = BASE.replace("value = 80.15", "value = 80.15\nquarter = 5");
    let errors = refused(&text);
    assert!(
        errors
            .iter()
            .any(|e| e.path.as_deref() == Some("realisation[0].quarter")
                && e.message.contains("triwulan 5 tidak ada")),
        "{errors:?}"
    );
}

#[test]
fn unknown_field_and_enum_value_are_explained() {
    let errors =
        refused(&BASE.replace("satuan = \"nilai\"", "satuan = \"nilai\"\nsatuann = \"x\""));
    assert!(
        errors[0].message.contains("kolom `satuann` tidak dikenal"),
        "{errors:?}"
    );
    let errors = refused(&BASE.replace("level = \"sasaran\"", "level = \"sasaran_strategis\""));
    assert!(
        errors[0]
            .message
            .contains("nilai `sasaran_strategis` tidak dikenal"),
        "{errors:?}"
    );
    assert_eq!(errors[0].path.as_deref(), Some("indicator[0].level"));
}

#[test]
fn missing_pemda_and_bad_code_and_bad_date() {
    let errors = refused(&BASE.replace("[pemda]", "[pemdaa]"));
    assert!(!errors.is_empty());
    let errors = refused(&BASE.replace("code = \"7.01.01\"", "code = \"7.1\""));
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("tidak sesuai nomenklatur")),
        "{errors:?}"
    );
    let text = format!("{BASE}\n[[renstra.revisions]]\nnumber = 1\ndate = \"2024-02-30\"\n");
    let errors = refused(&text);
    assert!(
        errors[0].message.contains("tanggal tidak sah"),
        "{errors:?}"
    );
}

#[test]
fn a_folder_reports_the_file() {
    let temp = TempDir::new("kinerja-uji");
    let dir = temp.path().to_path_buf();
    std::fs::write(dir.join("a.toml"), BASE).unwrap();
    std::fs::write(
        dir.join("b.toml"),
        "[[target]]\nindicator = \"iku-akip\"\nyear = 2024\nquarter = 9\nvalue = 1\n",
    )
    .unwrap();
    let errors = kinerja_interchange::load(&dir).unwrap_err().0;
    assert!(
        errors
            .iter()
            .any(|e| e.file.ends_with("b.toml") && e.path.as_deref() == Some("target[0].quarter")),
        "{errors:?}"
    );
    std::fs::write(
        dir.join("b.toml"),
        "[[target]]\nindicator = \"iku-akip\"\nyear = 2025\nvalue = 82\n",
    )
    .unwrap();
    let d = kinerja_interchange::load(&dir).unwrap();
    assert_eq!(d.targets.len(), 2);
    drop(temp);
    assert!(kinerja_interchange::load(&dir).unwrap_err().0[0]
        .message
        .contains("tidak ditemukan"));
}

#[test]
fn written_dataset_reads_back_the_same() {
    let d = parse_str("uji.toml", BASE).unwrap();
    let text = kinerja_interchange::to_toml_string(&d).unwrap();
    assert_eq!(parse_str("ulang.toml", &text).unwrap(), d);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn truncated_files_never_panic(cut in 0usize..BASE.len()) {
        let mut end = cut;
        while !BASE.is_char_boundary(end) { end -= 1; }
        let _ = parse_str("potong.toml", &BASE[..end]);
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,400}") {
        let _ = parse_str("acak.toml", &text);
    }

    #[test]
    fn random_edits_never_panic(pos in 0usize..BASE.len(), junk in "[\\[\\]=\"{}.,0-9a-z\\n -]{0,12}") {
        let mut end = pos;
        while !BASE.is_char_boundary(end) { end -= 1; }
        let text = format!("{}{}{}", &BASE[..end], junk, &BASE[end..]);
        let _ = parse_str("ubah.toml", &text);
    }
}
