//! Planning: Renstra with revisions, tujuan, sasaran, program / kegiatan / sub kegiatan, indicators, targets and
//! realisations (domain.md §2).

use crate::date::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A strategic plan period of a unit, e.g. Renstra 2024–2026, with its revisions (Perubahan Renstra).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Renstra {
    pub id: String,
    pub unit: String,
    pub start_year: i32,
    pub end_year: i32,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub revisions: Vec<Revision>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    pub number: u32,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub document: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tujuan {
    pub id: String,
    pub renstra: String,
    pub text: String,
}

/// A sasaran strategis; its indicators are the unit's IKU.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sasaran {
    pub id: String,
    pub tujuan: String,
    pub text: String,
}

/// A program of the unit (Permendagri 90/2019 `U.BB.PP`), supporting one sasaran strategis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    pub id: String,
    pub unit: String,
    pub sasaran: String,
    #[serde(default)]
    pub code: Option<String>,
    pub name: String,
    /// The sasaran program (outcome statement), "Meningkatnya capaian kinerja aparatur".
    #[serde(default)]
    pub sasaran_program: Option<String>,
}

/// A kegiatan (`U.BB.PP.K.KK`) under a program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kegiatan {
    pub id: String,
    pub program: String,
    #[serde(default)]
    pub code: Option<String>,
    pub name: String,
}

/// A sub kegiatan (`U.BB.PP.K.KK.SSSS`) under a kegiatan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubKegiatan {
    pub id: String,
    pub kegiatan: String,
    #[serde(default)]
    pub code: Option<String>,
    pub name: String,
}

/// Where an indicator sits in the cascade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Tujuan,
    /// Sasaran strategis: the IKU.
    Sasaran,
    Program,
    Kegiatan,
    SubKegiatan,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Tujuan => "Tujuan",
            Level::Sasaran => "Sasaran Strategis",
            Level::Program => "Program",
            Level::Kegiatan => "Kegiatan",
            Level::SubKegiatan => "Sub Kegiatan",
        }
    }
}

/// Whether a higher or a lower realisation is better. A range target (see [`TargetValue`]) works with either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    #[default]
    Positive,
    Negative,
}

impl Polarity {
    pub const ALL: [Polarity; 2] = [Polarity::Positive, Polarity::Negative];
    /// The name in the dataset and in forms.
    pub fn code(self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Negative => "negative",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Polarity::Positive => "Positif — makin tinggi makin baik",
            Polarity::Negative => "Negatif — makin rendah makin baik",
        }
    }
}

/// How the quarterly values make the annual one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Sum of TW I–IV (counts of documents, reports, people).
    Cumulative,
    /// The latest quarter's value (indices, percentages of a stock, scores given once a year).
    #[default]
    LastValue,
    /// Mean of the quarters that have a value.
    Average,
}

impl Aggregation {
    pub const ALL: [Aggregation; 3] = [
        Aggregation::Cumulative,
        Aggregation::LastValue,
        Aggregation::Average,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Aggregation::Cumulative => "cumulative",
            Aggregation::LastValue => "last_value",
            Aggregation::Average => "average",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Aggregation::Cumulative => "Kumulatif — jumlah TW I–IV",
            Aggregation::LastValue => "Nilai terakhir — triwulan terakhir yang terisi",
            Aggregation::Average => "Rata-rata triwulan yang terisi",
        }
    }
}

/// A composite index that can also be computed from the survey or evaluation data of the same unit-year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexKind {
    Akip,
    Ikpp,
    Ikm,
    Ipp,
    /// The PATEN score the evaluator gave (`PatenEvaluation::score`).
    Paten,
}

impl IndexKind {
    pub const ALL: [IndexKind; 5] = [
        IndexKind::Akip,
        IndexKind::Ikpp,
        IndexKind::Ikm,
        IndexKind::Ipp,
        IndexKind::Paten,
    ];
    pub fn code(self) -> &'static str {
        match self {
            IndexKind::Akip => "akip",
            IndexKind::Ikpp => "ikpp",
            IndexKind::Ikm => "ikm",
            IndexKind::Ipp => "ipp",
            IndexKind::Paten => "paten",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            IndexKind::Akip => "Nilai evaluasi AKIP",
            IndexKind::Ikpp => "Indeks Kualitas Pelayanan Publik (IKPP)",
            IndexKind::Ikm => "Indeks Kepuasan Masyarakat (IKM)",
            IndexKind::Ipp => "Indeks Pelayanan Publik (IPP)",
            IndexKind::Paten => "Nilai PATEN Kecamatan",
        }
    }
}

#[cfg(test)]
mod codes {
    use super::*;

    /// The form codes are the dataset's serde names, so a value chosen on a form reads back as the same enum.
    #[test]
    fn codes_are_the_serde_names() {
        let name = |v: serde_json::Value| v.as_str().unwrap().to_string();
        for p in Polarity::ALL {
            assert_eq!(name(serde_json::to_value(p).unwrap()), p.code());
        }
        for a in Aggregation::ALL {
            assert_eq!(name(serde_json::to_value(a).unwrap()), a.code());
        }
        for i in IndexKind::ALL {
            assert_eq!(name(serde_json::to_value(i).unwrap()), i.code());
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub level: Level,
    /// The id of the tujuan, sasaran, program, kegiatan or sub kegiatan it measures.
    pub owner: String,
    pub name: String,
    /// %, dokumen, laporan, orang, paket, unit, desa, lembaga, nilai, indeks …
    pub satuan: String,
    #[serde(default)]
    pub polarity: Polarity,
    #[serde(default)]
    pub formula: Option<String>,
    #[serde(default)]
    pub data_source: Option<String>,
    #[serde(default)]
    pub responsible: Option<String>,
    #[serde(default)]
    pub aggregation: Aggregation,
    /// Decimals shown for its values.
    #[serde(default)]
    pub decimals: u32,
    /// Weight in the roll-up of its owner (equal weights when absent).
    #[serde(default)]
    pub weight: Option<Decimal>,
    /// The target at the end of the Renstra period (for the tingkat kemajuan).
    #[serde(default)]
    pub end_target: Option<TargetValue>,
    /// The index this indicator reports, when the same data holds what it is computed from.
    #[serde(default)]
    pub index: Option<IndexKind>,
}

/// A target: one value, or a band `[low, high]` inside which the indicator is on target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TargetValue {
    Single(Decimal),
    Range { low: Decimal, high: Decimal },
}

impl TargetValue {
    /// Reads a target typed on a form: `81`, `80,5`, or a band `70 – 90` (also `70-90`, `70 s.d. 90`). The comma
    /// is the decimal separator; a band's ends must be in order.
    pub fn parse_typed(text: &str) -> Option<TargetValue> {
        let text = text.trim();
        let number = |t: &str| crate::number::parse_typed(t).ok();
        // A leading minus is a sign, not a band.
        let split = ["–", "—", " s.d. ", " s/d ", "-"].iter().find_map(|sep| {
            let at = text.get(1..)?.find(sep)? + 1;
            Some((&text[..at], &text[at + sep.len()..]))
        });
        match split {
            Some((low, high)) => {
                let (low, high) = (number(low)?, number(high)?);
                (low <= high).then_some(TargetValue::Range { low, high })
            }
            None => number(text).map(TargetValue::Single),
        }
    }
}

#[cfg(test)]
mod typed_targets {
    use super::TargetValue;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn single_values_and_bands_are_read_as_typed() {
        assert_eq!(
            TargetValue::parse_typed(" 81 "),
            Some(TargetValue::Single(d("81")))
        );
        assert_eq!(
            TargetValue::parse_typed("80,5"),
            Some(TargetValue::Single(d("80.5")))
        );
        assert_eq!(
            TargetValue::parse_typed("-2"),
            Some(TargetValue::Single(d("-2")))
        );
        let band = Some(TargetValue::Range {
            low: d("70"),
            high: d("90,5".replace(',', ".").as_str()),
        });
        for typed in [
            "70 – 90,5",
            "70-90,5",
            "70 s.d. 90,5",
            "70—90,5",
            "70 s/d 90,5",
        ] {
            assert_eq!(TargetValue::parse_typed(typed), band, "{typed}");
        }
        for bad in ["", "delapan", "90 – 70", "70 –", "– 90", "1.000"] {
            assert_eq!(TargetValue::parse_typed(bad), None, "{bad}");
        }
    }
}

/// A yearly target (no quarter) or a quarterly one (TW I–IV).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub indicator: String,
    pub year: i32,
    #[serde(default)]
    pub quarter: Option<u8>,
    pub value: TargetValue,
}

/// Evidence behind a figure: a document title and, once uploaded, the stored file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub title: String,
    #[serde(default)]
    pub file: Option<String>,
}

/// A realisation: the yearly value (no quarter) or a quarter's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Realisation {
    pub indicator: String,
    pub year: i32,
    #[serde(default)]
    pub quarter: Option<u8>,
    pub value: Decimal,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}
