//! Every SAKIP formula, as pure functions (domain.md §3–§5).

pub mod capaian;
pub mod indices;
pub mod lke;
pub mod resources;
