//! The interchange crate's integration tests, one binary. The reference dataset (`data/ngoro`) is read through
//! kinerja-test-support; `golden_ngoro` and `review_ngoro` hold the golden figures and the reviu's findings, with
//! their snapshots in `snapshots/`.

mod bad_input;
mod golden_ngoro;
mod ikm_realisation;
mod lke_ngoro;
mod paten_realisation;
mod review_corrections;
mod review_ngoro;
mod survey_import;
mod workbook;
