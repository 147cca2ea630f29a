//! The hostile corpus (tests/hostile, written by tools/hostile-workbooks.py) is refused before the parser sees it,
//! by both readers of uploaded workbooks, with a message that names the bound; honest workbooks pass.

use super::*;
use crate::survey_import::{read_survey_responses, SurveyService};
use crate::workbook::{read_workbook, template_workbook};
use std::sync::atomic::{AtomicUsize, Ordering};

fn hostile(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/hostile/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Each corpus file and the words its refusal must contain.
const CORPUS: [(&str, &str); 7] = [
    (
        "far-cells.xlsx",
        "sheet \"Realisasi\" mencakup lebih dari 1.000.000 sel",
    ),
    (
        "claimed-dimension.xlsx",
        "sheet \"Realisasi\" mencakup lebih dari 1.000.000 sel",
    ),
    ("shared-strings.xlsx", "lebih dari 1.000.000 teks berbeda"),
    (
        "compressible.xlsx",
        "sheet \"Realisasi\" mencakup lebih dari 1.000.000 sel",
    ),
    (
        "zip-bomb.xlsx",
        "sheet \"Realisasi\" terlalu besar setelah dibuka (maksimal 48 MB)",
    ),
    (
        "deep-xml.xlsx",
        "susunan XML terlalu dalam (lebih dari 64 tingkat)",
    ),
    (
        "many-parts.xlsx",
        "workbook berisi 5006 bagian (maksimal 1000)",
    ),
];

fn refusal(bytes: &[u8]) -> String {
    match check_workbook(bytes, &WORKBOOK_BOUNDS) {
        Err(Refusal::TooLarge(message)) => message,
        other => panic!("not refused as too large: {other:?}"),
    }
}

#[test]
fn every_hostile_workbook_is_refused_naming_its_bound() {
    for (name, words) in CORPUS {
        let message = refusal(&hostile(name));
        assert!(message.contains(words), "{name}: {message}");
    }
}

#[test]
fn the_dataset_reader_refuses_them_with_the_file_name() {
    for (name, words) in CORPUS {
        let errors = read_workbook(name, &hostile(name)).unwrap_err();
        assert_eq!(errors.0.len(), 1, "{name}");
        assert_eq!(errors.0[0].file, name);
        assert!(
            errors.0[0].message.contains(words),
            "{name}: {}",
            errors.0[0].message
        );
    }
}

#[test]
fn the_survey_reader_refuses_them_too() {
    let services = [SurveyService {
        code: "abc".into(),
        name: "KTP".into(),
    }];
    for (name, words) in CORPUS {
        let errors = read_survey_responses(name, &hostile(name), "ngoro", &services).unwrap_err();
        assert!(
            errors.0.iter().any(|e| e.message.contains(words)),
            "{name}: {errors:?}"
        );
    }
}

#[test]
fn an_honest_workbook_passes_and_a_tighter_bound_catches_it() {
    let template = template_workbook().unwrap();
    assert_eq!(check_workbook(&template, &WORKBOOK_BOUNDS), Ok(()));
    let tight = WorkbookBounds {
        max_parts: 3,
        ..WORKBOOK_BOUNDS
    };
    assert!(matches!(
        check_workbook(&template, &tight),
        Err(Refusal::TooLarge(m)) if m.contains("maksimal 3")
    ));
}

#[test]
fn a_file_that_is_not_a_zip_is_left_to_the_parser() {
    assert_eq!(check_workbook(b"nama,nilai\n", &WORKBOOK_BOUNDS), Ok(()));
}

#[test]
fn a_truncated_part_is_damaged_not_too_large() {
    let mut bytes = hostile("far-cells.xlsx");
    // Cut inside the sheet's compressed data but keep the zip's directory readable: flip bytes in the middle.
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 64] {
        *b = !*b;
    }
    assert!(!matches!(
        check_workbook(&bytes, &WORKBOOK_BOUNDS),
        Err(Refusal::TooLarge(_))
    ));
}

#[test]
fn cell_references_at_excels_edges() {
    assert_eq!(cell_of("A1"), Some((1, 1)));
    assert_eq!(cell_of("$B$12"), Some((12, 2)));
    assert_eq!(cell_of("XFD1048576"), Some((1_048_576, 16_384)));
    assert_eq!(cell_of("XFE1"), None);
    assert_eq!(cell_of("A1048577"), None);
    assert_eq!(cell_of("A0"), None);
    assert_eq!(cell_of("1A"), None);
    assert_eq!(cell_of("ABCD1"), None);
    assert_eq!(range_of("A1:C3"), Some(((1, 1), (3, 3))));
    assert_eq!(range_of("B2"), Some(((2, 2), (2, 2))));
}

#[test]
fn a_grid_counts_from_the_first_to_the_last_cell() {
    let mut extent = Extent::default();
    assert_eq!(extent.grid(), 0);
    extent.take(5, 2);
    extent.take(7, 4);
    assert_eq!(extent.grid(), 9);
    extent.take(1_048_576, 16_384);
    assert_eq!(extent.grid(), 1_048_572 * 16_383);
}

#[test]
fn no_more_than_the_allowed_parses_run_at_once() {
    static INSIDE: AtomicUsize = AtomicUsize::new(0);
    static MOST: AtomicUsize = AtomicUsize::new(0);
    let threads: Vec<_> = (0..8)
        .map(|_| {
            std::thread::spawn(|| {
                parse_gate(|| {
                    let now = INSIDE.fetch_add(1, Ordering::SeqCst) + 1;
                    MOST.fetch_max(now, Ordering::SeqCst);
                    for _ in 0..1_000 {
                        std::thread::yield_now();
                    }
                    INSIDE.fetch_sub(1, Ordering::SeqCst);
                })
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert!(MOST.load(Ordering::SeqCst) <= WORKBOOK_BOUNDS.concurrent_parses);
    assert_eq!(INSIDE.load(Ordering::SeqCst), 0);
}
