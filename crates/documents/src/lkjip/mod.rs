//! The LKjIP (PermenPANRB 53/2014, domain.md §6) of a unit-year, built from the data: every table computed by
//! the domain's measurement, every factual sentence generated from the same figures, the unit's own texts in
//! place, and the rule in force beside every figure that depends on one.

mod bab1;
mod bab2;
mod bab3;
mod bab4;
mod front;
mod lampiran;

use crate::builder::Builder;
use crate::context::Context;
use crate::model::Document;
use kinerja_domain::measure::{measure, MeasureError, Measurement};
use kinerja_domain::model::Dataset;

/// Builds the LKjIP of a unit-year.
pub fn lkjip(data: &Dataset, unit: &str, year: i32) -> Result<Document, MeasureError> {
    let m = measure(data, unit, year)?;
    let ctx = Context::new(data, unit, year)?;
    let mut b = Builder::new(data, unit, year);
    let r = Report {
        ctx: &ctx,
        m: &m,
        dp: data.rules_for(year).capaian_decimals,
    };
    r.front(&mut b);
    r.bab1(&mut b);
    r.bab2(&mut b);
    r.bab3(&mut b);
    r.bab4(&mut b);
    r.lampiran(&mut b);
    Ok(b.finish(
        format!("LKjIP {} Tahun {}", ctx.unit.name, year),
        format!(
            "Laporan Kinerja Instansi Pemerintah {} Tahun {}",
            ctx.unit.name, year
        ),
    ))
}

struct Report<'a> {
    ctx: &'a Context<'a>,
    m: &'a Measurement,
    /// Decimals of capaian in tables.
    dp: u32,
}

impl Report<'_> {
    fn unit_name(&self) -> &str {
        &self.ctx.unit.name
    }

    fn rules_note(&self) -> String {
        let r = &self.m.rules;
        let scale = self.ctx.data.rules_for(self.ctx.year).capaian_scale;
        format!(
            "Aturan yang berlaku: skala predikat {}; {}; {}.",
            scale.label(),
            r.cap,
            r.rollup
        )
    }
}
