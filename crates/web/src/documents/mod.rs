//! Documents of a unit: the reports built on request, and its data as an Excel workbook, out and in.

pub(crate) mod downloads;
pub(crate) mod workbook;
