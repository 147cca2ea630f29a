//! Tables of a document as plain text for the terminal: columns padded to their widest cell (long cells cut with
//! "…"), numbers right-aligned, the table's note below it.

use crate::model::{Align, Block, Document};
use crate::tabular::{caption, lines, Line};
use std::fmt::Write;

/// Widest a text column grows before its cells are cut.
const MAX_WIDTH: usize = 60;

fn cut(text: &str) -> String {
    if text.chars().count() > MAX_WIDTH {
        text.chars().take(MAX_WIDTH - 1).chain(['…']).collect()
    } else {
        text.to_string()
    }
}

/// The document's tables whose number starts with `prefix` ("Tabel 3." for BAB III; "" for all), with the notes
/// that precede them.
pub fn tables(document: &Document, prefix: &str) -> String {
    let mut out = String::new();
    for block in &document.blocks {
        let Block::Table(table) = block else { continue };
        if !table.number.starts_with(prefix) {
            continue;
        }
        let grid = lines(table);
        let mut widths = vec![0usize; table.columns.len()];
        for (_, cells) in &grid {
            for (i, c) in cells.iter().enumerate() {
                widths[i] = widths[i].max(cut(c.text).chars().count());
            }
        }
        let _ = writeln!(out, "\n{}", caption(&table.number, &table.title));
        for (line, cells) in &grid {
            let row: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let text = cut(c.text);
                    match c.align {
                        Align::Right if *line != Line::Header => {
                            format!("{text:>w$}", w = widths[i])
                        }
                        _ => format!("{text:<w$}", w = widths[i]),
                    }
                })
                .collect();
            let _ = writeln!(out, "{}", row.join(" | ").trim_end());
            if *line == Line::Header {
                let _ = writeln!(
                    out,
                    "{}",
                    widths
                        .iter()
                        .map(|w| "-".repeat(*w))
                        .collect::<Vec<_>>()
                        .join("-+-")
                );
            }
        }
        if let Some(note) = &table.note {
            let _ = writeln!(out, "{note}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Column, Row, Table};

    #[test]
    fn pads_aligns_and_cuts() {
        let long = "x".repeat(80);
        let doc = Document {
            title: String::new(),
            header: String::new(),
            blocks: vec![Block::Table(Table {
                number: "Tabel 3.1".into(),
                title: "Uji".into(),
                columns: vec![
                    Column {
                        header: "Uraian".into(),
                        align: Align::Left,
                        width: 1,
                    },
                    Column {
                        header: "Nilai".into(),
                        align: Align::Right,
                        width: 1,
                    },
                ],
                rows: vec![
                    Row {
                        cells: vec![Cell::from("a"), Cell::from("80,15")],
                        total: false,
                    },
                    Row {
                        cells: vec![Cell::from(long.as_str()), Cell::from("1")],
                        total: true,
                    },
                ],
                note: Some("Aturan: uji.".into()),
            })],
        };
        let text = tables(&doc, "Tabel 3.");
        assert!(text.contains("Tabel 3.1 Uji"));
        assert!(
            text.contains(&format!("{}… |     1", "x".repeat(59))),
            "{text}"
        );
        assert!(text.contains("a".to_string().as_str()));
        assert!(text.lines().any(|l| l.ends_with("| 80,15")), "{text}");
        assert!(text.ends_with("Aturan: uji.\n"));
        assert_eq!(tables(&doc, "Tabel 2."), "");
    }
}
