//! Generated factual sentences: what the report says about an indicator is written from the same figures as its
//! tables, so text and numbers cannot disagree.

use crate::measure::{Average, IndicatorResult};
use crate::model::TargetValue;
use crate::number::{format_natural, format_percent};
use rust_decimal::Decimal;

/// A value with its unit the way the reports write it: `100%`, `2 dokumen`, `80,15`.
pub fn value_with_unit(value: Decimal, satuan: &str, decimals: u32) -> String {
    let number = format_natural(value, decimals.max(2));
    match satuan.trim() {
        "%" => format!("{number}%"),
        "" | "nilai" | "indeks" => number,
        other => format!("{number} {other}"),
    }
}

pub fn target_with_unit(target: TargetValue, satuan: &str, decimals: u32) -> String {
    match target {
        TargetValue::Single(v) => value_with_unit(v, satuan, decimals),
        TargetValue::Range { low, high } => {
            format!(
                "{}–{}",
                value_with_unit(low, satuan, decimals),
                value_with_unit(high, satuan, decimals)
            )
        }
    }
}

/// "Nilai Evaluasi AKIP Kecamatan Ngoro ditargetkan 81, terealisasi 80,15, capaian 98,95%: tidak mencapai target."
pub fn indicator_sentence(r: &IndicatorResult, capaian_decimals: u32) -> String {
    let target = r.target.map(|t| target_with_unit(t, &r.satuan, r.decimals));
    let realisation = r
        .realisation
        .map(|v| value_with_unit(v, &r.satuan, r.decimals));
    match (target, realisation, r.capaian, r.status) {
        (Some(t), Some(real), Some(c), Some(status)) => format!(
            "{} ditargetkan {t}, terealisasi {real}, capaian {}: {}.",
            r.name,
            format_percent(c, capaian_decimals),
            status.phrase()
        ),
        (Some(t), None, _, _) => format!("{} ditargetkan {t}; realisasi belum diisi.", r.name),
        (t, real, _, _) => format!(
            "{}: target {}, realisasi {}; capaian {}.",
            r.name,
            t.unwrap_or_else(|| "belum ditetapkan".into()),
            real.unwrap_or_else(|| "belum diisi".into()),
            r.not_computable
                .clone()
                .unwrap_or_else(|| "tidak dapat dihitung".into())
        ),
    }
}

/// "Rata-rata capaian 2 indikator 101,42% (rata-rata capaian indikator …); dengan batas 100%: 99,48%."
pub fn average_sentence(label: &str, a: &Average, capaian_decimals: u32) -> String {
    match a.value {
        Some(v) => format!(
            "{label} {} dari {} indikator ({}); bila capaian di atas 100% dihitung 100%: {}.",
            format_percent(v, capaian_decimals),
            a.count,
            a.method,
            a.capped_at_100
                .map(|c| format_percent(c, capaian_decimals))
                .unwrap_or_default()
        ),
        None => format!("{label} tidak dapat dihitung: belum ada capaian."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::capaian::TargetStatus;
    use crate::model::{Level, Polarity};
    use crate::test_support::d;

    fn result(
        target: &str,
        realisation: Option<&str>,
        capaian: Option<&str>,
        satuan: &str,
    ) -> IndicatorResult {
        IndicatorResult {
            id: "x".into(),
            name: "Nilai Evaluasi AKIP Kecamatan Ngoro".into(),
            level: Level::Sasaran,
            owner: "s1".into(),
            satuan: satuan.into(),
            polarity: Polarity::Positive,
            decimals: 2,
            target: Some(TargetValue::Single(d(target))),
            realisation: realisation.map(d),
            realisation_source: None,
            quarters: [None; 4],
            missing_quarters: Vec::new(),
            capaian: capaian.map(d),
            capaian_form: None,
            capaian_effective: capaian.map(d),
            not_computable: None,
            status: capaian.map(|c| TargetStatus::of(d(c))),
            predicate: None,
        }
    }

    #[test]
    fn writes_the_report_sentence() {
        let r = result("81", Some("80.15"), Some("98.950617"), "nilai");
        assert_eq!(
            indicator_sentence(&r, 2),
            "Nilai Evaluasi AKIP Kecamatan Ngoro ditargetkan 81, terealisasi 80,15, capaian 98,95%: tidak mencapai target."
        );
        let r = result("100", Some("100"), Some("100"), "%");
        assert!(indicator_sentence(&r, 2)
            .ends_with("ditargetkan 100%, terealisasi 100%, capaian 100,00%: mencapai target."));
        let r = result("2", None, None, "dokumen");
        assert_eq!(
            indicator_sentence(&r, 2),
            "Nilai Evaluasi AKIP Kecamatan Ngoro ditargetkan 2 dokumen; realisasi belum diisi."
        );
    }

    #[test]
    fn values_carry_their_unit() {
        assert_eq!(value_with_unit(d("14"), "orang/bulan", 0), "14 orang/bulan");
        assert_eq!(value_with_unit(d("8.54"), "indeks", 2), "8,54");
        assert_eq!(
            target_with_unit(
                TargetValue::Range {
                    low: d("80"),
                    high: d("90")
                },
                "%",
                0
            ),
            "80%–90%"
        );
    }
}
