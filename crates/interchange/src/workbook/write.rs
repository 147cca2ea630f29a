//! Writing: the dataset's serde form laid out on the sheets of `spec`, then rendered with rust_xlsxwriter —
//! headers bold and frozen with an autofilter, drop-downs on every enum column, and the instructions sheet first.

use super::cells::{get, join, to_cell, Out};
use super::need::{needs, Need};
use super::spec::{column_letter, Col, Kind, Layout, Source, ALL_CHOICES, BOOL_CHOICES, GUIDE};
use super::{layouts, location};
use kinerja_domain::model::Dataset;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};
use serde_json::Value;

/// The last row Excel has (0-based), for validations that cover a whole column.
const LAST_ROW: u32 = 1_048_575;
/// Excel's limit on an inline drop-down list; longer lists point at the instructions sheet.
const INLINE_LIST_CHARS: usize = 255;
/// Where the drop-down lists stand on the instructions sheet (column H on).
const LIST_COLUMN: u16 = 7;

/// The dataset as an Excel workbook: the instructions sheet, then one sheet per kind of record.
pub fn write_workbook(dataset: &Dataset) -> Result<Vec<u8>, String> {
    let value = serde_json::to_value(dataset).map_err(|e| e.to_string())?;
    let layouts = layouts();
    let rows = tables(&value, layouts)?;
    render(layouts, &rows).map_err(|e| format!("workbook tidak dapat ditulis: {e}"))
}

/// The empty workbook operators fill: every sheet with its headers and drop-downs, and the instructions.
pub fn template_workbook() -> Result<Vec<u8>, String> {
    write_workbook(&Dataset::default())
}

type Rows = Vec<Vec<Out>>;

/// The rows of every sheet, in `layouts` order.
fn tables(dataset: &Value, layouts: &[Layout]) -> Result<Vec<Rows>, String> {
    // Per sheet: each record with the cells of its full key, which its child rows repeat.
    let mut placed: Vec<Vec<(&Value, Vec<Out>)>> = Vec::with_capacity(layouts.len());
    let mut out = Vec::with_capacity(layouts.len());
    for (li, layout) in layouts.iter().enumerate() {
        let records: Vec<(&Value, Vec<Out>)> = match layout.sheet.source {
            Source::Records(key) => get(dataset, key)
                .and_then(Value::as_array)
                .map(|list| list.iter().map(|r| (r, Vec::new())).collect())
                .unwrap_or_default(),
            Source::Single(key) => get(dataset, key)
                .map(|r| vec![(r, Vec::new())])
                .unwrap_or_default(),
            Source::Child { field, .. } => {
                let parent = layout.parent.expect("a child sheet has a parent");
                placed[parent]
                    .iter()
                    .flat_map(|(record, key)| {
                        get(record, field)
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .map(move |item| (item, key.clone()))
                    })
                    .collect()
            }
        };
        let mut covered: Vec<&str> = layout.own().map(|(_, c)| c.path.as_str()).collect();
        for child in layouts.iter().filter(|l| l.parent == Some(li)) {
            if let Some(field) = child.field() {
                covered.push(field);
            }
        }
        let mut rows = Vec::with_capacity(records.len());
        let mut keyed = Vec::with_capacity(records.len());
        for (i, (record, mut row)) in records.into_iter().enumerate() {
            let excel_row = i + 2;
            if let Some(path) = uncovered(record, String::new(), &covered) {
                return Err(format!(
                    "{}: data '{path}' tidak punya kolom di workbook",
                    location(layout, Some(excel_row), None)
                ));
            }
            for (ci, col) in layout.own() {
                let cell = to_cell(col.kind, get(record, &col.path)).map_err(|message| {
                    format!("{}: {message}", location(layout, Some(excel_row), Some(ci)))
                })?;
                row.push(cell);
            }
            keyed.push((record, layout.key.iter().map(|&k| row[k].clone()).collect()));
            rows.push(row);
        }
        placed.push(keyed);
        out.push(rows);
    }
    Ok(out)
}

/// The first field of a record that no column or child sheet holds (it would be lost).
fn uncovered(value: &Value, path: String, covered: &[&str]) -> Option<String> {
    let holds = |c: &&str| {
        path == *c
            || (path.len() > c.len() && path.starts_with(c) && path.as_bytes()[c.len()] == b'.')
    };
    if !path.is_empty() && covered.iter().any(holds) {
        return None;
    }
    match value {
        Value::Null => None,
        Value::Array(items) if items.is_empty() => None,
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let sub = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            uncovered(v, sub, covered)
        }),
        _ => Some(path),
    }
}

struct Formats {
    required: Format,
    optional: Format,
    text: Format,
    wrap: Format,
    whole: Format,
    title: Format,
    bold: Format,
}

impl Formats {
    fn new() -> Formats {
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        Formats {
            required: header.clone().set_background_color(Color::RGB(0xF8_CB_AD)),
            optional: header.set_background_color(Color::RGB(0xDD_EB_F7)),
            text: Format::new().set_num_format("@"),
            wrap: Format::new()
                .set_num_format("@")
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            whole: Format::new().set_num_format("0"),
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
        }
    }
    fn column(&self, kind: Kind) -> Option<&Format> {
        match kind {
            Kind::Text | Kind::Blank | Kind::Ref(_) | Kind::Date | Kind::Choice(_) | Kind::Bool => {
                Some(&self.text)
            }
            Kind::Para | Kind::Lines | Kind::Evidence => Some(&self.wrap),
            Kind::Int | Kind::Pick(_) => Some(&self.whole),
            Kind::Dec | Kind::Target | Kind::TargetHigh => None,
        }
    }
}

fn render(layouts: &[Layout], rows: &[Rows]) -> Result<Vec<u8>, XlsxError> {
    let needs = needs(layouts);
    let formats = Formats::new();
    let mut book = Workbook::new();
    let lists = guide(book.add_worksheet(), layouts, &needs, &formats)?;
    for (li, layout) in layouts.iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(layout.sheet.name)?;
        let mut header_lines = 1;
        for (ci, col) in layout.cols.iter().enumerate() {
            let c = ci as u16;
            let header = if needs[li][ci] == Need::Required {
                &formats.required
            } else {
                &formats.optional
            };
            let width = width(col);
            header_lines = header_lines.max(col.header.chars().count().div_ceil(width.max(1)));
            sheet.write_string_with_format(0, c, &col.header, header)?;
            sheet.set_column_width(c, width as f64 + 1.0)?;
            if let Some(format) = formats.column(col.kind) {
                sheet.set_column_format(c, format)?;
            }
            if let Some(validation) = validation(col, &lists)? {
                sheet.add_data_validation(1, c, LAST_ROW, c, &validation)?;
            }
        }
        sheet.set_row_height(0, 15.0 * header_lines as f64 + 3.0)?;
        sheet.set_freeze_panes(1, 0)?;
        let last_col = layout.cols.len().saturating_sub(1) as u16;
        sheet.autofilter(0, 0, rows[li].len() as u32, last_col)?;
        write_rows(sheet, &rows[li], layout, &formats)?;
    }
    book.save_to_buffer()
}

fn write_rows(
    sheet: &mut Worksheet,
    rows: &[Vec<Out>],
    layout: &Layout,
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (ri, row) in rows.iter().enumerate() {
        let r = ri as u32 + 1;
        for (ci, cell) in row.iter().enumerate() {
            let c = ci as u16;
            let format = formats.column(layout.cols[ci].kind);
            match (cell, format) {
                (Out::Empty, _) => {}
                (Out::Text(text), Some(format)) => {
                    sheet.write_string_with_format(r, c, text, format)?;
                }
                (Out::Text(text), None) => {
                    sheet.write_string(r, c, text)?;
                }
                (Out::Number(n), Some(format)) => {
                    sheet.write_number_with_format(r, c, *n, format)?;
                }
                (Out::Number(n), None) => {
                    sheet.write_number(r, c, *n)?;
                }
            }
        }
    }
    Ok(())
}

/// Column width in characters.
fn width(col: &Col) -> usize {
    let base = match col.kind {
        Kind::Text | Kind::Ref(_) => 22,
        Kind::Blank => 14,
        Kind::Para => 50,
        Kind::Lines | Kind::Evidence => 45,
        Kind::Int | Kind::Pick(_) => 9,
        Kind::Dec | Kind::Target | Kind::TargetHigh => 14,
        Kind::Date => 12,
        Kind::Bool => 10,
        Kind::Choice(choices) => choices.labels().map(str::len).max().unwrap_or(8) + 3,
    };
    let longest_word = col
        .header
        .split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0);
    base.max(longest_word + 1).min(60)
}

/// Where each enum list stands on the instructions sheet, by list name.
type Lists = Vec<(&'static str, String)>;

fn validation(col: &Col, lists: &Lists) -> Result<Option<DataValidation>, XlsxError> {
    let list = |labels: Vec<String>, name: &str| -> Result<DataValidation, XlsxError> {
        let shown = format!("Pilih salah satu: {}.", labels.join(", "));
        let on_guide =
            format!("Pilih dari daftar drop-down; daftar lengkap '{name}' ada di sheet {GUIDE}.");
        let validation = if labels.join(",").chars().count() <= INLINE_LIST_CHARS {
            DataValidation::new().allow_list_strings(&labels)?
        } else {
            let range = lists
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, r)| r.clone())
                .unwrap_or_default();
            DataValidation::new().allow_list_formula(Formula::new(range))
        };
        let fits = shown.chars().count() <= INLINE_LIST_CHARS;
        validation
            .set_error_title("Nilai tidak ada di daftar")?
            .set_error_message(if fits { shown } else { on_guide })
    };
    let message = |validation: DataValidation, text: &str| validation.set_input_message(text);
    Ok(Some(match col.kind {
        Kind::Choice(choices) => list(
            choices.labels().map(str::to_string).collect(),
            choices.name,
        )?,
        Kind::Bool => list(
            BOOL_CHOICES.labels().map(str::to_string).collect(),
            BOOL_CHOICES.name,
        )?,
        Kind::Pick(values) => list(values.iter().map(i64::to_string).collect(), &col.header)?,
        Kind::Ref(sheet) => DataValidation::new()
            .allow_list_formula(Formula::new(format!(
                "=OFFSET('{sheet}'!$A$2,0,0,MAX(1,COUNTA('{sheet}'!$A:$A)-1),1)"
            )))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("Id belum ada")?
            .set_error_message(format!(
                "Id ini tidak ada di kolom A sheet '{sheet}'. Lanjutkan hanya bila datanya sudah ada di sistem."
            ))?,
        Kind::Int => DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(i32::MIN, i32::MAX))
            .set_error_message("Isi dengan bilangan bulat.")?,
        Kind::Dec | Kind::Target | Kind::TargetHigh => DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
            .set_error_message("Isi dengan angka (tanpa Rp, %, atau pemisah ribuan).")?,
        Kind::Date => message(
            DataValidation::new(),
            "Tulis tanggal sebagai TTTT-BB-HH, mis. 2025-01-02.",
        )?,
        Kind::Lines => message(DataValidation::new(), "Satu butir per baris (Alt+Enter).")?,
        Kind::Evidence => message(
            DataValidation::new(),
            "Satu bukti per baris (Alt+Enter): judul, atau judul | nama berkas.",
        )?,
        Kind::Text | Kind::Blank | Kind::Para => return Ok(None),
    }))
}

const RULES: &[&str] = &[
    "Setiap sheet memuat satu jenis data. Baris 1 berisi judul kolom: jangan diubah, dipindah atau dihapus, dan jangan menambah kolom.",
    "Isi satu data per baris mulai baris 2; baris kosong dilewati. Sheet yang tidak dipakai boleh dibiarkan kosong atau dihapus; sheet Pemda wajib berisi tepat satu baris.",
    "Judul kolom berwarna jingga wajib diisi; yang biru boleh kosong.",
    "Angka diketik sebagai angka, tanpa pemisah ribuan, tanpa 'Rp' atau '%' (100% ditulis 100). Angka yang terlalu panjang untuk Excel ditulis sebagai teks (mis. 12345678901234567.891) dan tetap dibaca tepat.",
    "Jangan memakai rumus: salin lalu Tempel Nilai (Paste Values). Sel berisi rumus ditolak saat impor.",
    "Tanggal ditulis TTTT-BB-HH, misalnya 2025-01-02.",
    "Kolom pilihan diisi dari daftar drop-down; daftar lengkapnya ada di sebelah kanan sheet ini.",
    "Triwulan 1–4 berarti TW I–IV; kosongkan untuk nilai tahunan.",
    "Target rentang: batas bawah di kolom Target, batas atas di kolom Target Atas; target tunggal cukup di kolom Target.",
    "Sheet anak (mis. PK Target, IPP Aspek, Tindak Lanjut) diawali kolom kunci baris induknya; isinya harus sama dengan baris di sheet induk.",
    "Kolom daftar (Fungsi, Rekomendasi, Bukti): satu butir per baris dalam sel (Alt+Enter). Bukti: 'judul' atau 'judul | nama berkas'.",
    "Id (Kode Unit, ID Indikator, …) dirujuk sheet lain: jangan diubah setelah dipakai.",
    "Sheet Petunjuk ini diabaikan saat impor.",
];

/// The instructions sheet; returns where each enum list stands, for the drop-downs that are too long to inline.
fn guide(
    sheet: &mut Worksheet,
    layouts: &[Layout],
    needs: &[Vec<Need>],
    formats: &Formats,
) -> Result<Lists, XlsxError> {
    sheet.set_name(GUIDE)?;
    sheet.write_string_with_format(
        0,
        0,
        "Petunjuk Pengisian Workbook Kinerja (SAKIP)",
        &formats.title,
    )?;
    let mut r = 2u32;
    for rule in RULES {
        sheet.write_string(r, 0, format!("• {rule}"))?;
        r += 1;
    }
    r += 1;
    for (c, head) in ["Sheet", "Kolom", "Isi", "Wajib", "Keterangan"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(r, c as u16, *head, &formats.optional)?;
    }
    r += 1;
    for (li, layout) in layouts.iter().enumerate() {
        sheet.write_string_with_format(r, 0, layout.sheet.name, &formats.bold)?;
        sheet.write_string(r, 4, layout.sheet.about)?;
        r += 1;
        for (ci, col) in layout.cols.iter().enumerate() {
            sheet.write_string(r, 1, format!("{} {}", column_letter(ci), col.header))?;
            sheet.write_string(r, 2, describe(layouts, layout, col))?;
            sheet.write_string(r, 3, needs[li][ci].word())?;
            r += 1;
        }
    }
    for (c, width) in [16.0, 34.0, 60.0, 12.0, 80.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *width)?;
    }
    let mut lists = Vec::new();
    let all = ALL_CHOICES
        .iter()
        .copied()
        .chain(std::iter::once(&BOOL_CHOICES));
    for (i, choices) in all.enumerate() {
        let c = LIST_COLUMN + i as u16;
        sheet.write_string_with_format(0, c, choices.name, &formats.optional)?;
        let labels: Vec<&str> = choices.labels().collect();
        for (j, label) in labels.iter().enumerate() {
            sheet.write_string_with_format(j as u32 + 1, c, *label, &formats.text)?;
        }
        sheet.set_column_width(c, 22.0)?;
        let letter = column_letter(usize::from(c));
        lists.push((
            choices.name,
            format!("={GUIDE}!${letter}$2:${letter}${}", labels.len() + 1),
        ));
    }
    sheet.set_selected(true);
    Ok(lists)
}

/// What a column holds, in the operator's words.
fn describe(layouts: &[Layout], layout: &Layout, col: &Col) -> String {
    if col.inherited {
        let parent = layout.parent.map(|p| layouts[p].sheet.name).unwrap_or("");
        return format!("kunci baris induk di sheet '{parent}'");
    }
    match col.kind {
        Kind::Text => "teks".into(),
        Kind::Blank => "teks (boleh kosong)".into(),
        Kind::Para => "teks panjang; ganti baris dengan Alt+Enter".into(),
        Kind::Ref(sheet) => format!("id dari kolom A sheet '{sheet}'"),
        Kind::Int => "bilangan bulat".into(),
        Kind::Pick(values) => format!(
            "bilangan bulat: {}",
            join(values.iter().map(i64::to_string))
        ),
        Kind::Dec => "angka".into(),
        Kind::Target => "angka; untuk target rentang: batas bawah".into(),
        Kind::TargetHigh => "angka: batas atas target rentang; kosong untuk target tunggal".into(),
        Kind::Date => "tanggal TTTT-BB-HH, mis. 2025-01-02".into(),
        Kind::Bool => format!("pilihan: {}", join(BOOL_CHOICES.labels())),
        Kind::Choice(choices) => {
            let mut text = format!("pilihan: {}", join(choices.labels()));
            if let Some(custom) = choices.custom_label() {
                text.push_str(&format!(
                    " ('{custom}': isi kolom sesudahnya dan sheet anaknya)"
                ));
            }
            text
        }
        Kind::Lines => "daftar: satu butir per baris dalam sel (Alt+Enter)".into(),
        Kind::Evidence => "bukti: satu per baris (Alt+Enter), 'judul' atau 'judul | berkas'".into(),
    }
}
