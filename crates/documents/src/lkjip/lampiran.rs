//! The annexes: the PK in force and the IKU definitions.

use super::Report;
use crate::agreement::{agreement_tables, statement};
use crate::builder::Builder;

impl Report<'_> {
    pub(super) fn lampiran(&self, b: &mut Builder) {
        b.chapter("L", "LAMPIRAN");
        b.heading(2, "Lampiran 1. Perjanjian Kinerja");
        match self.ctx.agreement(None) {
            Some(a) => {
                statement(b, self.ctx, a);
                agreement_tables(b, self.ctx, a);
            }
            None => b.note("Perjanjian Kinerja tahun ini belum dicatat."),
        }
        b.heading(2, "Lampiran 2. Indikator Kinerja Utama");
        self.iku_definition_table(b);
    }
}
