//! The comparisons of BAB III: with past years, with the Renstra's end targets, and with kabupaten, provinsi and
//! nasional.

use super::super::Report;
use crate::builder::Builder;
use crate::cells::*;
use crate::charts::{BarChart, Orientation, Series};
use crate::model::{Align, Row};
use kinerja_domain::model::Section;

impl Report<'_> {
    /// The realisations of the last three years.
    pub(super) fn past_years(&self, b: &mut Builder) {
        let [y0, y1, y2] = self.m.history.years;
        b.heading(3, Section::PerbandinganTahun.heading());
        for (title, rows) in [
            (
                "Perbandingan Realisasi Kinerja Sasaran Strategis",
                &self.m.history.iku,
            ),
            (
                "Perbandingan Realisasi Kinerja Program",
                &self.m.history.programs,
            ),
        ] {
            let body: Vec<Row> = rows
                .iter()
                .map(|h| {
                    let satuan = self
                        .ctx
                        .data
                        .indicator(&h.indicator)
                        .map(|i| i.satuan.clone())
                        .unwrap_or_default();
                    row(vec![
                        text(h.name.clone()),
                        target(h.target, &satuan, 2),
                        // With the unit, as the target beside them ("100%", "2 dokumen").
                        measured(h.realisations[0], &satuan, 2),
                        measured(h.realisations[1], &satuan, 2),
                        measured(h.realisations[2], &satuan, 2),
                        number(h.changes[0], 2),
                        number(h.changes[1], 2),
                    ])
                })
                .collect();
            b.table(
                format!("{title} {y0}–{y2}"),
                vec![
                    column("Indikator", Align::Left, 5),
                    column(&format!("Target {y2}"), Align::Right, 2),
                    column(&y0.to_string(), Align::Right, 2),
                    column(&y1.to_string(), Align::Right, 2),
                    column(&y2.to_string(), Align::Right, 2),
                    column(&format!("Perubahan {y0}–{y1}"), Align::Right, 2),
                    column(&format!("Perubahan {y1}–{y2}"), Align::Right, 2),
                ],
                body,
                Some("Tanda - : data tidak tersedia (indikator belum ada pada tahun itu).".into()),
            );
        }
        for h in &self.m.history.iku {
            let target_value = match h.target {
                Some(kinerja_domain::model::TargetValue::Single(t)) => {
                    Some((t, format!("Target {y2}")))
                }
                _ => None,
            };
            b.figure(
                format!("Realisasi {} {y0}–{y2} terhadap Target", h.name),
                BarChart {
                    title: h.name.clone(),
                    categories: vec![y0.to_string(), y1.to_string(), y2.to_string()],
                    series: vec![Series {
                        name: "Realisasi".into(),
                        values: h.realisations.to_vec(),
                    }],
                    decimals: 2,
                    suffix: String::new(),
                    reference: target_value,
                    orientation: Orientation::Vertical,
                }
                .svg(),
            );
        }
        b.narrative(Section::PerbandinganTahun);
    }

    /// How far the year's realisations have come towards the Renstra's end targets.
    pub(super) fn renstra_progress(&self, b: &mut Builder) {
        b.heading(3, Section::PerbandinganRenstra.heading());
        for (title, rows, avg) in [
            (
                "Tingkat Kemajuan Sasaran Strategis terhadap Target Akhir Renstra",
                &self.m.progress.iku,
                &self.m.progress.iku_average,
            ),
            (
                "Tingkat Kemajuan Program terhadap Target Akhir Renstra",
                &self.m.progress.programs,
                &self.m.progress.programs_average,
            ),
        ] {
            let mut body: Vec<Row> = rows
                .iter()
                .map(|p| {
                    let satuan = self
                        .ctx
                        .data
                        .indicator(&p.indicator)
                        .map(|i| i.satuan.clone())
                        .unwrap_or_default();
                    row(vec![
                        text(p.name.clone()),
                        target(p.end_target, &satuan, 2),
                        measured(p.realisation, &satuan, 2),
                        match p.tingkat_kemajuan {
                            Some(v) => percent(Some(v), 2),
                            None => text(p.not_computable.clone().unwrap_or_else(|| DASH.into())),
                        },
                    ])
                })
                .collect();
            body.push(total_row(vec![
                text("Rata-rata tingkat kemajuan"),
                text(""),
                text(""),
                percent(avg.value, 2),
            ]));
            b.table(title, vec![column("Indikator", Align::Left, 5), column("Target Akhir Renstra", Align::Right, 2), column(&format!("Realisasi {}", self.ctx.year), Align::Right, 2), column("Tingkat Kemajuan", Align::Right, 2)], body, Some("Tingkat kemajuan dihitung dengan aturan capaian terhadap target akhir Renstra.".into()));
        }
        b.narrative(Section::PerbandinganRenstra);
    }

    /// The realisations beside those of the kabupaten, the provinsi and the nation.
    pub(super) fn benchmarks(&self, b: &mut Builder) {
        b.heading(3, Section::PerbandinganNasional.heading());
        for (title, rows) in [("Perbandingan Realisasi Kinerja Sasaran Strategis dengan Kabupaten, Provinsi dan Nasional", &self.m.benchmarks.iku), ("Perbandingan Realisasi Program dengan Kabupaten, Provinsi dan Nasional", &self.m.benchmarks.programs)] {
            let body: Vec<Row> = rows
                .iter()
                .map(|r| {
                    let mut cells = vec![text(r.name.clone()), natural(r.realisation, 2)];
                    let mut sources = Vec::new();
                    for level in kinerja_domain::model::BenchmarkLevel::ALL {
                        let c = r.comparisons.iter().find(|c| c.level == level);
                        cells.push(match c.and_then(|c| c.value) {
                            Some(v) => natural(Some(v), 2),
                            None => text("data tidak tersedia"),
                        });
                        if let Some(s) = c.and_then(|c| c.source.clone()) {
                            if !sources.contains(&s) {
                                sources.push(s);
                            }
                        }
                    }
                    cells.push(text(sources.join("; ")));
                    row(cells)
                })
                .collect();
            b.table(title, vec![column("Indikator", Align::Left, 4), column(&format!("Realisasi {}", self.ctx.year), Align::Right, 2), column("Kabupaten", Align::Right, 2), column("Provinsi", Align::Right, 2), column("Nasional", Align::Right, 2), column("Sumber/Keterangan", Align::Left, 4)], body, None);
        }
        b.narrative(Section::PerbandinganNasional);
    }
}
