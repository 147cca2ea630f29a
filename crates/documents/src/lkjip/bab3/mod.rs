//! BAB III Akuntabilitas Kinerja: the capaian of the organisation and of its programs, the indices, the
//! comparisons, the budget and resources, and the follow-up of the evaluation.

mod budget;
mod comparisons;
mod efficiency;
mod follow_up;
mod indices;

use super::Report;
use crate::builder::Builder;
use crate::cells::*;
use crate::charts;
use crate::model::{Align, Row};
use kinerja_domain::measure::IndicatorResult;
use kinerja_domain::model::{Level, Section};
use kinerja_domain::number::{format_decimal, format_percent};
use kinerja_domain::sentences::{average_sentence, indicator_sentence};

impl Report<'_> {
    pub(super) fn bab3(&self, b: &mut Builder) {
        b.chapter("3", Section::CapaianKinerja.heading());
        // Texts about an IKU stand after the IKU table, with the other sentences about that indicator.
        let about_iku = |subject: &str| self.m.iku.rows.iter().any(|r| r.indicator.id == subject);
        b.narrative_except(Section::CapaianKinerja, about_iku);
        self.predicate_scale_table(b);
        self.iku_results(b);
        self.index_tables(b);
        self.category_table(b);
        self.program_results(b);
        self.past_years(b);
        self.renstra_progress(b);
        self.benchmarks(b);
        b.heading(3, Section::AnalisisCapaian.heading());
        b.narrative(Section::AnalisisCapaian);
        b.narrative(Section::FaktorPenunjang);
        b.narrative(Section::FaktorPenghambat);
        b.narrative(Section::Strategi);
        self.program_budget_table(b);
        b.narrative(Section::AnalisisProgram);
        self.budget(b);
        self.efficiency(b);
        b.heading(2, Section::UpayaPerbaikan.heading());
        b.narrative(Section::UpayaPerbaikan);
        self.follow_up(b);
    }

    /// The scale a capaian is judged by, and the cap in force.
    fn predicate_scale_table(&self, b: &mut Builder) {
        let choice = self.ctx.data.rules_for(self.ctx.year).capaian_scale;
        let scale = choice.scale();
        let bands: Vec<Row> = scale
            .bands
            .iter()
            .map(|band| {
                let range = match band.lower {
                    Some(l) if band.inclusive => format!("≥ {}%", format_decimal(l, 0)),
                    Some(l) => format!("> {}%", format_decimal(l, 0)),
                    None => "di bawahnya".to_string(),
                };
                row(vec![text(range), text(band.label.clone())])
            })
            .collect();
        b.table(
            format!("Skala Predikat Capaian Kinerja ({})", choice.label()),
            vec![
                column("Nilai Capaian", Align::Left, 2),
                column("Predikat", Align::Left, 3),
            ],
            bands,
            Some(self.m.rules.cap.clone()),
        );
    }

    /// 3.1.1: each IKU against its target, its sentence and the texts about it.
    fn iku_results(&self, b: &mut Builder) {
        b.heading(2, "3.1 Capaian Kinerja Organisasi");
        b.heading(
            3,
            format!(
                "3.1.1 Perbandingan Target dan Realisasi Kinerja Tahun {}",
                self.ctx.year
            ),
        );
        for t in &self.m.iku.tujuan {
            b.paragraph(format!("Tujuan: {t}"));
        }
        let mut rows: Vec<Row> = self
            .m
            .iku
            .rows
            .iter()
            .map(|r| self.indicator_row(r.sasaran_text.clone(), &r.indicator))
            .collect();
        let avg = &self.m.iku.average;
        rows.push(total_row(vec![
            text("Rata-rata capaian IKU"),
            text(""),
            text(""),
            text(""),
            percent(avg.value, self.dp),
            text(
                avg.predicate
                    .as_ref()
                    .map(|p| p.label.clone())
                    .unwrap_or_default(),
            ),
        ]));
        b.table(
            "Pencapaian Kinerja Sasaran Strategis",
            vec![
                column("Sasaran Strategis", Align::Left, 4),
                column("Indikator Kinerja", Align::Left, 4),
                column("Target", Align::Right, 2),
                column("Realisasi", Align::Right, 2),
                column("Capaian", Align::Right, 2),
                column("Predikat", Align::Left, 2),
            ],
            rows,
            Some(format!(
                "{} Rata-rata dengan capaian di atas 100% dihitung 100%: {}.",
                self.rules_note(),
                avg.capped_at_100
                    .map(|v| format_percent(v, self.dp))
                    .unwrap_or_else(|| DASH.into())
            )),
        );
        b.list(
            false,
            self.m
                .iku
                .rows
                .iter()
                .map(|r| indicator_sentence(&r.indicator, self.dp))
                .collect(),
        );
        b.paragraph(average_sentence("Rata-rata capaian IKU", avg, self.dp));
        for r in &self.m.iku.rows {
            for n in b.narratives(Section::CapaianKinerja, Some(&r.indicator.id)) {
                b.text(n);
            }
        }
    }

    /// The IKU counted by whether they met their target.
    fn category_table(&self, b: &mut Builder) {
        let names = |status: kinerja_domain::calc::capaian::TargetStatus| -> String {
            let list: Vec<String> = self
                .m
                .iku
                .rows
                .iter()
                .filter(|r| r.indicator.status == Some(status))
                .map(|r| r.indicator.name.clone())
                .collect();
            if list.is_empty() {
                DASH.into()
            } else {
                list.join("; ")
            }
        };
        use kinerja_domain::calc::capaian::TargetStatus::*;
        b.table(
            "Pencapaian Kinerja Sasaran Strategis menurut Kategori",
            vec![
                column("Kategori", Align::Left, 2),
                column("Jumlah Indikator", Align::Right, 1),
                column("Indikator", Align::Left, 5),
            ],
            vec![
                row(vec![
                    text("Melampaui target"),
                    count(self.m.iku.exceeded as u32),
                    text(names(Exceeded)),
                ]),
                row(vec![
                    text("Sesuai target"),
                    count(self.m.iku.met as u32),
                    text(names(Met)),
                ]),
                row(vec![
                    text("Tidak mencapai target"),
                    count(self.m.iku.not_met as u32),
                    text(names(NotMet)),
                ]),
            ],
            None,
        );
    }

    /// The capaian of every program, kegiatan and sub kegiatan indicator.
    fn program_results(&self, b: &mut Builder) {
        let mut rows = Vec::new();
        for a in &self.m.activities {
            for (n, i) in a.indicators.iter().enumerate() {
                rows.push(self.indicator_row(
                    if n == 0 {
                        format!("{}: {}", a.level.label(), a.name)
                    } else {
                        String::new()
                    },
                    i,
                ));
            }
        }
        let pa = &self.m.program_average;
        rows.push(total_row(vec![
            text("Rata-rata capaian indikator program"),
            text(""),
            text(""),
            text(""),
            percent(pa.value, self.dp),
            text(""),
        ]));
        b.table(
            format!(
                "Capaian Pengukuran Kinerja Program, Kegiatan dan Sub Kegiatan Tahun {}",
                self.ctx.year
            ),
            vec![
                column("Program/Kegiatan/Sub Kegiatan", Align::Left, 4),
                column("Indikator", Align::Left, 4),
                column("Target", Align::Right, 2),
                column("Realisasi", Align::Right, 2),
                column("Capaian", Align::Right, 2),
                column("Predikat", Align::Left, 2),
            ],
            rows,
            Some(self.rules_note()),
        );
        let program_results: Vec<&IndicatorResult> = self
            .m
            .activities
            .iter()
            .filter(|a| a.level == Level::Program)
            .flat_map(|a| a.indicators.iter())
            .collect();
        b.list(
            false,
            program_results
                .iter()
                .map(|i| indicator_sentence(i, self.dp))
                .collect(),
        );
        b.figure(
            format!("Capaian Indikator Program Tahun {}", self.ctx.year),
            charts::program_capaian(self.m).svg(),
        );
    }

    fn indicator_row(&self, first: String, i: &IndicatorResult) -> Row {
        row(vec![
            text(first),
            text(i.name.clone()),
            target(i.target, &i.satuan, i.decimals),
            measured(i.realisation, &i.satuan, i.decimals),
            match (i.capaian, &i.not_computable) {
                (Some(_), _) => percent(i.capaian, self.dp),
                (None, Some(reason)) => text(reason.clone()),
                (None, None) => text(DASH),
            },
            text(
                i.predicate
                    .as_ref()
                    .map(|p| p.label.clone())
                    .unwrap_or_default(),
            ),
        ])
    }
}
