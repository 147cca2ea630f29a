//! The `kinerja` binary's integration tests, one binary: the commands run as processes
//! (`env!("CARGO_BIN_EXE_kinerja")`), `kinerja serve` answering on real listeners, and the pages in a headless browser.

mod common;
mod webdriver;

mod bad_workbook;
mod browser;
mod check;
mod db_copy;
mod hostile_uploads;
mod import_crash;
mod slow_clients;
mod survey_flood;
mod survey_import;
mod two_servers;
mod web;
