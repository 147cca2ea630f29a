//! The official IPP and AKIP values the evaluators announced, against the ones computed from their parts.

use super::finding::{Finding, FindingCode, Severity};
use crate::measure::Measurement;
use crate::number::{format_decimal, round};
use rust_decimal::Decimal;

pub(super) fn official_values(m: &Measurement, out: &mut Vec<Finding>) {
    let mut compare = |code, location: &str, what: &str, official: Option<Decimal>, computed| {
        let (Some(official), Some(computed)) = (official, computed) else {
            return;
        };
        let (o, c) = (round(official, 2), round(computed, 2));
        if o != c {
            let message = format!(
                "Nilai {what} resmi dari evaluator tidak sama dengan nilai yang dihitung dari \
                 komponennya; nilai resmi yang dipakai."
            );
            out.push(
                Finding::new(code, Severity::Peringatan, location.to_string(), message).values(
                    Some(format_decimal(c, 2)),
                    Some(format_decimal(o, 2)),
                    Some(o - c),
                ),
            );
        }
    };
    if let Some(ipp) = &m.ipp {
        compare(
            FindingCode::IppOfficial,
            "Indeks Pelayanan Publik (IPP)",
            "IPP",
            ipp.official,
            ipp.computed,
        );
    }
    if let Some(akip) = &m.akip {
        compare(
            FindingCode::AkipOfficial,
            "Evaluasi AKIP",
            "AKIP",
            akip.official,
            Some(akip.total),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::finding::{FindingCode, Severity};
    use super::super::tests::*;
    use super::super::SeverityCounts;
    use crate::model::*;
    use crate::test_support::d;

    #[test]
    fn official_ipp_and_akip_differing_from_their_parts_are_noted() {
        let mut data = fixture();
        // Every aspect scores 4: IPP 4 whatever the weights.
        let mut ipp = IppEvaluation {
            unit: "u".into(),
            year: 2024,
            official: Some(d("4")),
            date: None,
            source: None,
            aspects: vec![],
        };
        for aspect in IppAspect::ALL {
            let value = d("4");
            let recommendations = vec![];
            ipp.aspects.push(IppAspectScore {
                aspect,
                value,
                recommendations,
            });
        }
        data.ipp.push(ipp);
        data.akip.push(AkipEvaluation {
            unit: "u".into(),
            year: 2024,
            official: Some(d("80")),
            lhe_number: None,
            date: None,
            components: AkipComponent::ALL
                .iter()
                .map(|c| AkipComponentScore {
                    component: *c,
                    lke: Some(d("20")),
                    field: None,
                    criteria: vec![],
                })
                .collect(),
        });
        assert!(run(&data).findings.is_empty());
        data.ipp[0].official = Some(d("4.2"));
        data.akip[0].official = Some(d("81"));
        let r = run(&data);
        assert_eq!(
            r.findings
                .iter()
                .map(|f| (
                    f.code,
                    f.severity,
                    f.expected.as_deref(),
                    f.found.as_deref()
                ))
                .collect::<Vec<_>>(),
            vec![
                (
                    FindingCode::IppOfficial,
                    Severity::Peringatan,
                    Some("4,00"),
                    Some("4,20")
                ),
                (
                    FindingCode::AkipOfficial,
                    Severity::Peringatan,
                    Some("80,00"),
                    Some("81,00")
                ),
            ]
        );
        // The official value counts, but a reviewer must see that it is not what its parts give.
        assert!(!r.is_clean());
        assert_eq!(
            r.counts,
            SeverityCounts {
                galat: 0,
                peringatan: 2,
                catatan: 0
            }
        );
    }
}
