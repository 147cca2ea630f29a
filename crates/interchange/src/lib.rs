//! The `kinerja` dataset text format: TOML files that hold one pemda and its units (docs/dataset.md), and the
//! Excel workbook format operators fill by hand (`write_workbook`, `read_workbook`, `template_workbook`).
//!
//! A dataset is one `.toml` file or a folder of them (read in name order and joined); every problem is reported
//! in Indonesian with the file, the line and column or the path of the field, and what is expected.

mod error;
mod load;
mod survey_import;
pub mod synthetic;
mod validate;
mod workbook;
mod xlsx_bounds;

pub use error::{DatasetError, DatasetErrors};
pub use kinerja_domain::record::kind::{record_kind, RecordKind, RECORD_KINDS};
pub use load::{load, parse_str, parse_texts, read, to_toml_string};
pub use survey_import::{
    read_survey_responses, survey_csv_example, survey_import_done, survey_template, SurveyService,
    MAX_SURVEY_ERRORS, SURVEY_SHEET,
};
pub use validate::{validate, Scope};
pub use workbook::{read_workbook, read_workbook_scoped, template_workbook, write_workbook};
