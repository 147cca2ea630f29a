//! Which columns must be filled, found by asking the record types themselves: a sample record with every column
//! filled is read through serde, then again without each column in turn. The instructions sheet and the header
//! colours follow from it, so they cannot drift from the model.

use super::cells::{list_mut, remove, sample, set};
use super::spec::{Layout, Source};
use kinerja_domain::model::Dataset;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    Optional,
    Required,
    /// Required once another column of the same group (an official, a blend) is filled.
    WithGroup,
}

impl Need {
    pub fn word(self) -> &'static str {
        match self {
            Need::Optional => "",
            Need::Required => "wajib",
            Need::WithGroup => "wajib bila kolom sekelompoknya diisi",
        }
    }
}

/// Per sheet, per column.
pub(crate) fn needs(layouts: &[Layout]) -> Vec<Vec<Need>> {
    (0..layouts.len())
        .map(|li| {
            layouts[li]
                .cols
                .iter()
                .map(|col| {
                    if col.inherited {
                        return Need::Required;
                    }
                    if sample(col.kind).is_none() {
                        return Need::Optional;
                    }
                    let without =
                        |path: &str| accepted(layouts, li, &|v: &mut Value| remove(v, path));
                    if without(&col.path) {
                        Need::Optional
                    } else if col
                        .path
                        .rsplit_once('.')
                        .is_some_and(|(group, _)| without(group))
                    {
                        Need::WithGroup
                    } else {
                        Need::Required
                    }
                })
                .collect()
        })
        .collect()
}

/// A sample record of sheet `li` (with `child` in its list `field`), every column filled.
pub(crate) fn sample_record(layouts: &[Layout], li: usize, child: Option<(&str, Value)>) -> Value {
    let mut record = Value::Object(Map::new());
    if let Some((field, item)) = child {
        let _ = set(&mut record, field, Value::Array(vec![item]));
    }
    for (_, col) in layouts[li].own() {
        if let Some(value) = sample(col.kind) {
            let _ = set(&mut record, &col.path, value);
        }
    }
    for layout in layouts.iter().filter(|l| l.parent == Some(li)) {
        if let Some(field) = layout.field() {
            list_mut(&mut record, field);
        }
    }
    record
}

/// Whether the dataset holding a sample record of sheet `li`, changed by `edit`, is accepted by serde.
pub(crate) fn accepted(layouts: &[Layout], li: usize, edit: &dyn Fn(&mut Value)) -> bool {
    check(layouts, li, edit).is_ok()
}

/// Reads the dataset holding a sample record of sheet `li`, changed by `edit`, through serde.
pub(crate) fn check(
    layouts: &[Layout],
    li: usize,
    edit: &dyn Fn(&mut Value),
) -> Result<(), String> {
    let mut record = sample_record(layouts, li, None);
    edit(&mut record);
    let mut at = li;
    while let (Some(parent), Some(field)) = (layouts[at].parent, layouts[at].field()) {
        record = sample_record(layouts, parent, Some((field, record)));
        at = parent;
    }
    let mut dataset = Map::new();
    match layouts[at].sheet.source {
        Source::Records(key) => {
            dataset.insert(key.into(), Value::Array(vec![record]));
        }
        Source::Single(key) => {
            dataset.insert(key.into(), record);
        }
        Source::Child { .. } => unreachable!("the top of a chain of sheets is not a child"),
    }
    serde_json::from_value::<Dataset>(Value::Object(dataset))
        .map(|_| ())
        .map_err(|e| e.to_string())
}
