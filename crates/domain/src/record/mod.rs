//! The records of SAKIP data (domain.md §2–§5) and the value types they are made of: plain data, no behaviour
//! beyond look-ups. They stand below the rules and every formula, which read them; the whole data of a pemda,
//! [`crate::model::Dataset`], holds them with its rule sets and survey tallies.

pub mod agreement;
pub mod evaluation;
pub mod kind;
pub mod org;
pub mod plan;
pub mod report;
pub mod resources;
pub mod survey;

pub use agreement::*;
pub use evaluation::*;
pub use kind::Record;
pub use org::*;
pub use plan::*;
pub use report::*;
pub use resources::*;
pub use survey::*;
