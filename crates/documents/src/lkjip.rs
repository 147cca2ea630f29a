//! The LKjIP (PermenPANRB 53/2014, domain.md §6) of a unit-year, built from the data: every table computed by
//! the domain's measurement, every factual sentence generated from the same figures, the unit's own texts in
//! place, and the rule in force beside every figure that depends on one.

use crate::builder::Builder;
use crate::cells::*;
use crate::charts::{self, BarChart, Orientation, Series};
use crate::diagrams;
use crate::model::{Align, Block, Cover, Document, Row, Signature};
use kinerja_domain::follow_up;
use kinerja_domain::measure::{
    measure, EfficiencyRow, IndicatorResult, MeasureError, Measurement, Money,
};
use kinerja_domain::model::{Agreement, Dataset, Element, Level, Section, Unit};
use kinerja_domain::number::{format_decimal, format_percent, format_rupiah};
use kinerja_domain::sentences::{average_sentence, indicator_sentence, target_with_unit};
use kinerja_domain::Decimal;

/// What a document needs besides the figures: the unit, its pemda and who signs.
pub struct Context<'a> {
    pub data: &'a Dataset,
    pub unit: &'a Unit,
    pub year: i32,
    pub pemda_name: String,
    pub place: String,
}

impl<'a> Context<'a> {
    pub fn new(data: &'a Dataset, unit: &str, year: i32) -> Result<Context<'a>, MeasureError> {
        let u = data
            .unit(unit)
            .ok_or_else(|| MeasureError::UnknownUnit(unit.to_string()))?;
        Ok(Context {
            data,
            unit: u,
            year,
            pemda_name: data
                .pemda
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            place: u.place.clone().unwrap_or_else(|| u.name.clone()),
        })
    }

    /// The signature of the head of the unit under the report, dated as the report is.
    pub fn signature(&self) -> Signature {
        let report = self
            .data
            .reports
            .iter()
            .find(|r| r.unit == self.unit.code && r.year == self.year);
        let official = report
            .and_then(|r| r.signatory.clone())
            .or_else(|| self.unit.head.clone());
        let place = report
            .and_then(|r| r.place.clone())
            .unwrap_or_else(|| self.place.clone());
        let date = report
            .and_then(|r| r.date)
            .map(|d| d.indonesian())
            .unwrap_or_else(|| "…………………".to_string());
        Signature {
            place_date: format!("{place}, {date}"),
            position: official
                .as_ref()
                .map(|o| o.position.to_uppercase())
                .unwrap_or_else(|| format!("KEPALA {}", self.unit.name.to_uppercase())),
            name: official
                .as_ref()
                .map(|o| o.name.clone())
                .unwrap_or_else(|| "…………………".into()),
            rank: official.as_ref().and_then(|o| o.rank.clone()),
            nip: official.as_ref().and_then(|o| o.nip.clone()),
        }
    }

    /// The PK of the year in force: the highest version.
    /// A given version, or the PK in force.
    pub fn agreement(&self, version: Option<u32>) -> Option<&'a Agreement> {
        match version {
            Some(v) => self
                .data
                .agreements
                .iter()
                .find(|a| a.unit == self.unit.code && a.year == self.year && a.version == v),
            None => self.data.agreement_in_force(&self.unit.code, self.year),
        }
    }
}

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
    fn unit_name(&self) -> &str {
        &self.ctx.unit.name
    }

    fn rules_note(&self) -> String {
        let r = &self.m.rules;
        format!(
            "Aturan yang berlaku: skala predikat {}; {}; {}.",
            r.capaian_scale, r.cap, r.rollup
        )
    }

    fn front(&self, b: &mut Builder) {
        b.push(Block::Cover(Cover {
            organisation: vec![
                self.ctx.pemda_name.to_uppercase(),
                self.unit_name().to_uppercase(),
            ],
            title: vec![
                "LAPORAN KINERJA".into(),
                "INSTANSI PEMERINTAH".into(),
                "(LKjIP)".into(),
            ],
            year: self.ctx.year,
        }));
        b.heading(1, Section::KataPengantar.heading());
        b.narrative(Section::KataPengantar);
        b.push(Block::Signatures {
            signatures: vec![self.ctx.signature()],
        });

        b.heading(1, Section::IkhtisarEksekutif.heading());
        b.narrative(Section::IkhtisarEksekutif);
        let iku = &self.m.iku;
        b.paragraph(format!(
            "Pada tahun {} {} mengukur {} sasaran strategis dengan {} indikator kinerja utama (IKU): {} melampaui target, {} sesuai target dan {} tidak mencapai target.",
            self.ctx.year,
            self.unit_name(),
            self.m.sasaran.len(),
            iku.rows.len(),
            iku.exceeded,
            iku.met,
            iku.not_met
        ));
        b.list(
            false,
            iku.rows
                .iter()
                .map(|r| indicator_sentence(&r.indicator, self.dp))
                .collect(),
        );
        b.paragraph(average_sentence(
            "Rata-rata capaian IKU",
            &iku.average,
            self.dp,
        ));
        b.paragraph(self.budget_sentence());
        b.list(false, self.index_sentences());
        b.push(Block::Contents);
        b.push(Block::PageBreak);
        b.push(Block::ListOfTables);
        b.push(Block::PageBreak);
        b.push(Block::ListOfFigures);
    }

    fn budget_sentence(&self) -> String {
        let t = &self.m.budget.total;
        match (t.pagu, t.spending) {
            (Some(p), Some(s)) => format!(
                "Anggaran tahun {} sebesar {} terealisasi {} atau serapan {}, dengan SILPA {}.",
                self.ctx.year,
                format_rupiah(p),
                format_rupiah(s),
                t.serapan.map(|v| format_percent(v, 2)).unwrap_or_default(),
                t.silpa.map(format_rupiah).unwrap_or_default()
            ),
            _ => "Pagu atau realisasi anggaran belum lengkap.".into(),
        }
    }

    fn index_sentences(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(a) = &self.m.akip {
            out.push(format!(
                "Nilai evaluasi AKIP {} ({}), predikat {}.",
                format_decimal(a.total, 2),
                self.m.rules.akip_blend,
                a.predicate
                    .as_ref()
                    .map(|p| format!("{} ({})", p.code, p.label))
                    .unwrap_or_default()
            ));
        }
        if let Some(k) = &self.m.ikm {
            out.push(format!(
                "Indeks Kepuasan Masyarakat {} dari {} jenis layanan dan {} responden ({}; {}), mutu {}.",
                k.unit_value.map(|v| format_decimal(v, 2)).unwrap_or_default(),
                k.services.len(),
                k.respondents,
                self.m.rules.ikm_unit_method,
                self.m.rules.ikm_weight,
                k.mutu.as_ref().map(|p| format!("{} ({})", p.code, p.label)).unwrap_or_default()
            ));
        }
        if let Some(k) = &self.m.ikpp {
            out.push(format!(
                "Indeks Kualitas Pelayanan Publik {} = 1,25 × {} / 25 + {}, kategori {}.",
                format_decimal(k.value, 2),
                format_decimal(k.ikm, 2),
                format_decimal(k.ipp, 2),
                k.band
                    .as_ref()
                    .map(|p| format!("{} ({})", p.code, p.label))
                    .unwrap_or_default()
            ));
        }
        out
    }

    fn bab1(&self, b: &mut Builder) {
        b.chapter("1", Section::LatarBelakang.heading());
        b.narrative(Section::LatarBelakang);
        b.heading(2, Section::StrukturOrganisasi.heading());
        let children: Vec<&Unit> = self
            .ctx
            .data
            .units
            .iter()
            .filter(|u| u.parent.as_deref() == Some(&self.ctx.unit.code))
            .collect();
        if let Some(basis) = &self.ctx.unit.legal_basis {
            b.paragraph(format!(
                "Susunan organisasi {} berdasarkan {} terdiri dari:",
                self.unit_name(),
                basis
            ));
        }
        b.list(
            true,
            children
                .iter()
                .map(|u| {
                    let subs: Vec<String> = self
                        .ctx
                        .data
                        .units
                        .iter()
                        .filter(|s| s.parent.as_deref() == Some(&u.code))
                        .map(|s| s.name.clone())
                        .collect();
                    if subs.is_empty() {
                        u.name.clone()
                    } else {
                        format!("{}, membawahi: {}", u.name, subs.join("; "))
                    }
                })
                .collect(),
        );
        b.figure(
            format!("Struktur Organisasi {}", self.unit_name()),
            diagrams::org_chart(self.ctx.data, &self.ctx.unit.code),
        );
        b.narrative(Section::StrukturOrganisasi);
        b.heading(2, Section::TugasFungsi.heading());
        if let Some(t) = &self.ctx.unit.tugas {
            b.paragraph(t.clone());
        }
        b.list(true, self.ctx.unit.fungsi.clone());
        for u in self.ctx.data.units.iter().filter(|u| self.is_below(u)) {
            if u.tugas.is_some() || !u.fungsi.is_empty() {
                b.heading(3, u.name.clone());
                if let Some(t) = &u.tugas {
                    b.paragraph(t.clone());
                }
                b.list(false, u.fungsi.clone());
            }
        }
        b.narrative(Section::TugasFungsi);
        b.heading(2, Section::IsuStrategis.heading());
        b.narrative(Section::IsuStrategis);
        b.narrative(Section::PermasalahanUtama);
        b.heading(2, Section::Cascading.heading());
        b.narrative(Section::Cascading);
        b.figure(
            format!("Pohon Kinerja {}", self.unit_name()),
            diagrams::cascade(self.ctx.data, &self.ctx.unit.code),
        );
        b.heading(2, Section::ProsesBisnis.heading());
        b.narrative(Section::ProsesBisnis);
        b.heading(2, Section::HasilEvaluasi.heading());
        if let Some(a) = &self.m.akip {
            b.paragraph(format!(
                "Berdasarkan Laporan Hasil Evaluasi SAKIP{}, {} memperoleh nilai {} dengan predikat {}.",
                a.lhe_number.as_ref().map(|n| format!(" Nomor {n}")).unwrap_or_default(),
                self.unit_name(),
                format_decimal(a.total, 2),
                a.predicate.as_ref().map(|p| format!("{} ({})", p.code, p.label)).unwrap_or_default()
            ));
        }
        b.narrative(Section::HasilEvaluasi);
    }

    /// Whether a unit sits below the reported unit in the organisation tree.
    fn is_below(&self, u: &Unit) -> bool {
        let mut parent = u.parent.as_deref();
        while let Some(p) = parent {
            if p == self.ctx.unit.code {
                return true;
            }
            parent = self.ctx.data.unit(p).and_then(|x| x.parent.as_deref());
        }
        false
    }

    fn bab2(&self, b: &mut Builder) {
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

    fn iku_definition_table(&self, b: &mut Builder) {
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

    fn bab3(&self, b: &mut Builder) {
        b.chapter("3", Section::CapaianKinerja.heading());
        // Texts about an IKU stand after the IKU table, with the other sentences about that indicator.
        let about_iku = |subject: &str| self.m.iku.rows.iter().any(|r| r.indicator.id == subject);
        b.narrative_except(Section::CapaianKinerja, about_iku);
        let scale = self.ctx.data.rules_for(self.ctx.year).capaian_scale.scale();
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
            format!("Skala Predikat Capaian Kinerja ({})", scale.name),
            vec![
                column("Nilai Capaian", Align::Left, 2),
                column("Predikat", Align::Left, 3),
            ],
            bands,
            Some(self.m.rules.cap.clone()),
        );

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
        self.index_tables(b);
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

        self.comparisons(b);
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

    fn index_tables(&self, b: &mut Builder) {
        if let Some(a) = &self.m.akip {
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
        if let Some(k) = &self.m.ikm {
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
        if let Some(p) = &self.m.ipp {
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
        if let Some(k) = &self.m.ikpp {
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

    fn comparisons(&self, b: &mut Builder) {
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
                        natural(h.realisations[0], 2),
                        natural(h.realisations[1], 2),
                        natural(h.realisations[2], 2),
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

    fn money_cells(m: &Money) -> Vec<crate::model::Cell> {
        vec![rupiah(m.pagu), rupiah(m.spending), percent(m.serapan, 2)]
    }

    fn program_budget_table(&self, b: &mut Builder) {
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

    fn budget(&self, b: &mut Builder) {
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

    fn efficiency(&self, b: &mut Builder) {
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

    /// The Matriks Tindak Lanjut from the stored recommendations: which ones the year reports, and how an action's
    /// status is worded, are the domain's (`follow_up`), as on the web page.
    fn follow_up(&self, b: &mut Builder) {
        b.heading(2, Section::TindakLanjut.heading());
        b.narrative(Section::TindakLanjut);
        let mut rows = Vec::new();
        let recs = follow_up::for_report(
            &self.ctx.data.recommendations,
            &self.ctx.unit.code,
            self.ctx.year,
        );
        for (n, r) in recs.enumerate() {
            if r.actions.is_empty() {
                rows.push(row(vec![
                    count(n as u32 + 1),
                    text(r.text.clone()),
                    text("belum direncanakan"),
                    text(""),
                    text(""),
                    text(""),
                    text(""),
                    text(""),
                ]));
            }
            for (k, a) in r.actions.iter().enumerate() {
                let (no, rec) = if k == 0 {
                    (count(n as u32 + 1), text(r.text.clone()))
                } else {
                    (text(""), text(""))
                };
                let when = a
                    .due
                    .map(|d| d.indonesian())
                    .or_else(|| a.duration.clone())
                    .unwrap_or_default();
                let evidence: Vec<&str> = a.evidence.iter().map(|e| e.title.as_str()).collect();
                rows.push(row(vec![
                    no,
                    rec,
                    text(a.action.clone()),
                    text(a.target.clone().unwrap_or_default()),
                    text(when),
                    text(a.responsible.clone().unwrap_or_default()),
                    text(follow_up::status_text(a)),
                    text(evidence.join("; ")),
                ]));
            }
        }
        b.table(
            "Matriks Tindak Lanjut Hasil Evaluasi SAKIP",
            vec![
                column("No", Align::Center, 1),
                column("Rekomendasi", Align::Left, 5),
                column("Rencana Aksi Tindak Lanjut", Align::Left, 4),
                column("Target", Align::Left, 2),
                column("Waktu", Align::Left, 2),
                column("Penanggung Jawab", Align::Left, 3),
                column("Status", Align::Left, 2),
                column("Bukti", Align::Left, 2),
            ],
            rows,
            None,
        );
    }

    fn bab4(&self, b: &mut Builder) {
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

    fn lampiran(&self, b: &mut Builder) {
        b.chapter("L", "LAMPIRAN");
        b.heading(2, "Lampiran 1. Perjanjian Kinerja");
        match self.ctx.agreement(None) {
            Some(a) => {
                crate::agreement::statement(b, self.ctx, a);
                agreement_tables(b, self.ctx, a);
            }
            None => b.note("Perjanjian Kinerja tahun ini belum dicatat."),
        }
        b.heading(2, "Lampiran 2. Indikator Kinerja Utama");
        self.iku_definition_table(b);
    }
}

/// The PK's annex tables: sasaran / indikator / target, and program / indikator / target / anggaran.
pub fn agreement_tables(b: &mut Builder, ctx: &Context, a: &Agreement) {
    let rows = a
        .targets
        .iter()
        .enumerate()
        .map(|(n, t)| {
            let ind = ctx.data.indicator(&t.indicator);
            let sasaran = ind
                .and_then(|i| ctx.data.sasaran(&i.owner))
                .map(|s| s.text.clone())
                .unwrap_or_default();
            let satuan = ind.map(|i| i.satuan.clone()).unwrap_or_default();
            row(vec![
                count(n as u32 + 1),
                text(sasaran),
                text(
                    ind.map(|i| i.name.clone())
                        .unwrap_or_else(|| t.indicator.clone()),
                ),
                text(target_with_unit(t.target, &satuan, 2)),
            ])
        })
        .collect();
    b.table(
        format!(
            "Perjanjian Kinerja {} Tahun {}: Sasaran Strategis",
            ctx.unit.name, ctx.year
        ),
        vec![
            column("No", Align::Center, 1),
            column("Sasaran Strategis", Align::Left, 5),
            column("Indikator Kinerja", Align::Left, 5),
            column("Target", Align::Right, 2),
        ],
        rows,
        Some(format!(
            "PK versi {}{}.",
            a.version,
            a.date
                .map(|d| format!(", {}", d.indonesian()))
                .unwrap_or_default()
        )),
    );
    let mut rows = Vec::new();
    let mut total = Decimal::ZERO;
    for (n, p) in a.programs.iter().enumerate() {
        total += p.anggaran;
        let program = ctx.data.program(&p.program);
        let first = |k: usize| -> (String, String) {
            p.indicators
                .get(k)
                .map(|t| {
                    let ind = ctx.data.indicator(&t.indicator);
                    (
                        ind.map(|i| i.name.clone())
                            .unwrap_or_else(|| t.indicator.clone()),
                        target_with_unit(
                            t.target,
                            &ind.map(|i| i.satuan.clone()).unwrap_or_default(),
                            2,
                        ),
                    )
                })
                .unwrap_or_default()
        };
        let (ind, tgt) = first(0);
        rows.push(row(vec![
            count(n as u32 + 1),
            text(
                program
                    .and_then(|p| p.sasaran_program.clone())
                    .unwrap_or_default(),
            ),
            text(
                program
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| p.program.clone()),
            ),
            text(ind),
            text(tgt),
            rupiah(Some(p.anggaran)),
        ]));
        for k in 1..p.indicators.len() {
            let (ind, tgt) = first(k);
            rows.push(row(vec![
                text(""),
                text(""),
                text(""),
                text(ind),
                text(tgt),
                text(""),
            ]));
        }
    }
    rows.push(total_row(vec![
        text(""),
        text("Jumlah"),
        text(""),
        text(""),
        text(""),
        rupiah(Some(total)),
    ]));
    b.table(
        format!(
            "Perjanjian Kinerja {} Tahun {}: Program dan Anggaran",
            ctx.unit.name, ctx.year
        ),
        vec![
            column("No", Align::Center, 1),
            column("Sasaran Program", Align::Left, 4),
            column("Program", Align::Left, 4),
            column("Indikator Program", Align::Left, 4),
            column("Target", Align::Right, 2),
            column("Anggaran", Align::Right, 3),
        ],
        rows,
        None,
    );
}
