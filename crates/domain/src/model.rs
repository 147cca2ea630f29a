//! The SAKIP data of a pemda and its units (domain.md §2–§5): the [`Dataset`], and every record it holds (defined
//! in `record`, below the rules and formulas that read them, and named here too). Plain data, no behaviour beyond
//! look-ups: every calculation lives in `calc` and `measure`.

pub use crate::record::*;

use crate::rules::RuleSet;
use crate::survey_results::MonthlyTallies;
use serde::{Deserialize, Serialize};

/// Everything the system knows about one pemda: its units and all their SAKIP data.
///
/// Relations are by id (`unit`, `owner`, `program` …) so the same shape serves the text dataset, the database and
/// the API; `kinerja_interchange::validate` checks that every reference resolves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub pemda: Option<Pemda>,
    #[serde(default, rename = "rules")]
    pub rule_sets: Vec<RuleSet>,
    #[serde(default, rename = "unit")]
    pub units: Vec<Unit>,
    #[serde(default)]
    pub renstra: Vec<Renstra>,
    #[serde(default)]
    pub tujuan: Vec<Tujuan>,
    #[serde(default)]
    pub sasaran: Vec<Sasaran>,
    #[serde(default)]
    pub program: Vec<Program>,
    #[serde(default)]
    pub kegiatan: Vec<Kegiatan>,
    #[serde(default)]
    pub sub_kegiatan: Vec<SubKegiatan>,
    #[serde(default, rename = "indicator")]
    pub indicators: Vec<Indicator>,
    #[serde(default, rename = "target")]
    pub targets: Vec<Target>,
    #[serde(default, rename = "realisation")]
    pub realisations: Vec<Realisation>,
    #[serde(default)]
    pub pagu: Vec<Pagu>,
    #[serde(default)]
    pub spending: Vec<Spending>,
    #[serde(default, rename = "agreement")]
    pub agreements: Vec<Agreement>,
    #[serde(default, rename = "benchmark")]
    pub benchmarks: Vec<Benchmark>,
    #[serde(default)]
    pub staffing: Vec<Staffing>,
    #[serde(default, rename = "asset")]
    pub assets: Vec<AssetItem>,
    #[serde(default, rename = "ikm_service")]
    pub ikm_services: Vec<ServiceSummary>,
    #[serde(default, rename = "ikm_response")]
    pub ikm_responses: Vec<Response>,
    #[serde(default, rename = "ipp")]
    pub ipp: Vec<IppEvaluation>,
    #[serde(default, rename = "paten")]
    pub paten: Vec<PatenEvaluation>,
    #[serde(default, rename = "akip")]
    pub akip: Vec<AkipEvaluation>,
    #[serde(default, rename = "recommendation")]
    pub recommendations: Vec<Recommendation>,
    #[serde(default, rename = "report")]
    pub reports: Vec<ReportInfo>,
    #[serde(default, rename = "narrative")]
    pub narratives: Vec<Narrative>,
    #[serde(default, rename = "published_figure")]
    pub published_figures: Vec<PublishedFigure>,
    #[serde(default, rename = "published_caption")]
    pub published_captions: Vec<PublishedCaption>,
    #[serde(default, rename = "published_statement")]
    pub published_statements: Vec<PublishedStatement>,
    /// The survey responses stored in the database's survey tables, counted per service, year and month. Not part
    /// of the dataset format: storage fills it when it reads a unit (see `kinerja_storage`'s unit snapshot).
    #[serde(skip)]
    pub survey_tallies: Vec<MonthlyTallies>,
}

impl Dataset {
    /// Keeps the records of one year (and those that belong to no year): a year's export.
    pub fn only_year(mut self, year: i32) -> Dataset {
        self.targets.retain(|x| x.year == year);
        self.realisations.retain(|x| x.year == year);
        self.pagu.retain(|x| x.year == year);
        self.spending.retain(|x| x.year == year);
        self.agreements.retain(|x| x.year == year);
        self.benchmarks.retain(|x| x.year == year);
        self.staffing.retain(|x| x.year == year);
        self.assets.retain(|x| x.year == year);
        self.ikm_services.retain(|x| x.year == year);
        self.ikm_responses.retain(|x| x.year == year);
        self.ipp.retain(|x| x.year == year);
        self.paten.retain(|x| x.year == year);
        self.akip.retain(|x| x.year == year);
        self.recommendations.retain(|x| x.year == year);
        self.narratives.retain(|x| x.year == year);
        self.published_figures.retain(|x| x.year == year);
        self.published_captions.retain(|x| x.year == year);
        self.published_statements.retain(|x| x.year == year);
        self
    }

    /// The PK in force for a unit-year: the newest version approved or locked, or, while there is none, the newest
    /// draft. A new draft after locking does not replace the signed PK until its pimpinan approves it.
    pub fn agreement_in_force(&self, unit: &str, year: i32) -> Option<&Agreement> {
        let of_year = || {
            self.agreements
                .iter()
                .filter(move |a| a.unit == unit && a.year == year)
        };
        of_year()
            .filter(|a| a.status != AgreementStatus::Draft)
            .max_by_key(|a| a.version)
            .or_else(|| of_year().max_by_key(|a| a.version))
    }
    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.code == code)
    }
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
    pub fn program(&self, id: &str) -> Option<&Program> {
        self.program.iter().find(|p| p.id == id)
    }
    pub fn sasaran(&self, id: &str) -> Option<&Sasaran> {
        self.sasaran.iter().find(|s| s.id == id)
    }
    pub fn tujuan(&self, id: &str) -> Option<&Tujuan> {
        self.tujuan.iter().find(|t| t.id == id)
    }
    pub fn renstra(&self, id: &str) -> Option<&Renstra> {
        self.renstra.iter().find(|r| r.id == id)
    }
    /// Whether the unit has anything of its own recorded for the year: targets or realisations of its indicators,
    /// narratives, a PK, evaluations or figures of a published report. A reviu of a year without any says so
    /// instead of listing everything as missing, and no document is made for it (`/unit/ngoro/1900/lkjip.pdf`).
    pub fn has_year(&self, unit: &str, year: i32) -> bool {
        let own_indicator = |id: &str| {
            self.indicator(id)
                .is_some_and(|i| self.unit_of_indicator(i) == Some(unit))
        };
        self.targets
            .iter()
            .any(|t| t.year == year && own_indicator(&t.indicator))
            || self
                .realisations
                .iter()
                .any(|r| r.year == year && own_indicator(&r.indicator))
            || self
                .narratives
                .iter()
                .any(|n| n.unit == unit && n.year == year)
            || self
                .agreements
                .iter()
                .any(|a| a.unit == unit && a.year == year)
            || self.ipp.iter().any(|e| e.unit == unit && e.year == year)
            || self.akip.iter().any(|e| e.unit == unit && e.year == year)
            || self.paten.iter().any(|e| e.unit == unit && e.year == year)
            || self
                .published_figures
                .iter()
                .any(|p| p.unit == unit && p.year == year)
    }
    /// The rules in force for a year: the rule set of that year, else the latest earlier one, else the defaults.
    pub fn rules_for(&self, year: i32) -> RuleSet {
        self.rule_sets
            .iter()
            .filter(|r| r.year <= year)
            .max_by_key(|r| r.year)
            .cloned()
            .unwrap_or_else(|| RuleSet::defaults(year))
    }
    /// The unit that owns an indicator, following the cascade up (sub kegiatan → kegiatan → program → unit;
    /// sasaran → tujuan → renstra → unit).
    pub fn unit_of_indicator(&self, indicator: &Indicator) -> Option<&str> {
        self.unit_of_node(indicator.level, &indicator.owner)
    }
    /// The unit of a tujuan, sasaran, program, kegiatan or sub kegiatan.
    pub fn unit_of_node(&self, level: Level, id: &str) -> Option<&str> {
        match level {
            Level::Tujuan => {
                let t = self.tujuan(id)?;
                self.renstra(&t.renstra).map(|r| r.unit.as_str())
            }
            Level::Sasaran => self.unit_of_node(Level::Tujuan, &self.sasaran(id)?.tujuan),
            Level::Program => self.program(id).map(|p| p.unit.as_str()),
            Level::Kegiatan => self.unit_of_node(
                Level::Program,
                &self.kegiatan.iter().find(|k| k.id == id)?.program,
            ),
            Level::SubKegiatan => self.unit_of_node(
                Level::Kegiatan,
                &self.sub_kegiatan.iter().find(|s| s.id == id)?.kegiatan,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::agreement::tests_support::draft;

    #[test]
    fn a_new_draft_does_not_replace_the_signed_pk_until_approved() {
        let locked = draft().approve().unwrap().lock().unwrap();
        let next = locked.revise(1, "pagu berubah").unwrap();
        let mut data = Dataset {
            agreements: vec![next.clone(), locked],
            ..Dataset::default()
        };
        assert_eq!(data.agreement_in_force("u", 2024).unwrap().version, 1);
        data.agreements[0] = next.approve().unwrap();
        assert_eq!(data.agreement_in_force("u", 2024).unwrap().version, 2);
        // Only drafts: the newest draft.
        data.agreements[1].status = AgreementStatus::Draft;
        data.agreements[0].status = AgreementStatus::Draft;
        assert_eq!(data.agreement_in_force("u", 2024).unwrap().version, 2);
        assert!(data.agreement_in_force("u", 2025).is_none());
        assert!(data.agreement_in_force("v", 2024).is_none());
    }
}
