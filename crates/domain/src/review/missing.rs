//! What is missing: realisations of indicators with a target, evidence of the IKU's realisations, the report's
//! required narratives and the analysis of every indicator that missed its target.

use super::finding::{show_target, Finding, FindingCode, Severity};
use super::recompute::agreed_indicators;
use crate::calc::capaian::TargetStatus;
use crate::measure::Measurement;
use crate::model::*;
use crate::monitoring::quarter_name;

/// The report sections that must have the unit's own text (PermenPANRB 53/2014).
pub(super) const REQUIRED_SECTIONS: [(Section, &str); 9] = [
    (Section::KataPengantar, "Kata Pengantar"),
    (Section::IkhtisarEksekutif, "Ikhtisar Eksekutif"),
    (Section::LatarBelakang, "Latar Belakang"),
    (Section::IsuStrategis, "Isu Strategis"),
    (Section::CapaianKinerja, "Capaian Kinerja Organisasi"),
    (Section::AnalisisCapaian, "Analisis Capaian Kinerja"),
    (Section::RealisasiAnggaran, "Realisasi Anggaran"),
    (Section::UpayaPerbaikan, "Upaya Perbaikan Kinerja"),
    (Section::Kesimpulan, "Kesimpulan"),
];

pub(super) fn missing(m: &Measurement, d: &Dataset, out: &mut Vec<Finding>) {
    for r in m.indicators() {
        if let (Some(t), None) = (r.target, r.realisation) {
            out.push(
                Finding::new(
                    FindingCode::MissingRealisation,
                    Severity::Galat,
                    format!("Realisasi {}, {}", m.year, r.name),
                    format!(
                        "Indikator bertarget {} belum memiliki realisasi tahun {}.",
                        show_target(t),
                        m.year
                    ),
                )
                .about(Some(r.id.as_str())),
            );
        }
    }
    for r in m.indicators().filter(|r| !r.missing_quarters.is_empty()) {
        let named = |quarters: &mut dyn Iterator<Item = u8>| {
            quarters.map(quarter_name).collect::<Vec<_>>().join(", ")
        };
        let entered = named(&mut (1..=4u8).filter(|q| r.quarters[usize::from(*q) - 1].is_some()));
        let missing = named(&mut r.missing_quarters.iter().copied());
        out.push(
            Finding::new(
                FindingCode::QuarterMissing,
                Severity::Peringatan,
                format!("Realisasi {}, {}", m.year, r.name),
                format!(
                    "Realisasi tahunan dihitung dari {entered}; {missing} belum diisi dan tidak ikut dihitung."
                ),
            )
            .about(Some(r.id.as_str())),
        );
    }
    for row in m
        .iku
        .rows
        .iter()
        .filter(|r| r.indicator.realisation.is_some())
    {
        let records: Vec<&Realisation> = d
            .realisations
            .iter()
            .filter(|r| r.indicator == row.indicator.id && r.year == m.year)
            .collect();
        if records.iter().all(|r| r.evidence.is_empty()) {
            out.push(
                Finding::new(
                    FindingCode::MissingEvidence,
                    Severity::Peringatan,
                    format!("Bukti dukung {}, {}", m.year, row.indicator.name),
                    "Realisasi IKU tidak disertai bukti dukung.".to_string(),
                )
                .about(Some(row.indicator.id.as_str())),
            );
        }
    }
    let texts: Vec<&Narrative> = d
        .narratives
        .iter()
        .filter(|n| n.unit == m.unit.code && n.year == m.year && !n.text.trim().is_empty())
        .collect();
    for (section, label) in REQUIRED_SECTIONS {
        if !texts.iter().any(|n| n.section == section) {
            out.push(Finding::new(
                FindingCode::MissingNarrative,
                Severity::Peringatan,
                format!("Narasi, {label}"),
                format!("Bagian “{label}” belum memiliki narasi."),
            ));
        }
    }
    let analysed = |id: &str| texts.iter().any(|n| n.subject.as_deref() == Some(id));
    for r in agreed_indicators(m).filter(|r| r.status == Some(TargetStatus::NotMet)) {
        if !analysed(&r.id) {
            let message = "Indikator tidak mencapai target tetapi tidak ada analisis penyebab dan \
                           upaya perbaikannya.";
            out.push(
                Finding::new(
                    FindingCode::MissingNarrative,
                    Severity::Peringatan,
                    format!("Narasi, {}", r.name),
                    message.to_string(),
                )
                .about(Some(r.id.as_str())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::finding::FindingCode;
    use super::super::finding::Severity::{Galat, Peringatan};
    use super::super::tests::*;
    use crate::model::Section;
    use crate::test_support::d;

    #[test]
    fn missing_realisations_evidence_and_narratives() {
        let mut data = fixture();
        data.realisations.retain(|r| r.indicator != "ip");
        let f = only(&data);
        assert_eq!(
            (f.code, f.severity),
            (FindingCode::MissingRealisation, Galat)
        );
        assert_eq!(f.location, "Realisasi 2024, Indikator ip");

        let mut data = fixture();
        data.realisations[0].evidence.clear();
        assert_eq!(
            codes(&data),
            vec![(FindingCode::MissingEvidence, Peringatan)]
        );

        let mut data = fixture();
        data.narratives.retain(|n| n.section != Section::Kesimpulan);
        data.narratives[0].text = "  ".into();
        let r = run(&data);
        assert_eq!(
            r.findings
                .iter()
                .map(|f| (f.code, f.location.as_str()))
                .collect::<Vec<_>>(),
            vec![
                (FindingCode::MissingNarrative, "Narasi, Kata Pengantar"),
                (FindingCode::MissingNarrative, "Narasi, Kesimpulan"),
            ]
        );

        // The program indicator's annual value from TW I and TW III: TW II is named.
        let mut data = fixture();
        data.realisations.retain(|r| r.indicator != "ip");
        for (quarter, value) in [(1, "100"), (3, "100")] {
            data.realisations.push(crate::model::Realisation {
                indicator: "ip".into(),
                year: 2024,
                quarter: Some(quarter),
                value: d(value),
                note: None,
                evidence: vec![],
            });
        }
        let f = only(&data);
        assert_eq!(
            (f.code, f.severity, f.message.as_str()),
            (
                FindingCode::QuarterMissing,
                Peringatan,
                "Realisasi tahunan dihitung dari TW I, TW III; TW II belum diisi dan tidak ikut dihitung."
            )
        );
        // Filled, the finding goes.
        let last = data.realisations.len() - 1;
        data.realisations[last].quarter = Some(2);
        assert_eq!(codes(&data), vec![]);

        // An indicator that missed its target needs its own analysis.
        let mut data = fixture();
        data.realisations[0].value = d("76");
        let f = only(&data);
        assert_eq!(
            (f.code, f.location.as_str()),
            (FindingCode::MissingNarrative, "Narasi, Indikator iku")
        );
    }
}
