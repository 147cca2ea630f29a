//! The Excel workbook format: the reference dataset survives write → read unchanged; every kind of bad workbook
//! is refused whole with the sheet, row, column and what was expected, in Indonesian; nothing panics.
//!
//! Bad workbooks are made by reading a good one into a grid of cells (calamine), editing the grid, and writing it
//! again (rust_xlsxwriter), the way an operator's Excel would save it.

use calamine::{Data, Reader, Xlsx};
use kinerja_domain::model::Dataset;
use kinerja_interchange::synthetic::{generate, Shape};
use kinerja_interchange::{
    read_workbook, read_workbook_scoped, template_workbook, write_workbook, DatasetError, Scope,
};
use kinerja_test_support::{reference, reference_dir};
use proptest::prelude::*;
use std::io::Cursor;
use std::sync::OnceLock;

fn reference_workbook() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| write_workbook(reference()).expect("reference workbook written"))
}

fn refused(bytes: &[u8]) -> Vec<DatasetError> {
    match read_workbook("uji.xlsx", bytes) {
        Ok(_) => panic!("the workbook should be refused"),
        Err(e) => e.0,
    }
}

/// The one error at `path`, asserting its message says `expected`.
fn error_at<'a>(errors: &'a [DatasetError], path: &str, expected: &str) -> &'a DatasetError {
    let found = errors
        .iter()
        .find(|e| e.path.as_deref() == Some(path) && e.message.contains(expected));
    found.unwrap_or_else(|| panic!("no error at {path} saying '{expected}' in:\n{errors:#?}"))
}

/// A workbook as a grid of cells per sheet, in sheet order.
struct Grid(Vec<(String, Vec<Vec<Data>>)>);

impl Grid {
    fn of(bytes: &[u8]) -> Grid {
        let mut book = Xlsx::new(Cursor::new(bytes)).expect("a workbook");
        let mut sheets = Vec::new();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).expect("a sheet");
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut rows: Vec<Vec<Data>> = Vec::new();
            for (r, c, cell) in range.used_cells() {
                let (r, c) = (r + r0 as usize, c + c0 as usize);
                if rows.len() <= r {
                    rows.resize(r + 1, Vec::new());
                }
                if rows[r].len() <= c {
                    rows[r].resize(c + 1, Data::Empty);
                }
                rows[r][c] = cell.clone();
            }
            sheets.push((name, rows));
        }
        Grid(sheets)
    }
    fn sheet(&mut self, name: &str) -> &mut Vec<Vec<Data>> {
        &mut self
            .0
            .iter_mut()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("sheet {name}"))
            .1
    }
    /// Sets a cell by its Excel row (1-based) and column letter.
    fn set(&mut self, sheet: &str, row: usize, column: char, value: Data) -> &mut Grid {
        let c = (column as u8 - b'A') as usize;
        let rows = self.sheet(sheet);
        if rows.len() < row {
            rows.resize(row, Vec::new());
        }
        if rows[row - 1].len() <= c {
            rows[row - 1].resize(c + 1, Data::Empty);
        }
        rows[row - 1][c] = value;
        self
    }
    fn remove(&mut self, sheet: &str) -> &mut Grid {
        self.0.retain(|(n, _)| n != sheet);
        self
    }
    fn bytes(&self) -> Vec<u8> {
        self.bytes_with_formula(None)
    }
    /// Writes the grid, with a formula in one cell (sheet, Excel row, column letter, formula).
    fn bytes_with_formula(&self, formula: Option<(&str, u32, char, &str)>) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        for (name, rows) in &self.0 {
            let sheet = book.add_worksheet();
            sheet.set_name(name).unwrap();
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let (r, c) = (r as u32, c as u16);
                    match cell {
                        Data::String(s) => sheet.write_string(r, c, s).map(|_| ()),
                        Data::Float(f) => sheet.write_number(r, c, *f).map(|_| ()),
                        Data::Int(i) => sheet.write_number(r, c, *i as f64).map(|_| ()),
                        Data::Bool(b) => sheet.write_boolean(r, c, *b).map(|_| ()),
                        _ => Ok(()),
                    }
                    .unwrap();
                }
            }
            if let Some((at, row, column, text)) = formula {
                if at == name {
                    let c = u16::from(column as u8 - b'A');
                    sheet.write_formula(row - 1, c, text).unwrap();
                }
            }
        }
        book.save_to_buffer().unwrap()
    }
}

fn reference_grid() -> Grid {
    Grid::of(reference_workbook())
}

#[test]
fn reference_dataset_round_trips() {
    let back = read_workbook("ngoro.xlsx", reference_workbook()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&back, reference());
}

#[test]
fn a_workbook_saved_again_by_another_program_round_trips() {
    // No styles, validations or text formats: only the cells, as another spreadsheet program would keep them.
    let bytes = reference_grid().bytes();
    let back = read_workbook("ngoro.xlsx", &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&back, reference());
}

#[test]
fn synthetic_dataset_round_trips() {
    let dataset = generate(Shape {
        units: 2,
        years: 2,
        last_year: 2024,
        responses: 300,
        seed: 7,
    });
    let bytes = write_workbook(&dataset).unwrap();
    let back = read_workbook("sintetis.xlsx", &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, dataset);
}

#[test]
fn template_reads_back_empty_but_for_the_pemda_row() {
    let bytes = template_workbook().unwrap();
    let errors = refused(&bytes);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    error_at(&errors, "sheet \"Pemda\", baris 2", "isi tepat satu baris");
    // As a part to be merged into stored data, the empty template is an empty dataset.
    let part = read_workbook_scoped("template.xlsx", &bytes, Scope::Part).unwrap();
    assert_eq!(part, Dataset::default());
    // Every sheet is there, the instructions first, with headers and nothing else.
    let grid = Grid::of(&bytes);
    assert_eq!(grid.0[0].0, "Petunjuk");
    assert!(grid.0.len() > 30);
    for (name, rows) in &grid.0[1..] {
        assert!(name.chars().count() <= 31);
        assert_eq!(rows.len(), 1, "sheet {name} has only its header row");
    }
}

#[test]
fn missing_pemda_sheet_is_refused() {
    let bytes = reference_grid().remove("Pemda").bytes();
    let errors = refused(&bytes);
    let e = error_at(&errors, "sheet \"Pemda\"", "tidak ada");
    assert_eq!(e.file, "uji.xlsx");
    assert!(e.message.contains("tepat satu baris data"), "{e}");
}

#[test]
fn missing_parent_sheet_refuses_the_child_rows() {
    let bytes = reference_grid().remove("PK").bytes();
    let errors = refused(&bytes);
    error_at(
        &errors,
        "sheet \"PK Target\", baris 2, kolom A (Unit)",
        "baris induk tidak ditemukan: sheet \"PK\" tidak punya baris dengan Unit 'ngoro', Tahun '2024', Versi '1'",
    );
}

#[test]
fn unknown_or_renamed_sheet_is_refused() {
    let mut grid = reference_grid();
    grid.0.iter_mut().find(|(n, _)| n == "Realisasi").unwrap().0 = "Realisasi 2024".into();
    let errors = refused(&grid.bytes());
    error_at(
        &errors,
        "sheet \"Realisasi 2024\"",
        "sheet tidak dikenal; mungkin maksudnya \"Realisasi\". Pakai nama sheet dari template",
    );
}

#[test]
fn wrong_header_is_refused() {
    let bytes = reference_grid()
        .set("Target", 1, 'B', Data::String("Thn".into()))
        .bytes();
    let errors = refused(&bytes);
    let e = error_at(
        &errors,
        "sheet \"Target\", baris 1, kolom B (Tahun)",
        "header kolom B seharusnya 'Tahun' (tertulis 'Thn')",
    );
    assert_eq!(
        e.to_string(),
        format!(
            "uji.xlsx, sheet \"Target\", baris 1, kolom B (Tahun): {}",
            e.message
        )
    );
    // An added column is refused too: its data would silently be lost.
    let bytes = reference_grid()
        .set("Target", 1, 'F', Data::String("Keterangan".into()))
        .bytes();
    error_at(
        &refused(&bytes),
        "sheet \"Target\", baris 1, kolom F",
        "kolom tambahan 'Keterangan' tidak dikenal",
    );
}

#[test]
fn text_in_a_number_column_is_refused() {
    let bytes = reference_grid()
        .set("Realisasi", 12, 'D', Data::String("delapan puluh".into()))
        .set("Realisasi", 13, 'B', Data::String("2024a".into()))
        .set("Pemda", 2, 'C', Data::String("kecamatan".into()))
        .bytes();
    let errors = refused(&bytes);
    error_at(
        &errors,
        "sheet \"Realisasi\", baris 12, kolom D (Nilai)",
        "seharusnya angka; sel berisi teks 'delapan puluh'",
    );
    error_at(
        &errors,
        "sheet \"Realisasi\", baris 13, kolom B (Tahun)",
        "seharusnya bilangan bulat",
    );
    error_at(
        &errors,
        "sheet \"Pemda\", baris 2, kolom C (Jenis Pemda)",
        "nilai 'kecamatan' tidak dikenal; seharusnya salah satu dari: kabupaten, kota, provinsi",
    );
}

#[test]
fn numbers_typed_as_text_or_with_a_decimal_comma_are_read() {
    let row = 12;
    let before = Grid::of(reference_workbook()).sheet("Realisasi")[row - 1].clone();
    let bytes = reference_grid()
        .set("Realisasi", row, 'B', Data::String(" 2024 ".into()))
        .set("Realisasi", row, 'D', Data::String("99,5".into()))
        .bytes();
    let back = read_workbook("uji.xlsx", &bytes).unwrap_or_else(|e| panic!("{e}"));
    let Data::String(indicator) = &before[0] else {
        panic!()
    };
    let r = back
        .realisations
        .iter()
        .find(|r| &r.indicator == indicator && r.year == 2024 && r.quarter.is_none())
        .unwrap();
    assert_eq!(r.value.to_string(), "99.5");
}

#[test]
fn unknown_unit_code_is_refused() {
    let bytes = reference_grid()
        .set("Program", 2, 'B', Data::String("ngoro-x".into()))
        .bytes();
    let errors = refused(&bytes);
    error_at(
        &errors,
        "sheet \"Program\", baris 2, kolom B (Unit)",
        "unit 'ngoro-x' tidak ditemukan",
    );
}

#[test]
fn duplicate_row_is_refused() {
    let mut grid = reference_grid();
    let rows = grid.sheet("Realisasi");
    let copy = rows[6].clone();
    rows.push(copy);
    let last = rows.len();
    let errors = refused(&grid.bytes());
    error_at(
        &errors,
        &format!("sheet \"Realisasi\", baris {last}"),
        "baris ganda: sama dengan baris 7 (kolom Indikator, Tahun, Triwulan sama)",
    );
}

#[test]
fn duplicate_id_across_program_and_kegiatan_names_both_rows() {
    let program = match &Grid::of(reference_workbook()).sheet("Program")[1][0] {
        Data::String(s) => s.clone(),
        other => panic!("{other:?}"),
    };
    let bytes = reference_grid()
        .set("Kegiatan", 3, 'A', Data::String(program.clone()))
        .bytes();
    let errors = refused(&bytes);
    error_at(
        &errors,
        "sheet \"Kegiatan\", baris 3",
        &format!("id '{program}' ganda: sudah dipakai di sheet \"Program\", baris 2"),
    );
}

#[test]
fn formula_cell_is_refused() {
    let bytes = reference_grid().bytes_with_formula(Some(("Realisasi", 5, 'D', "=80+0.15")));
    let errors = refused(&bytes);
    error_at(
        &errors,
        "sheet \"Realisasi\", baris 5, kolom D (Nilai)",
        "sel berisi rumus; isi dengan nilai",
    );
}

#[test]
fn empty_file_is_refused() {
    let errors = refused(&[]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].message, "berkas kosong");
    assert_eq!(errors[0].file, "uji.xlsx");
    assert_eq!(errors[0].path, None);
}

#[test]
fn a_file_that_is_not_xlsx_is_refused() {
    let toml = std::fs::read(reference_dir().join("10-rencana.toml")).unwrap();
    let half = &reference_workbook()[..reference_workbook().len() / 2];
    for bytes in [&toml[..], b"PK\x03\x04 bukan zip", half] {
        let errors = refused(bytes);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(
            errors[0]
                .message
                .starts_with("berkas bukan workbook Excel (.xlsx)"),
            "{errors:#?}"
        );
    }
}

#[test]
fn every_shape_of_value_survives() {
    use kinerja_domain::model::{Evidence, Official, TargetValue};
    use kinerja_domain::rules::ScaleChoice;
    let mut dataset = reference().clone();
    dataset.targets[0].value = TargetValue::Range {
        low: "80".parse().unwrap(),
        high: "90.5".parse().unwrap(),
    };
    // More digits than an Excel number holds: written as text, read back exactly.
    dataset.pagu[0].amount = "12345678901234567.891".parse().unwrap();
    dataset.rule_sets[0].capaian_scale =
        ScaleChoice::Custom(kinerja_domain::scale::capaian_permendagri_86());
    dataset.rule_sets[0].akip_template.grades =
        Some([("AA".to_string(), "100".parse().unwrap())].into());
    if let Some(pemda) = dataset.pemda.as_mut() {
        pemda.head = Some(Official {
            name: "H. Bupati".into(),
            nip: None,
            rank: None,
            position: "Bupati Jombang".into(),
        });
    }
    dataset.realisations[0].evidence = vec![
        Evidence {
            title: "Laporan | lampiran".replace(" | ", " / "),
            file: Some("bukti/laporan.pdf".into()),
        },
        Evidence {
            title: "Foto kegiatan".into(),
            file: None,
        },
    ];
    dataset.realisations[0].note = Some("  baris satu\n\nbaris tiga  \n".into());
    let bytes = write_workbook(&dataset).unwrap();
    let back = read_workbook("uji.xlsx", &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, dataset);
}

#[test]
fn what_a_cell_cannot_hold_is_refused_on_writing() {
    let mut dataset = reference().clone();
    dataset.units[0].fungsi.push("dua\nbaris".into());
    let error = write_workbook(&dataset).unwrap_err();
    assert!(
        error.starts_with("sheet \"Unit\", baris 2, kolom ") && error.contains("berisi baris baru"),
        "{error}"
    );
}

#[test]
fn target_upper_bound_without_lower_is_refused() {
    let bytes = reference_grid()
        .set("Target", 2, 'D', Data::Empty)
        .set("Target", 2, 'E', Data::Float(90.0))
        .bytes();
    error_at(
        &refused(&bytes),
        "sheet \"Target\", baris 2, kolom E (Target Atas)",
        "isi juga kolom 'Target'",
    );
}

#[test]
fn empty_required_cell_is_refused() {
    let bytes = reference_grid()
        .set("Realisasi", 3, 'D', Data::Empty)
        .bytes();
    error_at(
        &refused(&bytes),
        "sheet \"Realisasi\", baris 3, kolom D (Nilai)",
        "wajib diisi",
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        prop_assert!(read_workbook("acak.xlsx", &bytes).is_err());
    }

    #[test]
    fn truncated_workbooks_never_panic(cut in 0usize..100_000) {
        let bytes = reference_workbook();
        let cut = cut % bytes.len();
        prop_assert!(read_workbook("potong.xlsx", &bytes[..cut]).is_err());
    }

    #[test]
    fn corrupted_workbooks_never_panic(at in 0usize..100_000, byte in any::<u8>()) {
        let mut bytes = reference_workbook().to_vec();
        let at = at % bytes.len();
        bytes[at] = byte;
        let _ = read_workbook("rusak.xlsx", &bytes);
    }
}

#[test]
fn the_instructions_sheet_explains_every_sheet_and_column() {
    let bytes = template_workbook().unwrap();
    let mut grid = Grid::of(&bytes);
    let sheets: Vec<(String, Vec<String>)> = grid.0[1..]
        .iter()
        .map(|(name, rows)| {
            (
                name.clone(),
                rows[0].iter().map(|h| h.to_string()).collect(),
            )
        })
        .collect();
    let guide = grid.sheet("Petunjuk");
    let text_of = |r: &Vec<Data>, c: usize| r.get(c).map(|d| d.to_string()).unwrap_or_default();
    for (name, headers) in &sheets {
        let at = guide
            .iter()
            .position(|r| text_of(r, 0) == *name)
            .unwrap_or_else(|| panic!("sheet {name} explained"));
        for (i, header) in headers.iter().enumerate() {
            let line = &guide[at + 1 + i];
            assert!(
                text_of(line, 1).ends_with(header.as_str()),
                "{name}: {header}"
            );
            assert!(!text_of(line, 2).is_empty(), "{name}: {header} described");
        }
    }
    let flat: Vec<String> = guide.iter().flatten().map(|d| d.to_string()).collect();
    for word in [
        "positif",
        "kumulatif",
        "TTTT-BB-HH",
        "rumus",
        "kata_pengantar",
        "count_services",
    ] {
        assert!(
            flat.iter().any(|t| t.contains(word)),
            "{word} on the instructions sheet"
        );
    }
}

/// The reference dataset with a PATEN evaluation of Kecamatan Ngoro 2024: the given score and a checklist whose
/// requirements carry a document title, an uploaded file, a note, or nothing.
fn with_paten() -> Dataset {
    let mut data = reference().clone();
    data.paten = serde_json::from_value(serde_json::json!([{
        "unit": "ngoro", "year": 2024, "score": "94.48", "date": "2024-11-20",
        "source": "Tim Penilai PATEN Kabupaten Jombang",
        "requirements": [
            { "text": "Pelimpahan sebagian kewenangan Bupati kepada Camat (Peraturan Bupati)", "fulfilled": true,
              "evidence": [{ "title": "Perbup Jombang No. 45 Tahun 2019" }] },
            { "text": "Standar pelayanan dan maklumat pelayanan dipajang", "fulfilled": true,
              "evidence": [{ "title": "Foto maklumat", "file": "f-0001" },
                           { "title": "https://kec-ngoro.jombangkab.go.id/standar-pelayanan" }],
              "note": "Maklumat ditandatangani Camat\n\nDiperbarui Januari 2024" },
            { "text": "Area parkir khusus pengguna layanan", "fulfilled": false,
              "note": "Belum tersedia; diusulkan pada Renja 2025" }
        ]
    }]))
    .expect("PATEN records");
    data
}

#[test]
fn paten_checklist_round_trips() {
    let data = with_paten();
    let bytes = write_workbook(&data).unwrap();
    let back = read_workbook("paten.xlsx", &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.paten, data.paten);
    assert_eq!(back, data);
    let mut grid = Grid::of(&bytes);
    let header: Vec<String> = grid.sheet("PATEN")[0]
        .iter()
        .map(|h| h.to_string())
        .collect();
    assert_eq!(header, ["Unit", "Tahun", "Nilai", "Tanggal", "Sumber"]);
    let rows = grid.sheet("PATEN Persyaratan");
    let header: Vec<String> = rows[0].iter().map(|h| h.to_string()).collect();
    assert_eq!(
        header,
        [
            "Unit",
            "Tahun",
            "Persyaratan",
            "Terpenuhi",
            "Bukti",
            "Catatan"
        ]
    );
    assert_eq!(rows.len(), 4, "a row per requirement");
    assert_eq!(rows[3][3].to_string(), "tidak");
    // The template has both sheets, empty.
    let template = Grid::of(&template_workbook().unwrap());
    assert!(template
        .0
        .iter()
        .any(|(n, rows)| n == "PATEN Persyaratan" && rows.len() == 1));
}

#[test]
fn bad_paten_cells_are_refused_with_their_place() {
    let good = write_workbook(&with_paten()).unwrap();
    let bytes = Grid::of(&good)
        .set("PATEN Persyaratan", 3, 'D', Data::String("mungkin".into()))
        .bytes();
    error_at(
        &refused(&bytes),
        "sheet \"PATEN Persyaratan\", baris 3, kolom D (Terpenuhi)",
        "seharusnya 'ya' atau 'tidak'",
    );
    let bytes = Grid::of(&good)
        .set("PATEN", 2, 'C', Data::Float(194.48))
        .bytes();
    error_at(
        &refused(&bytes),
        "sheet \"PATEN\", baris 2, kolom C (Nilai)",
        "nilai PATEN 194.48 di luar skala 0–100",
    );
    // A requirement without its parent row names the parent it looks for.
    let bytes = Grid::of(&good)
        .set("PATEN Persyaratan", 4, 'B', Data::Float(2023.0))
        .bytes();
    let errors = refused(&bytes);
    assert!(
        errors.iter().any(|e| e
            .path
            .as_deref()
            .is_some_and(|p| p.starts_with("sheet \"PATEN Persyaratan\", baris 4"))),
        "{errors:#?}"
    );
    // The same requirement twice in one checklist.
    let mut grid = Grid::of(&good);
    let rows = grid.sheet("PATEN Persyaratan");
    let copy = rows[1].clone();
    rows.push(copy);
    let errors = refused(&grid.bytes());
    assert!(
        errors.iter().any(
            |e| e.path.as_deref() == Some("sheet \"PATEN Persyaratan\", baris 5")
                && e.message.contains("baris ganda")
        ),
        "{errors:#?}"
    );
}
