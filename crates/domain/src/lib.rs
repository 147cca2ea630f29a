//! The SAKIP domain of `kinerja`: types, rules and every calculation. Pure — no I/O, no clock, no async.
//!
//! Layout: `model` (the data), `rules` and `scale` (configurable rules as data), `calc` (each formula),
//! `measure` (the measurement tables of a unit-year, built from those formulas), `monitoring` (early warning),
//! `follow_up` (recommendations' rencana aksi), `rollup` (every unit of the pemda side by side, from each unit's own
//! measurement), `number` and `date` (Indonesian formatting).

pub mod calc;
pub mod date;
pub mod follow_up;
pub mod lke_suggestions;
pub mod measure;
pub mod model;
pub mod monitoring;
pub mod number;
pub mod review;
pub mod rollup;
pub mod rules;
pub mod scale;
pub mod sentences;
pub mod survey_results;

pub use rust_decimal::Decimal;

#[cfg(test)]
pub(crate) mod test_support {
    pub fn d(text: &str) -> rust_decimal::Decimal {
        text.parse().expect("test decimal")
    }
}
