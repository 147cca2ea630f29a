//! The storage crate's integration tests, one binary: the conformance suite run on SQLite and PostgreSQL
//! (`conformance`, its survey cases in `conformance/survey.rs`) and the dataset's trip through both backends and the
//! workbook (`round_trip`), and the adoption of databases made before sqlx's migrator (`migration`).

mod conformance;
mod migration;
mod round_trip;
