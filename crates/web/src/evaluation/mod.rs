//! Evaluation of a unit-year: the LKE AKIP, the IPP and IKPP, PATEN, the recommendations and their follow-up,
//! and the reviu of the report.

pub(crate) mod follow_up;
pub(crate) mod ipp;
pub(crate) mod lke;
pub(crate) mod paten;
pub(crate) mod review;
