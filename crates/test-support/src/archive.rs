//! Zip archives (DOCX, XLSX) opened part by part, and an XLSX's sheets with their cells.

use calamine::{Data, Range, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// The parts of a zip archive by name, as bytes.
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("a part of the archive");
            let mut data = Vec::new();
            file.read_to_end(&mut data).expect("the part reads");
            (file.name().expect("a part name").to_string(), data)
        })
        .collect()
}

/// The sheets of an XLSX, in order, with their cells.
pub fn xlsx_sheets(bytes: &[u8]) -> Vec<(String, Range<Data>)> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("an XLSX");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("the sheet reads");
            (name, range)
        })
        .collect()
}
