//! Budget totals recorded on a program or kegiatan against the sum of their parts.

use super::finding::{Finding, FindingCode, Severity};
use crate::measure::Measurement;
use crate::model::Level;
use crate::number::format_rupiah;

pub(super) fn totals_against_parts(m: &Measurement, out: &mut Vec<Finding>) {
    for row in &m.budget.tree {
        let parts = match row.level {
            Level::Program => "kegiatannya",
            _ => "sub kegiatannya",
        };
        for (what, recorded, sum) in [
            ("Pagu", row.money.pagu, row.parts_pagu),
            ("Realisasi anggaran", row.money.spending, row.parts_spending),
        ] {
            let (Some(recorded), Some(sum)) = (recorded, sum) else {
                continue;
            };
            if recorded == sum {
                continue;
            }
            out.push(
                Finding::new(
                    FindingCode::TotalParts,
                    Severity::Galat,
                    format!("Tabel 3.10, {}", row.name),
                    format!(
                        "{what} {} yang tercatat tidak sama dengan jumlah {parts}.",
                        row.level.label().to_lowercase()
                    ),
                )
                .about(Some(row.id.as_str()))
                .values(
                    Some(format_rupiah(sum)),
                    Some(format_rupiah(recorded)),
                    Some(recorded - sum),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::finding::{FindingCode, Severity};
    use super::super::tests::*;
    use crate::model::Spending;
    use crate::test_support::d;

    #[test]
    fn a_recorded_total_is_checked_against_its_parts() {
        let mut data = fixture();
        data.spending.push(Spending {
            node: "k".into(),
            year: 2024,
            amount: d("250"),
        });
        let f = only(&data);
        assert_eq!(
            (f.code, f.severity),
            (FindingCode::TotalParts, Severity::Galat)
        );
        assert_eq!(f.location, "Tabel 3.10, Kegiatan Uji");
        assert_eq!(f.expected.as_deref(), Some("Rp 290"));
        assert_eq!(f.found.as_deref(), Some("Rp 250"));
        assert_eq!(f.difference, Some(d("-40")));
        data.spending.last_mut().unwrap().amount = d("290");
        assert!(run(&data).findings.is_empty());
    }
}
