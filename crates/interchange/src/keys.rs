//! Which fields identify a record of each kind. The dataset validation refuses two records with the same key,
//! storage keys its rows by it, and the workbook import reports duplicate rows with it.

use serde_json::Value;

/// A kind of record (the serde name of its `Dataset` field) and the fields of its natural key. Kinds without a
/// natural key are identified by their position within their unit-year.
pub struct RecordKind {
    pub name: &'static str,
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

fn scalar(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Every kind, in the order a dataset lists them.
pub const RECORD_KINDS: &[RecordKind] = &[
    RecordKind {
        name: "pemda",
        key_fields: &["code"],
    },
    RecordKind {
        name: "rules",
        key_fields: &["year"],
    },
    RecordKind {
        name: "unit",
        key_fields: &["code"],
    },
    RecordKind {
        name: "renstra",
        key_fields: &["id"],
    },
    RecordKind {
        name: "tujuan",
        key_fields: &["id"],
    },
    RecordKind {
        name: "sasaran",
        key_fields: &["id"],
    },
    RecordKind {
        name: "program",
        key_fields: &["id"],
    },
    RecordKind {
        name: "kegiatan",
        key_fields: &["id"],
    },
    RecordKind {
        name: "sub_kegiatan",
        key_fields: &["id"],
    },
    RecordKind {
        name: "indicator",
        key_fields: &["id"],
    },
    RecordKind {
        name: "target",
        key_fields: &["indicator", "year", "quarter"],
    },
    RecordKind {
        name: "realisation",
        key_fields: &["indicator", "year", "quarter"],
    },
    RecordKind {
        name: "pagu",
        key_fields: &["node", "year", "revision"],
    },
    RecordKind {
        name: "spending",
        key_fields: &["node", "year"],
    },
    RecordKind {
        name: "agreement",
        key_fields: &["unit", "year", "version"],
    },
    RecordKind {
        name: "benchmark",
        key_fields: &["indicator", "year", "level"],
    },
    RecordKind {
        name: "staffing",
        key_fields: &["unit", "year", "subject"],
    },
    RecordKind {
        name: "asset",
        key_fields: &["unit", "year", "name"],
    },
    RecordKind {
        name: "ikm_service",
        key_fields: &["unit", "year", "service"],
    },
    RecordKind {
        name: "ikm_response",
        key_fields: &[],
    },
    RecordKind {
        name: "ipp",
        key_fields: &["unit", "year"],
    },
    RecordKind {
        name: "paten",
        key_fields: &["unit", "year"],
    },
    RecordKind {
        name: "akip",
        key_fields: &["unit", "year"],
    },
    RecordKind {
        name: "recommendation",
        key_fields: &["id"],
    },
    RecordKind {
        name: "report",
        key_fields: &["unit", "year"],
    },
    RecordKind {
        name: "narrative",
        key_fields: &[],
    },
    RecordKind {
        name: "published_figure",
        key_fields: &[],
    },
    RecordKind {
        name: "published_caption",
        key_fields: &[],
    },
    RecordKind {
        name: "published_statement",
        key_fields: &[],
    },
];

pub fn record_kind(name: &str) -> Option<&'static RecordKind> {
    RECORD_KINDS.iter().find(|k| k.name == name)
}
