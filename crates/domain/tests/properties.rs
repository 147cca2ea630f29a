//! Laws that hold for any data: roll-ups equal the sum of their parts, capaian moves with the realisation,
//! and printed numbers read back to the value they show.

use kinerja_domain::calc::capaian::capaian;
use kinerja_domain::measure::measure;
use kinerja_domain::model::*;
use kinerja_domain::number::{format_decimal, parse_printed, round};
use kinerja_domain::rules::ZeroTarget;
use kinerja_domain::Decimal;
use proptest::prelude::*;

fn dec(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

proptest! {
    #[test]
    fn capaian_rises_with_realisation_for_positive_polarity(t in 1i64..1_000_000, r1 in 0i64..2_000_000, r2 in 0i64..2_000_000) {
        let target = Some(TargetValue::Single(dec(t)));
        let (lo, hi) = (r1.min(r2), r1.max(r2));
        let a = capaian(Polarity::Positive, target, Some(dec(lo)), ZeroTarget::NotComputable).unwrap().value;
        let b = capaian(Polarity::Positive, target, Some(dec(hi)), ZeroTarget::NotComputable).unwrap().value;
        prop_assert!(a <= b);
        if lo < hi { prop_assert!(a < b); }
    }

    #[test]
    fn capaian_falls_with_realisation_for_negative_polarity(t in 1i64..1_000_000, r1 in 0i64..2_000_000, r2 in 0i64..2_000_000) {
        let target = Some(TargetValue::Single(dec(t)));
        let (lo, hi) = (r1.min(r2), r1.max(r2));
        let a = capaian(Polarity::Negative, target, Some(dec(lo)), ZeroTarget::NotComputable).unwrap().value;
        let b = capaian(Polarity::Negative, target, Some(dec(hi)), ZeroTarget::NotComputable).unwrap().value;
        prop_assert!(a >= b);
        prop_assert!(b >= Decimal::ZERO);
    }

    #[test]
    fn range_capaian_is_100_inside_the_band(low in 0i64..10_000, width in 0i64..10_000, pos in 0i64..10_000, neg in any::<bool>()) {
        let high = low + width;
        let r = low + pos.min(width);
        let polarity = if neg { Polarity::Negative } else { Polarity::Positive };
        let value = capaian(polarity, Some(TargetValue::Range { low: dec(low), high: dec(high) }), Some(dec(r)), ZeroTarget::NotComputable).unwrap().value;
        prop_assert_eq!(value, Decimal::ONE_HUNDRED);
    }

    #[test]
    fn better_than_target_scores_above_100_whatever_the_signs(t in -1_000_000i64..1_000_000, r in -2_000_000i64..2_000_000, neg in any::<bool>()) {
        prop_assume!(t != 0);
        let polarity = if neg { Polarity::Negative } else { Polarity::Positive };
        let value = capaian(polarity, Some(TargetValue::Single(dec(t))), Some(dec(r)), ZeroTarget::NotComputable).unwrap().value;
        let better = if neg { r < t } else { r > t };
        prop_assert!(value >= Decimal::ZERO);
        if r == t {
            prop_assert_eq!(value, Decimal::ONE_HUNDRED);
        } else if better {
            prop_assert!(value > Decimal::ONE_HUNDRED, "T {} R {} {:?}: {}", t, r, polarity, value);
        } else {
            // Worse scores below 100 (floored at 0 far below the target).
            prop_assert!(value < Decimal::ONE_HUNDRED, "T {} R {} {:?}: {}", t, r, polarity, value);
        }
    }

    #[test]
    fn a_negative_indicator_with_target_0_is_met_only_at_0(r in -1_000i64..1_000_000) {
        let c = capaian(Polarity::Negative, Some(TargetValue::Single(Decimal::ZERO)), Some(dec(r)), ZeroTarget::NegativeMetAtZero).unwrap();
        prop_assert_eq!(c.value, if r <= 0 { Decimal::ONE_HUNDRED } else { Decimal::ZERO });
    }

    #[test]
    fn printed_numbers_read_back(cents in -10_000_000_000i64..10_000_000_000) {
        let v = dec(cents);
        let printed = parse_printed(&format_decimal(v, 2)).unwrap();
        prop_assert_eq!(printed.value, round(v, 2));
        prop_assert_eq!(printed.decimals, 2);
    }

    #[test]
    fn budget_rollups_equal_the_sum_of_their_parts(
        tree in prop::collection::vec(prop::collection::vec(prop::collection::vec((0u64..5_000_000_000, 0u64..100), 1..5), 1..4), 1..5),
        sasaran_of in prop::collection::vec(0usize..2, 5),
    ) {
        let mut data = skeleton();
        let mut expected_pagu = Decimal::ZERO;
        let mut expected_spending = Decimal::ZERO;
        for (p, kegiatan) in tree.iter().enumerate() {
            let pid = format!("p{p}");
            data.program.push(Program { id: pid.clone(), unit: "u".into(), sasaran: format!("s{}", sasaran_of[p]), code: None, name: pid.clone(), sasaran_program: None });
            for (k, subs) in kegiatan.iter().enumerate() {
                let kid = format!("{pid}k{k}");
                data.kegiatan.push(Kegiatan { id: kid.clone(), program: pid.clone(), code: None, name: kid.clone() });
                for (s, (pagu, percent)) in subs.iter().enumerate() {
                    let sid = format!("{kid}s{s}");
                    data.sub_kegiatan.push(SubKegiatan { id: sid.clone(), kegiatan: kid.clone(), code: None, name: sid.clone() });
                    let pagu = Decimal::from(*pagu);
                    let spending = (pagu * Decimal::from(*percent) / Decimal::ONE_HUNDRED).floor();
                    data.pagu.push(Pagu { node: sid.clone(), year: 2024, revision: 0, label: None, amount: pagu });
                    data.spending.push(Spending { node: sid, year: 2024, amount: spending });
                    expected_pagu += pagu;
                    expected_spending += spending;
                }
            }
        }
        let m = measure(&data, "u", 2024).unwrap();
        prop_assert_eq!(m.budget.total.pagu, Some(expected_pagu));
        prop_assert_eq!(m.budget.total.spending, Some(expected_spending));
        let by_sasaran: Decimal = m.budget.by_sasaran.iter().filter_map(|s| s.money.pagu).sum();
        prop_assert_eq!(by_sasaran, expected_pagu);
        let by_program: Decimal = m.budget.by_program.iter().filter_map(|p| p.money.spending).sum();
        prop_assert_eq!(by_program, expected_spending);
        for row in &m.budget.tree {
            if row.level != Level::SubKegiatan {
                prop_assert_eq!(row.parts_pagu, row.money.pagu);
                prop_assert_eq!(row.parts_spending, row.money.spending);
            }
        }
        let silpa = m.budget.total.silpa.unwrap();
        prop_assert_eq!(silpa, expected_pagu - expected_spending);
    }
}

pub(crate) fn skeleton() -> Dataset {
    Dataset {
        pemda: Some(Pemda {
            code: "pd".into(),
            name: "Pemda".into(),
            kind: PemdaKind::Kabupaten,
            head_title: "Bupati".into(),
            head: None,
        }),
        units: vec![Unit {
            code: "u".into(),
            name: "Unit".into(),
            kind: "kecamatan".into(),
            parent: None,
            place: None,
            head: None,
            legal_basis: None,
            tugas: None,
            fungsi: vec![],
        }],
        renstra: vec![Renstra {
            id: "r".into(),
            unit: "u".into(),
            start_year: 2024,
            end_year: 2026,
            title: None,
            revisions: vec![],
        }],
        tujuan: vec![Tujuan {
            id: "t".into(),
            renstra: "r".into(),
            text: "Tujuan".into(),
        }],
        sasaran: vec![
            Sasaran {
                id: "s0".into(),
                tujuan: "t".into(),
                text: "Sasaran 0".into(),
            },
            Sasaran {
                id: "s1".into(),
                tujuan: "t".into(),
                text: "Sasaran 1".into(),
            },
        ],
        ..Dataset::default()
    }
}
