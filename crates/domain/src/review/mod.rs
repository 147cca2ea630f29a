//! Reviu (domain.md §7): the consistency check an Inspektorat reviewer makes of a unit-year.
//!
//! Everything is compared with the measurement ([`crate::measure`]), so the reviu and the tables can never use two
//! different formulas: recorded totals against the sum of their parts, figures recorded "as published" against the
//! recomputed ones (at the printed precision), PK targets and budgets against the plan, printed sentences against
//! the status of their indicators, missing realisations, evidence and narratives, table and figure numbering and
//! year labels, and the official IPP and AKIP values against the ones computed from their parts.
//!
//! Conventions for the `subject` of a published figure, beyond the ids of the dataset:
//! - `benchmark`: `indicator/level` (`iku-akip/kabupaten`); without the level part the level is read from the
//!   location ("Tabel 3.8 (Realisasi Kabupaten)").
//! - the totals of the efficiency tables (`efisiensi_anggaran_total`, `sdm_*_total`): absent or `iku` for the IKU
//!   table, `program` for the program table.
//! - `ikm_element`: `U1` (all respondents) or `service/U1`.
//! - statements whose location names the Renstra ("… (target akhir Renstra)") claim the end-of-period target
//!   (tingkat kemajuan), the others the annual target.

mod agreement;
mod captions;
mod figures;
mod finding;
mod missing;
mod narratives;
mod official;
mod place;
mod recompute;
mod statements;
mod totals;

#[cfg(test)]
mod tests;

pub use figures::{check_figure, unreadable};
pub use finding::{Explanation, Finding, FindingCode, Severity};
pub use recompute::{benchmark_level, figure_value, published_value};

use crate::measure::{measure, MeasureError};
use crate::model::{Dataset, PublishedCaption};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SeverityCounts {
    pub galat: usize,
    pub peringatan: usize,
    pub catatan: usize,
}

/// The review of a unit-year: findings ordered by severity (then in the order of the checks).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub unit: String,
    pub unit_name: String,
    pub year: i32,
    pub findings: Vec<Finding>,
    pub counts: SeverityCounts,
}

impl Review {
    /// No Galat and no Peringatan.
    pub fn is_clean(&self) -> bool {
        self.counts.galat == 0 && self.counts.peringatan == 0
    }
}

/// Reviews one unit in one year.
pub fn review(d: &Dataset, unit: &str, year: i32) -> Result<Review, MeasureError> {
    let m = measure(d, unit, year)?;
    if !d.has_year(unit, year) {
        return Err(MeasureError::NoDataForYear {
            unit: unit.to_string(),
            year,
        });
    }
    let mut findings = Vec::new();
    totals::totals_against_parts(&m, &mut findings);
    agreement::agreement(&m, d, &mut findings);
    missing::missing(&m, d, &mut findings);
    narratives::narratives(d, unit, year, &mut findings);
    for s in d
        .published_statements
        .iter()
        .filter(|s| s.unit == unit && s.year == year)
    {
        findings.extend(statements::check_statement(&m, d, s));
    }
    for p in d
        .published_figures
        .iter()
        .filter(|p| p.unit == unit && p.year == year)
    {
        findings.extend(figures::check_figure(&m, d, p));
    }
    let captions: Vec<&PublishedCaption> = d
        .published_captions
        .iter()
        .filter(|c| c.unit == unit && c.year == year)
        .collect();
    captions::check_captions(&captions, year, &mut findings);
    official::official_values(&m, &mut findings);

    let mut seen = std::collections::HashSet::new();
    findings.retain(|f| {
        seen.insert((
            f.code,
            f.location.clone(),
            f.expected.clone(),
            f.found.clone(),
        ))
    });
    findings.sort_by_key(|f| f.severity);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let counts = SeverityCounts {
        galat: count(Severity::Galat),
        peringatan: count(Severity::Peringatan),
        catatan: count(Severity::Catatan),
    };
    Ok(Review {
        unit: m.unit.code.clone(),
        unit_name: m.unit.name.clone(),
        year,
        findings,
        counts,
    })
}
