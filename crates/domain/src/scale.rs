//! Predicate scales as data: ordered bands with a lower bound each (domain.md §3, §5).

use crate::number::round;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A band: values above `lower` (or at it, when `inclusive`) and below the previous band belong to it.
/// The last band usually has no lower bound and catches everything below.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    #[serde(default)]
    pub lower: Option<Decimal>,
    #[serde(default)]
    pub inclusive: bool,
    /// Short code shown in tables: "A", "BB", "Baik".
    pub code: String,
    /// Full wording: "Memuaskan", "Baik (Berhasil)".
    pub label: String,
}

/// A named scale. Values are rounded to `round_to` decimals before they are classified, so that the band always
/// agrees with the figure printed beside it (80,004 prints 80,00 and is BB, not A).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub name: String,
    #[serde(default)]
    pub round_to: Option<u32>,
    /// From the highest band down.
    pub bands: Vec<Band>,
}

impl Scale {
    pub fn classify(&self, value: Decimal) -> Option<&Band> {
        let v = match self.round_to {
            Some(dp) => round(value, dp),
            None => value,
        };
        self.bands.iter().find(|band| match band.lower {
            None => true,
            Some(lower) if band.inclusive => v >= lower,
            Some(lower) => v > lower,
        })
    }

    /// The band of a value as a result carries it.
    pub(crate) fn predicate(&self, value: Decimal) -> Option<Predicate> {
        self.classify(value).map(|b| Predicate {
            code: b.code.clone(),
            label: b.label.clone(),
            scale: self.name.clone(),
        })
    }
}

/// A value's band on a scale: the band's code and label, and the scale's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Predicate {
    pub code: String,
    pub label: String,
    pub scale: String,
}

fn dec(text: &str) -> Decimal {
    text.parse()
        .expect("built-in scale bounds are valid decimals")
}

fn band(lower: Option<&str>, inclusive: bool, code: &str, label: &str) -> Band {
    Band {
        lower: lower.map(dec),
        inclusive,
        code: code.to_string(),
        label: label.to_string(),
    }
}

/// The capaian scale the reference LKjIP prints (evaluasi AKIP juklak): >100 Istimewa … 0–20 Sangat Kurang.
pub fn capaian_lkjip() -> Scale {
    Scale {
        name: "lkjip".into(),
        round_to: Some(2),
        bands: vec![
            band(Some("100"), false, "Istimewa", "Istimewa (Sangat Berhasil)"),
            band(Some("80"), false, "Baik", "Baik (Berhasil)"),
            band(
                Some("60"),
                false,
                "Butuh Perbaikan",
                "Butuh Perbaikan (Cukup)",
            ),
            band(Some("20"), false, "Kurang", "Kurang"),
            band(None, false, "Sangat Kurang", "Sangat Kurang"),
        ],
    }
}

/// Permendagri 86/2017: ≥91 Sangat Tinggi, 76–90 Tinggi, 66–75 Sedang, 51–65 Rendah, ≤50 Sangat Rendah.
pub fn capaian_permendagri_86() -> Scale {
    Scale {
        name: "permendagri_86_2017".into(),
        round_to: Some(2),
        bands: vec![
            band(Some("91"), true, "ST", "Sangat Tinggi"),
            band(Some("76"), true, "T", "Tinggi"),
            band(Some("66"), true, "S", "Sedang"),
            band(Some("51"), true, "R", "Rendah"),
            band(None, false, "SR", "Sangat Rendah"),
        ],
    }
}

/// AKIP predicates (PermenPANRB 88/2021), strict lower bounds: 80,00 is BB.
pub fn akip() -> Scale {
    Scale {
        name: "akip_permenpanrb_88_2021".into(),
        round_to: Some(2),
        bands: vec![
            band(Some("90"), false, "AA", "Sangat Memuaskan"),
            band(Some("80"), false, "A", "Memuaskan"),
            band(Some("70"), false, "BB", "Sangat Baik"),
            band(Some("60"), false, "B", "Baik"),
            band(Some("50"), false, "CC", "Cukup"),
            band(Some("30"), false, "C", "Kurang"),
            band(None, false, "D", "Sangat Kurang"),
        ],
    }
}

/// IKM mutu pelayanan (PermenPANRB 14/2017) on the 25–100 value rounded to 2 decimals.
pub fn ikm() -> Scale {
    Scale {
        name: "ikm_permenpanrb_14_2017".into(),
        round_to: Some(2),
        bands: vec![
            band(Some("88.31"), true, "A", "Sangat Baik"),
            band(Some("76.61"), true, "B", "Baik"),
            band(Some("65.00"), true, "C", "Kurang Baik"),
            band(None, false, "D", "Tidak Baik"),
        ],
    }
}

/// IPP bands on 0–5.
pub fn ipp() -> Scale {
    Scale {
        name: "ipp".into(),
        round_to: Some(2),
        bands: vec![
            band(Some("4.51"), true, "A", "Pelayanan Prima"),
            band(Some("4.01"), true, "A-", "Sangat Baik"),
            band(Some("3.51"), true, "B", "Baik"),
            band(Some("3.01"), true, "B-", "Baik (dengan catatan)"),
            band(Some("2.51"), true, "C", "Cukup"),
            band(Some("2.01"), true, "C-", "Cukup (dengan catatan)"),
            band(Some("1.51"), true, "D", "Buruk"),
            band(Some("1.01"), true, "E", "Sangat Buruk"),
            band(None, false, "F", "Gagal"),
        ],
    }
}

/// IKPP bands of Kabupaten Jombang.
pub fn ikpp() -> Scale {
    Scale {
        name: "ikpp_jombang".into(),
        round_to: Some(2),
        bands: vec![
            band(Some("8.26"), true, "A", "Sangat Berkualitas"),
            band(Some("6.51"), true, "B", "Berkualitas"),
            band(Some("3.01"), true, "C", "Cukup"),
            band(None, false, "D", "Buruk"),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::d;

    fn code(scale: &Scale, v: &str) -> String {
        scale.classify(d(v)).unwrap().code.clone()
    }

    #[test]
    fn capaian_lkjip_band_edges() {
        let s = capaian_lkjip();
        assert_eq!(code(&s, "150"), "Istimewa");
        assert_eq!(code(&s, "110"), "Istimewa");
        assert_eq!(code(&s, "100.01"), "Istimewa");
        assert_eq!(code(&s, "100"), "Baik");
        assert_eq!(code(&s, "98.95"), "Baik");
        assert_eq!(code(&s, "80.01"), "Baik");
        assert_eq!(code(&s, "80"), "Butuh Perbaikan");
        assert_eq!(code(&s, "60"), "Kurang");
        assert_eq!(code(&s, "20.01"), "Kurang");
        assert_eq!(code(&s, "20"), "Sangat Kurang");
        assert_eq!(code(&s, "0"), "Sangat Kurang");
    }

    #[test]
    fn capaian_permendagri_band_edges() {
        let s = capaian_permendagri_86();
        assert_eq!(code(&s, "91"), "ST");
        assert_eq!(code(&s, "90.99"), "T");
        assert_eq!(code(&s, "76"), "T");
        assert_eq!(code(&s, "75.99"), "S");
        assert_eq!(code(&s, "66"), "S");
        assert_eq!(code(&s, "65"), "R");
        assert_eq!(code(&s, "51"), "R");
        assert_eq!(code(&s, "50"), "SR");
    }

    #[test]
    fn akip_band_edges() {
        let s = akip();
        assert_eq!(code(&s, "80.00"), "BB");
        assert_eq!(code(&s, "80.01"), "A");
        assert_eq!(code(&s, "80.004"), "BB");
        assert_eq!(code(&s, "80.15"), "A");
        assert_eq!(code(&s, "90"), "A");
        assert_eq!(code(&s, "90.01"), "AA");
        assert_eq!(code(&s, "70"), "B");
        assert_eq!(code(&s, "60"), "CC");
        assert_eq!(code(&s, "50"), "C");
        assert_eq!(code(&s, "30"), "D");
        assert_eq!(code(&s, "0"), "D");
    }

    #[test]
    fn ikm_band_edges() {
        let s = ikm();
        assert_eq!(code(&s, "88.31"), "A");
        assert_eq!(code(&s, "88.30"), "B");
        assert_eq!(code(&s, "88.305"), "A");
        assert_eq!(code(&s, "76.61"), "B");
        assert_eq!(code(&s, "76.60"), "C");
        assert_eq!(code(&s, "65.00"), "C");
        assert_eq!(code(&s, "64.99"), "D");
    }

    /// Each band's lower edge belongs to it, one hundredth below belongs to the next band down.
    fn edges(scale: &Scale, edges: &[(&str, &str, &str)]) {
        for (at, code_at, below) in edges {
            assert_eq!(code(scale, at), *code_at, "{} at {at}", scale.name);
            let under = d(at) - d("0.01");
            assert_eq!(
                scale.classify(under).unwrap().code,
                *below,
                "{} at {under}",
                scale.name
            );
        }
    }

    #[test]
    fn ipp_and_ikpp_band_edges() {
        let s = ipp();
        edges(
            &s,
            &[
                ("4.51", "A", "A-"),
                ("4.01", "A-", "B"),
                ("3.51", "B", "B-"),
                ("3.01", "B-", "C"),
                ("2.51", "C", "C-"),
                ("2.01", "C-", "D"),
                ("1.51", "D", "E"),
                ("1.01", "E", "F"),
            ],
        );
        assert_eq!(code(&s, "5"), "A");
        assert_eq!(code(&s, "3.68"), "B");
        assert_eq!(code(&s, "3.26"), "B-");
        // Rounded to the printed two decimals first: 4,505 prints 4,51.
        assert_eq!(code(&s, "4.505"), "A");
        assert_eq!(code(&s, "4.504"), "A-");
        assert_eq!(code(&s, "0"), "F");
        let labels: Vec<&str> = s.bands.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Pelayanan Prima",
                "Sangat Baik",
                "Baik",
                "Baik (dengan catatan)",
                "Cukup",
                "Cukup (dengan catatan)",
                "Buruk",
                "Sangat Buruk",
                "Gagal"
            ]
        );
        let s = ikpp();
        edges(
            &s,
            &[("8.26", "A", "B"), ("6.51", "B", "C"), ("3.01", "C", "D")],
        );
        assert_eq!(code(&s, "10"), "A");
        assert_eq!(code(&s, "8.54"), "A");
        assert_eq!(code(&s, "0"), "D");
    }
}
