//! A dataset as rows: each record of each kind with its natural key, the unit and year it belongs to, and its
//! body as JSON. The kinds and their natural keys are those of `kinerja_domain::record::kind::RECORD_KINDS`.

use crate::error::StoreError;
use kinerja_domain::model::{Dataset, Level};
use kinerja_domain::record::kind::{RecordKind, RECORD_KINDS};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// One stored row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub kind: &'static str,
    pub key: String,
    pub unit: Option<String>,
    pub year: Option<i64>,
    pub seq: i64,
    pub body: String,
}

/// Splits a dataset into rows.
pub(crate) fn rows_of(dataset: &Dataset) -> Result<Vec<Row>, StoreError> {
    let value = serde_json::to_value(dataset).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let Value::Object(map) = value else {
        return Err(StoreError::Corrupt("dataset bukan objek".into()));
    };
    let units = UnitIndex::new(dataset);
    let mut rows = Vec::new();
    for kind in RECORD_KINDS {
        let items: Vec<Value> = match map.get(kind.name) {
            Some(Value::Array(items)) => items.clone(),
            Some(Value::Object(o)) => vec![Value::Object(o.clone())],
            _ => Vec::new(),
        };
        let mut positions: HashMap<(Option<String>, Option<i64>), i64> = HashMap::new();
        for (seq, item) in items.into_iter().enumerate() {
            let unit = units.unit_of(kind.name, &item);
            let year = item.get("year").and_then(Value::as_i64);
            let key = if kind.positional() {
                let n = positions.entry((unit.clone(), year)).or_insert(0);
                *n += 1;
                format!(
                    "{}|{}|{}",
                    unit.clone().unwrap_or_default(),
                    year.unwrap_or_default(),
                    n
                )
            } else {
                kind.key_of(&item)
            };
            let body =
                serde_json::to_string(&item).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            rows.push(Row {
                kind: kind.name,
                key,
                unit,
                year,
                seq: seq as i64,
                body,
            });
        }
    }
    Ok(rows)
}

/// The row one record of `dataset` is stored as, under `key`, with the unit found through what it refers to.
/// Its `seq` is 0: the writer places a new record after the others of its kind and keeps an existing one's place.
pub(crate) fn row_of(
    dataset: &Dataset,
    kind: &RecordKind,
    item: &Value,
    key: &str,
) -> Result<Row, StoreError> {
    Ok(Row {
        kind: kind.name,
        key: key.to_string(),
        unit: UnitIndex::new(dataset).unit_of(kind.name, item),
        year: item.get("year").and_then(Value::as_i64),
        seq: 0,
        body: serde_json::to_string(item).map_err(|e| StoreError::Corrupt(e.to_string()))?,
    })
}

/// Joins rows (in stored order) back into a dataset.
pub(crate) fn dataset_of(
    rows: impl IntoIterator<Item = (String, String)>,
) -> Result<Dataset, StoreError> {
    let mut map = Map::new();
    for (kind_name, body) in rows {
        let value: Value = serde_json::from_str(&body)
            .map_err(|e| StoreError::Corrupt(format!("{kind_name}: {e}")))?;
        if kind_name == "pemda" {
            map.insert(kind_name, value);
        } else {
            match map
                .entry(kind_name)
                .or_insert_with(|| Value::Array(Vec::new()))
            {
                Value::Array(items) => items.push(value),
                _ => return Err(StoreError::Corrupt("jenis data ganda".into())),
            }
        }
    }
    serde_json::from_value(Value::Object(map)).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Which unit each record belongs to: its own `unit` field, or the unit of what it refers to.
struct UnitIndex {
    by_node: HashMap<String, String>,
    by_indicator: HashMap<String, String>,
    by_renstra: HashMap<String, String>,
}

impl UnitIndex {
    fn new(d: &Dataset) -> UnitIndex {
        let mut by_node = HashMap::new();
        for (level, ids) in [
            (
                Level::Program,
                d.program.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
            ),
            (
                Level::Kegiatan,
                d.kegiatan.iter().map(|x| x.id.clone()).collect(),
            ),
            (
                Level::SubKegiatan,
                d.sub_kegiatan.iter().map(|x| x.id.clone()).collect(),
            ),
            (
                Level::Tujuan,
                d.tujuan.iter().map(|x| x.id.clone()).collect(),
            ),
            (
                Level::Sasaran,
                d.sasaran.iter().map(|x| x.id.clone()).collect(),
            ),
        ] {
            for id in ids {
                if let Some(unit) = d.unit_of_node(level, &id) {
                    by_node.insert(id, unit.to_string());
                }
            }
        }
        let by_indicator = d
            .indicators
            .iter()
            .filter_map(|i| Some((i.id.clone(), d.unit_of_indicator(i)?.to_string())))
            .collect();
        let by_renstra = d
            .renstra
            .iter()
            .map(|r| (r.id.clone(), r.unit.clone()))
            .collect();
        UnitIndex {
            by_node,
            by_indicator,
            by_renstra,
        }
    }

    fn unit_of(&self, kind: &str, item: &Value) -> Option<String> {
        let field = |name: &str| item.get(name).and_then(Value::as_str).map(str::to_string);
        match kind {
            "pemda" | "rules" => None,
            "unit" => field("code"),
            "tujuan" => field("renstra").and_then(|r| self.by_renstra.get(&r).cloned()),
            "sasaran" | "kegiatan" | "sub_kegiatan" => {
                field("id").and_then(|id| self.by_node.get(&id).cloned())
            }
            "indicator" => field("id").and_then(|id| self.by_indicator.get(&id).cloned()),
            "target" | "realisation" | "benchmark" => {
                field("indicator").and_then(|id| self.by_indicator.get(&id).cloned())
            }
            "pagu" | "spending" => field("node").and_then(|id| self.by_node.get(&id).cloned()),
            _ => field("unit"),
        }
    }
}
