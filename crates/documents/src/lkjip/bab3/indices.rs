//! The indices of the year in BAB III: AKIP evaluation, IKM, IPP and IKPP.

use super::super::Report;
use crate::builder::Builder;
use crate::cells::*;
use crate::charts::{BarChart, Orientation, Series};
use crate::model::{Align, Row};
use kinerja_domain::model::Element;
use kinerja_domain::number::format_decimal;
use kinerja_domain::Decimal;

impl Report<'_> {
    /// Each index the unit has a result for, in this order.
    pub(super) fn index_tables(&self, b: &mut Builder) {
        self.akip_table(b);
        self.ikm_table(b);
        self.ipp_table(b);
        self.ikpp_formula(b);
    }

    /// The AKIP evaluation per component.
    fn akip_table(&self, b: &mut Builder) {
        let Some(a) = &self.m.akip else {
            return;
        };
        let mut rows: Vec<Row> = a
            .components
            .iter()
            .enumerate()
            .map(|(n, c)| {
                row(vec![
                    count(n as u32 + 1),
                    text(c.label.clone()),
                    number(c.lke, 2),
                    number(c.field, 2),
                    natural(Some(c.weight), 2),
                    number(Some(c.score), 3),
                    percent(c.percent_of_weight, 2),
                ])
            })
            .collect();
        rows.push(total_row(vec![
            text(""),
            text("Total"),
            number(a.lke_total, 2),
            text(""),
            natural(Some(Decimal::ONE_HUNDRED), 0),
            number(Some(a.total), 2),
            text(
                a.predicate
                    .as_ref()
                    .map(|p| format!("{} ({})", p.code, p.label))
                    .unwrap_or_default(),
            ),
        ]));
        b.table(
            "Hasil Evaluasi AKIP per Komponen",
            vec![
                column("No", Align::Center, 1),
                column("Komponen", Align::Left, 4),
                column("LKE", Align::Right, 2),
                column("Evaluasi Lapangan", Align::Right, 2),
                column("Bobot", Align::Right, 1),
                column("Nilai", Align::Right, 2),
                column("% Bobot", Align::Right, 2),
            ],
            rows,
            Some(format!(
                "Nilai komponen = {}.{}",
                self.m.rules.akip_blend,
                a.official
                    .map(|o| format!(" Nilai resmi LHE: {}.", format_decimal(o, 2)))
                    .unwrap_or_default()
            )),
        );
    }

    /// The IKM per service and element, and its chart per element.
    fn ikm_table(&self, b: &mut Builder) {
        let Some(k) = &self.m.ikm else {
            return;
        };
        let mut columns = vec![column("Layanan", Align::Left, 4)];
        columns.extend(
            Element::ALL
                .iter()
                .map(|e| column(e.code(), Align::Right, 1)),
        );
        columns.extend([
            column("IKM", Align::Right, 1),
            column("Mutu", Align::Center, 1),
            column("L", Align::Right, 1),
            column("P", Align::Right, 1),
        ]);
        let mut rows: Vec<Row> = k
            .services
            .iter()
            .map(|s| {
                let mut cells = vec![text(s.service.clone())];
                cells.extend(
                    Element::ALL
                        .iter()
                        .map(|e| number(s.elements.get(e).copied(), 2)),
                );
                cells.extend([
                    number(s.ikm, 2),
                    text(s.mutu.as_ref().map(|p| p.code.clone()).unwrap_or_default()),
                    count(s.male),
                    count(s.female),
                ]);
                row(cells)
            })
            .collect();
        let mut mean = vec![text("Rata-rata layanan")];
        mean.extend(k.elements.iter().map(|e| number(e.mean, 2)));
        mean.extend([
            number(k.mean_of_services, 2),
            text(k.mutu.as_ref().map(|p| p.code.clone()).unwrap_or_default()),
            count(k.male),
            count(k.female),
        ]);
        rows.push(total_row(mean));
        let mut pooled = vec![text("Gabungan seluruh responden")];
        pooled.extend(k.elements.iter().map(|e| number(e.pooled, 2)));
        pooled.extend([
            number(k.pooled, 2),
            text(""),
            text(""),
            count(k.respondents),
        ]);
        rows.push(total_row(pooled));
        let legend: Vec<String> = Element::ALL
            .iter()
            .map(|e| format!("{} {}", e.code(), e.name()))
            .collect();
        b.table(
            format!(
                "Indeks Kepuasan Masyarakat per Layanan dan Unsur Tahun {}",
                self.ctx.year
            ),
            columns,
            rows,
            Some(format!(
                "PermenPANRB 14/2017, {}; nilai unit: {} ({}). {}.",
                self.m.rules.ikm_weight,
                k.unit_value
                    .map(|v| format_decimal(v, 2))
                    .unwrap_or_default(),
                self.m.rules.ikm_unit_method,
                legend.join("; ")
            )),
        );
        b.figure(
            format!(
                "Nilai Indeks Kepuasan Masyarakat per Unsur Tahun {}",
                self.ctx.year
            ),
            BarChart {
                title: "IKM per unsur pelayanan".into(),
                categories: k.elements.iter().map(|e| e.name.clone()).collect(),
                series: vec![Series {
                    name: "Rata-rata layanan".into(),
                    values: k.elements.iter().map(|e| e.mean).collect(),
                }],
                decimals: 2,
                suffix: String::new(),
                reference: Some((
                    "88.31".parse().expect("constant"),
                    "Batas mutu A (88,31)".into(),
                )),
                orientation: Orientation::Horizontal,
            }
            .svg(),
        );
    }

    /// The IPP per aspect.
    fn ipp_table(&self, b: &mut Builder) {
        let Some(p) = &self.m.ipp else {
            return;
        };
        let mut rows: Vec<Row> = p
            .aspects
            .iter()
            .enumerate()
            .map(|(n, a)| {
                row(vec![
                    count(n as u32 + 1),
                    text(a.label.clone()),
                    count(a.weight_percent),
                    natural(Some(a.value), 2),
                    number(Some(a.weighted), 2),
                    text(a.recommendations.join("; ")),
                ])
            })
            .collect();
        rows.push(total_row(vec![
            text(""),
            text("Jumlah nilai aspek"),
            text(""),
            text(""),
            number(p.computed, 2),
            text(
                p.official
                    .map(|o| format!("Nilai resmi {}", format_decimal(o, 2)))
                    .unwrap_or_default(),
            ),
        ]));
        b.table(
            format!("Indeks Pelayanan Publik per Aspek Tahun {}", self.ctx.year),
            vec![
                column("No", Align::Center, 1),
                column("Aspek", Align::Left, 3),
                column("Bobot (%)", Align::Right, 1),
                column("Nilai Indikator", Align::Right, 2),
                column("Nilai Aspek", Align::Right, 2),
                column("Rekomendasi", Align::Left, 5),
            ],
            rows,
            Some(format!(
                "{}. {}",
                self.m.rules.ipp_regulation,
                match (p.official, p.difference) {
                    (Some(_), Some(d)) if !d.is_zero() => format!(
                        "Nilai resmi evaluator berbeda {} dari jumlah nilai aspek.",
                        format_decimal(d, 2)
                    ),
                    _ => String::new(),
                }
            )),
        );
    }

    /// The IKPP with its formula.
    fn ikpp_formula(&self, b: &mut Builder) {
        let Some(k) = &self.m.ikpp else {
            return;
        };
        b.paragraph(format!(
            "{}: IKPP = 1,25 × {} / 25 + {} = {}, kategori {}.",
            k.formula,
            format_decimal(k.ikm, 2),
            format_decimal(k.ipp, 2),
            format_decimal(k.value, 2),
            k.band
                .as_ref()
                .map(|p| format!("{} ({})", p.code, p.label))
                .unwrap_or_default()
        ));
    }
}
