//! The domain crate's integration tests, one binary: the properties of the formulas and the measurement
//! (`properties`), and the rules at their edges through the whole measurement (`edges`).

mod edges;
mod properties;
