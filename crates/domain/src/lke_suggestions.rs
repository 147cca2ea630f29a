//! The LKE criteria the system can answer from a unit-year's own data, suggested to the evaluator with the evidence
//! behind each: the IKU defined (formula and data source), the PK signed on time, realisations entered every
//! quarter, the LKjIP made on time and published. A suggestion is only that — the LKE page shows it next to the
//! self-assessment and the evaluator still grades. Criteria are matched by their ids in the template
//! (`calc::lke::default_criteria`); a template without an id simply shows no suggestion for it.

use crate::date::Date;
use crate::model::{AgreementStatus, Dataset, Grade, Indicator, Level, ReportInfo};
use crate::monitoring::quarter_name;

/// "Rencana Kinerja Tahunan dan Perjanjian Kinerja telah disusun dan ditetapkan tepat waktu".
pub const PK_ON_TIME: &str = "1.a.2";
/// "Setiap indikator kinerja memiliki definisi operasional, formula dan sumber data yang jelas".
pub const IKU_DEFINED: &str = "2.a.2";
/// "Pengukuran kinerja dilakukan secara berjenjang dan berkala".
pub const MEASURED_EACH_QUARTER: &str = "2.a.3";
/// "Laporan kinerja (LKjIP) telah disusun dan disampaikan tepat waktu".
pub const LKJIP_ON_TIME: &str = "3.a.1";
/// "Laporan kinerja telah dipublikasikan".
pub const LKJIP_PUBLISHED: &str = "3.a.2";

/// Indicators named in one sentence before "dan N lainnya".
const NAMED: usize = 3;

/// A suggested answer to one criterion, with the sentence that justifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The criterion's id in the LKE template.
    pub criterion: &'static str,
    pub grade: Grade,
    pub evidence: String,
}

/// The PK is due one month after the budget document (PermenPANRB 53/2014), which the pemda approves at the turn of
/// the year: the end of January of its year.
fn pk_due(year: i32) -> Option<Date> {
    Date::new(year, 1, 31)
}

/// The LKjIP is due two months after the year ends (Perpres 29/2014): the last day of February of the next year.
fn lkjip_due(year: i32) -> Option<Date> {
    Date::new(year + 1, 3, 1).map(|d| Date::from_days_since_epoch(d.days_since_epoch() - 1))
}

/// Every suggestion for a unit-year, in criterion order.
pub fn suggest(data: &Dataset, unit: &str, year: i32) -> Vec<Suggestion> {
    vec![
        agreement(data, unit, year),
        iku_defined(data, unit, year),
        measured_each_quarter(data, unit, year),
        lkjip_on_time(data, unit, year),
        lkjip_published(data, unit, year),
    ]
}

fn yes(ok: bool) -> Grade {
    if ok {
        Grade::Y
    } else {
        Grade::T
    }
}

/// "A, B, C dan 2 lainnya".
fn names(list: &[&Indicator]) -> String {
    let shown: Vec<&str> = list.iter().take(NAMED).map(|i| i.name.as_str()).collect();
    let mut text = shown.join(", ");
    if list.len() > NAMED {
        text.push_str(&format!(" dan {} lainnya", list.len() - NAMED));
    }
    text
}

/// The unit's indicators of the year: those with a yearly target for it, in dataset order.
fn targeted<'a>(data: &'a Dataset, unit: &'a str, year: i32) -> Vec<&'a Indicator> {
    data.indicators
        .iter()
        .filter(|i| data.unit_of_indicator(i) == Some(unit))
        .filter(|i| {
            data.targets
                .iter()
                .any(|t| t.indicator == i.id && t.year == year && t.quarter.is_none())
        })
        .collect()
}

fn agreement(data: &Dataset, unit: &str, year: i32) -> Suggestion {
    let (ok, evidence) = match data.agreement_in_force(unit, year) {
        None => (false, format!("Belum ada Perjanjian Kinerja tahun {year}.")),
        Some(a) if a.status == AgreementStatus::Draft => (
            false,
            format!(
                "Perjanjian Kinerja tahun {year} versi {} masih draf, belum disetujui pimpinan.",
                a.version
            ),
        ),
        Some(a) => {
            let due = pk_due(year);
            match a.date {
                None => (
                    false,
                    format!(
                        "Perjanjian Kinerja tahun {year} versi {} sudah {}, tetapi tanggal penandatanganannya tidak \
                         tercatat.",
                        a.version,
                        a.status.label().to_lowercase()
                    ),
                ),
                Some(signed) => {
                    let on_time = due.is_some_and(|due| signed <= due);
                    let limit = due.map(|d| d.indonesian()).unwrap_or_default();
                    (
                        on_time,
                        format!(
                            "Perjanjian Kinerja tahun {year} versi {} ditandatangani {} ({} batas {limit}).",
                            a.version,
                            signed.indonesian(),
                            if on_time { "sebelum" } else { "melewati" }
                        ),
                    )
                }
            }
        }
    };
    Suggestion {
        criterion: PK_ON_TIME,
        grade: yes(ok),
        evidence,
    }
}

fn iku_defined(data: &Dataset, unit: &str, year: i32) -> Suggestion {
    let iku: Vec<&Indicator> = targeted(data, unit, year)
        .into_iter()
        .filter(|i| i.level == Level::Sasaran)
        .collect();
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|t| t.trim().is_empty());
    let no_formula: Vec<&Indicator> = iku.iter().copied().filter(|i| blank(&i.formula)).collect();
    let no_source: Vec<&Indicator> = iku
        .iter()
        .copied()
        .filter(|i| blank(&i.data_source))
        .collect();
    let evidence = if iku.is_empty() {
        format!("Belum ada IKU bertarget tahun {year}.")
    } else if no_formula.is_empty() && no_source.is_empty() {
        format!(
            "Semua {} IKU tahun {year} memiliki formula dan sumber data.",
            iku.len()
        )
    } else {
        let mut parts = Vec::new();
        if !no_formula.is_empty() {
            parts.push(format!("tanpa formula: {}", names(&no_formula)));
        }
        if !no_source.is_empty() {
            parts.push(format!("tanpa sumber data: {}", names(&no_source)));
        }
        format!("Dari {} IKU tahun {year}, {}.", iku.len(), parts.join("; "))
    };
    Suggestion {
        criterion: IKU_DEFINED,
        grade: yes(!iku.is_empty() && no_formula.is_empty() && no_source.is_empty()),
        evidence,
    }
}

fn measured_each_quarter(data: &Dataset, unit: &str, year: i32) -> Suggestion {
    let indicators = targeted(data, unit, year);
    let missing_of = |i: &Indicator| -> Vec<u8> {
        (1..=4u8)
            .filter(|q| {
                !data
                    .realisations
                    .iter()
                    .any(|r| r.indicator == i.id && r.year == year && r.quarter == Some(*q))
            })
            .collect()
    };
    let incomplete: Vec<(&Indicator, Vec<u8>)> = indicators
        .iter()
        .map(|i| (*i, missing_of(i)))
        .filter(|(_, m)| !m.is_empty())
        .collect();
    let evidence = if indicators.is_empty() {
        format!("Belum ada indikator bertarget tahun {year}.")
    } else if incomplete.is_empty() {
        format!(
            "Realisasi TW I–IV tahun {year} lengkap untuk semua {} indikator bertarget.",
            indicators.len()
        )
    } else {
        let (first, quarters) = &incomplete[0];
        let quarters: Vec<&str> = quarters.iter().map(|q| quarter_name(*q)).collect();
        let list: Vec<&Indicator> = incomplete.iter().map(|(i, _)| *i).collect();
        format!(
            "Realisasi triwulanan tahun {year} belum lengkap untuk {} dari {} indikator bertarget: {} (pada {} belum \
             ada {}).",
            incomplete.len(),
            indicators.len(),
            names(&list),
            first.name,
            quarters.join(", ")
        )
    };
    Suggestion {
        criterion: MEASURED_EACH_QUARTER,
        grade: yes(!indicators.is_empty() && incomplete.is_empty()),
        evidence,
    }
}

fn report<'a>(data: &'a Dataset, unit: &str, year: i32) -> Option<&'a ReportInfo> {
    data.reports
        .iter()
        .find(|r| r.unit == unit && r.year == year)
}

fn lkjip_on_time(data: &Dataset, unit: &str, year: i32) -> Suggestion {
    let due = lkjip_due(year);
    let limit = due.map(|d| d.indonesian()).unwrap_or_default();
    let (ok, evidence) = match report(data, unit, year) {
        Some(r) if r.status != AgreementStatus::Draft => match r.date {
            Some(date) => {
                let on_time = due.is_some_and(|due| date <= due);
                (
                    on_time,
                    format!(
                        "LKjIP tahun {year} ditetapkan {} ({} batas {limit}).",
                        date.indonesian(),
                        if on_time { "sebelum" } else { "melewati" }
                    ),
                )
            }
            None => (
                false,
                format!("LKjIP tahun {year} sudah disetujui, tetapi tanggalnya tidak tercatat."),
            ),
        },
        Some(_) => (
            false,
            format!("LKjIP tahun {year} masih draf (batas {limit})."),
        ),
        None => (
            false,
            format!("LKjIP tahun {year} belum disusun (batas {limit})."),
        ),
    };
    Suggestion {
        criterion: LKJIP_ON_TIME,
        grade: yes(ok),
        evidence,
    }
}

fn lkjip_published(data: &Dataset, unit: &str, year: i32) -> Suggestion {
    let status = report(data, unit, year).map(|r| r.status);
    let evidence = match status {
        Some(AgreementStatus::Locked) => {
            format!("LKjIP tahun {year} sudah final (dikunci) dan dapat dibaca publik.")
        }
        Some(AgreementStatus::Approved) => {
            format!(
                "LKjIP tahun {year} sudah disetujui tetapi belum dikunci sebagai terbitan final."
            )
        }
        Some(AgreementStatus::Draft) => format!("LKjIP tahun {year} masih draf."),
        None => format!("LKjIP tahun {year} belum disusun."),
    };
    Suggestion {
        criterion: LKJIP_PUBLISHED,
        grade: yes(status == Some(AgreementStatus::Locked)),
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Realisation;
    use serde_json::json;

    /// A unit with two IKU and one program indicator, each targeted for 2025, PK signed on 15 January, the LKjIP
    /// locked on 20 February 2026, and every quarter realised.
    fn data() -> Dataset {
        let official = json!({ "name": "Camat", "position": "Camat" });
        let mut realisations = Vec::new();
        for i in ["iku-1", "iku-2", "prog-1"] {
            for q in 1..=4 {
                realisations
                    .push(json!({ "indicator": i, "year": 2025, "quarter": q, "value": 10 }));
            }
        }
        let indicator = |id: &str, level: &str, owner: &str| {
            json!({
                "id": id, "level": level, "owner": owner, "name": format!("Indikator {id}"), "satuan": "%",
                "formula": "a / b × 100", "data_source": "Laporan seksi"
            })
        };
        serde_json::from_value(json!({
            "unit": [{ "code": "u", "name": "Kecamatan U", "kind": "kecamatan" }],
            "renstra": [{ "id": "r", "unit": "u", "start_year": 2025, "end_year": 2029 }],
            "tujuan": [{ "id": "t", "renstra": "r", "text": "Tujuan" }],
            "sasaran": [{ "id": "s", "tujuan": "t", "text": "Sasaran" }],
            "program": [{ "id": "p", "unit": "u", "sasaran": "s", "name": "Program" }],
            "indicator": [
                indicator("iku-1", "sasaran", "s"),
                indicator("iku-2", "sasaran", "s"),
                indicator("prog-1", "program", "p"),
            ],
            "target": [
                { "indicator": "iku-1", "year": 2025, "value": 80 },
                { "indicator": "iku-2", "year": 2025, "value": 90 },
                { "indicator": "prog-1", "year": 2025, "value": 100 },
            ],
            "realisation": realisations,
            "agreement": [{
                "unit": "u", "year": 2025, "version": 1, "date": "2025-01-15", "first_party": official,
                "second_party": official, "status": "locked"
            }],
            "report": [{ "unit": "u", "year": 2025, "date": "2026-02-20", "status": "locked" }],
        }))
        .expect("test dataset")
    }

    fn on(data: &Dataset, criterion: &str) -> Suggestion {
        suggest(data, "u", 2025)
            .into_iter()
            .find(|s| s.criterion == criterion)
            .expect("suggested")
    }

    #[test]
    fn a_complete_unit_year_is_answered_yes() {
        let d = data();
        let all = suggest(&d, "u", 2025);
        assert!(all.iter().all(|s| s.grade == Grade::Y), "{all:#?}");
        assert_eq!(
            on(&d, IKU_DEFINED).evidence,
            "Semua 2 IKU tahun 2025 memiliki formula dan sumber data."
        );
        assert_eq!(
            on(&d, PK_ON_TIME).evidence,
            "Perjanjian Kinerja tahun 2025 versi 1 ditandatangani 15 Januari 2025 (sebelum batas 31 Januari 2025)."
        );
        assert_eq!(
            on(&d, LKJIP_ON_TIME).evidence,
            "LKjIP tahun 2025 ditetapkan 20 Februari 2026 (sebelum batas 28 Februari 2026)."
        );
        // Another unit or year has nothing to show.
        assert!(suggest(&d, "u", 2026).iter().all(|s| s.grade == Grade::T));
    }

    #[test]
    fn removing_a_formula_drops_the_iku_suggestion() {
        let mut d = data();
        d.indicators[1].formula = Some("  ".into());
        let s = on(&d, IKU_DEFINED);
        assert_eq!(s.grade, Grade::T);
        assert_eq!(
            s.evidence,
            "Dari 2 IKU tahun 2025, tanpa formula: Indikator iku-2."
        );
        // A program indicator without a source is not an IKU: no change there.
        let mut d = data();
        d.indicators[2].data_source = None;
        assert_eq!(on(&d, IKU_DEFINED).grade, Grade::Y);
        d.indicators[0].data_source = None;
        assert_eq!(on(&d, IKU_DEFINED).grade, Grade::T);
    }

    #[test]
    fn the_missing_quarter_decides_and_adding_it_completes() {
        let mut d = data();
        d.realisations
            .retain(|r| !(r.indicator == "prog-1" && r.quarter == Some(2)));
        // The annual value does not stand for a missing quarter.
        d.realisations.push(Realisation {
            indicator: "prog-1".into(),
            year: 2025,
            quarter: None,
            value: 40.into(),
            note: None,
            evidence: vec![],
        });
        let s = on(&d, MEASURED_EACH_QUARTER);
        assert_eq!(s.grade, Grade::T);
        assert_eq!(
            s.evidence,
            "Realisasi triwulanan tahun 2025 belum lengkap untuk 1 dari 3 indikator bertarget: Indikator prog-1 \
             (pada Indikator prog-1 belum ada TW II)."
        );
        d.realisations.push(Realisation {
            indicator: "prog-1".into(),
            year: 2025,
            quarter: Some(2),
            value: 10.into(),
            note: None,
            evidence: vec![],
        });
        assert_eq!(on(&d, MEASURED_EACH_QUARTER).grade, Grade::Y);
    }

    #[test]
    fn the_pk_must_be_signed_and_dated_by_the_end_of_january() {
        let mut d = data();
        d.agreements[0].date = Date::new(2025, 1, 31);
        assert_eq!(on(&d, PK_ON_TIME).grade, Grade::Y);
        d.agreements[0].date = Date::new(2025, 2, 1);
        let s = on(&d, PK_ON_TIME);
        assert_eq!(s.grade, Grade::T);
        assert!(
            s.evidence.contains("melewati batas 31 Januari 2025"),
            "{}",
            s.evidence
        );
        d.agreements[0].date = None;
        assert_eq!(on(&d, PK_ON_TIME).grade, Grade::T);
        // A draft on time is not yet agreed.
        d.agreements[0].date = Date::new(2025, 1, 10);
        d.agreements[0].status = AgreementStatus::Draft;
        let s = on(&d, PK_ON_TIME);
        assert_eq!(s.grade, Grade::T);
        assert!(s.evidence.contains("masih draf"));
    }

    #[test]
    fn the_lkjip_deadline_follows_february_and_publication_needs_the_lock() {
        let mut d = data();
        assert_eq!(lkjip_due(2027), Date::new(2028, 2, 29));
        d.reports[0].date = Date::new(2026, 3, 1);
        assert_eq!(on(&d, LKJIP_ON_TIME).grade, Grade::T);
        d.reports[0].date = Date::new(2026, 2, 28);
        assert_eq!(on(&d, LKJIP_ON_TIME).grade, Grade::Y);
        d.reports[0].status = AgreementStatus::Approved;
        assert_eq!(on(&d, LKJIP_ON_TIME).grade, Grade::Y);
        assert_eq!(on(&d, LKJIP_PUBLISHED).grade, Grade::T);
        d.reports.clear();
        assert_eq!(
            on(&d, LKJIP_PUBLISHED).evidence,
            "LKjIP tahun 2025 belum disusun."
        );
    }

    #[test]
    fn long_lists_are_cut_after_three_names() {
        let d = data();
        let all: Vec<&Indicator> = d.indicators.iter().chain(d.indicators.iter()).collect();
        assert_eq!(
            names(&all),
            "Indikator iku-1, Indikator iku-2, Indikator prog-1 dan 3 lainnya"
        );
    }
}
