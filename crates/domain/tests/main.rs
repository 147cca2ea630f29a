//! The domain crate's integration tests, one binary: the properties of the formulas and the measurement
//! (`properties`).

mod properties;
