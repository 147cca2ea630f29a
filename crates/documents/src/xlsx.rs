//! XLSX through rust_xlsxwriter: every table of a document on its own sheet, named by its number, with the caption
//! in row 1, the column headers in row 3 (frozen, repeated on printed pages), then the rows — figures stored as
//! numbers with a display format, text as text — and the table's note below. A first sheet lists the tables with
//! links to their sheets.

use crate::model::{Align, Document, Table};
use crate::tabular::{self, Line};
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Url, Workbook, Worksheet, XlsxError,
};

const INDEX_SHEET: &str = "Daftar Tabel";
/// Row of the column headers (zero-based: row 3); the caption stands in row 1.
const HEADER_ROW: u32 = 2;
const HEADER_FILL: u32 = 0xE1E1E1;
/// Column widths in characters.
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 50;
/// Sheets wider than this (in characters) are printed in landscape.
const PORTRAIT_WIDTH: usize = 110;
const A4: u8 = 9;

/// Renders the tables of a document to XLSX bytes.
pub fn render(document: &Document) -> Result<Vec<u8>, String> {
    write(document).map_err(|e| format!("penulisan XLSX gagal: {e}"))
}

fn write(document: &Document) -> Result<Vec<u8>, XlsxError> {
    let tables: Vec<&Table> = document.tables().collect();
    let names = sheet_names(tables.iter().map(|t| t.number.as_str()));
    let mut workbook = Workbook::new();
    index_sheet(workbook.add_worksheet(), document, &tables, &names)?;
    for (table, name) in tables.iter().zip(&names) {
        table_sheet(workbook.add_worksheet(), table, name)?;
    }
    workbook.save_to_buffer()
}

/// Sheet names from the table numbers: without the characters Excel forbids, at most 31 characters, unique
/// (ignoring case, as Excel does) and distinct from the index sheet.
fn sheet_names<'a>(numbers: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken = vec![INDEX_SHEET.to_lowercase()];
    let mut names = Vec::new();
    for number in numbers {
        let clean: String = number
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
            .collect();
        let clean = clean.trim().trim_matches('\'').to_string();
        let base = if clean.is_empty() {
            "Tabel".to_string()
        } else {
            clean
        };
        let mut name: String = base.chars().take(31).collect();
        let mut n = 2;
        while taken.contains(&name.to_lowercase()) {
            let suffix = format!(" ({n})");
            name = base.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
            n += 1;
        }
        taken.push(name.to_lowercase());
        names.push(name);
    }
    names
}

fn caption_format() -> Format {
    Format::new().set_bold().set_font_size(12)
}

fn index_sheet(
    sheet: &mut Worksheet,
    document: &Document,
    tables: &[&Table],
    names: &[String],
) -> Result<(), XlsxError> {
    sheet.set_name(INDEX_SHEET)?;
    sheet.write_string_with_format(
        0,
        0,
        format!("{} — {INDEX_SHEET}", document.title),
        &caption_format(),
    )?;
    let header = header_format(Align::Center);
    for (col, title) in ["No", "Tabel", "Judul"].into_iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, title, &header)?;
    }
    let border = Format::new().set_border(FormatBorder::Thin);
    for (i, (table, name)) in tables.iter().zip(names).enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &border)?;
        let link =
            Url::new(format!("internal:'{}'!A1", name.replace('\'', "''"))).set_text(&table.number);
        sheet.write_url(row, 1, link)?;
        sheet.write_string_with_format(row, 2, &table.title, &border)?;
    }
    sheet.set_column_width(0, 5)?;
    sheet.set_column_width(1, 14)?;
    sheet.set_column_width(2, 90)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.set_paper_size(A4);
    Ok(())
}

fn horizontal(align: Align) -> FormatAlign {
    match align {
        Align::Left => FormatAlign::Left,
        Align::Right => FormatAlign::Right,
        Align::Center => FormatAlign::Center,
    }
}

fn header_format(align: Align) -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(HEADER_FILL))
        .set_text_wrap()
        .set_align(horizontal(align))
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
}

fn table_sheet(sheet: &mut Worksheet, table: &Table, name: &str) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    sheet.write_string_with_format(
        0,
        0,
        tabular::caption(&table.number, &table.title),
        &caption_format(),
    )?;
    let lines = tabular::lines(table);
    let mut widths = vec![MIN_WIDTH; table.columns.len()];
    for (i, (line, cells)) in lines.iter().enumerate() {
        let row = HEADER_ROW + i as u32;
        for (col, cell) in cells.iter().enumerate() {
            let length = if *line == Line::Header {
                // Headers wrap: their longest word must fit.
                cell.text
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0)
            } else {
                cell.text.chars().count()
            };
            widths[col] = widths[col].max((length + 2).min(MAX_WIDTH));
            let col = col as u16;
            if *line == Line::Header {
                sheet.write_string_with_format(row, col, cell.text, &header_format(cell.align))?;
                continue;
            }
            let mut format = Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(horizontal(cell.align))
                .set_align(FormatAlign::Top);
            if line.bold() {
                format = format.set_bold();
            }
            match cell.value {
                Some(value) => {
                    let (number, number_format) = tabular::spreadsheet_number(value);
                    sheet.write_number_with_format(
                        row,
                        col,
                        number,
                        &format.set_num_format(number_format),
                    )?;
                }
                None => {
                    sheet.write_string_with_format(row, col, cell.text, &format.set_text_wrap())?;
                }
            }
        }
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *width as f64)?;
    }
    if let Some(note) = &table.note {
        let row = HEADER_ROW + lines.len() as u32 + 1;
        sheet.write_string_with_format(row, 0, note, &Format::new().set_italic())?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_paper_size(A4);
    sheet.set_print_fit_to_pages(1, 0);
    if widths.iter().sum::<usize>() > PORTRAIT_WIDTH {
        sheet.set_landscape();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let names = sheet_names(
            [
                "Tabel 3.1",
                "Tabel 3.1",
                "tabel 3.1",
                "Tabel [a]/b:c",
                "Daftar Tabel",
                "Tabel yang namanya panjang sekali melebihi batas",
            ]
            .into_iter(),
        );
        assert_eq!(names[0], "Tabel 3.1");
        assert_eq!(names[1], "Tabel 3.1 (2)");
        assert_eq!(names[2], "tabel 3.1 (3)");
        assert_eq!(names[3], "Tabel -a--b-c");
        assert_eq!(names[4], "Daftar Tabel (2)");
        assert_eq!(names[5].chars().count(), 31);
    }
}
