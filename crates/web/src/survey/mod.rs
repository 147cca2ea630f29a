//! The IKM survey: the public form, the services a unit surveys, the limits of its submissions, the results, and the import of raw responses.

pub(crate) mod form;
pub(crate) mod ikm;
pub(crate) mod import;
pub(crate) mod limits;
pub(crate) mod report;
pub(crate) mod services;
