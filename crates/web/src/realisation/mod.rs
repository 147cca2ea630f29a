//! Realisation of a unit-year: the dashboard of its figures and the entry of realisations with their evidence.

pub(crate) mod dashboard;
pub(crate) mod entry;
