//! The rules of domain.md §3 and §5 at their edges, through the whole measurement: signs, a negative indicator
//! with target 0, a quarter missing between entered ones, band targets given per quarter, and the official AKIP
//! value counting as the official IPP does.

use crate::properties::skeleton;
use kinerja_domain::calc::capaian::CapaianForm;
use kinerja_domain::measure::{measure, IndicatorResult};
use kinerja_domain::model::*;
use kinerja_domain::rules::{RuleSet, ZeroTarget};
use kinerja_domain::Decimal;

fn d(text: &str) -> Decimal {
    text.parse().expect("test decimal")
}

/// A unit with one IKU of the given polarity and aggregation.
fn unit_with(polarity: Polarity, aggregation: Aggregation) -> Dataset {
    let mut data = skeleton();
    data.indicators.push(Indicator {
        id: "iku".into(),
        level: Level::Sasaran,
        owner: "s0".into(),
        name: "Indikator uji".into(),
        satuan: "%".into(),
        polarity,
        formula: None,
        data_source: None,
        responsible: None,
        aggregation,
        decimals: 2,
        weight: None,
        end_target: None,
        index: None,
    });
    data
}

fn target(data: &mut Dataset, quarter: Option<u8>, value: TargetValue) {
    data.targets.push(Target {
        indicator: "iku".into(),
        year: 2024,
        quarter,
        value,
    });
}

fn realise(data: &mut Dataset, quarter: Option<u8>, value: &str) {
    data.realisations.push(Realisation {
        indicator: "iku".into(),
        year: 2024,
        quarter,
        value: d(value),
        note: None,
        evidence: vec![],
    });
}

fn iku(data: &Dataset) -> IndicatorResult {
    let m = measure(data, "u", 2024).expect("measured");
    m.iku.rows[0].indicator.clone()
}

fn single(t: &str) -> TargetValue {
    TargetValue::Single(d(t))
}

#[test]
fn negative_numbers_keep_the_direction_and_name_the_form() {
    for (polarity, t, r, expected) in [
        (Polarity::Positive, "-5", "-4", "120"),
        (Polarity::Positive, "-5", "-6", "80"),
        (Polarity::Negative, "-5", "-6", "120"),
        (Polarity::Negative, "-5", "-4", "80"),
        (Polarity::Positive, "5", "-2", "0"),
        (Polarity::Positive, "5", "-1", "0"),
        (Polarity::Negative, "5", "-2", "240"),
    ] {
        let mut data = unit_with(polarity, Aggregation::LastValue);
        target(&mut data, None, single(t));
        realise(&mut data, None, r);
        let result = iku(&data);
        assert_eq!(
            result.capaian,
            Some(d(expected)),
            "{polarity:?} T {t} R {r}"
        );
        assert_eq!(result.capaian_form, Some(CapaianForm::Distance));
    }
    // Positive figures keep the plain ratio, which the JSON does not name.
    let mut data = unit_with(Polarity::Positive, Aggregation::LastValue);
    target(&mut data, None, single("81"));
    realise(&mut data, None, "80.15");
    let result = iku(&data);
    assert_eq!(result.capaian_form, None);
    let json = serde_json::to_value(&result).expect("json");
    assert!(json.get("capaian_form").is_none());
}

#[test]
fn a_negative_indicator_with_target_0_follows_the_rule_in_force() {
    let mut data = unit_with(Polarity::Negative, Aggregation::LastValue);
    target(&mut data, None, single("0"));
    realise(&mut data, None, "0");
    let met = iku(&data);
    assert_eq!(met.capaian, Some(d("100")));
    assert_eq!(met.capaian_form, Some(CapaianForm::ZeroTargetMet));

    data.realisations[0].value = d("1");
    let missed = iku(&data);
    assert_eq!(missed.capaian, Some(d("0")));
    assert_eq!(missed.not_computable, None);

    // The pemda may choose no number for it, as for any target 0.
    data.rule_sets = vec![RuleSet {
        zero_target: ZeroTarget::NotComputable,
        ..RuleSet::defaults(2024)
    }];
    let none = iku(&data);
    assert_eq!(none.capaian, None);
    assert_eq!(
        none.not_computable.as_deref(),
        Some("tidak dapat dihitung: target 0")
    );

    // A positive indicator with target 0 never has a number, whatever the rule.
    let mut data = unit_with(Polarity::Positive, Aggregation::LastValue);
    target(&mut data, None, single("0"));
    realise(&mut data, None, "0");
    assert_eq!(iku(&data).capaian, None);
}

#[test]
fn a_quarter_missing_between_entered_ones_is_named() {
    let mut data = unit_with(Polarity::Positive, Aggregation::Cumulative);
    target(&mut data, None, single("40"));
    realise(&mut data, Some(1), "10");
    realise(&mut data, Some(3), "10");
    let result = iku(&data);
    assert_eq!(result.realisation, Some(d("20")));
    assert_eq!(result.missing_quarters, vec![2]);

    // A quarter not yet reached is not a gap.
    data.realisations.retain(|r| r.quarter != Some(3));
    realise(&mut data, Some(2), "10");
    assert_eq!(iku(&data).missing_quarters, Vec::<u8>::new());

    // An entered annual value rests on no quarter.
    realise(&mut data, Some(4), "10");
    data.realisations.retain(|r| r.quarter != Some(2));
    realise(&mut data, None, "40");
    assert_eq!(iku(&data).missing_quarters, Vec::<u8>::new());
}

#[test]
fn band_targets_given_per_quarter_make_an_annual_band() {
    let mut data = unit_with(Polarity::Positive, Aggregation::LastValue);
    for q in 1..=4 {
        target(
            &mut data,
            Some(q),
            TargetValue::Range {
                low: d("80"),
                high: d("90"),
            },
        );
    }
    realise(&mut data, None, "85");
    let result = iku(&data);
    assert_eq!(
        result.target,
        Some(TargetValue::Range {
            low: d("80"),
            high: d("90")
        })
    );
    assert_eq!(result.capaian, Some(d("100")));
    // Cumulative bands add bound by bound.
    let mut data = unit_with(Polarity::Positive, Aggregation::Cumulative);
    target(
        &mut data,
        Some(1),
        TargetValue::Range {
            low: d("1"),
            high: d("2"),
        },
    );
    target(&mut data, Some(2), single("3"));
    realise(&mut data, None, "4");
    assert_eq!(
        iku(&data).target,
        Some(TargetValue::Range {
            low: d("4"),
            high: d("5")
        })
    );
}

#[test]
fn the_official_akip_value_counts_for_the_predicate() {
    let mut data = skeleton();
    let score = |component, lke: &str| AkipComponentScore {
        component,
        lke: Some(d(lke)),
        field: None,
        criteria: vec![],
    };
    data.akip.push(AkipEvaluation {
        unit: "u".into(),
        year: 2024,
        official: Some(d("80.00")),
        lhe_number: None,
        date: None,
        components: vec![
            score(AkipComponent::Perencanaan, "24"),
            score(AkipComponent::Pengukuran, "24"),
            score(AkipComponent::Pelaporan, "12.01"),
            score(AkipComponent::Evaluasi, "20"),
        ],
    });
    let m = measure(&data, "u", 2024).expect("measured");
    let akip = m.akip.as_ref().expect("akip");
    assert_eq!(akip.total, d("80.01"));
    assert_eq!(akip.value(), d("80.00"));
    assert_eq!(akip.predicate.as_ref().map(|p| p.code.as_str()), Some("BB"));
    assert_eq!(akip.difference, Some(d("-0.01")));

    // Without the official value the components' total counts: 80,01 is A.
    data.akip[0].official = None;
    let m = measure(&data, "u", 2024).expect("measured");
    let akip = m.akip.as_ref().expect("akip");
    assert_eq!(akip.value(), d("80.01"));
    assert_eq!(akip.predicate.as_ref().map(|p| p.code.as_str()), Some("A"));
}
