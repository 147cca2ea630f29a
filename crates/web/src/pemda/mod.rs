//! The pemda as a whole: the roll-up of every unit.

pub(crate) mod overview;
