//! The storage crate's integration tests, one binary: the conformance suite run on SQLite and PostgreSQL
//! (`conformance`, its survey cases in `conformance/survey.rs`) and the dataset's trip through both backends and the
//! workbook (`round_trip`).

mod conformance;
mod round_trip;
