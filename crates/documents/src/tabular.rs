//! A table as the DOCX and XLSX renderers walk it: its caption, then its lines — the header first, then the rows —
//! each with one cell per column (short rows padded), the cell's alignment, and what a spreadsheet stores.

use crate::model::{Align, Table, Value};
use kinerja_domain::Decimal;

/// "Tabel 3.1 Pencapaian Kinerja Sasaran Strategis": above the table in the DOCX, in row 1 of its sheet.
pub fn caption(number: &str, title: &str) -> String {
    format!("{number} {title}")
}

/// What a line of a table is, which sets its emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// The column headers: bold, shaded, repeated on each page / frozen.
    Header,
    Body,
    /// A total or an average: bold.
    Total,
}

impl Line {
    pub fn bold(self) -> bool {
        self != Line::Body
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GridCell<'a> {
    pub text: &'a str,
    pub value: Option<Value>,
    /// Headers are centred; body cells take their column's alignment.
    pub align: Align,
}

/// The lines of a table, header first, each with exactly one cell per column.
pub fn lines(table: &Table) -> Vec<(Line, Vec<GridCell<'_>>)> {
    let header = table
        .columns
        .iter()
        .map(|c| GridCell {
            text: &c.header,
            value: None,
            align: Align::Center,
        })
        .collect();
    let mut lines = vec![(Line::Header, header)];
    for row in &table.rows {
        let cells = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, column)| {
                let cell = row.cells.get(i);
                GridCell {
                    text: cell.map_or("", |c| c.text.as_str()),
                    value: cell.and_then(|c| c.value),
                    align: column.align,
                }
            })
            .collect();
        lines.push((if row.total { Line::Total } else { Line::Body }, cells));
    }
    lines
}

/// The nearest binary floating-point number to a decimal, as spreadsheets store numbers.
pub fn to_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

/// A value as a spreadsheet stores it: the number and its display format. Percentages are stored as the domain's
/// figure (98.95, not 0.9895) with a literal "%" in the format, so the cell equals the figure in the report;
/// rupiah as whole rupiah.
pub fn spreadsheet_number(value: Value) -> (f64, String) {
    fn decimals_format(decimals: u32) -> String {
        if decimals == 0 {
            "#,##0".to_string()
        } else {
            format!("#,##0.{}", "0".repeat(decimals as usize))
        }
    }
    match value {
        Value::Number { value, decimals } => (to_f64(value), decimals_format(decimals)),
        Value::Percent { value, decimals } => {
            (to_f64(value), format!("{}\"%\"", decimals_format(decimals)))
        }
        Value::Rupiah(value) => (to_f64(value.round()), "\"Rp \"#,##0".to_string()),
    }
}

/// Splits a total (twips, characters) over the columns by their relative widths; the last takes the rest.
pub fn shares(widths: &[u32], total: u32) -> Vec<u32> {
    let sum: u32 = widths.iter().map(|w| (*w).max(1)).sum::<u32>().max(1);
    let mut out: Vec<u32> = widths.iter().map(|w| total * (*w).max(1) / sum).collect();
    let given: u32 = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += total - given;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Column, Row};
    use kinerja_domain::Decimal;

    #[test]
    fn lines_pad_short_rows_and_mark_totals() {
        let table = Table {
            number: "Tabel 1.1".into(),
            title: "Uji".into(),
            columns: vec![
                Column {
                    header: "A".into(),
                    align: Align::Left,
                    width: 1,
                },
                Column {
                    header: "B".into(),
                    align: Align::Right,
                    width: 3,
                },
            ],
            rows: vec![
                Row {
                    cells: vec![Cell::from("x")],
                    total: false,
                },
                Row {
                    cells: vec![Cell::from("Jumlah"), Cell::from("2")],
                    total: true,
                },
            ],
            note: None,
        };
        let lines = lines(&table);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].0, Line::Header);
        assert_eq!(lines[0].1[1].align, Align::Center);
        assert_eq!(lines[1].1.len(), 2);
        assert_eq!(lines[1].1[1].text, "");
        assert_eq!(lines[1].1[1].align, Align::Right);
        assert_eq!(lines[2].0, Line::Total);
        assert!(lines[2].0.bold() && !lines[1].0.bold());
    }

    #[test]
    fn numbers_keep_the_domain_figure_and_its_decimals() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(
            spreadsheet_number(Value::Percent {
                value: d("98.95"),
                decimals: 1
            }),
            (98.95, "#,##0.0\"%\"".to_string())
        );
        assert_eq!(
            spreadsheet_number(Value::Number {
                value: d("80.15"),
                decimals: 2
            }),
            (80.15, "#,##0.00".to_string())
        );
        assert_eq!(
            spreadsheet_number(Value::Rupiah(d("3063438646"))),
            (3063438646.0, "\"Rp \"#,##0".to_string())
        );
    }

    #[test]
    fn shares_add_up_to_the_total() {
        assert_eq!(shares(&[4, 4, 2], 1000), vec![400, 400, 200]);
        assert_eq!(shares(&[1, 1, 1], 100).iter().sum::<u32>(), 100);
        assert_eq!(shares(&[0], 50), vec![50]);
    }
}
