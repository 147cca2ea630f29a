//! The budget in BAB III: programs with what they spent and achieved, the allocation per sasaran and program.

use super::super::Report;
use crate::builder::Builder;
use crate::cells::*;
use crate::charts;
use crate::model::{Align, Row};
use kinerja_domain::measure::{Measurement, Money};
use kinerja_domain::model::Section;
use kinerja_domain::Decimal;

fn indicator_name(m: &Measurement, id: &str) -> String {
    m.iku
        .rows
        .iter()
        .map(|r| &r.indicator)
        .chain(m.activities.iter().flat_map(|a| a.indicators.iter()))
        .find(|i| i.id == id)
        .map(|i| i.name.clone())
        .unwrap_or_else(|| id.to_string())
}

impl Report<'_> {
    fn money_cells(m: &Money) -> Vec<crate::model::Cell> {
        vec![rupiah(m.pagu), rupiah(m.spending), percent(m.serapan, 2)]
    }

    pub(super) fn program_budget_table(&self, b: &mut Builder) {
        b.heading(3, Section::AnalisisProgram.heading());
        let mut rows = Vec::new();
        for a in &self.m.activities {
            let money = self
                .m
                .budget
                .tree
                .iter()
                .find(|t| t.id == a.id)
                .map(|t| &t.money);
            let first = a.indicators.first();
            let mut cells = vec![
                text(format!("{}: {}", a.level.label(), a.name)),
                text(first.map(|i| i.name.clone()).unwrap_or_default()),
                first
                    .map(|i| measured(i.realisation, &i.satuan, i.decimals))
                    .unwrap_or_else(|| text(DASH)),
                first
                    .map(|i| percent(i.capaian, self.dp))
                    .unwrap_or_else(|| text(DASH)),
            ];
            cells.extend(
                money
                    .map(|m| vec![rupiah(m.spending), percent(m.serapan, 2)])
                    .unwrap_or_else(|| vec![text(DASH), text(DASH)]),
            );
            rows.push(row(cells));
            for i in a.indicators.iter().skip(1) {
                rows.push(row(vec![
                    text(""),
                    text(i.name.clone()),
                    measured(i.realisation, &i.satuan, i.decimals),
                    percent(i.capaian, self.dp),
                    text(""),
                    text(""),
                ]));
            }
        }
        b.table(
            "Program, Kegiatan, Anggaran dan Kinerja yang Dihasilkan",
            vec![column("Program/Kegiatan/Sub Kegiatan", Align::Left, 4), column("Indikator Kinerja", Align::Left, 4), column("Realisasi Kinerja", Align::Right, 2), column("Capaian Kinerja", Align::Right, 2), column("Realisasi Anggaran", Align::Right, 3), column("Serapan", Align::Right, 2)],
            rows,
            Some("Anggaran kegiatan dan program adalah angka yang dicatat untuk tingkat itu, atau jumlah rinciannya bila tidak dicatat; serapan tanpa pagu tidak dapat dihitung.".into()),
        );
    }

    pub(super) fn budget(&self, b: &mut Builder) {
        b.heading(2, Section::RealisasiAnggaran.heading());
        let c = &self.m.budget.counts;
        b.paragraph(format!(
            "Pencapaian sasaran didukung oleh {} program, {} kegiatan dan {} sub kegiatan dengan {} indikator kinerja. {}",
            c.programs, c.kegiatan, c.sub_kegiatan, c.indicators, self.budget_sentence()
        ));
        b.narrative(Section::RealisasiAnggaran);
        let total = &self.m.budget.total;
        let mut rows: Vec<Row> = self
            .m
            .budget
            .by_sasaran
            .iter()
            .enumerate()
            .map(|(n, s)| {
                row(vec![
                    count(n as u32 + 1),
                    text(s.text.clone()),
                    text(
                        s.indicators
                            .iter()
                            .map(|i| indicator_name(self.m, i))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                    rupiah(s.money.pagu),
                    percent(s.share, 2),
                ])
            })
            .collect();
        rows.push(total_row(vec![
            text(""),
            text("Total"),
            text(""),
            rupiah(total.pagu),
            percent(total.pagu.map(|_| Decimal::ONE_HUNDRED), 2),
        ]));
        b.table(
            "Alokasi Anggaran per Sasaran Strategis",
            vec![
                column("No", Align::Center, 1),
                column("Sasaran Strategis", Align::Left, 4),
                column("Indikator Kinerja", Align::Left, 4),
                column("Anggaran", Align::Right, 3),
                column("% Anggaran", Align::Right, 2),
            ],
            rows,
            None,
        );

        let mut rows: Vec<Row> = self
            .m
            .budget
            .by_sasaran
            .iter()
            .map(|s| {
                let mut cells = vec![text(s.text.clone()), percent(s.capaian.value, self.dp)];
                cells.extend(Self::money_cells(&s.money));
                row(cells)
            })
            .collect();
        let mut last = vec![
            text("Rata-rata capaian dan jumlah anggaran"),
            percent(self.m.iku.average.value, self.dp),
        ];
        last.extend(Self::money_cells(total));
        rows.push(total_row(last));
        b.table(
            "Pencapaian Kinerja dan Anggaran per Sasaran Strategis",
            vec![
                column("Sasaran Strategis", Align::Left, 5),
                column("Capaian Kinerja", Align::Right, 2),
                column("Pagu", Align::Right, 3),
                column("Realisasi", Align::Right, 3),
                column("Serapan", Align::Right, 2),
            ],
            rows,
            None,
        );

        let mut rows: Vec<Row> = self
            .m
            .budget
            .by_program
            .iter()
            .map(|p| {
                let mut cells = vec![
                    text(p.name.clone()),
                    text(
                        p.indicators
                            .iter()
                            .map(|i| indicator_name(self.m, i))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                    percent(p.capaian.value, self.dp),
                ];
                cells.extend(Self::money_cells(&p.money));
                row(cells)
            })
            .collect();
        let mut last = vec![
            text("Rata-rata capaian program dan jumlah anggaran"),
            text(""),
            percent(self.m.program_average.value, self.dp),
        ];
        last.extend(Self::money_cells(total));
        rows.push(total_row(last));
        b.table(
            "Pencapaian Kinerja Program dan Anggaran",
            vec![
                column("Program", Align::Left, 4),
                column("Indikator Kinerja", Align::Left, 4),
                column("Capaian", Align::Right, 2),
                column("Pagu", Align::Right, 3),
                column("Realisasi", Align::Right, 3),
                column("Serapan", Align::Right, 2),
            ],
            rows,
            None,
        );
        b.figure(
            format!(
                "Pagu dan Realisasi Anggaran per Program Tahun {}",
                self.ctx.year
            ),
            charts::program_budget(self.m).svg(),
        );
    }
}
