//! The reviu's tests of the whole: a small unit that passes every check (the checks' own tests start from it
//! too), the order of the findings and their deduplication.

use super::finding::{Finding, FindingCode, Severity};
use super::missing::REQUIRED_SECTIONS;
use super::{review, Review, SeverityCounts};
use crate::measure::MeasureError;
use crate::model::*;
use crate::test_support::d;

fn indicator_def(id: &str, level: Level, owner: &str, end_target: Option<&str>) -> Indicator {
    Indicator {
        id: id.into(),
        level,
        owner: owner.into(),
        name: format!("Indikator {id}"),
        satuan: "%".into(),
        polarity: Polarity::Positive,
        formula: None,
        data_source: None,
        responsible: None,
        aggregation: Aggregation::LastValue,
        decimals: 2,
        weight: None,
        end_target: end_target.map(|t| TargetValue::Single(d(t))),
        index: None,
    }
}

fn target(indicator: &str, value: &str) -> Target {
    Target {
        indicator: indicator.into(),
        year: 2024,
        quarter: None,
        value: TargetValue::Single(d(value)),
    }
}

fn realisation(indicator: &str, year: i32, value: &str) -> Realisation {
    Realisation {
        indicator: indicator.into(),
        year,
        quarter: None,
        value: d(value),
        note: None,
        evidence: vec![Evidence {
            title: "Laporan".into(),
            file: None,
        }],
    }
}

fn official(position: &str) -> Official {
    Official {
        name: "N".into(),
        nip: None,
        rank: None,
        position: position.into(),
    }
}

pub(super) fn pk_target(indicator: &str, value: &str) -> AgreementTarget {
    AgreementTarget {
        indicator: indicator.into(),
        target: TargetValue::Single(d(value)),
    }
}

/// A small unit that passes every check: one IKU (target 80, realised 84), one program indicator (100/100),
/// a program with one kegiatan of two sub kegiatan (pagu 100 + 200, spent 90 + 200), its PK and narratives.
pub(super) fn fixture() -> Dataset {
    let mut data = Dataset {
        units: vec![Unit {
            code: "u".into(),
            name: "Kecamatan Uji".into(),
            kind: "kecamatan".into(),
            parent: None,
            place: None,
            head: None,
            legal_basis: None,
            tugas: None,
            fungsi: vec![],
        }],
        renstra: vec![Renstra {
            id: "r".into(),
            unit: "u".into(),
            start_year: 2024,
            end_year: 2026,
            title: None,
            revisions: vec![],
        }],
        tujuan: vec![Tujuan {
            id: "t".into(),
            renstra: "r".into(),
            text: "Tujuan".into(),
        }],
        sasaran: vec![Sasaran {
            id: "s1".into(),
            tujuan: "t".into(),
            text: "Sasaran satu".into(),
        }],
        program: vec![Program {
            id: "p".into(),
            unit: "u".into(),
            sasaran: "s1".into(),
            code: None,
            name: "Program Uji".into(),
            sasaran_program: None,
        }],
        kegiatan: vec![Kegiatan {
            id: "k".into(),
            program: "p".into(),
            code: None,
            name: "Kegiatan Uji".into(),
        }],
        sub_kegiatan: ["sa", "sb"]
            .into_iter()
            .map(|id| SubKegiatan {
                id: id.into(),
                kegiatan: "k".into(),
                code: None,
                name: format!("Sub {id}"),
            })
            .collect(),
        indicators: vec![
            indicator_def("iku", Level::Sasaran, "s1", Some("90")),
            indicator_def("ip", Level::Program, "p", Some("100")),
        ],
        targets: vec![target("iku", "80"), target("ip", "100")],
        realisations: vec![
            realisation("iku", 2024, "84"),
            realisation("iku", 2023, "86"),
            realisation("ip", 2024, "100"),
        ],
        pagu: [("sa", "100"), ("sb", "200")]
            .into_iter()
            .map(|(node, amount)| Pagu {
                node: node.into(),
                year: 2024,
                revision: 0,
                label: None,
                amount: d(amount),
            })
            .collect(),
        spending: [("sa", "90"), ("sb", "200")]
            .into_iter()
            .map(|(node, amount)| Spending {
                node: node.into(),
                year: 2024,
                amount: d(amount),
            })
            .collect(),
        agreements: vec![Agreement {
            unit: "u".into(),
            year: 2024,
            version: 1,
            date: None,
            place: None,
            first_party: official("Camat"),
            second_party: official("Bupati"),
            reason: None,
            status: AgreementStatus::Locked,
            targets: vec![pk_target("iku", "80")],
            programs: vec![AgreementProgram {
                program: "p".into(),
                indicators: vec![pk_target("ip", "100")],
                anggaran: d("300"),
            }],
        }],
        benchmarks: vec![Benchmark {
            indicator: "iku".into(),
            year: 2024,
            level: BenchmarkLevel::Kabupaten,
            value: Some(d("70")),
            source: None,
        }],
        ..Dataset::default()
    };
    for (section, _) in REQUIRED_SECTIONS {
        data.narratives.push(narrative(section, None));
    }
    data
}

pub(super) fn narrative(section: Section, subject: Option<&str>) -> Narrative {
    Narrative {
        unit: "u".into(),
        year: 2024,
        section,
        subject: subject.map(str::to_string),
        title: None,
        text: "Teks.".into(),
    }
}

pub(super) fn figure(
    location: &str,
    figure: Figure,
    subject: Option<&str>,
    printed: &str,
) -> PublishedFigure {
    PublishedFigure {
        unit: "u".into(),
        year: 2024,
        location: location.into(),
        figure,
        subject: subject.map(str::to_string),
        of_year: None,
        printed: printed.into(),
    }
}

pub(super) fn statement(
    location: &str,
    claim: Claim,
    subject: Option<&str>,
    count: Option<u32>,
) -> PublishedStatement {
    PublishedStatement {
        unit: "u".into(),
        year: 2024,
        location: location.into(),
        text: "Kalimat.".into(),
        claim,
        subject: subject.map(str::to_string),
        count,
    }
}

pub(super) fn caption(chapter: u8, number: &str, year_label: Option<i32>) -> PublishedCaption {
    PublishedCaption {
        unit: "u".into(),
        year: 2024,
        chapter,
        number: number.into(),
        title: "Judul".into(),
        year_label,
    }
}

pub(super) fn run(data: &Dataset) -> Review {
    review(data, "u", 2024).expect("unit exists")
}

/// (code, severity) of every finding.
pub(super) fn codes(data: &Dataset) -> Vec<(FindingCode, Severity)> {
    run(data)
        .findings
        .iter()
        .map(|f| (f.code, f.severity))
        .collect()
}

pub(super) fn only(data: &Dataset) -> Finding {
    let r = run(data);
    assert_eq!(r.findings.len(), 1, "{:#?}", r.findings);
    r.findings[0].clone()
}

#[test]
fn a_consistent_unit_is_clean() {
    let r = run(&fixture());
    assert_eq!(r.findings, vec![]);
    assert!(r.is_clean());
    assert_eq!(
        (r.unit.as_str(), r.unit_name.as_str(), r.year),
        ("u", "Kecamatan Uji", 2024)
    );
    assert_eq!(
        review(&fixture(), "nope", 2024).unwrap_err(),
        MeasureError::UnknownUnit("nope".into())
    );
}

#[test]
fn a_count_printed_and_stated_in_the_same_place_is_reported_once() {
    let mut data = fixture();
    data.published_statements = vec![statement(
        "BAB III 3.2",
        Claim::Count,
        Some("count_programs"),
        Some(2),
    )];
    data.published_figures = vec![figure("BAB III 3.2", Figure::CountPrograms, None, "2")];
    let f = only(&data);
    assert_eq!(
        (f.code, f.message.starts_with("“Kalimat.”")),
        (FindingCode::Count, true)
    );
}

#[test]
fn a_year_without_data_is_said_plainly() {
    let data = fixture();
    assert_eq!(
        review(&data, "u", 1900),
        Err(MeasureError::NoDataForYear {
            unit: "u".into(),
            year: 1900
        })
    );
    assert_eq!(
        review(&data, "u", 1900).unwrap_err().to_string(),
        "unit 'u' tidak memiliki data tahun 1900: tidak ada target, realisasi, narasi, PK, evaluasi atau laporan \
         terbit tahun itu"
    );
    // One narrative of the year is data: the reviu then lists what is missing.
    let mut data = fixture();
    let mut n = narrative(Section::Kesimpulan, None);
    n.year = 2030;
    data.narratives.push(n);
    assert!(review(&data, "u", 2030).is_ok());
}

#[test]
fn findings_are_ordered_by_severity() {
    let mut data = fixture();
    // Unnumbered (Catatan), skipped 3.1 (Peringatan), wrong year (Galat), in that order of checking.
    data.published_captions = vec![caption(3, "", None), caption(3, "Tabel 3.2", Some(2023))];
    let r = run(&data);
    let severities: Vec<Severity> = r.findings.iter().map(|f| f.severity).collect();
    assert_eq!(
        severities,
        vec![Severity::Galat, Severity::Peringatan, Severity::Catatan]
    );
    assert_eq!(
        r.counts,
        SeverityCounts {
            galat: 1,
            peringatan: 1,
            catatan: 1
        }
    );
    assert!(!r.is_clean());
}
