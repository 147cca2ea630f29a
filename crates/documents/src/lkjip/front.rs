//! The cover and the front matter: kata pengantar, ikhtisar eksekutif and the lists of contents, tables and figures.

use super::Report;
use crate::builder::Builder;
use crate::model::{Block, Cover};
use kinerja_domain::model::Section;
use kinerja_domain::number::{format_decimal, format_percent, format_rupiah};
use kinerja_domain::sentences::{average_sentence, indicator_sentence};

impl Report<'_> {
    pub(super) fn front(&self, b: &mut Builder) {
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

    pub(super) fn budget_sentence(&self) -> String {
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
}
