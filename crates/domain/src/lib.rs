//! The SAKIP domain of `kinerja`: types, rules and every calculation. Pure — no I/O, no clock, no async.
//!
//! Layout, each module using only those before it: `text` (free text as stored), `number` and `date` (Indonesian
//! formatting), `scale` (predicate scales), `record` (the records of the data and their value types), `rules`
//! (configurable rules as data), `calc` (each formula), `survey_results` (IKM results from raw responses), `model`
//! (the whole data of a pemda, with every record named again), `measure` (the measurement tables of a unit-year, built from those formulas), and on top
//! `review`, `monitoring` (early warning), `follow_up` (recommendations' rencana aksi), `evaluation_entry` (one
//! form's change of an evaluation record), `rollup` (every unit of the pemda side by side, from each unit's own
//! measurement), `write_rules` (who may write what).

pub mod calc;
pub mod date;
pub mod evaluation_entry;
pub mod follow_up;
pub mod lke_suggestions;
pub mod measure;
pub mod model;
pub mod monitoring;
pub mod number;
pub mod record;
pub mod review;
pub mod rollup;
pub mod rules;
pub mod scale;
pub mod sentences;
pub mod survey_results;
pub mod text;
pub mod write_rules;

pub use rust_decimal::Decimal;

#[cfg(test)]
pub(crate) mod test_support {
    pub fn d(text: &str) -> rust_decimal::Decimal {
        text.parse().expect("test decimal")
    }
}
