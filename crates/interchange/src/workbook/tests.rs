//! The sheet table agrees with the model: every dataset field has a sheet, every column a field, every enum list
//! the model's variants, and the required columns are the ones serde requires.

use super::cells::set;
use super::layouts;
use super::need::{accepted, check, needs, Need};
use super::spec::{Kind, Source};
use kinerja_domain::model::Dataset;
use serde_json::Value;
use std::collections::HashSet;

#[test]
fn every_dataset_field_has_a_sheet() {
    let empty = serde_json::to_value(Dataset::default()).unwrap();
    let fields: HashSet<&str> = empty
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let sheets: HashSet<&str> = layouts()
        .iter()
        .filter_map(|l| match l.sheet.source {
            Source::Records(key) | Source::Single(key) => Some(key),
            Source::Child { .. } => None,
        })
        .collect();
    assert_eq!(fields, sheets);
}

#[test]
fn sheet_names_and_headers_are_excel_safe_and_unique() {
    let mut names = HashSet::new();
    for layout in layouts() {
        let name = layout.sheet.name;
        assert!(name.chars().count() <= 31 && !name.contains(['/', '\\', '?', '*', '[', ']', ':']));
        assert!(names.insert(name.to_lowercase()), "sheet {name} twice");
        let mut headers = HashSet::new();
        for col in &layout.cols {
            assert!(
                headers.insert(col.header.to_lowercase()),
                "{name}: header {} twice",
                col.header
            );
        }
    }
}

#[test]
fn sheets_with_children_have_a_key() {
    for layout in layouts() {
        if let Some(p) = layout.parent {
            let parent = &layouts()[p];
            assert!(
                !parent.key.is_empty() && !parent.whole_row,
                "{} names its parent {} by a key",
                layout.sheet.name,
                parent.sheet.name
            );
        }
    }
}

#[test]
fn a_record_with_every_column_filled_is_accepted() {
    // Every column path names a field of the record (the model denies unknown fields).
    for li in 0..layouts().len() {
        assert!(
            accepted(layouts(), li, &|_| {}),
            "sample of sheet {}",
            layouts()[li].sheet.name
        );
    }
}

#[test]
fn enum_lists_are_the_models_variants() {
    for (li, layout) in layouts().iter().enumerate() {
        for (_, col) in layout.own() {
            let Kind::Choice(choices) = col.kind else {
                continue;
            };
            let mut listed: Vec<&str> = choices
                .values
                .iter()
                .map(|(_, s)| *s)
                .filter(|s| !s.is_empty())
                .collect();
            for value in &listed {
                let path = col.path.as_str();
                assert!(
                    accepted(layouts(), li, &|record: &mut Value| {
                        super::cells::remove(record, path);
                        let _ = set(record, path, Value::String(value.to_string()));
                    }),
                    "{}: '{value}' is accepted by the model",
                    col.header
                );
            }
            // serde names every variant when it refuses an unknown one.
            let path = col.path.as_str();
            let message = check(layouts(), li, &|record: &mut Value| {
                super::cells::remove(record, path);
                let _ = set(record, path, Value::String("tidak-ada".into()));
            })
            .unwrap_err();
            if message.contains("did not match any variant") {
                continue; // an untagged choice (named scale or custom): checked above
            }
            let expected = message.split("expected").nth(1).unwrap_or_default();
            let mut variants: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            variants.sort_unstable();
            listed.sort_unstable();
            assert_eq!(listed, variants, "{}: {message}", col.header);
        }
    }
}

#[test]
fn required_columns_are_the_ones_the_model_requires() {
    let needs = needs(layouts());
    let need = |sheet: &str, header: &str| {
        let li = layouts()
            .iter()
            .position(|l| l.sheet.name == sheet)
            .unwrap();
        let ci = layouts()[li]
            .cols
            .iter()
            .position(|c| c.header == header)
            .unwrap();
        needs[li][ci]
    };
    assert_eq!(need("Realisasi", "Indikator"), Need::Required);
    assert_eq!(need("Realisasi", "Nilai"), Need::Required);
    assert_eq!(need("Realisasi", "Triwulan"), Need::Optional);
    assert_eq!(need("Realisasi", "Bukti"), Need::Optional);
    assert_eq!(need("Unit", "Nama Kepala"), Need::WithGroup);
    assert_eq!(need("Unit", "NIP Kepala"), Need::Optional);
    assert_eq!(need("PK", "Nama Pihak Pertama"), Need::Required);
    assert_eq!(need("PK Target", "Unit"), Need::Required);
    assert_eq!(need("Aturan", "Bobot Perencanaan"), Need::WithGroup);
    assert_eq!(need("Terbitan Tabel", "Nomor"), Need::Required);
}
