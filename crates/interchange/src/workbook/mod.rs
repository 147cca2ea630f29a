//! The Excel workbook format operators fill by hand: one sheet per kind of record with Indonesian headers,
//! drop-downs on every enum column, and a "Petunjuk" sheet explaining each column.
//!
//! One table (`spec::SHEETS`) binds every column to a field path of the record's serde form; writing serialises
//! the dataset to `serde_json::Value` and reads the paths out, reading sets the paths and deserialises, so every
//! record kind goes through the same code. Nested lists (PK targets and programs, IPP aspects, AKIP components and
//! criteria, follow-up actions, Renstra revisions, custom scale bands) are child sheets whose first columns repeat
//! the parent row's key.
//!
//! Cells: whole numbers and decimals are Excel numbers; a decimal is written as a number only when the number's
//! shortest text reads back as the same value, otherwise as its exact text (which reading accepts). Trailing
//! zeros are not kept (`96.70` is written `96.7`: the same `Decimal`). Dates are text `YYYY-MM-DD` (an Excel date
//! cell is accepted). Lists are one item per line of a cell; evidence is `judul` or `judul | berkas`. Short text
//! is trimmed on reading; long text (paragraphs) is kept exactly.

mod cells;
mod need;
mod read;
mod spec;
mod write;

pub use read::{read_workbook, read_workbook_scoped};
pub use write::{template_workbook, write_workbook};

pub(crate) use spec::column_letter;
use spec::Layout;
use std::sync::OnceLock;

/// The sheets laid out once.
fn layouts() -> &'static [Layout] {
    static LAYOUTS: OnceLock<Vec<Layout>> = OnceLock::new();
    LAYOUTS.get_or_init(spec::layouts)
}

/// `sheet "Realisasi", baris 12, kolom D (Nilai)`
fn location(layout: &Layout, row: Option<usize>, col: Option<usize>) -> String {
    let mut text = format!("sheet \"{}\"", layout.sheet.name);
    if let Some(row) = row {
        text.push_str(&format!(", baris {row}"));
    }
    if let Some(ci) = col {
        text.push_str(&format!(
            ", kolom {} ({})",
            column_letter(ci),
            layout.cols[ci].header
        ));
    }
    text
}

#[cfg(test)]
mod tests;
