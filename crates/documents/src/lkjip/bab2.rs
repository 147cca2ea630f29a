//! BAB II Perencanaan Kinerja: Renstra, programs, Renja, the PK and the IKU.

use super::Report;
use crate::agreement::agreement_tables;
use crate::builder::Builder;
use crate::cells::*;
use crate::model::Align;
use kinerja_domain::model::{Level, Section};

impl Report<'_> {
    pub(super) fn bab2(&self, b: &mut Builder) {
        b.chapter("2", "BAB II PERENCANAAN KINERJA");
        b.heading(2, Section::Renstra.heading());
        for r in self
            .ctx
            .data
            .renstra
            .iter()
            .filter(|r| r.unit == self.ctx.unit.code)
        {
            let revisions = if r.revisions.is_empty() {
                String::new()
            } else {
                format!(", dengan {} kali perubahan", r.revisions.len())
            };
            b.paragraph(format!(
                "Rencana Strategis {} periode {}–{}{}.",
                self.unit_name(),
                r.start_year,
                r.end_year,
                revisions
            ));
        }
        b.narrative(Section::Renstra);
        b.paragraph(format!(
            "Program, kegiatan dan sub kegiatan {} adalah sebagai berikut:",
            self.unit_name()
        ));
        let mut items = Vec::new();
        for a in &self.m.activities {
            let code = a.code.as_ref().map(|c| format!("{c} ")).unwrap_or_default();
            items.push(match a.level {
                Level::Program => format!("Program {code}{}", a.name),
                Level::Kegiatan => format!("    Kegiatan {code}{}", a.name),
                _ => format!("        Sub kegiatan {code}{}", a.name),
            });
        }
        b.list(false, items);
        b.heading(2, Section::Renja.heading());
        b.narrative(Section::Renja);
        b.heading(2, Section::PerjanjianKinerja.heading());
        b.narrative(Section::PerjanjianKinerja);
        if let Some(a) = self.ctx.agreement(None) {
            agreement_tables(b, self.ctx, a);
        } else {
            b.note("Perjanjian Kinerja tahun ini belum dicatat.");
        }
        b.heading(2, Section::Iku.heading());
        b.narrative(Section::Iku);
        self.iku_definition_table(b);
        b.paragraph("Untuk menunjang tercapainya IKU telah dirumuskan indikator program, kegiatan dan sub kegiatan berikut:".to_string());
        let mut rows = Vec::new();
        for a in &self.m.activities {
            for (n, i) in a.indicators.iter().enumerate() {
                let def = self.ctx.data.indicator(&i.id);
                rows.push(row(vec![
                    text(if n == 0 {
                        format!("{}: {}", a.level.label(), a.name)
                    } else {
                        String::new()
                    }),
                    text(i.name.clone()),
                    target(i.target, &i.satuan, i.decimals),
                    text(def.and_then(|d| d.formula.clone()).unwrap_or_default()),
                ]));
            }
        }
        b.table(
            format!(
                "Program, Kegiatan dan Sub Kegiatan beserta Indikator dan Target Tahun {}",
                self.ctx.year
            ),
            vec![
                column("Program/Kegiatan/Sub Kegiatan", Align::Left, 4),
                column("Indikator", Align::Left, 4),
                column("Target", Align::Right, 2),
                column("Formulasi", Align::Left, 4),
            ],
            rows,
            None,
        );
    }

    pub(super) fn iku_definition_table(&self, b: &mut Builder) {
        let rows = self
            .m
            .iku
            .rows
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let def = self.ctx.data.indicator(&r.indicator.id);
                row(vec![
                    count(n as u32 + 1),
                    text(r.sasaran_text.clone()),
                    text(r.indicator.name.clone()),
                    text(def.and_then(|d| d.formula.clone()).unwrap_or_default()),
                    text(def.and_then(|d| d.data_source.clone()).unwrap_or_default()),
                    text(def.and_then(|d| d.responsible.clone()).unwrap_or_default()),
                ])
            })
            .collect();
        b.table(
            "Indikator Kinerja Utama",
            vec![
                column("No", Align::Center, 1),
                column("Sasaran Strategis", Align::Left, 3),
                column("Indikator Kinerja Utama", Align::Left, 3),
                column("Formula", Align::Left, 4),
                column("Sumber Data", Align::Left, 3),
                column("Penanggung Jawab", Align::Left, 2),
            ],
            rows,
            None,
        );
    }
}
