//! The efficiency of budget, staff and facilities in BAB III.

use super::super::Report;
use crate::builder::Builder;
use crate::cells::*;
use crate::model::{Align, Row};
use kinerja_domain::measure::EfficiencyRow;
use kinerja_domain::model::Section;

impl Report<'_> {
    fn efficiency_rows(
        &self,
        rows: &[EfficiencyRow],
        total: &EfficiencyRow,
        sdm: bool,
    ) -> Vec<Row> {
        let cells = |r: &EfficiencyRow| {
            let mut c = vec![text(r.name.clone()), percent(r.capaian, self.dp)];
            if sdm {
                c.push(r.need.map(count).unwrap_or_else(|| text(DASH)));
                c.push(r.available.map(count).unwrap_or_else(|| text(DASH)));
            }
            c.push(percent(r.input_percent, 2));
            c.push(number(r.efficiency, 2));
            c.push(text(if r.target_met {
                "target tercapai"
            } else {
                "target tidak tercapai: efisiensi belum bermakna"
            }));
            c
        };
        let mut out: Vec<Row> = rows.iter().map(|r| row(cells(r))).collect();
        out.push(total_row(cells(total)));
        out
    }

    pub(super) fn efficiency(&self, b: &mut Builder) {
        let e = &self.m.efficiency;
        b.heading(3, Section::EfisiensiAnggaran.heading());
        let basis = format!(
            "Efisiensi = capaian kinerja − persentase sumber daya; {}.",
            self.m.rules.efficiency_basis
        );
        let money_columns = || {
            vec![
                column("Uraian", Align::Left, 5),
                column("Capaian Kinerja", Align::Right, 2),
                column("Serapan Anggaran", Align::Right, 2),
                column("Efisiensi", Align::Right, 2),
                column("Keterangan", Align::Left, 3),
            ]
        };
        b.table(
            "Efisiensi Penggunaan Anggaran per Sasaran Strategis",
            money_columns(),
            self.efficiency_rows(&e.budget_iku, &e.budget_iku_total, false),
            Some(basis.clone()),
        );
        b.table(
            "Efisiensi Penggunaan Anggaran per Program",
            money_columns(),
            self.efficiency_rows(&e.budget_programs, &e.budget_programs_total, false),
            Some(basis.clone()),
        );
        b.narrative(Section::EfisiensiAnggaran);
        let sdm_columns = || {
            vec![
                column("Uraian", Align::Left, 5),
                column("Capaian Kinerja", Align::Right, 2),
                column("Kebutuhan (ABK)", Align::Right, 2),
                column("Tersedia", Align::Right, 2),
                column("Ketersediaan", Align::Right, 2),
                column("Efisiensi SDM", Align::Right, 2),
                column("Keterangan", Align::Left, 3),
            ]
        };
        b.table(
            "Efisiensi Penggunaan Sumber Daya Manusia per Sasaran Strategis",
            sdm_columns(),
            self.efficiency_rows(&e.sdm_iku, &e.sdm_iku_total, true),
            Some(basis.clone()),
        );
        b.table(
            "Efisiensi Penggunaan Sumber Daya Manusia per Program",
            sdm_columns(),
            self.efficiency_rows(&e.sdm_programs, &e.sdm_programs_total, true),
            Some(basis.clone()),
        );
        b.narrative(Section::EfisiensiSdm);
        let s = &e.sarpras;
        let mut rows: Vec<Row> = s
            .items
            .iter()
            .enumerate()
            .map(|(n, i)| {
                row(vec![
                    count(n as u32 + 1),
                    text(i.name.clone()),
                    count(i.available),
                    count(i.need),
                    percent(i.ketersediaan, 2),
                ])
            })
            .collect();
        rows.push(total_row(vec![
            text(""),
            text("Tingkat ketersediaan sarana dan prasarana"),
            count(s.available),
            count(s.need),
            percent(s.ketersediaan, 2),
        ]));
        b.table(
            format!("Ketersediaan Sarana dan Prasarana Tahun {}", self.ctx.year),
            vec![
                column("No", Align::Center, 1),
                column("Uraian", Align::Left, 5),
                column("Tersedia (hasil rekon)", Align::Right, 2),
                column("Standar Kebutuhan", Align::Right, 2),
                column("% Ketersediaan", Align::Right, 2),
            ],
            rows,
            None,
        );
        let eff = &s.efficiency;
        b.table(
            format!("Efisiensi Sarana dan Prasarana Tahun {}", self.ctx.year),
            vec![
                column("Uraian", Align::Left, 5),
                column("Rata-rata Capaian IKU", Align::Right, 2),
                column("Ketersediaan Sarpras", Align::Right, 2),
                column("Efisiensi", Align::Right, 2),
            ],
            vec![total_row(vec![
                text(eff.name.clone()),
                percent(eff.capaian, self.dp),
                percent(eff.input_percent, 2),
                number(eff.efficiency, 2),
            ])],
            Some(basis),
        );
        b.narrative(Section::EfisiensiSarpras);
    }
}
