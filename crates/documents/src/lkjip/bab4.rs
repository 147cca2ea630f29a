//! BAB IV Penutup: the conclusion and the signature.

use super::Report;
use crate::builder::Builder;
use crate::cells::DASH;
use crate::model::Block;
use kinerja_domain::model::Section;
use kinerja_domain::number::format_percent;
use kinerja_domain::sentences::indicator_sentence;

impl Report<'_> {
    pub(super) fn bab4(&self, b: &mut Builder) {
        b.chapter("4", "BAB IV PENUTUP");
        b.heading(2, Section::Kesimpulan.heading());
        b.paragraph(format!(
            "Laporan Kinerja {} Tahun {} memaparkan capaian {} indikator kinerja utama dengan rata-rata capaian {}.",
            self.unit_name(),
            self.ctx.year,
            self.m.iku.rows.len(),
            self.m.iku.average.value.map(|v| format_percent(v, self.dp)).unwrap_or_else(|| DASH.into())
        ));
        b.list(
            true,
            self.m
                .iku
                .rows
                .iter()
                .map(|r| indicator_sentence(&r.indicator, self.dp))
                .collect(),
        );
        b.narrative(Section::Kesimpulan);
        b.push(Block::Signatures {
            signatures: vec![self.ctx.signature()],
        });
    }
}
