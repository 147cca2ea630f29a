//! Which kind each record is and which fields identify it. The dataset validation refuses two records with the
//! same key, storage keys its rows by it, the workbook import reports duplicate rows with it, and the write rules
//! name refused records by it.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// A kind of record (the serde name of its `Dataset` field), what it is called in Indonesian, and the fields of its
/// natural key. Kinds without a natural key are identified by their position within their unit-year.
#[derive(Debug, PartialEq, Eq)]
pub struct RecordKind {
    pub name: &'static str,
    /// How messages name it ("PK", "Evaluasi AKIP (LKE)").
    pub label: &'static str,
    pub key_fields: &'static [&'static str],
}

impl RecordKind {
    pub fn positional(&self) -> bool {
        self.key_fields.is_empty()
    }
    /// The natural key of a record given as JSON: its key fields joined with `|` (absent fields are empty).
    pub fn key_of(&self, record: &Value) -> String {
        self.key_fields
            .iter()
            .map(|f| scalar(record.get(*f)))
            .collect::<Vec<_>>()
            .join("|")
    }
}

/// The natural key of the kinds keyed by unit and year (`ipp`, `paten`, `akip`, `report`): what `key_of` makes of
/// them.
pub fn unit_year_key(unit: &str, year: i32) -> String {
    format!("{unit}|{year}")
}

fn scalar(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A record type with its kind: what typed reads and writes (`records::<IppEvaluation>(unit, year)`) go by instead
/// of a kind's name.
pub trait Record: Serialize + DeserializeOwned {
    const KIND: &'static RecordKind;
}

const fn kind(
    name: &'static str,
    label: &'static str,
    key_fields: &'static [&'static str],
) -> RecordKind {
    RecordKind {
        name,
        label,
        key_fields,
    }
}

pub const PEMDA: RecordKind = kind("pemda", "Pemda", &["code"]);
pub const RULES: RecordKind = kind("rules", "Aturan", &["year"]);
pub const UNIT: RecordKind = kind("unit", "Unit", &["code"]);
pub const RENSTRA: RecordKind = kind("renstra", "Renstra", &["id"]);
pub const TUJUAN: RecordKind = kind("tujuan", "Tujuan", &["id"]);
pub const SASARAN: RecordKind = kind("sasaran", "Sasaran", &["id"]);
pub const PROGRAM: RecordKind = kind("program", "Program", &["id"]);
pub const KEGIATAN: RecordKind = kind("kegiatan", "Kegiatan", &["id"]);
pub const SUB_KEGIATAN: RecordKind = kind("sub_kegiatan", "Sub Kegiatan", &["id"]);
pub const INDICATOR: RecordKind = kind("indicator", "Indikator", &["id"]);
pub const TARGET: RecordKind = kind("target", "Target", &["indicator", "year", "quarter"]);
pub const REALISATION: RecordKind = kind(
    "realisation",
    "Realisasi",
    &["indicator", "year", "quarter"],
);
pub const PAGU: RecordKind = kind("pagu", "Pagu", &["node", "year", "revision"]);
pub const SPENDING: RecordKind = kind("spending", "Realisasi Anggaran", &["node", "year"]);
pub const AGREEMENT: RecordKind = kind("agreement", "PK", &["unit", "year", "version"]);
pub const BENCHMARK: RecordKind = kind("benchmark", "Pembanding", &["indicator", "year", "level"]);
pub const STAFFING: RecordKind = kind("staffing", "SDM", &["unit", "year", "subject"]);
pub const ASSET: RecordKind = kind("asset", "Sarpras", &["unit", "year", "name"]);
pub const IKM_SERVICE: RecordKind =
    kind("ikm_service", "Layanan IKM", &["unit", "year", "service"]);
pub const IKM_RESPONSE: RecordKind = kind("ikm_response", "Responden IKM", &[]);
pub const IPP: RecordKind = kind("ipp", "Evaluasi IPP", &["unit", "year"]);
pub const PATEN: RecordKind = kind("paten", "Evaluasi PATEN", &["unit", "year"]);
pub const AKIP: RecordKind = kind("akip", "Evaluasi AKIP (LKE)", &["unit", "year"]);
pub const RECOMMENDATION: RecordKind = kind("recommendation", "Rekomendasi", &["id"]);
pub const REPORT: RecordKind = kind("report", "LKjIP", &["unit", "year"]);
pub const NARRATIVE: RecordKind = kind("narrative", "Narasi", &[]);
pub const PUBLISHED_FIGURE: RecordKind = kind("published_figure", "Angka Terbitan", &[]);
pub const PUBLISHED_CAPTION: RecordKind = kind("published_caption", "Keterangan Terbitan", &[]);
pub const PUBLISHED_STATEMENT: RecordKind = kind("published_statement", "Kalimat Terbitan", &[]);

/// Every kind, in the order a dataset lists them.
pub const RECORD_KINDS: &[&RecordKind] = &[
    &PEMDA,
    &RULES,
    &UNIT,
    &RENSTRA,
    &TUJUAN,
    &SASARAN,
    &PROGRAM,
    &KEGIATAN,
    &SUB_KEGIATAN,
    &INDICATOR,
    &TARGET,
    &REALISATION,
    &PAGU,
    &SPENDING,
    &AGREEMENT,
    &BENCHMARK,
    &STAFFING,
    &ASSET,
    &IKM_SERVICE,
    &IKM_RESPONSE,
    &IPP,
    &PATEN,
    &AKIP,
    &RECOMMENDATION,
    &REPORT,
    &NARRATIVE,
    &PUBLISHED_FIGURE,
    &PUBLISHED_CAPTION,
    &PUBLISHED_STATEMENT,
];

pub fn record_kind(name: &str) -> Option<&'static RecordKind> {
    RECORD_KINDS.iter().copied().find(|k| k.name == name)
}

macro_rules! records {
    ($($ty:ty => $kind:ident),* $(,)?) => {
        $(impl Record for $ty {
            const KIND: &'static RecordKind = &$kind;
        })*
    };
}

use super::*;

records! {
    Pemda => PEMDA,
    Unit => UNIT,
    Renstra => RENSTRA,
    Tujuan => TUJUAN,
    Sasaran => SASARAN,
    Program => PROGRAM,
    Kegiatan => KEGIATAN,
    SubKegiatan => SUB_KEGIATAN,
    Indicator => INDICATOR,
    Target => TARGET,
    Realisation => REALISATION,
    Pagu => PAGU,
    Spending => SPENDING,
    Agreement => AGREEMENT,
    Benchmark => BENCHMARK,
    Staffing => STAFFING,
    AssetItem => ASSET,
    ServiceSummary => IKM_SERVICE,
    Response => IKM_RESPONSE,
    IppEvaluation => IPP,
    PatenEvaluation => PATEN,
    AkipEvaluation => AKIP,
    Recommendation => RECOMMENDATION,
    ReportInfo => REPORT,
    Narrative => NARRATIVE,
    PublishedFigure => PUBLISHED_FIGURE,
    PublishedCaption => PUBLISHED_CAPTION,
    PublishedStatement => PUBLISHED_STATEMENT,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_year_kinds_are_keyed_as_unit_year_key_says() {
        for kind in [&IPP, &PATEN, &AKIP, &REPORT] {
            let record = serde_json::json!({ "unit": "ngoro", "year": 2024 });
            assert_eq!(
                kind.key_of(&record),
                unit_year_key("ngoro", 2024),
                "{}",
                kind.name
            );
        }
    }

    #[test]
    fn every_kind_is_found_by_its_name_once() {
        for kind in RECORD_KINDS {
            assert_eq!(record_kind(kind.name), Some(*kind));
        }
        assert!(record_kind("bukan").is_none());
    }
}
