//! Table cells with their text in the Indonesian format and, for spreadsheets, their value.

use crate::model::{Align, Cell, Column, Row, Value};
use kinerja_domain::model::TargetValue;
use kinerja_domain::number::{format_decimal, format_natural, format_percent, format_rupiah};
use kinerja_domain::sentences::{target_with_unit, value_with_unit};
use kinerja_domain::Decimal;

pub const DASH: &str = "-";

pub fn text(t: impl Into<String>) -> Cell {
    Cell {
        text: t.into(),
        value: None,
    }
}

pub fn number(v: Option<Decimal>, decimals: u32) -> Cell {
    match v {
        Some(v) => Cell {
            text: format_decimal(v, decimals),
            value: Some(Value::Number { value: v, decimals }),
        },
        None => text(DASH),
    }
}

/// A number shown with as many decimals as it has, up to `max`.
pub fn natural(v: Option<Decimal>, max: u32) -> Cell {
    match v {
        Some(v) => Cell {
            text: format_natural(v, max),
            value: Some(Value::Number {
                value: v,
                decimals: max,
            }),
        },
        None => text(DASH),
    }
}

pub fn percent(v: Option<Decimal>, decimals: u32) -> Cell {
    match v {
        Some(v) => Cell {
            text: format_percent(v, decimals),
            value: Some(Value::Percent { value: v, decimals }),
        },
        None => text(DASH),
    }
}

pub fn rupiah(v: Option<Decimal>) -> Cell {
    match v {
        Some(v) => Cell {
            text: format_rupiah(v),
            value: Some(Value::Rupiah(v)),
        },
        None => text(DASH),
    }
}

pub fn count(n: u32) -> Cell {
    number(Some(Decimal::from(n)), 0)
}

/// An indicator value with its unit ("2 dokumen", "100%", "80,15").
pub fn measured(v: Option<Decimal>, satuan: &str, decimals: u32) -> Cell {
    match v {
        Some(v) => Cell {
            text: value_with_unit(v, satuan, decimals),
            value: Some(Value::Number {
                value: v,
                decimals: decimals.max(2),
            }),
        },
        None => text(DASH),
    }
}

pub fn target(t: Option<TargetValue>, satuan: &str, decimals: u32) -> Cell {
    match t {
        Some(TargetValue::Single(v)) => measured(Some(v), satuan, decimals),
        Some(range) => text(target_with_unit(range, satuan, decimals)),
        None => text(DASH),
    }
}

pub fn column(header: &str, align: Align, width: u32) -> Column {
    Column {
        header: header.to_string(),
        align,
        width,
    }
}

pub fn row(cells: Vec<Cell>) -> Row {
    Row {
        cells,
        total: false,
    }
}

pub fn total_row(cells: Vec<Cell>) -> Row {
    Row { cells, total: true }
}
