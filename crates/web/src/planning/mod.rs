//! Planning of a unit-year: the plan with its indicators, targets and pagu, the Perjanjian Kinerja and its
//! workflow, the narratives of the LKjIP.

pub(crate) mod agreement;
pub(crate) mod narrative;
pub(crate) mod plan;
