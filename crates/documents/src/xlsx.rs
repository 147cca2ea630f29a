//! XLSX through rust_xlsxwriter: every table of a document on its own sheet, named by its number, with the caption
//! in row 1, the column headers in row 3 (frozen, repeated on printed pages), then the rows — figures stored as
//! numbers with a display format, text as text — and the table's note below. A first sheet lists the tables with
//! links to their sheets.

use crate::model::{Align, Column, Document, Table};
use crate::tabular::{self, GridCell, Line};
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
/// Height of a line of text in points (the default font, 11 pt).
const LINE_HEIGHT: f64 = 15.0;

/// Renders the tables of a document to XLSX bytes.
pub fn render(document: &Document) -> Result<Vec<u8>, String> {
    write(document).map_err(failed)
}

fn write(document: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    write_tables(&mut workbook, document)?;
    workbook.save_to_buffer()
}

/// The index sheet and a sheet per table of the document.
fn write_tables(workbook: &mut Workbook, document: &Document) -> Result<(), XlsxError> {
    let tables: Vec<&Table> = document.tables().collect();
    let names = sheet_names(tables.iter().map(|t| t.number.as_str()));
    index_sheet(workbook.add_worksheet(), document, &tables, &names)?;
    for (table, name) in tables.iter().zip(&names) {
        table_sheet(workbook.add_worksheet(), table, name)?;
    }
    Ok(())
}

/// One value of a row written by [`Streamed::push`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Entry<'a> {
    Text(&'a str),
    Whole(i64),
    Blank,
}

/// Most rows a sheet holds (Excel's limit).
const EXCEL_ROWS: u32 = 1_048_576;

/// A workbook of a document's tables (as [`render`] writes them) followed by a sheet of rows written one by one in
/// constant memory (rows go to a temporary file as they are written), for data too large to hold: a unit's
/// million survey responses. Past Excel's row limit the rows go on in a further sheet ("Respons (2)").
pub struct Streamed {
    workbook: Workbook,
    name: String,
    title: String,
    columns: Vec<Column>,
    /// Index of the sheet being written, and how many of the rows' sheets there are.
    sheet: usize,
    parts: u32,
    /// The next row of the sheet being written.
    row: u32,
    rows_per_sheet: u32,
    header: Format,
}

impl Streamed {
    /// The document's tables, then the first sheet of rows, named `name`, with `title` in row 1 and the columns'
    /// headers in row 3.
    pub fn new(
        document: &Document,
        name: &str,
        title: &str,
        columns: Vec<Column>,
    ) -> Result<Streamed, String> {
        Streamed::with_rows_per_sheet(document, name, title, columns, EXCEL_ROWS)
    }

    fn with_rows_per_sheet(
        document: &Document,
        name: &str,
        title: &str,
        columns: Vec<Column>,
        rows_per_sheet: u32,
    ) -> Result<Streamed, String> {
        let mut workbook = Workbook::new();
        write_tables(&mut workbook, document).map_err(failed)?;
        let mut streamed = Streamed {
            workbook,
            name: name.to_string(),
            title: title.to_string(),
            columns,
            sheet: 0,
            parts: 0,
            row: 0,
            rows_per_sheet,
            header: header_format(Align::Center),
        };
        streamed.next_sheet().map_err(failed)?;
        Ok(streamed)
    }

    fn next_sheet(&mut self) -> Result<(), XlsxError> {
        self.parts += 1;
        let name = match self.parts {
            1 => self.name.clone(),
            n => format!("{} ({n})", self.name),
        };
        let sheet = self.workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        sheet.write_string_with_format(0, 0, &self.title, &caption_format())?;
        for (col, c) in self.columns.iter().enumerate() {
            let col = col as u16;
            sheet.write_string_with_format(HEADER_ROW, col, &c.header, &self.header)?;
            let width = (c.width as usize * 6).clamp(MIN_WIDTH, MAX_WIDTH);
            sheet.set_column_width(col, width as f64)?;
        }
        sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
        sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
        print_setup(sheet, PORTRAIT_WIDTH + 1);
        self.sheet = self.workbook.worksheets().len() - 1;
        self.row = HEADER_ROW + 1;
        Ok(())
    }

    /// Writes a row below the last: whole numbers as numbers, texts as texts.
    pub fn push(&mut self, entries: &[Entry]) -> Result<(), String> {
        if self.row >= self.rows_per_sheet {
            self.next_sheet().map_err(failed)?;
        }
        let sheet = self
            .workbook
            .worksheet_from_index(self.sheet)
            .map_err(failed)?;
        for (col, entry) in entries.iter().enumerate() {
            let col = col as u16;
            match entry {
                Entry::Text(t) => {
                    sheet.write_string(self.row, col, *t).map_err(failed)?;
                }
                Entry::Whole(n) => {
                    sheet
                        .write_number(self.row, col, *n as f64)
                        .map_err(failed)?;
                }
                Entry::Blank => {}
            }
        }
        self.row += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        self.workbook.save_to_buffer().map_err(failed)
    }
}

fn failed(e: XlsxError) -> String {
    format!("penulisan XLSX gagal: {e}")
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
    print_setup(sheet, PORTRAIT_WIDTH);
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

/// Column widths in characters: the longest text of each column — of a header its longest word, as headers wrap
/// — within `MIN_WIDTH..=MAX_WIDTH`.
fn column_widths(lines: &[(Line, Vec<GridCell>)], columns: usize) -> Vec<usize> {
    let mut widths = vec![MIN_WIDTH; columns];
    for (line, cells) in lines {
        for (width, cell) in widths.iter_mut().zip(cells) {
            let length = if *line == Line::Header {
                cell.text
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0)
            } else {
                cell.text.chars().count()
            };
            *width = (*width).max((length + 2).min(MAX_WIDTH));
        }
    }
    widths
}

/// How many lines a text takes in a column `width` characters wide, its words wrapped.
fn wrapped_lines(text: &str, width: usize) -> usize {
    let width = width.saturating_sub(1).max(1);
    text.split('\n')
        .map(|paragraph| {
            let (mut lines, mut used) = (1, 0);
            for word in paragraph.split_whitespace() {
                let n = word.chars().count();
                if used > 0 && used + 1 + n > width {
                    lines += 1;
                    used = 0;
                }
                lines += n.saturating_sub(1) / width;
                used += if used > 0 { 1 } else { 0 } + n;
            }
            lines
        })
        .sum()
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
    let widths = column_widths(&lines, table.columns.len());
    for (i, (line, cells)) in lines.iter().enumerate() {
        let row = HEADER_ROW + i as u32;
        let mut height = 1;
        for (col, (cell, width)) in cells.iter().zip(&widths).enumerate() {
            let col = col as u16;
            if *line == Line::Header {
                sheet.write_string_with_format(row, col, cell.text, &header_format(cell.align))?;
                height = height.max(wrapped_lines(cell.text, *width));
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
                    height = height.max(wrapped_lines(cell.text, *width));
                }
            }
        }
        // Not every reader fits rows to wrapped text when it opens a workbook: the height is set here.
        if height > 1 {
            sheet.set_row_height(row, LINE_HEIGHT * height as f64)?;
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
    print_setup(sheet, widths.iter().sum());
    Ok(())
}

/// A4, as wide as one page, in landscape when the columns are wide.
fn print_setup(sheet: &mut Worksheet, width: usize) {
    sheet.set_paper_size(A4);
    sheet.set_print_fit_to_pages(1, 0);
    if width > PORTRAIT_WIDTH {
        sheet.set_landscape();
    }
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

    #[test]
    fn streamed_rows_go_on_in_a_further_sheet_past_the_row_limit() {
        use calamine::{Data, Reader, Xlsx};
        let document = Document {
            title: "Uji".into(),
            header: "Uji".into(),
            blocks: Vec::new(),
        };
        let columns = vec![
            crate::cells::column("No", Align::Right, 1),
            crate::cells::column("Saran", Align::Left, 4),
        ];
        // Two rows per sheet below the caption and the headers.
        let mut s =
            Streamed::with_rows_per_sheet(&document, "Respons", "Respons", columns, HEADER_ROW + 3)
                .unwrap();
        for n in 1..=5 {
            let saran = format!("saran {n}");
            let text = if n == 4 {
                Entry::Blank
            } else {
                Entry::Text(&saran)
            };
            s.push(&[Entry::Whole(n), text]).unwrap();
        }
        let mut book = Xlsx::new(std::io::Cursor::new(s.finish().unwrap())).unwrap();
        assert_eq!(
            book.sheet_names(),
            ["Daftar Tabel", "Respons", "Respons (2)", "Respons (3)"]
        );
        let part = book.worksheet_range("Respons (2)").unwrap();
        assert_eq!(part.get_value((2, 1)), Some(&Data::String("Saran".into())));
        assert_eq!(part.get_value((3, 0)), Some(&Data::Float(3.0)));
        assert_eq!(
            part.get_value((3, 1)),
            Some(&Data::String("saran 3".into()))
        );
        assert_eq!(part.get_value((4, 0)), Some(&Data::Float(4.0)));
        assert!(matches!(part.get_value((4, 1)), None | Some(Data::Empty)));
        let last = book.worksheet_range("Respons (3)").unwrap();
        assert_eq!(last.get_value((3, 0)), Some(&Data::Float(5.0)));
        assert!(matches!(last.get_value((4, 0)), None | Some(Data::Empty)));
    }

    #[test]
    fn wrapped_text_is_counted_in_lines() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("satu dua", 10), 1);
        assert_eq!(wrapped_lines("satu dua tiga", 10), 2);
        assert_eq!(wrapped_lines("satu\ndua", 10), 2);
        assert_eq!(wrapped_lines("abcdefghijklmnopqrst", 11), 2);
    }
}
