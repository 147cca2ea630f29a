//! Raw IKM survey responses of one unit from a CSV or XLSX file (paper forms typed into a spreadsheet, or another
//! survey application's export), and the template and example to fill.
//!
//! Row 1 holds the headers, in any order and case: `layanan` (the service's public code or its name), `tanggal`
//! (ISO `2025-01-02`, `2 Januari 2025`, `02/01/2025` or an Excel date), `U1`…`U9` (1–4, empty when not answered),
//! `jenis kelamin` (L/P), and optionally `usia`, `pendidikan`, `pekerjaan`, `saran` and a row number `no`. A CSV
//! may be separated by commas or semicolons (Indonesian Excel writes semicolons) and is UTF-8, with or without a
//! BOM. Identical rows are kept: they are separate paper forms. Every problem of the file is reported (up to
//! [`MAX_SURVEY_ERRORS`]) with the file, sheet, row and column, and then nothing is returned.

use crate::error::{DatasetError, DatasetErrors};
use crate::xlsx_bounds::{check_workbook, parse_gate, Refusal, WORKBOOK_BOUNDS};
use calamine::{Data, Reader, Xlsx};
use kinerja_domain::date::Date;
use kinerja_domain::model::{
    Choice, Education, Element, Occupation, Response, Sex, MAX_SARAN_CHARS, RESPONDENT_AGES,
};
use kinerja_domain::number::format_natural;
use kinerja_domain::Decimal;
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, Formula, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeMap;
use std::io::Cursor;

/// Errors reported at most; a file with more is usually the wrong file.
pub const MAX_SURVEY_ERRORS: usize = 100;
/// The sheet of an XLSX file that holds the responses.
pub const SURVEY_SHEET: &str = "Respons";
const SERVICE_SHEET: &str = "Layanan";
const GUIDE_SHEET: &str = "Petunjuk";

/// A service of the unit, as a row may name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyService {
    /// The public code (the last part of the survey address).
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Service,
    Date,
    Score(Element),
    Sex,
    Age,
    Education,
    Occupation,
    Saran,
    /// A row number some forms carry: read past.
    Number,
}

const REQUIRED: [Field; 12] = [
    Field::Service,
    Field::Date,
    Field::Score(Element::U1),
    Field::Score(Element::U2),
    Field::Score(Element::U3),
    Field::Score(Element::U4),
    Field::Score(Element::U5),
    Field::Score(Element::U6),
    Field::Score(Element::U7),
    Field::Score(Element::U8),
    Field::Score(Element::U9),
    Field::Sex,
];
const OPTIONAL: [Field; 4] = [
    Field::Age,
    Field::Education,
    Field::Occupation,
    Field::Saran,
];

impl Field {
    /// The header as the template writes it.
    fn header(self) -> &'static str {
        match self {
            Field::Service => "layanan",
            Field::Date => "tanggal",
            Field::Score(e) => e.code(),
            Field::Sex => "jenis kelamin",
            Field::Age => "usia",
            Field::Education => "pendidikan",
            Field::Occupation => "pekerjaan",
            Field::Saran => "saran",
            Field::Number => "no",
        }
    }

    fn of_header(text: &str) -> Option<Field> {
        let wanted = normal(&text.replace('_', " "));
        let wanted = wanted.trim_end_matches('.');
        REQUIRED
            .iter()
            .chain(&OPTIONAL)
            .chain(&[Field::Number])
            .copied()
            .find(|f| normal(f.header()) == wanted)
    }
}

/// Lowercase with single spaces, for comparing what people type.
fn normal(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A cell as read from either format.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(Option<Date>),
    Failed(String),
}

impl Cell {
    fn of(data: &Data) -> Cell {
        match data {
            Data::Empty => Cell::Empty,
            Data::String(s) if s.trim().is_empty() => Cell::Empty,
            Data::String(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
            Data::DateTimeIso(s) => Cell::Date(s.get(..10).and_then(|d| d.parse().ok())),
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Float(f) => Cell::Number(*f),
            Data::Bool(b) => Cell::Text(b.to_string()),
            Data::DateTime(dt) => Cell::Date(if dt.is_datetime() {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                Date::new(i32::from(y), m, d)
            } else {
                None
            }),
            Data::Error(e) => Cell::Failed(e.to_string()),
        }
    }

    fn text(text: &str) -> Cell {
        if text.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text.to_string())
        }
    }

    /// As the operator sees it, for messages.
    fn shown(&self) -> String {
        match self {
            Cell::Empty => "kosong".into(),
            Cell::Text(t) => format!("'{}'", short(t.trim())),
            Cell::Number(n) => number_text(*n),
            Cell::Date(Some(d)) => d.indonesian(),
            Cell::Date(None) => "tanggal/waktu yang tidak sah".into(),
            Cell::Failed(e) => format!("galat Excel {e}"),
        }
    }

    /// A whole number, typed as a number or as text.
    fn whole(&self) -> Option<i64> {
        match self {
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(*n as i64),
            Cell::Text(t) => t.trim().parse().ok(),
            _ => None,
        }
    }

    /// The text of a cell that should be text; numbers as Excel shows them.
    fn as_text(&self) -> Option<String> {
        match self {
            Cell::Text(t) => Some(t.trim().to_string()),
            Cell::Number(n) => Some(number_text(*n)),
            _ => None,
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// A long text cut for a message.
fn short(text: &str) -> String {
    const SHOWN: usize = 40;
    if text.chars().count() > SHOWN {
        format!("{}…", text.chars().take(SHOWN).collect::<String>())
    } else {
        text.to_string()
    }
}

/// The errors of a file, up to the cap.
struct Errors {
    file: String,
    sheet: Option<String>,
    list: Vec<DatasetError>,
    more: usize,
}

impl Errors {
    fn push(&mut self, row: Option<usize>, column: Option<&str>, message: String) {
        if self.list.len() >= MAX_SURVEY_ERRORS {
            self.more += 1;
            return;
        }
        let mut place = Vec::new();
        if let Some(sheet) = &self.sheet {
            place.push(format!("sheet \"{sheet}\""));
        }
        if let Some(row) = row {
            place.push(format!("baris {row}"));
        }
        if let Some(column) = column {
            place.push(format!("kolom {column}"));
        }
        self.list.push(DatasetError {
            file: self.file.clone(),
            line: None,
            column: None,
            path: (!place.is_empty()).then(|| place.join(", ")),
            message,
        });
    }

    fn into_result(mut self) -> DatasetErrors {
        if self.more > 0 {
            self.list.push(DatasetError {
                file: self.file.clone(),
                line: None,
                column: None,
                path: None,
                message: format!(
                    "dan {} kesalahan lain yang tidak ditampilkan; perbaiki yang di atas lalu unggah lagi",
                    self.more
                ),
            });
        }
        DatasetErrors(self.list)
    }
}

/// Reads the responses of a CSV or XLSX file (by its name's extension, or the XLSX signature) for `unit`, whose
/// services are `services`. Each response's `service` is the service's name.
pub fn read_survey_responses(
    file: &str,
    bytes: &[u8],
    unit: &str,
    services: &[SurveyService],
) -> Result<Vec<Response>, DatasetErrors> {
    let mut errors = Errors {
        file: file.to_string(),
        sheet: None,
        list: Vec::new(),
        more: 0,
    };
    let extension = file
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let rows = if bytes.starts_with(b"PK\x03\x04") || extension == "xlsx" {
        xlsx_rows(bytes, &mut errors)
    } else if extension == "xls" {
        errors.push(
            None,
            None,
            "format Excel lama (.xls) tidak dibaca; simpan sebagai .xlsx atau CSV".into(),
        );
        None
    } else {
        csv_rows(bytes, &mut errors)
    };
    let responses = match rows {
        Some(rows) => Rows {
            unit,
            services,
            errors: &mut errors,
        }
        .read(&rows),
        None => Vec::new(),
    };
    if errors.list.is_empty() {
        Ok(responses)
    } else {
        Err(errors.into_result())
    }
}

/// Rows of cells with their 1-based row numbers as the operator sees them.
type Grid = Vec<(usize, Vec<Cell>)>;

const DAMAGED: &str =
    "bukan berkas Excel .xlsx yang sah (rusak, atau format lain); simpan ulang sebagai .xlsx atau CSV";

fn xlsx_rows(bytes: &[u8], errors: &mut Errors) -> Option<Grid> {
    match check_workbook(bytes, &WORKBOOK_BOUNDS) {
        Ok(()) => parse_gate(|| grid_of(bytes, errors)),
        Err(Refusal::Damaged) => {
            errors.push(None, None, DAMAGED.into());
            None
        }
        Err(Refusal::TooLarge(message)) => {
            errors.push(None, None, message);
            None
        }
    }
}

fn grid_of(bytes: &[u8], errors: &mut Errors) -> Option<Grid> {
    let Ok(mut book) = Xlsx::new(Cursor::new(bytes)) else {
        errors.push(None, None, DAMAGED.into());
        return None;
    };
    let names = book.sheet_names();
    let sheet = names
        .iter()
        .find(|n| n.trim().eq_ignore_ascii_case(SURVEY_SHEET))
        .or_else(|| {
            let data: Vec<&String> = names
                .iter()
                .filter(|n| {
                    ![SERVICE_SHEET, GUIDE_SHEET]
                        .iter()
                        .any(|other| n.trim().eq_ignore_ascii_case(other))
                })
                .collect();
            (data.len() == 1).then(|| data[0])
        })
        .cloned();
    let Some(sheet) = sheet else {
        errors.push(
            None,
            None,
            format!(
                "sheet \"{SURVEY_SHEET}\" tidak ada; respons diisi di sheet \"{SURVEY_SHEET}\" seperti pada templat"
            ),
        );
        return None;
    };
    errors.sheet = Some(sheet.clone());
    let Ok(range) = book.worksheet_range(&sheet) else {
        errors.push(
            None,
            None,
            "sheet tidak dapat dibaca: isi berkas rusak".into(),
        );
        return None;
    };
    let Some((r0, c0)) = range.start() else {
        return Some(Vec::new());
    };
    let lead = vec![Cell::Empty; c0 as usize];
    Some(
        range
            .rows()
            .enumerate()
            .map(|(i, row)| {
                let cells = lead.iter().cloned().chain(row.iter().map(Cell::of));
                (r0 as usize + i + 1, cells.collect())
            })
            .collect(),
    )
}

fn csv_rows(bytes: &[u8], errors: &mut Errors) -> Option<Grid> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            errors.push(
                Some(line),
                None,
                "teks bukan UTF-8; di Excel simpan sebagai \"CSV UTF-8 (dipisah koma)\"".into(),
            );
            return None;
        }
    };
    let separator = separator(text);
    match split_csv(text, separator) {
        Ok(rows) => Some(
            rows.into_iter()
                .map(|(line, fields)| (line, fields.iter().map(|f| Cell::text(f)).collect()))
                .collect(),
        ),
        Err(line) => {
            errors.push(
                Some(line),
                None,
                "tanda kutip (\") dibuka tetapi tidak ditutup sampai akhir berkas".into(),
            );
            None
        }
    }
}

/// `;` when the header line has more semicolons than commas outside quotes, else `,`.
fn separator(text: &str) -> char {
    let header = text.lines().next().unwrap_or("");
    let (mut quoted, mut commas, mut semicolons) = (false, 0, 0);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas {
        ';'
    } else {
        ','
    }
}

/// The records of a CSV text (RFC 4180: quoted fields may hold separators, doubled quotes and line breaks), each
/// with the line it starts on; the line of an unclosed quote as the error.
fn split_csv(text: &str, separator: char) -> Result<Vec<(usize, Vec<String>)>, usize> {
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let (mut line, mut start, mut quoted_from) = (1, 1, None);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted_from.is_some() {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted_from = None,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted_from = Some(line);
            }
            c if c == separator => fields.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                rows.push((start, std::mem::take(&mut fields)));
                line += 1;
                start = line;
            }
            _ => field.push(c),
        }
    }
    if let Some(from) = quoted_from {
        return Err(from);
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        rows.push((start, fields));
    }
    Ok(rows)
}

struct Rows<'a> {
    unit: &'a str,
    services: &'a [SurveyService],
    errors: &'a mut Errors,
}

impl Rows<'_> {
    fn read(&mut self, grid: &Grid) -> Vec<Response> {
        let mut rows = grid
            .iter()
            .filter(|(_, cells)| cells.iter().any(|c| *c != Cell::Empty));
        let Some((header_row, headers)) = rows.next() else {
            self.errors.push(
                Some(1),
                None,
                "berkas kosong: baris 1 berisi judul kolom, respons mulai baris 2".into(),
            );
            return Vec::new();
        };
        let Some(columns) = self.columns(*header_row, headers) else {
            return Vec::new();
        };
        rows.filter_map(|(row, cells)| self.response(*row, &columns, cells))
            .collect()
    }

    /// The field and header text of each column; `None` when the headers are unusable.
    fn columns(&mut self, row: usize, headers: &[Cell]) -> Option<Vec<(Field, String)>> {
        let mut columns: Vec<(usize, Field, String)> = Vec::new();
        let mut usable = true;
        for (i, cell) in headers.iter().enumerate() {
            let Some(text) = cell.as_text() else {
                if *cell != Cell::Empty {
                    usable = false;
                    self.errors.push(
                        Some(row),
                        Some(&crate::workbook::column_letter(i)),
                        format!("judul kolom harus teks, tertulis {}", cell.shown()),
                    );
                }
                continue;
            };
            let text = text.trim_start_matches('\u{feff}').trim().to_string();
            match Field::of_header(&text) {
                Some(field) if columns.iter().any(|(_, f, _)| *f == field) => {
                    usable = false;
                    self.errors.push(
                        Some(row),
                        Some(&text),
                        "judul kolom ganda: setiap kolom hanya boleh ada sekali".into(),
                    );
                }
                Some(field) => columns.push((i, field, text)),
                None => {
                    usable = false;
                    self.errors.push(
                        Some(row),
                        Some(&text),
                        format!(
                            "judul kolom tidak dikenal; yang dikenal: {}",
                            known_headers()
                        ),
                    );
                }
            }
        }
        for field in REQUIRED {
            if !columns.iter().any(|(_, f, _)| *f == field) {
                usable = false;
                self.errors.push(
                    Some(row),
                    None,
                    format!(
                        "kolom wajib '{}' tidak ada; baris judul harus memuat: {}",
                        field.header(),
                        known_headers()
                    ),
                );
            }
        }
        usable.then(|| {
            let width = columns.iter().map(|(i, ..)| i + 1).max().unwrap_or(0);
            let mut out = vec![(Field::Number, String::new()); width];
            for (i, field, text) in columns {
                out[i] = (field, text);
            }
            out
        })
    }

    fn response(
        &mut self,
        row: usize,
        columns: &[(Field, String)],
        cells: &[Cell],
    ) -> Option<Response> {
        if !cells.iter().any(|c| *c != Cell::Empty) {
            return None;
        }
        let before = self.errors.list.len() + self.errors.more;
        for (i, cell) in cells.iter().enumerate().skip(columns.len()) {
            if *cell != Cell::Empty {
                self.errors.push(
                    Some(row),
                    Some(&crate::workbook::column_letter(i)),
                    format!(
                        "isian {} di luar kolom yang berjudul; hapus, atau beri judul kolom",
                        cell.shown()
                    ),
                );
            }
        }
        let mut service = None;
        let mut date = None;
        let mut answers = BTreeMap::new();
        let mut sex = None;
        let mut age = None;
        let mut education = None;
        let mut occupation = None;
        let mut saran = None;
        for (i, (field, header)) in columns.iter().enumerate() {
            let cell = cells.get(i).unwrap_or(&Cell::Empty);
            if let Cell::Failed(e) = cell {
                self.errors.push(
                    Some(row),
                    Some(header),
                    format!("sel berisi galat Excel {e}; isi dengan nilai"),
                );
                continue;
            }
            let problem = match field {
                Field::Number => None,
                Field::Service => match self.service(cell) {
                    Ok(s) => {
                        service = Some(s);
                        None
                    }
                    Err(why) => Some(why),
                },
                Field::Date => match date_of(cell) {
                    Ok(d) => {
                        date = Some(d);
                        None
                    }
                    Err(why) => Some(why),
                },
                Field::Score(element) => match score(cell) {
                    Ok(Some(s)) => {
                        answers.insert(*element, s);
                        None
                    }
                    Ok(None) => None,
                    Err(why) => Some(why),
                },
                Field::Sex => match cell {
                    Cell::Empty => Some("jenis kelamin wajib diisi: L atau P".into()),
                    _ => match cell.as_text().and_then(|t| sex_of(&t)) {
                        Some(s) => {
                            sex = Some(s);
                            None
                        }
                        None => Some(format!(
                            "jenis kelamin harus L (laki-laki) atau P (perempuan), tertulis {}",
                            cell.shown()
                        )),
                    },
                },
                Field::Age => match cell {
                    Cell::Empty => None,
                    _ => match cell.whole().and_then(|a| u8::try_from(a).ok()) {
                        Some(a) if RESPONDENT_AGES.contains(&a) => {
                            age = Some(a);
                            None
                        }
                        _ => Some(format!(
                            "usia harus bilangan bulat {}–{} tahun, atau kosong; tertulis {}",
                            RESPONDENT_AGES.start(),
                            RESPONDENT_AGES.end(),
                            cell.shown()
                        )),
                    },
                },
                Field::Education => match profile::<Education>(cell) {
                    Ok(e) => {
                        education = e;
                        None
                    }
                    Err(why) => Some(why),
                },
                Field::Occupation => match profile::<Occupation>(cell) {
                    Ok(o) => {
                        occupation = o;
                        None
                    }
                    Err(why) => Some(why),
                },
                Field::Saran => match cell {
                    Cell::Empty => None,
                    _ => match cell.as_text() {
                        Some(t) if t.chars().count() > MAX_SARAN_CHARS => Some(format!(
                            "saran paling panjang {MAX_SARAN_CHARS} karakter, tertulis {}",
                            t.chars().count()
                        )),
                        Some(t) => {
                            saran = Some(t);
                            None
                        }
                        None => Some(format!("saran harus teks, tertulis {}", cell.shown())),
                    },
                },
            };
            if let Some(why) = problem {
                self.errors.push(Some(row), Some(header), why);
            }
        }
        if answers.is_empty() && self.errors.list.len() + self.errors.more == before {
            self.errors.push(
                Some(row),
                None,
                "tidak satu pun unsur U1–U9 dijawab; isi sedikitnya satu, atau hapus baris ini"
                    .into(),
            );
        }
        let (service, date, sex) = (service?, date?, sex?);
        (self.errors.list.len() + self.errors.more == before).then(|| Response {
            unit: self.unit.to_string(),
            year: date.year(),
            service,
            date,
            time_slot: None,
            sex,
            age,
            education,
            occupation,
            answers,
            saran,
        })
    }

    /// The name of the service a cell names by code or by name.
    fn service(&self, cell: &Cell) -> Result<String, String> {
        let Some(text) = cell.as_text().filter(|t| !t.is_empty()) else {
            return Err(format!(
                "layanan wajib diisi dengan kode atau nama layanan; tertulis {}",
                cell.shown()
            ));
        };
        let wanted = normal(&text);
        self.services
            .iter()
            .find(|s| s.code.eq_ignore_ascii_case(&text) || normal(&s.name) == wanted)
            .map(|s| s.name.clone())
            .ok_or_else(|| {
                let known: Vec<String> = self
                    .services
                    .iter()
                    .map(|s| format!("{} ({})", s.code, s.name))
                    .collect();
                if known.is_empty() {
                    format!("layanan '{}' tidak dikenal: unit ini belum punya layanan; tambahkan dulu di halaman Layanan", short(&text))
                } else {
                    format!(
                        "layanan '{}' tidak dikenal di unit ini; tulis kode atau nama layanan: {}",
                        short(&text),
                        known.join(", ")
                    )
                }
            })
    }
}

fn known_headers() -> String {
    let optional: Vec<&str> = OPTIONAL.iter().map(|f| f.header()).collect();
    format!(
        "layanan, tanggal, U1–U9, jenis kelamin (wajib); {} (boleh tidak ada)",
        optional.join(", ")
    )
}

fn date_of(cell: &Cell) -> Result<Date, String> {
    let expected = "tanggal harus seperti 2025-01-02, 2 Januari 2025 atau 02/01/2025";
    let found = match cell {
        Cell::Date(Some(d)) => return Ok(*d),
        Cell::Text(t) => {
            let t = t.trim();
            // A time after the date (`2025-01-02 10:15`, `2025-01-02T10:15:00`) is read past.
            let iso = t
                .get(..10)
                .filter(|_| t.len() == 10 || t[10..].starts_with(' ') || t[10..].starts_with('T'));
            if let Some(d) = iso.and_then(|d| d.parse().ok()) {
                return Ok(d);
            }
            if let Some(d) = Date::from_indonesian(t) {
                return Ok(d);
            }
            cell.shown()
        }
        Cell::Empty => return Err("tanggal wajib diisi, mis. 2025-01-02".into()),
        other => other.shown(),
    };
    Err(format!("{expected}; tertulis {found}"))
}

fn score(cell: &Cell) -> Result<Option<u8>, String> {
    match cell {
        Cell::Empty => Ok(None),
        _ => match cell.whole() {
            Some(s @ 1..=4) => Ok(Some(s as u8)),
            _ => Err(format!(
                "nilai harus 1–4 (atau kosong bila tidak dijawab), tertulis {}",
                cell.shown()
            )),
        },
    }
}

fn sex_of(text: &str) -> Option<Sex> {
    match normal(&text.replace('-', " ")).as_str() {
        "l" | "laki laki" | "pria" | "lk" => Some(Sex::Male),
        "p" | "perempuan" | "wanita" | "pr" => Some(Sex::Female),
        _ => None,
    }
}

/// An optional profile answer by its code or its words; a few common other spellings of education.
fn profile<T: Choice>(cell: &Cell) -> Result<Option<T>, String> {
    if *cell == Cell::Empty {
        return Ok(None);
    }
    let text = cell.as_text().unwrap_or_default();
    let wanted = match normal(&text).as_str() {
        "smk" | "slta" => "sma".to_string(),
        "sltp" => "smp".to_string(),
        "d1" | "d2" | "diploma" => "d3".to_string(),
        "d4" => "s1".to_string(),
        other => other.to_string(),
    };
    T::ALL
        .iter()
        .copied()
        .find(|c| normal(c.code()) == wanted || normal(c.label()) == wanted)
        .map(Some)
        .ok_or_else(|| {
            let codes = codes::<T>();
            format!(
                "harus salah satu dari {} (atau kosong), tertulis {}",
                codes.join(", "),
                cell.shown()
            )
        })
}

/// What an import stored, as the web and the command line say it: "Impor selesai: 3 respons disimpan (Kartu
/// Keluarga 1, Pelayanan KTP 2; tahun 2024: 3)."
pub fn survey_import_done(responses: &[Response]) -> String {
    let mut services: BTreeMap<&str, u64> = BTreeMap::new();
    let mut years: BTreeMap<i32, u64> = BTreeMap::new();
    for r in responses {
        *services.entry(r.service.as_str()).or_default() += 1;
        *years.entry(r.year).or_default() += 1;
    }
    let n = |n: u64| format_natural(Decimal::from(n), 0);
    let per_service: Vec<String> = services
        .iter()
        .map(|(s, c)| format!("{s} {}", n(*c)))
        .collect();
    let per_year: Vec<String> = years
        .iter()
        .map(|(y, c)| format!("tahun {y}: {}", n(*c)))
        .collect();
    format!(
        "Impor selesai: {} respons disimpan ({}; {}).",
        n(responses.len() as u64),
        per_service.join(", "),
        per_year.join(", ")
    )
}

/// The headers in template order.
fn template_headers() -> Vec<&'static str> {
    REQUIRED
        .iter()
        .chain(&OPTIONAL)
        .map(|f| f.header())
        .collect()
}

const GUIDE: &[&str] = &[
    "Satu baris per responden (satu lembar kuesioner), mulai baris 2 sheet Respons. Judul kolom di baris 1 jangan diubah.",
    "layanan: kode atau nama layanan dari sheet Layanan.",
    "tanggal: tanggal pengisian, mis. 2025-01-02, 2 Januari 2025 atau 02/01/2025.",
    "U1–U9: jawaban 1–4 (1 tidak baik … 4 sangat baik; U4: 1 sangat mahal … 4 gratis). Kosongkan unsur yang tidak dijawab.",
    "jenis kelamin: L atau P (wajib).",
    "usia: umur dalam tahun (10–120), boleh kosong.",
    "pendidikan: SD, SMP, SMA, D3, S1, S2 atau S3; boleh kosong.",
    "pekerjaan: PNS, TNI, POLRI, Swasta, Wirausaha atau Lainnya; boleh kosong.",
    "saran: teks bebas, paling panjang 2000 karakter; boleh kosong.",
    "Kuesioner yang isinya sama tetap dihitung masing-masing: setiap baris adalah satu responden.",
    "Bila ada satu saja kesalahan, tidak ada yang disimpan; setiap kesalahan ditunjukkan baris dan kolomnya.",
    "Berkas CSV juga diterima (dipisah koma atau titik koma, UTF-8) dengan judul kolom yang sama.",
];

/// The XLSX template for a unit: the "Respons" sheet with its headers and drop-downs, the unit's services, and
/// the instructions.
pub fn survey_template(unit: &str, services: &[SurveyService]) -> Result<Vec<u8>, String> {
    render_template(unit, services).map_err(|e| format!("templat survei tidak dapat ditulis: {e}"))
}

fn render_template(unit: &str, services: &[SurveyService]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let headers = template_headers();
    let sheet = book.add_worksheet();
    sheet.set_name(SURVEY_SHEET)?;
    for (c, header) in (0u16..).zip(&headers) {
        sheet.write_string_with_format(0, c, *header, &bold)?;
        sheet.set_column_width(c, if header.len() <= 2 { 5.0 } else { 16.0 })?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last = 10_000;
    let column = |name: &str| {
        (0u16..)
            .zip(&headers)
            .find(|(_, h)| **h == name)
            .map(|(c, _)| c)
    };
    let validate =
        |sheet: &mut Worksheet, name: &str, rule: DataValidation| -> Result<(), XlsxError> {
            if let Some(c) = column(name) {
                sheet.add_data_validation(1, c, last, c, &rule)?;
            }
            Ok(())
        };
    let count = services.len().max(1);
    validate(
        sheet,
        "layanan",
        DataValidation::new()
            .allow_list_formula(Formula::new(format!(
                "='{SERVICE_SHEET}'!$A$2:$A${}",
                count + 1
            )))
            .set_error_message("Pilih kode layanan dari sheet Layanan.")?,
    )?;
    for e in Element::ALL {
        validate(
            sheet,
            e.code(),
            DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(1, 4))
                .set_error_message("Isi 1, 2, 3 atau 4, atau kosongkan bila tidak dijawab.")?,
        )?;
    }
    validate(
        sheet,
        "jenis kelamin",
        DataValidation::new().allow_list_strings(&["L", "P"])?,
    )?;
    validate(
        sheet,
        "usia",
        DataValidation::new().allow_whole_number(DataValidationRule::Between(
            i32::from(*RESPONDENT_AGES.start()),
            i32::from(*RESPONDENT_AGES.end()),
        )),
    )?;
    validate(
        sheet,
        "pendidikan",
        DataValidation::new().allow_list_strings(&codes::<Education>())?,
    )?;
    validate(
        sheet,
        "pekerjaan",
        DataValidation::new().allow_list_strings(&codes::<Occupation>())?,
    )?;
    if let Some(c) = column("tanggal") {
        sheet.set_column_format(c, &text)?;
    }

    let list = book.add_worksheet();
    list.set_name(SERVICE_SHEET)?;
    list.write_string_with_format(0, 0, "kode", &bold)?;
    list.write_string_with_format(0, 1, "nama layanan", &bold)?;
    list.set_column_width(0, 16.0)?;
    list.set_column_width(1, 50.0)?;
    for (r, s) in (1u32..).zip(services) {
        list.write_string(r, 0, &s.code)?;
        list.write_string(r, 1, &s.name)?;
    }

    let guide = book.add_worksheet();
    guide.set_name(GUIDE_SHEET)?;
    guide.set_column_width(0, 110.0)?;
    guide.write_string_with_format(
        0,
        0,
        format!("Impor respons Survei Kepuasan Masyarakat — {unit}"),
        &bold,
    )?;
    let mut r = 2;
    for line in GUIDE {
        guide.write_string(r, 0, *line)?;
        r += 1;
    }
    r += 1;
    guide.write_string_with_format(r, 0, "Unsur pelayanan", &bold)?;
    for e in Element::ALL {
        r += 1;
        guide.write_string(
            r,
            0,
            format!("{} {}: {}", e.code(), e.name(), numbered(e.options())),
        )?;
    }
    book.save_to_buffer()
}

fn codes<T: Choice>() -> Vec<&'static str> {
    T::ALL.iter().map(|c| c.code()).collect()
}

fn numbered(options: [&str; 4]) -> String {
    (1..)
        .zip(options)
        .map(|(i, o)| format!("{i} {o}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A short CSV example for a unit, separated by semicolons as Indonesian Excel writes it.
pub fn survey_csv_example(services: &[SurveyService]) -> String {
    let mut text = template_headers().join(";");
    text.push('\n');
    let first = services.first().map_or("KODE-LAYANAN", |s| s.code.as_str());
    let second = services.get(1).map_or(first, |s| s.code.as_str());
    text.push_str(&format!(
        "{first};2025-01-02;4;4;3;4;3;4;4;3;4;L;34;SMA;Swasta;\"Antrean lebih tertib; ruang tunggu diperluas\"\n"
    ));
    text.push_str(&format!(
        "{second};3 Januari 2025;3;3;3;4;;3;4;4;3;P;;S1;PNS;\n"
    ));
    text
}

#[cfg(test)]
mod tests;
