//! BAB I Pendahuluan: background, organisation, tasks and functions, strategic issues, cascading, evaluation result.

use super::Report;
use crate::builder::Builder;
use crate::diagrams;
use kinerja_domain::model::{Section, Unit};
use kinerja_domain::number::format_decimal;

impl Report<'_> {
    pub(super) fn bab1(&self, b: &mut Builder) {
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
}
