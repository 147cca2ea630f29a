//! The `kinerja` dataset text format: TOML files that hold one pemda and its units (docs/dataset.md).
//!
//! A dataset is one `.toml` file or a folder of them (read in name order and joined); every problem is reported
//! in Indonesian with the file, the line and column or the path of the field, and what is expected.

mod error;
mod keys;
mod load;
mod validate;

pub use error::{DatasetError, DatasetErrors};
pub use keys::{record_kind, RecordKind, RECORD_KINDS};
pub use load::{load, parse_str, to_toml_string};
pub use validate::validate;
