//! Bounds of an uploaded XLSX, checked before the spreadsheet parser sees it.
//!
//! An XLSX is a zip of XML parts, and the parser trusts what the file claims: it reserves room for the cell count
//! a sheet's `<dimension>` announces and for the `uniqueCount` of the shared strings, and it lays a sheet's cells
//! out as a dense grid between the outermost two. Two cells at A1 and XFD1048576 therefore ask for 17 billion
//! cells, and a process that cannot allocate them aborts — no `catch_unwind` can stop an allocation failure. So
//! every XML part is first decompressed here as a stream, in constant memory, and measured: its decompressed size,
//! its nesting depth, each sheet's claimed and actual extent and cell count, the shared-string count. A file over a
//! bound is refused with the sheet and the bound it broke; only a file within every bound reaches the parser.
//!
//! The bounds make the parser's memory a function of the bounds, not of the file; [`parse_gate`] then lets only
//! [`WorkbookBounds::concurrent_parses`] workbooks be parsed at once in the process, so the whole process has a
//! ceiling too (DEVELOPERS.md, "Uploaded workbooks", gives the figures).

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};
use std::sync::{Condvar, Mutex, MutexGuard};

/// What an uploaded workbook may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkbookBounds {
    /// Parts (files) in the zip.
    pub max_parts: usize,
    /// Decompressed bytes of one XML part.
    pub max_part_bytes: u64,
    /// Decompressed bytes of all XML parts together.
    pub max_total_bytes: u64,
    /// Cells of one sheet, counted as the grid from its first to its last row and column (what the parser
    /// allocates), and as cells written.
    pub max_sheet_cells: u64,
    /// Cells written in all sheets together.
    pub max_total_cells: u64,
    /// Shared strings, as claimed by the file and as written.
    pub max_shared_strings: u64,
    /// Nesting depth of any XML part.
    pub max_depth: usize,
    /// Workbooks parsed at the same time in one process; more wait their turn.
    pub concurrent_parses: usize,
}

/// The bounds of every workbook the product reads: about 50 000 rows of 20 columns in one sheet, far above a
/// real unit's workbook (a dinas of 300 sub kegiatan fills a few thousand rows) and a year of survey responses.
pub const WORKBOOK_BOUNDS: WorkbookBounds = WorkbookBounds {
    max_parts: 1_000,
    max_part_bytes: 48 * 1024 * 1024,
    max_total_bytes: 96 * 1024 * 1024,
    max_sheet_cells: 1_000_000,
    max_total_cells: 2_000_000,
    max_shared_strings: 1_000_000,
    max_depth: 64,
    concurrent_parses: 2,
};

/// Why a workbook is not handed to the parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not a zip, or a part that cannot be decompressed or read as XML: the caller says "damaged" its own way.
    Damaged,
    /// Over a bound: the Indonesian message names the sheet or part and the bound.
    TooLarge(String),
}

/// Measures every XML part of `bytes` against `bounds`. A file that is not a zip at all passes (the parser then
/// says what it is), so that a password-protected workbook keeps its own message.
pub fn check_workbook(bytes: &[u8], bounds: &WorkbookBounds) -> Result<(), Refusal> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if zip.len() > bounds.max_parts {
        return Err(Refusal::TooLarge(format!(
            "workbook berisi {} bagian (maksimal {}); simpan ulang dari Excel sebagai workbook biasa",
            zip.len(),
            bounds.max_parts
        )));
    }
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let file = zip.by_index(i).map_err(|_| Refusal::Damaged)?;
        let name = file.name().map_err(|_| Refusal::Damaged)?.into_owned();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            parts.push((i, name));
        }
    }
    let sheet_names = sheet_names(&mut zip);
    let mut measure = Measure {
        bounds,
        total_bytes: 0,
        total_cells: 0,
    };
    for (i, name) in parts {
        let file = zip.by_index(i).map_err(|_| Refusal::Damaged)?;
        let label = match sheet_names.get(&name) {
            Some(sheet) => format!("sheet \"{sheet}\""),
            None => format!("bagian {name}"),
        };
        if file.size() > bounds.max_part_bytes {
            return Err(measure.part_too_large(&label));
        }
        let kind = if sheet_names.contains_key(&name) {
            PartKind::Sheet
        } else if name.ends_with("sharedStrings.xml") {
            PartKind::SharedStrings
        } else {
            PartKind::Other
        };
        measure.part(file, kind, &label)?;
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PartKind {
    Sheet,
    SharedStrings,
    Other,
}

struct Measure<'a> {
    bounds: &'a WorkbookBounds,
    total_bytes: u64,
    total_cells: u64,
}

/// Where a sheet's cells reach: calamine lays them out from the smallest to the largest row and column.
#[derive(Default)]
struct Extent {
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
    cells: u64,
}

impl Extent {
    fn take(&mut self, row: u64, col: u64) {
        let widen = |span: &mut Option<(u64, u64)>, v: u64| {
            *span = Some(match *span {
                None => (v, v),
                Some((lo, hi)) => (lo.min(v), hi.max(v)),
            });
        };
        widen(&mut self.rows, row);
        widen(&mut self.cols, col);
        self.cells += 1;
    }

    fn grid(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (r1 - r0 + 1).saturating_mul(c1 - c0 + 1),
            _ => 0,
        }
    }
}

impl Measure<'_> {
    fn part_too_large(&self, label: &str) -> Refusal {
        Refusal::TooLarge(format!(
            "{label} terlalu besar setelah dibuka (maksimal {} MB); pecah data menjadi beberapa workbook",
            self.bounds.max_part_bytes / (1024 * 1024)
        ))
    }

    fn part(&mut self, file: impl Read, kind: PartKind, label: &str) -> Result<(), Refusal> {
        let bounds = self.bounds;
        let limit = bounds
            .max_part_bytes
            .min(bounds.max_total_bytes.saturating_sub(self.total_bytes));
        let mut reader = Reader::from_reader(BufReader::new(Counted {
            inner: file,
            read: 0,
            limit,
        }));
        let mut buf = Vec::new();
        let mut depth = 0usize;
        let mut extent = Extent::default();
        let (mut row, mut col) = (0u64, 0u64);
        let mut strings = 0u64;
        loop {
            buf.clear();
            let event = match reader.read_event_into(&mut buf) {
                Ok(event) => event,
                Err(e) => return Err(self.failed(&e, label, limit)),
            };
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    if matches!(event, Event::Start(_)) {
                        depth += 1;
                        if depth > bounds.max_depth {
                            return Err(Refusal::TooLarge(format!(
                                "{label}: susunan XML terlalu dalam (lebih dari {} tingkat)",
                                bounds.max_depth
                            )));
                        }
                    }
                    match (kind, e.local_name().as_ref()) {
                        (PartKind::Sheet, "dimension") => {
                            if let Some((first, last)) =
                                attribute(e, "ref").as_deref().and_then(range_of)
                            {
                                let mut claimed = Extent::default();
                                claimed.take(first.0, first.1);
                                claimed.take(last.0, last.1);
                                self.sheet_within(claimed.grid(), label)?;
                            }
                        }
                        (PartKind::Sheet, "row") => {
                            row = match attribute(e, "r") {
                                Some(r) => r.parse().map_err(|_| Refusal::Damaged)?,
                                None => row + 1,
                            };
                            col = 0;
                        }
                        (PartKind::Sheet, "c") => {
                            (row, col) = match attribute(e, "r") {
                                Some(r) => cell_of(&r).ok_or(Refusal::Damaged)?,
                                None => (row.max(1), col + 1),
                            };
                            extent.take(row, col);
                            self.total_cells += 1;
                            self.sheet_within(extent.grid().max(extent.cells), label)?;
                            if self.total_cells > bounds.max_total_cells {
                                return Err(Refusal::TooLarge(format!(
                                    "workbook berisi lebih dari {} sel terisi; pecah data menjadi beberapa workbook",
                                    number(bounds.max_total_cells)
                                )));
                            }
                        }
                        (PartKind::SharedStrings, "sst") => {
                            for claim in ["uniqueCount", "count"] {
                                if let Some(n) = attribute(e, claim) {
                                    let n: u64 = n.trim().parse().unwrap_or(u64::MAX);
                                    self.strings_within(n)?;
                                }
                            }
                        }
                        (PartKind::SharedStrings, "si") => {
                            strings += 1;
                            self.strings_within(strings)?;
                        }
                        _ => {}
                    }
                }
                Event::End(_) => depth = depth.saturating_sub(1),
                Event::Eof => break,
                _ => {}
            }
        }
        self.total_bytes += reader.get_ref().get_ref().read;
        Ok(())
    }

    fn failed(&self, error: &quick_xml::Error, label: &str, limit: u64) -> Refusal {
        match error {
            quick_xml::Error::Io(io) if io.kind() == std::io::ErrorKind::FileTooLarge => {
                if limit < self.bounds.max_part_bytes {
                    Refusal::TooLarge(format!(
                        "workbook terlalu besar setelah dibuka (maksimal {} MB seluruhnya); pecah data menjadi \
                         beberapa workbook",
                        self.bounds.max_total_bytes / (1024 * 1024)
                    ))
                } else {
                    self.part_too_large(label)
                }
            }
            _ => Refusal::Damaged,
        }
    }

    fn sheet_within(&self, cells: u64, label: &str) -> Result<(), Refusal> {
        if cells > self.bounds.max_sheet_cells {
            return Err(Refusal::TooLarge(format!(
                "{label} mencakup lebih dari {} sel (dari sel pertama sampai sel terakhir yang terisi); hapus isi \
                 atau format di baris dan kolom jauh di luar tabel, atau pecah data menjadi beberapa workbook",
                number(self.bounds.max_sheet_cells)
            )));
        }
        Ok(())
    }

    fn strings_within(&self, n: u64) -> Result<(), Refusal> {
        if n > self.bounds.max_shared_strings {
            return Err(Refusal::TooLarge(format!(
                "workbook menyatakan lebih dari {} teks berbeda; pecah data menjadi beberapa workbook",
                number(self.bounds.max_shared_strings)
            )));
        }
        Ok(())
    }
}

/// `1.000.000`: bounds are printed the Indonesian way.
fn number(n: u64) -> String {
    kinerja_domain::number::format_decimal(n.into(), 0)
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
}

/// `B12` → (12, 2): row and column, both from 1; `None` beyond Excel's 1 048 576 rows and 16 384 columns.
fn cell_of(reference: &str) -> Option<(u64, u64)> {
    let reference = reference.trim().replace('$', "");
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = reference.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let col = letters.bytes().fold(0u64, |n, b| {
        n * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row: u64 = digits.parse().ok()?;
    ((1..=1_048_576).contains(&row) && col <= 16_384).then_some((row, col))
}

/// `A1:XFD1048576` (or a single `A1`) → its first and last cell.
fn range_of(reference: &str) -> Option<((u64, u64), (u64, u64))> {
    match reference.split_once(':') {
        Some((a, b)) => Some((cell_of(a)?, cell_of(b)?)),
        None => cell_of(reference).map(|c| (c, c)),
    }
}

/// Which part holds which sheet, from the workbook's own list and relationships; parts it cannot name are
/// reported by their path.
fn sheet_names(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> HashMap<String, String> {
    let mut relationships = HashMap::new();
    each_element(zip, "xl/_rels/workbook.xml.rels", |e| {
        if e.local_name().as_ref() == "Relationship" {
            if let (Some(id), Some(target)) = (attribute(e, "Id"), attribute(e, "Target")) {
                let target = target.trim_start_matches('/');
                let path = if target.starts_with("xl/") {
                    target.to_string()
                } else {
                    format!("xl/{target}")
                };
                relationships.insert(id, path);
            }
        }
    });
    let mut names = HashMap::new();
    each_element(zip, "xl/workbook.xml", |e| {
        if e.local_name().as_ref() == "sheet" {
            let id = e
                .attributes()
                .with_checks(false)
                .flatten()
                .find(|a| a.key.local_name().as_ref() == "id")
                .map(|a| a.value.into_owned());
            if let (Some(name), Some(path)) = (
                attribute(e, "name"),
                id.and_then(|id| relationships.get(&id)),
            ) {
                names.insert(path.clone(), name);
            }
        }
    });
    names
}

/// Calls `f` on every element of a small part (read within the part bound; a part that fails is skipped here and
/// refused by the measurement that follows).
fn each_element(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    mut f: impl FnMut(&BytesStart),
) {
    let Ok(file) = zip.by_name(name) else { return };
    let mut reader = Reader::from_reader(BufReader::new(Counted {
        inner: file,
        read: 0,
        limit: WORKBOOK_BOUNDS.max_part_bytes,
    }));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(ref e)) | Ok(Event::Empty(ref e)) => f(e),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

/// A reader that fails with `FileTooLarge` once more than `limit` bytes came through: decompression stops there.
struct Counted<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                "bagian workbook melebihi batas",
            ));
        }
        Ok(n)
    }
}

/// Workbook parses running in this process, and the signal that one ended.
static RUNNING: Mutex<usize> = Mutex::new(0);
static FREED: Condvar = Condvar::new();

fn running() -> MutexGuard<'static, usize> {
    RUNNING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A place among the parses running; given back when dropped, on every way out (a panic of the parser included).
struct Permit;

impl Drop for Permit {
    fn drop(&mut self) {
        *running() -= 1;
        FREED.notify_one();
    }
}

/// Runs one workbook parse when fewer than `WORKBOOK_BOUNDS.concurrent_parses` are running, waiting otherwise:
/// the bounds cap one parse, this caps the process.
pub fn parse_gate<T>(parse: impl FnOnce() -> T) -> T {
    let mut count = running();
    while *count >= WORKBOOK_BOUNDS.concurrent_parses {
        count = FREED
            .wait(count)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
    }
    *count += 1;
    drop(count);
    let _permit = Permit;
    parse()
}

#[cfg(test)]
mod tests;
