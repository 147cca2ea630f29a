//! Reading: every sheet's rows into the records' serde form (cells checked by kind, formulas, duplicates and
//! parent rows refused), child rows folded into their parents, then serde and the dataset validation — every
//! problem located by sheet, row and column.

use super::cells::{from_cell, get, list_mut, set, widen, Conflict, In};
use super::spec::{Kind, Layout, Source, GUIDE};
use super::{layouts, location};
use crate::error::{indonesian, DatasetError, DatasetErrors};
use crate::validate::{validate_sources, Scope};
use crate::xlsx_bounds::{check_workbook, parse_gate, Refusal, WORKBOOK_BOUNDS};
use calamine::{Data, Range, Reader, Xlsx, XlsxError};
use kinerja_domain::model::Dataset;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::io::Cursor;

/// Problems reported before the rest are summed up in one line.
const MAX_ERRORS: usize = 200;

const NOT_A_WORKBOOK: &str =
    "berkas bukan workbook Excel (.xlsx) atau rusak; simpan dari Excel sebagai \"Excel Workbook (*.xlsx)\"";

/// Reads a workbook written by `write_workbook` or filled from `template_workbook`, validates it like a text
/// dataset, and returns it whole or not at all. `name` is the file name used in messages.
pub fn read_workbook(name: &str, bytes: &[u8]) -> Result<Dataset, DatasetErrors> {
    read_workbook_scoped(name, bytes, Scope::Whole)
}

/// As [`read_workbook`], with the scope of validation: `Scope::Part` for a workbook to be merged into stored
/// data (the Pemda sheet may be absent and references are checked after the merge).
pub fn read_workbook_scoped(
    name: &str,
    bytes: &[u8],
    scope: Scope,
) -> Result<Dataset, DatasetErrors> {
    let whole = |message: &str| {
        let mut errors = Errors::new(name);
        errors.push(None, message.to_string());
        errors.into_result()
    };
    if bytes.is_empty() {
        return Err(whole("berkas kosong"));
    }
    match check_workbook(bytes, &WORKBOOK_BOUNDS) {
        Ok(()) => {}
        Err(Refusal::Damaged) => return Err(whole(NOT_A_WORKBOOK)),
        Err(Refusal::TooLarge(message)) => return Err(whole(&message)),
    }
    // The xlsx parser can panic on some corrupted files (e.g. an overflowing cell reference); a panic there is
    // reported as a damaged file, never passed on.
    let parsed = parse_gate(|| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut book = match Xlsx::new(Cursor::new(bytes)) {
                Ok(book) => book,
                Err(XlsxError::Password) => {
                    return Err(whole(
                        "workbook dilindungi kata sandi; simpan ulang tanpa kata sandi",
                    ))
                }
                Err(_) => return Err(whole(NOT_A_WORKBOOK)),
            };
            let mut reader = Sheets {
                layouts: layouts(),
                errors: Errors::new(name),
                tables: Vec::new(),
                scope,
            };
            reader.read(&mut book);
            Ok(reader)
        }))
    });
    let reader = match parsed {
        Ok(Ok(reader)) => reader,
        Ok(Err(e)) => return Err(e),
        Err(_) => return Err(whole(NOT_A_WORKBOOK)),
    };
    reader.finish()
}

struct Errors {
    file: String,
    list: Vec<DatasetError>,
    more: usize,
}

impl Errors {
    fn new(file: &str) -> Errors {
        Errors {
            file: file.to_string(),
            list: Vec::new(),
            more: 0,
        }
    }
    fn error(&self, path: Option<String>, message: String) -> DatasetError {
        DatasetError {
            file: self.file.clone(),
            line: None,
            column: None,
            path,
            message,
        }
    }
    fn push(&mut self, path: Option<String>, message: String) {
        if self.list.len() >= MAX_ERRORS {
            self.more += 1;
        } else {
            self.list.push(self.error(path, message));
        }
    }
    fn at(&mut self, layout: &Layout, row: Option<usize>, col: Option<usize>, message: String) {
        self.push(Some(location(layout, row, col)), message);
    }
    fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
    fn count(&self) -> usize {
        self.list.len() + self.more
    }
    fn into_result(mut self) -> DatasetErrors {
        if self.more > 0 {
            let more = self.error(None, format!("… dan {} masalah lain", self.more));
            self.list.push(more);
        }
        DatasetErrors(self.list)
    }
}

/// One row read: the record (its own columns set), where it came from, and its parent.
struct Rec {
    row: usize,
    value: Value,
    parent: Option<usize>,
    /// Columns where a custom choice was made ("kustom"), checked once the children are folded in.
    customs: Vec<usize>,
}

#[derive(Default)]
struct Table {
    recs: Vec<Rec>,
    /// Full key → record, for child rows and duplicates.
    by_key: HashMap<String, usize>,
}

struct Sheets {
    layouts: &'static [Layout],
    errors: Errors,
    tables: Vec<Table>,
    scope: Scope,
}

fn key_text<'a>(values: impl Iterator<Item = Option<&'a Value>>) -> String {
    let mut text = String::new();
    for v in values {
        match v {
            Some(v) => text.push_str(&v.to_string()),
            None => text.push_str("null"),
        }
        text.push('\u{1f}');
    }
    text
}

impl Sheets {
    fn read(&mut self, book: &mut Xlsx<Cursor<&[u8]>>) {
        let mut present: Vec<Option<String>> = vec![None; self.layouts.len()];
        for sheet in book.sheet_names() {
            let wanted = sheet.trim();
            if wanted.eq_ignore_ascii_case(GUIDE) {
                continue;
            }
            match self
                .layouts
                .iter()
                .position(|l| l.sheet.name.eq_ignore_ascii_case(wanted))
            {
                Some(i) => present[i] = Some(sheet),
                None => {
                    let lower = wanted.to_lowercase();
                    let meant = self
                        .layouts
                        .iter()
                        .map(|l| l.sheet.name)
                        .filter(|name| lower.contains(&name.to_lowercase()))
                        .max_by_key(|name| name.len());
                    let hint = match meant {
                        Some(name) => format!("; mungkin maksudnya \"{name}\""),
                        None => String::new(),
                    };
                    self.errors.push(
                        Some(format!("sheet \"{sheet}\"")),
                        format!(
                            "sheet tidak dikenal{hint}. Pakai nama sheet dari template (daftarnya di sheet {GUIDE}); sheet lain tidak boleh ada"
                        ),
                    );
                }
            }
        }
        for (li, layout) in self.layouts.iter().enumerate() {
            let mut table = Table::default();
            match &present[li] {
                None => {
                    if matches!(layout.sheet.source, Source::Single(_))
                        && self.scope == Scope::Whole
                    {
                        self.errors.at(
                            layout,
                            None,
                            None,
                            format!(
                                "sheet \"{}\" tidak ada; seharusnya ada dengan tepat satu baris data",
                                layout.sheet.name
                            ),
                        );
                    }
                }
                Some(sheet) => {
                    let before = self.errors.count();
                    let cells = book.worksheet_range(sheet);
                    let formulas = book.worksheet_formula(sheet);
                    match (cells, formulas) {
                        (Ok(cells), Ok(formulas)) => {
                            let formulas: HashSet<(u32, u32)> = match formulas.start() {
                                Some((r0, c0)) => formulas
                                    .used_cells()
                                    .filter(|(_, _, f)| !f.is_empty())
                                    .map(|(r, c, _)| (r0 + r as u32, c0 + c as u32))
                                    .collect(),
                                None => HashSet::new(),
                            };
                            self.read_sheet(li, &cells, &formulas, &mut table);
                        }
                        _ => self.errors.at(
                            layout,
                            None,
                            None,
                            "sheet tidak dapat dibaca: isi berkas rusak".into(),
                        ),
                    }
                    if let Source::Single(_) = layout.sheet.source {
                        if table.recs.is_empty()
                            && self.errors.count() == before
                            && self.scope == Scope::Whole
                        {
                            self.errors.at(
                                layout,
                                Some(2),
                                None,
                                "belum ada data: isi tepat satu baris".into(),
                            );
                        }
                        for extra in table.recs.iter().skip(1) {
                            self.errors.at(
                                layout,
                                Some(extra.row),
                                None,
                                "hanya boleh satu baris data".into(),
                            );
                        }
                    }
                }
            }
            self.tables.push(table);
        }
    }

    fn read_sheet(
        &mut self,
        li: usize,
        cells: &Range<Data>,
        formulas: &HashSet<(u32, u32)>,
        table: &mut Table,
    ) {
        let layout = &self.layouts[li];
        let Some(end) = cells.end() else {
            return;
        };
        let width = layout.cols.len() as u32;
        let data = |r: u32, c: u32| cells.get_value((r, c)).unwrap_or(&Data::Empty);
        let blank = |d: &Data| match d {
            Data::Empty => true,
            Data::String(s) => s.trim().is_empty(),
            _ => false,
        };
        let mut header_ok = true;
        for (ci, col) in layout.cols.iter().enumerate() {
            let found = data(0, ci as u32).to_string();
            if !found.trim().eq_ignore_ascii_case(&col.header) {
                header_ok = false;
                let letter = super::spec::column_letter(ci);
                let found = if found.trim().is_empty() {
                    "kosong".to_string()
                } else {
                    format!("tertulis '{}'", found.trim())
                };
                self.errors.at(
                    layout,
                    Some(1),
                    Some(ci),
                    format!(
                        "header kolom {letter} seharusnya '{}' ({found}); jangan mengubah, memindah atau menghapus kolom",
                        col.header
                    ),
                );
            }
        }
        for c in width..=end.1 {
            if !blank(data(0, c)) {
                header_ok = false;
                self.errors.push(
                    Some(format!(
                        "sheet \"{}\", baris 1, kolom {}",
                        layout.sheet.name,
                        super::spec::column_letter(c as usize)
                    )),
                    format!(
                        "kolom tambahan '{}' tidak dikenal; hapus kolom ini",
                        data(0, c).to_string().trim()
                    ),
                );
            }
        }
        if !header_ok {
            return;
        }
        // A formula without a cached value may stand outside the range of values.
        let last_row = formulas.iter().map(|&(r, _)| r).fold(end.0, u32::max);
        let last_col = formulas.iter().map(|&(_, c)| c).fold(end.1, u32::max);
        for r in 1..=last_row {
            let row = r as usize + 1;
            let mut empty = true;
            let mut bad = false;
            let mut parsed = Vec::with_capacity(layout.cols.len());
            for c in 0..=last_col.max(width - 1) {
                let cell = data(r, c);
                let formula = formulas.contains(&(r, c));
                if c >= width && !formula && blank(cell) {
                    continue;
                }
                empty &= !formula && blank(cell);
                let ci = c as usize;
                let result = if formula {
                    Err("sel berisi rumus; isi dengan nilai (salin lalu Tempel Nilai)".to_string())
                } else if c >= width {
                    Err(
                        "sel di luar kolom yang dikenal (judul kolomnya kosong); hapus isinya"
                            .to_string(),
                    )
                } else {
                    from_cell(layout.cols[ci].kind, cell)
                };
                match result {
                    Ok(value) => parsed.push(value),
                    Err(message) => {
                        bad = true;
                        if c < width {
                            parsed.push(In::Empty);
                            self.errors.at(layout, Some(row), Some(ci), message);
                        } else {
                            self.errors.push(
                                Some(format!(
                                    "sheet \"{}\", baris {row}, kolom {}",
                                    layout.sheet.name,
                                    super::spec::column_letter(ci)
                                )),
                                message,
                            );
                        }
                    }
                }
            }
            if !empty && !bad {
                self.add_row(li, row, &parsed, table);
            }
        }
    }

    /// Makes the record of one row and files it under its key and its parent.
    fn add_row(&mut self, li: usize, row: usize, parsed: &[In], table: &mut Table) {
        let layout = &self.layouts[li];
        let field = |ci: usize| match &parsed[ci] {
            In::Field(v) => Some(v),
            _ => None,
        };
        let mut value = Value::Object(Map::new());
        let mut customs = Vec::new();
        let mut ok = true;
        for (ci, col) in layout.own() {
            let result = match (&parsed[ci], col.kind) {
                (In::Empty, _) => Ok(()),
                (In::Custom, _) => {
                    customs.push(ci);
                    Ok(())
                }
                (In::Field(v), Kind::TargetHigh) => widen(&mut value, &col.path, v.clone())
                    .map_err(|()| {
                        let low = layout
                            .col_of(&col.path)
                            .map(|i| layout.cols[i].header.as_str());
                        format!(
                            "isi juga kolom '{}' dengan batas bawah rentang",
                            low.unwrap_or("Target")
                        )
                    }),
                (In::Field(v), _) => set(&mut value, &col.path, v.clone())
                    .map_err(|conflict| conflict_message(layout, &conflict)),
            };
            if let Err(message) = result {
                ok = false;
                self.errors.at(layout, Some(row), Some(ci), message);
            }
        }
        if !ok {
            return;
        }
        let key = key_text(layout.key.iter().map(|&ci| field(ci)));
        if !layout.key.is_empty() {
            if let Some(&first) = table.by_key.get(&key) {
                let same = if layout.whole_row {
                    "sama persis".to_string()
                } else {
                    let headers: Vec<&str> = layout
                        .key
                        .iter()
                        .map(|&ci| layout.cols[ci].header.as_str())
                        .collect();
                    format!("kolom {} sama", headers.join(", "))
                };
                self.errors.at(
                    layout,
                    Some(row),
                    None,
                    format!(
                        "baris ganda: sama dengan baris {} ({same})",
                        table.recs[first].row
                    ),
                );
                return;
            }
        }
        let parent = match layout.parent {
            None => None,
            Some(p) => {
                let inherited: Vec<usize> = (0..layout.cols.len())
                    .filter(|&ci| layout.cols[ci].inherited)
                    .collect();
                let parent_key = key_text(inherited.iter().map(|&ci| field(ci)));
                match self.tables[p].by_key.get(&parent_key) {
                    Some(&index) => Some(index),
                    None => {
                        let named: Vec<String> = inherited
                            .iter()
                            .map(|&ci| {
                                let shown = field(ci)
                                    .map(|v| {
                                        v.as_str().map(str::to_string).unwrap_or(v.to_string())
                                    })
                                    .unwrap_or_else(|| "(kosong)".into());
                                format!("{} '{shown}'", layout.cols[ci].header)
                            })
                            .collect();
                        self.errors.at(
                            layout,
                            Some(row),
                            inherited.first().copied(),
                            format!(
                                "baris induk tidak ditemukan: sheet \"{}\" tidak punya baris dengan {}",
                                self.layouts[p].sheet.name,
                                named.join(", ")
                            ),
                        );
                        return;
                    }
                }
            }
        };
        for child in self.layouts.iter().filter(|l| l.parent == Some(li)) {
            if let Some(field) = child.field() {
                list_mut(&mut value, field);
            }
        }
        if !layout.key.is_empty() {
            table.by_key.insert(key, table.recs.len());
        }
        table.recs.push(Rec {
            row,
            value,
            parent,
            customs,
        });
    }

    fn finish(mut self) -> Result<Dataset, DatasetErrors> {
        if !self.errors.is_empty() {
            return Err(self.errors.into_result());
        }
        let origins = self.origins();
        // Fold child rows into their parents, deepest sheets first.
        for li in (0..self.layouts.len()).rev() {
            let layout = &self.layouts[li];
            for rec in &self.tables[li].recs {
                for &ci in &rec.customs {
                    let col = &layout.cols[ci];
                    if !get(&rec.value, &col.path).is_some_and(Value::is_object) {
                        let message = custom_message(self.layouts, li, ci);
                        self.errors.at(layout, Some(rec.row), Some(ci), message);
                    }
                }
            }
            if let (Some(p), Some(field)) = (layout.parent, layout.field()) {
                let recs = std::mem::take(&mut self.tables[li].recs);
                for rec in recs {
                    let parent = rec.parent.expect("child rows have a parent");
                    if let Some(list) = list_mut(&mut self.tables[p].recs[parent].value, field) {
                        list.push(rec.value);
                    }
                }
            }
        }
        // Each record through serde on its own, so that every bad one is reported.
        let mut dataset = Map::new();
        for (li, layout) in self.layouts.iter().enumerate() {
            let key = match layout.sheet.source {
                Source::Records(key) | Source::Single(key) => key,
                Source::Child { .. } => continue,
            };
            let single = matches!(layout.sheet.source, Source::Single(_));
            let mut list = Vec::with_capacity(self.tables[li].recs.len());
            let mut problems = Vec::new();
            for (i, rec) in self.tables[li].recs.iter_mut().enumerate() {
                let value = std::mem::take(&mut rec.value);
                let mut probe = Map::new();
                probe.insert(
                    key.to_string(),
                    if single {
                        value
                    } else {
                        Value::Array(vec![value])
                    },
                );
                let probe = Value::Object(probe);
                if let Err(error) = serde_path_to_error::deserialize::<_, Dataset>(&probe) {
                    let path = error.path().to_string();
                    let path = match path.strip_prefix(&format!("{key}[0]")) {
                        Some(rest) if !single => format!("{key}[{i}]{rest}"),
                        _ => path,
                    };
                    problems.push(serde_message(&path, &error.into_inner().to_string()));
                }
                let Value::Object(mut probe) = probe else {
                    unreachable!()
                };
                let value = probe.remove(key).unwrap_or_default();
                list.push(if single {
                    value
                } else {
                    value_of_single(value)
                });
            }
            for (path, message) in problems {
                self.report(&origins, &path, message);
            }
            if single {
                if let Some(value) = list.into_iter().next() {
                    dataset.insert(key.to_string(), value);
                }
            } else {
                dataset.insert(key.to_string(), Value::Array(list));
            }
        }
        if !self.errors.is_empty() {
            return Err(self.errors.into_result());
        }
        let dataset: Dataset = match serde_path_to_error::deserialize(Value::Object(dataset)) {
            Ok(d) => d,
            Err(error) => {
                let path = error.path().to_string();
                let (path, message) = serde_message(&path, &error.into_inner().to_string());
                self.report(&origins, &path, message);
                return Err(self.errors.into_result());
            }
        };
        let file = self.errors.file.clone();
        let sources = vec![(file.clone(), dataset)];
        for error in validate_sources(&sources, self.scope) {
            let message = rewrite_references(&error.message, &file, &origins, self.layouts);
            match error.path {
                Some(path) => self.report(&origins, &path, message),
                None => self.errors.push(None, message),
            }
        }
        if !self.errors.is_empty() {
            return Err(self.errors.into_result());
        }
        Ok(sources
            .into_iter()
            .next()
            .map(|(_, d)| d)
            .unwrap_or_default())
    }

    /// The dataset path of every record (`agreement[0].targets[1]`) → its sheet and row.
    fn origins(&self) -> Origins {
        let mut paths: Vec<Vec<String>> = Vec::with_capacity(self.layouts.len());
        let mut origins = HashMap::new();
        for (li, layout) in self.layouts.iter().enumerate() {
            let mut counters: HashMap<usize, usize> = HashMap::new();
            let mut own = Vec::with_capacity(self.tables[li].recs.len());
            for (i, rec) in self.tables[li].recs.iter().enumerate() {
                let path = match (layout.sheet.source, rec.parent, layout.parent) {
                    (Source::Records(key), ..) => format!("{key}[{i}]"),
                    (Source::Single(key), ..) => key.to_string(),
                    (Source::Child { field, .. }, Some(parent), Some(p)) => {
                        let j = counters.entry(parent).or_default();
                        let path = format!("{}.{field}[{j}]", paths[p][parent]);
                        *j += 1;
                        path
                    }
                    (Source::Child { .. }, ..) => String::new(),
                };
                origins.insert(path.clone(), (li, rec.row));
                own.push(path);
            }
            paths.push(own);
        }
        Origins(origins)
    }

    /// Reports a problem found at a dataset path, located by sheet, row and column when the path names a record.
    fn report(&mut self, origins: &Origins, path: &str, message: String) {
        match origins.locate(path, self.layouts) {
            Some((li, row, col)) => self.errors.at(&self.layouts[li], Some(row), col, message),
            None => self.errors.push(Some(path.to_string()), message),
        }
    }
}

fn value_of_single(list: Value) -> Value {
    match list {
        Value::Array(mut items) if items.len() == 1 => items.pop().unwrap_or_default(),
        other => other,
    }
}

struct Origins(HashMap<String, (usize, usize)>);

impl Origins {
    /// The sheet, row and column a dataset path points at.
    fn locate(&self, path: &str, layouts: &[Layout]) -> Option<(usize, usize, Option<usize>)> {
        let mut ends: Vec<usize> = path.match_indices(']').map(|(i, _)| i + 1).collect();
        ends.push(path.find(['.', '[']).unwrap_or(path.len()));
        ends.sort_unstable_by(|a, b| b.cmp(a));
        ends.iter().find_map(|&end| {
            let &(li, row) = self.0.get(&path[..end])?;
            let rest = path[end..].trim_start_matches('.');
            Some((li, row, column(&layouts[li], rest)))
        })
    }
}

/// The column a field path (inside a record) belongs to.
fn column(layout: &Layout, rest: &str) -> Option<usize> {
    if rest.is_empty() {
        return None;
    }
    layout.col_of(rest).or_else(|| {
        layout.own().map(|(ci, _)| ci).find(|&ci| {
            let p = &layout.cols[ci].path;
            rest.starts_with(&format!("{p}.")) || p.starts_with(&format!("{rest}."))
        })
    })
}

/// Serde's message in Indonesian, with a missing field made part of the path so it lands on its column.
fn serde_message(path: &str, message: &str) -> (String, String) {
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        let full = if path == "." || path.is_empty() {
            field.to_string()
        } else {
            format!("{path}.{field}")
        };
        let message = match layouts().iter().find(|l| {
            l.field()
                .is_some_and(|f| f == field || f.ends_with(&format!(".{field}")))
        }) {
            Some(child) => format!(
                "wajib ada baris di sheet \"{}\" untuk baris ini",
                child.sheet.name
            ),
            None => "wajib diisi".to_string(),
        };
        return (full, message);
    }
    (path.to_string(), indonesian(message))
}

/// What a custom choice ("kustom") needs filled: the columns under its field and the rows of its child sheets.
fn custom_message(layouts: &[Layout], li: usize, ci: usize) -> String {
    let layout = &layouts[li];
    let col = &layout.cols[ci];
    let under = format!("{}.", col.path);
    let columns: Vec<String> = layout
        .own()
        .filter(|(_, c)| c.path.starts_with(&under))
        .map(|(_, c)| format!("'{}'", c.header))
        .collect();
    let sheets: Vec<String> = layouts
        .iter()
        .filter(|l| l.parent == Some(li) && l.field().is_some_and(|f| f.starts_with(&under)))
        .map(|l| format!("baris di sheet \"{}\"", l.sheet.name))
        .collect();
    let label = match col.kind {
        Kind::Choice(choices) => choices.custom_label().unwrap_or_default(),
        _ => "",
    };
    format!(
        "'{label}' dipilih: isi juga {}",
        columns
            .into_iter()
            .chain(sheets)
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn conflict_message(layout: &Layout, conflict: &Conflict) -> String {
    match layout.col_of(&conflict.0) {
        Some(ci) => {
            let col = &layout.cols[ci];
            match col.kind {
                Kind::Choice(choices) => match choices.custom_label() {
                    Some(custom) => {
                        format!("hanya diisi bila kolom '{}' berisi '{custom}'", col.header)
                    }
                    None => format!("bertentangan dengan kolom '{}'", col.header),
                },
                _ => format!("bertentangan dengan kolom '{}'", col.header),
            }
        }
        None => format!(
            "bertentangan dengan isian lain di baris ini ({})",
            conflict.0
        ),
    }
}

/// Validation messages name other records as `<file> <path>`; say the sheet and row instead.
fn rewrite_references(message: &str, file: &str, origins: &Origins, layouts: &[Layout]) -> String {
    let marker = format!("{file} ");
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(&marker) {
        out.push_str(&rest[..at]);
        let after = &rest[at + marker.len()..];
        let len = after
            .find(|c: char| c.is_whitespace() || c == ')')
            .unwrap_or(after.len());
        match origins.locate(&after[..len], layouts) {
            Some((li, row, _)) => out.push_str(&location(&layouts[li], Some(row), None)),
            None => out.push_str(&rest[at..at + marker.len() + len]),
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}
