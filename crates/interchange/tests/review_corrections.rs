//! The reviu raises no false alarm on the figures of the reference report: every figure it flags, once replaced
//! by the value it says the figure should have, is accepted; and each replaced figure put back alone brings back
//! exactly its own finding and no other.

use kinerja_domain::measure::{measure, Measurement};
use kinerja_domain::model::*;
use kinerja_domain::review::{check_figure, Finding, FindingCode, Severity};
use kinerja_test_support::reference;

/// The figures of the reference report with a galat or peringatan: (index, the finding).
fn flagged(m: &Measurement, data: &Dataset) -> Vec<(usize, Finding)> {
    data.published_figures
        .iter()
        .enumerate()
        .filter(|(_, p)| p.unit == "ngoro" && p.year == 2024)
        .filter_map(|(i, p)| Some((i, check_figure(m, data, p)?)))
        .filter(|(_, f)| f.severity != Severity::Catatan)
        .collect()
}

#[test]
fn every_flagged_figure_replaced_by_its_expected_value_is_accepted_and_put_back_alone_is_flagged_again(
) {
    let published = reference().clone();
    let m = measure(&published, "ngoro", 2024).expect("ngoro measures");
    let found = flagged(&m, &published);
    // The figures of the published report that are wrong (the list and its arithmetic are in review_ngoro).
    assert!(found.len() >= 20, "{} flagged figures", found.len());

    let mut corrected = published.clone();
    for (i, f) in &found {
        let expected = f
            .expected
            .clone()
            .unwrap_or_else(|| panic!("{} has no expected value", f.location));
        corrected.published_figures[*i].printed = expected;
    }
    let left = flagged(&m, &corrected);
    assert!(
        left.is_empty(),
        "still flagged after correction: {:#?}",
        left.iter()
            .map(|(_, f)| (&f.location, &f.message))
            .collect::<Vec<_>>()
    );

    for (i, original) in &found {
        let mut one_back = corrected.clone();
        one_back.published_figures[*i].printed = published.published_figures[*i].printed.clone();
        let again = flagged(&m, &one_back);
        let codes: Vec<(usize, FindingCode, Severity, Option<String>)> = again
            .iter()
            .map(|(j, f)| (*j, f.code, f.severity, f.expected.clone()))
            .collect();
        assert_eq!(
            codes,
            vec![(
                *i,
                original.code,
                original.severity,
                original.expected.clone()
            )],
            "{} put back",
            original.location
        );
    }
}
