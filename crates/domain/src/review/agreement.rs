//! The Perjanjian Kinerja in force against the plan: its targets against the measured ones, the indicators it
//! leaves out, its program budgets against the pagu.

use super::finding::{show_target, Finding, FindingCode, Severity};
use super::place::{place, subject_name};
use super::recompute::{agreed_indicators, indicator, single};
use crate::measure::{IndicatorResult, Measurement};
use crate::model::*;
use crate::number::format_rupiah;
use rust_decimal::Decimal;

pub(super) fn agreement(m: &Measurement, d: &Dataset, out: &mut Vec<Finding>) {
    let agreed: Vec<&IndicatorResult> = agreed_indicators(m)
        .filter(|r| r.target.is_some())
        .collect();
    let Some(a) = d.agreement_in_force(&m.unit.code, m.year) else {
        if !agreed.is_empty() {
            out.push(Finding::new(
                FindingCode::PkMissing,
                Severity::Peringatan,
                format!("Perjanjian Kinerja {}", m.year),
                "Unit-tahun ini memiliki target tetapi tidak memiliki Perjanjian Kinerja."
                    .to_string(),
            ));
        }
        return;
    };
    let pk = format!("Perjanjian Kinerja {} versi {}", m.year, a.version);
    let annex: Vec<&AgreementTarget> = a
        .targets
        .iter()
        .chain(a.programs.iter().flat_map(|p| p.indicators.iter()))
        .collect();
    let about = |code, severity, id: &str, message: &str| {
        let location = place(&pk, subject_name(m, d, id));
        Finding::new(code, severity, location, message.to_string()).about(Some(id))
    };
    for t in &annex {
        let ours = indicator(m, &t.indicator).and_then(|r| r.target);
        if ours == Some(t.target) {
            continue;
        }
        let message = "Target di PK tidak sama dengan target tahunan yang diukur.";
        out.push(
            about(
                FindingCode::PkTarget,
                Severity::Galat,
                &t.indicator,
                message,
            )
            .values(
                ours.map(show_target),
                Some(show_target(t.target)),
                match (ours.and_then(single), single(t.target)) {
                    (Some(o), Some(f)) => Some(f - o),
                    _ => None,
                },
            ),
        );
    }
    for r in agreed {
        if annex.iter().any(|t| t.indicator == r.id) {
            continue;
        }
        let message = "Indikator bertarget ini tidak tercantum di PK.";
        out.push(
            about(FindingCode::PkTarget, Severity::Peringatan, &r.id, message).values(
                r.target.map(show_target),
                None,
                None,
            ),
        );
    }
    for p in &a.programs {
        let ours = m
            .budget
            .by_program
            .iter()
            .find(|b| b.program == p.program)
            .and_then(|b| b.money.pagu);
        if ours == Some(p.anggaran) {
            continue;
        }
        let message = "Anggaran program di PK tidak sama dengan pagu yang berlaku.";
        out.push(
            about(FindingCode::PkBudget, Severity::Galat, &p.program, message).values(
                ours.map(format_rupiah),
                Some(format_rupiah(p.anggaran)),
                ours.map(|o| p.anggaran - o),
            ),
        );
    }
    let pk_total: Decimal = a.programs.iter().map(|p| p.anggaran).sum();
    if let (false, Some(total)) = (a.programs.is_empty(), m.budget.total.pagu) {
        if total != pk_total {
            out.push(
                Finding::new(
                    FindingCode::PkBudget,
                    Severity::Galat,
                    format!("{pk}, jumlah anggaran"),
                    "Jumlah anggaran program di PK tidak sama dengan pagu unit.".to_string(),
                )
                .values(
                    Some(format_rupiah(total)),
                    Some(format_rupiah(pk_total)),
                    Some(pk_total - total),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::finding::FindingCode;
    use super::super::finding::Severity::{Galat, Peringatan};
    use super::super::tests::*;
    use crate::test_support::d;

    #[test]
    fn pk_targets_and_budget_are_checked_against_the_plan() {
        let mut data = fixture();
        data.agreements[0].targets[0] = pk_target("iku", "82");
        let f = only(&data);
        assert_eq!((f.code, f.severity), (FindingCode::PkTarget, Galat));
        assert_eq!(
            (f.expected.as_deref(), f.found.as_deref(), f.difference),
            (Some("80"), Some("82"), Some(d("2")))
        );
        // An older version does not count: the highest one is in force.
        let mut newer = data.agreements[0].clone();
        newer.version = 2;
        newer.targets[0] = pk_target("iku", "80");
        data.agreements.push(newer);
        assert!(run(&data).findings.is_empty());

        let mut data = fixture();
        data.agreements[0].targets.clear();
        assert_eq!(codes(&data), vec![(FindingCode::PkTarget, Peringatan)]);

        let mut data = fixture();
        data.agreements[0].programs[0].anggaran = d("310");
        let r = run(&data);
        assert_eq!(
            r.findings
                .iter()
                .map(|f| (f.code, f.location.as_str()))
                .collect::<Vec<_>>(),
            vec![
                (
                    FindingCode::PkBudget,
                    "Perjanjian Kinerja 2024 versi 1, Program Uji"
                ),
                (
                    FindingCode::PkBudget,
                    "Perjanjian Kinerja 2024 versi 1, jumlah anggaran"
                ),
            ]
        );

        let mut data = fixture();
        data.agreements.clear();
        assert_eq!(codes(&data), vec![(FindingCode::PkMissing, Peringatan)]);
    }
}
