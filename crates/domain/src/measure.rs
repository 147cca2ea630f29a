//! The measurement of a unit-year: every computed table of LKjIP BAB III (Tabel 3.1–3.18 and the index tables),
//! built only from the formulas in `calc`. Documents, web pages, exports and the API all show this structure.

use crate::calc::capaian::{
    aggregate_quarters, apply_cap, capaian, weighted_mean, NotComputable, TargetStatus,
};
use crate::calc::indices;
use crate::calc::resources::{efficiency, ketersediaan, serapan, silpa};
use crate::model::*;
use crate::rules::{IppRegulation, RuleSet, ScaleChoice};
use crate::scale::{self, Scale};
use crate::survey_results::Tally;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// Why a measurement cannot be made at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeasureError {
    UnknownUnit(String),
}

impl std::fmt::Display for MeasureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MeasureError::UnknownUnit(u) => write!(f, "unit '{u}' tidak ada di dataset"),
        }
    }
}

impl std::error::Error for MeasureError {}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measurement {
    pub unit: UnitRef,
    pub year: i32,
    pub rules: RulesInForce,
    /// Tabel 3.1 and 3.2.
    pub iku: IkuTable,
    /// Capaian per sasaran strategis (mean of its indicators).
    pub sasaran: Vec<SasaranResult>,
    /// Tabel 2.5 / 3.3: program, kegiatan and sub kegiatan with their indicators, in cascade order.
    pub activities: Vec<ActivityResult>,
    /// Mean capaian of the program indicators (Tabel 3.13).
    pub program_average: Average,
    /// Tabel 3.4 and 3.5.
    pub history: HistoryTable,
    /// Tabel 3.6 and 3.7.
    pub progress: ProgressTable,
    /// Tabel 3.8 and 3.9.
    pub benchmarks: BenchmarkTable,
    /// Tabel 3.10–3.13.
    pub budget: BudgetSection,
    /// Tabel 3.14–3.18 and the sarpras efficiency.
    pub efficiency: EfficiencySection,
    pub ikm: Option<IkmResult>,
    pub ipp: Option<IppResult>,
    pub ikpp: Option<IkppResult>,
    pub akip: Option<AkipResult>,
}

impl Measurement {
    /// Every indicator of the unit in report order: the IKU, then programs, kegiatan and sub kegiatan.
    pub fn indicators(&self) -> impl Iterator<Item = &IndicatorResult> {
        self.iku
            .rows
            .iter()
            .map(|r| &r.indicator)
            .chain(self.activities.iter().flat_map(|a| a.indicators.iter()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRef {
    pub code: String,
    pub name: String,
}

/// The name of every rule a figure depends on, so it can be printed beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RulesInForce {
    pub capaian_scale: String,
    pub cap: String,
    pub capaian_decimals: u32,
    pub ikm_weight: String,
    pub ikm_unit_method: String,
    pub ikm_period: String,
    pub ipp_regulation: String,
    pub akip_blend: String,
    pub efficiency_basis: String,
    pub rollup: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Predicate {
    pub code: String,
    pub label: String,
    pub scale: String,
}

pub(crate) fn predicate(scale: &Scale, value: Decimal) -> Option<Predicate> {
    scale.classify(value).map(|b| Predicate {
        code: b.code.clone(),
        label: b.label.clone(),
        scale: scale.name.clone(),
    })
}

/// One indicator measured in the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorResult {
    pub id: String,
    pub name: String,
    pub level: Level,
    pub owner: String,
    pub satuan: String,
    pub polarity: Polarity,
    pub decimals: u32,
    pub target: Option<TargetValue>,
    pub realisation: Option<Decimal>,
    /// Where the annual realisation came from; `None` without one.
    pub realisation_source: Option<RealisationSource>,
    /// TW I–IV realisations as entered.
    pub quarters: [Option<Decimal>; 4],
    /// Uncapped capaian in percent.
    pub capaian: Option<Decimal>,
    /// Capaian after the cap in force (equal to `capaian` without a cap): the figure roll-ups use.
    pub capaian_effective: Option<Decimal>,
    pub not_computable: Option<String>,
    pub status: Option<TargetStatus>,
    pub predicate: Option<Predicate>,
}

/// Where an indicator's annual realisation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RealisationSource {
    /// Entered as the annual value: the official figure, which wins over anything computed.
    Entered,
    /// An IKM or IKPP indicator without an entered value: the unit's index for the period of the rules.
    Survey,
    /// A PATEN indicator without an entered value: the score the evaluator gave for that year.
    Evaluation,
    /// Aggregated from the entered quarters.
    Quarters,
}

impl RealisationSource {
    pub fn label(self) -> &'static str {
        match self {
            RealisationSource::Entered => "nilai resmi",
            RealisationSource::Survey => "dihitung dari survei",
            RealisationSource::Evaluation => "nilai dari evaluator",
            RealisationSource::Quarters => "dari triwulan",
        }
    }
}

/// A mean of capaian values, with how it was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Average {
    pub method: String,
    /// Mean of the uncapped values.
    pub value: Option<Decimal>,
    /// Mean of the values after the cap in force.
    pub effective: Option<Decimal>,
    /// Mean of the values capped at 100, whatever the rule in force (the reference report's stated method).
    pub capped_at_100: Option<Decimal>,
    pub count: usize,
    pub not_computable: usize,
    pub predicate: Option<Predicate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IkuTable {
    pub tujuan: Vec<String>,
    pub rows: Vec<IkuRow>,
    pub average: Average,
    /// Tabel 3.2: how many sasaran indicators exceeded, met or missed their target.
    pub exceeded: usize,
    pub met: usize,
    pub not_met: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IkuRow {
    pub sasaran: String,
    pub sasaran_text: String,
    pub indicator: IndicatorResult,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SasaranResult {
    pub id: String,
    pub text: String,
    pub indicators: Vec<String>,
    pub capaian: Average,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityResult {
    pub level: Level,
    pub id: String,
    pub name: String,
    pub code: Option<String>,
    pub indicators: Vec<IndicatorResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryTable {
    pub years: [i32; 3],
    pub iku: Vec<HistoryRow>,
    pub programs: Vec<HistoryRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryRow {
    pub indicator: String,
    pub name: String,
    pub owner: String,
    pub target: Option<TargetValue>,
    /// Realisations of n−2, n−1 and n.
    pub realisations: [Option<Decimal>; 3],
    /// n−1 minus n−2, and n minus n−1.
    pub changes: [Option<Decimal>; 2],
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressTable {
    pub iku: Vec<ProgressRow>,
    pub iku_average: Average,
    pub programs: Vec<ProgressRow>,
    pub programs_average: Average,
}

/// Tingkat kemajuan: the capaian rule applied with the Renstra end target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressRow {
    pub indicator: String,
    pub name: String,
    pub owner: String,
    pub end_target: Option<TargetValue>,
    pub realisation: Option<Decimal>,
    pub tingkat_kemajuan: Option<Decimal>,
    pub not_computable: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkTable {
    pub iku: Vec<BenchmarkRow>,
    pub programs: Vec<BenchmarkRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkRow {
    pub indicator: String,
    pub name: String,
    pub owner: String,
    pub realisation: Option<Decimal>,
    pub comparisons: Vec<BenchmarkValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkValue {
    pub level: BenchmarkLevel,
    /// `None`: data tidak tersedia.
    pub value: Option<Decimal>,
    pub source: Option<String>,
    /// Realisation minus the benchmark.
    pub difference: Option<Decimal>,
}

/// Pagu and spending of one budget holder (a node, a sasaran, the unit).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Money {
    pub pagu: Option<Decimal>,
    pub spending: Option<Decimal>,
    pub serapan: Option<Decimal>,
    pub silpa: Option<Decimal>,
}

impl Money {
    fn new(pagu: Option<Decimal>, spending: Option<Decimal>) -> Money {
        let (serapan, silpa) = match (pagu, spending) {
            (Some(p), Some(s)) => (serapan(p, s), Some(silpa(p, s))),
            _ => (None, None),
        };
        Money {
            pagu,
            spending,
            serapan,
            silpa,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetRow {
    pub level: Level,
    pub id: String,
    pub name: String,
    /// The node's own figures where recorded, else the sum of its parts.
    pub money: Money,
    /// The sum of its parts, where it has parts with figures; differs from `money` when a recorded total
    /// disagrees with its parts.
    pub parts_pagu: Option<Decimal>,
    pub parts_spending: Option<Decimal>,
    pub indicators: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SasaranBudget {
    pub sasaran: String,
    pub text: String,
    pub indicators: Vec<String>,
    pub capaian: Average,
    pub money: Money,
    /// Share of the unit's pagu, in percent.
    pub share: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgramBudget {
    pub program: String,
    pub name: String,
    pub indicators: Vec<String>,
    pub capaian: Average,
    pub money: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetSection {
    pub tree: Vec<BudgetRow>,
    pub by_sasaran: Vec<SasaranBudget>,
    pub by_program: Vec<ProgramBudget>,
    pub total: Money,
    pub counts: Counts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub programs: usize,
    pub kegiatan: usize,
    pub sub_kegiatan: usize,
    pub indicators: usize,
}

/// `capaian − input` where input is serapan or ketersediaan; meaningful when the target is met.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EfficiencyRow {
    pub subject: String,
    pub name: String,
    pub capaian: Option<Decimal>,
    pub input_percent: Option<Decimal>,
    pub efficiency: Option<Decimal>,
    pub target_met: bool,
    pub need: Option<u32>,
    pub available: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EfficiencySection {
    /// Tabel 3.14: per IKU, capaian against the serapan of its sasaran's budget.
    pub budget_iku: Vec<EfficiencyRow>,
    pub budget_iku_total: EfficiencyRow,
    /// Tabel 3.15: per program.
    pub budget_programs: Vec<EfficiencyRow>,
    pub budget_programs_total: EfficiencyRow,
    /// Tabel 3.16: per IKU, against staff availability (ABK).
    pub sdm_iku: Vec<EfficiencyRow>,
    pub sdm_iku_total: EfficiencyRow,
    /// Tabel 3.17: per program.
    pub sdm_programs: Vec<EfficiencyRow>,
    pub sdm_programs_total: EfficiencyRow,
    /// Tabel 3.18.
    pub sarpras: SarprasResult,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SarprasResult {
    pub items: Vec<SarprasRow>,
    pub available: u32,
    pub need: u32,
    pub ketersediaan: Option<Decimal>,
    /// IKU average against the overall availability.
    pub efficiency: EfficiencyRow,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SarprasRow {
    pub name: String,
    pub available: u32,
    pub need: u32,
    pub ketersediaan: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IkmResult {
    pub services: Vec<IkmServiceResult>,
    pub elements: Vec<IkmElementResult>,
    /// Mean of the services' values (labelled "rata-rata layanan").
    pub mean_of_services: Option<Decimal>,
    /// All respondents together (each service weighted by its respondents).
    pub pooled: Option<Decimal>,
    /// The value the rules pick for IKPP and the headline.
    pub unit_value: Option<Decimal>,
    pub mutu: Option<Predicate>,
    pub male: u32,
    pub female: u32,
    pub respondents: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IkmServiceResult {
    pub service: String,
    pub elements: BTreeMap<Element, Decimal>,
    pub ikm: Option<Decimal>,
    pub mutu: Option<Predicate>,
    pub male: u32,
    pub female: u32,
    pub respondents: u32,
    /// Whether the figures come from raw responses or from a published summary.
    pub from_responses: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IkmElementResult {
    pub element: Element,
    pub name: String,
    /// Mean over the services of the element's value (25–100).
    pub mean: Option<Decimal>,
    /// Sum over the services.
    pub total: Decimal,
    /// Respondent-weighted over the services.
    pub pooled: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IppResult {
    pub aspects: Vec<IppAspectResult>,
    pub computed: Option<Decimal>,
    pub official: Option<Decimal>,
    /// Official minus computed.
    pub difference: Option<Decimal>,
    pub band: Option<Predicate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IppAspectResult {
    pub aspect: IppAspect,
    pub label: String,
    pub weight_percent: u32,
    pub value: Decimal,
    pub weighted: Decimal,
    pub recommendations: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IkppResult {
    pub ikm: Decimal,
    pub ipp: Decimal,
    pub value: Decimal,
    pub band: Option<Predicate>,
    pub formula: String,
}

impl IppResult {
    /// The IPP that counts (band, IKPP, an IPP indicator): the official value the evaluator announced wins over the
    /// one computed from the aspects.
    pub fn value(&self) -> Option<Decimal> {
        self.official.or(self.computed)
    }
}

/// An IPP evaluation measured under a regulation's aspect weights: each aspect's weighted value, the computed IPP
/// (all six aspects needed), the official value beside it with the difference, and the band of the value that
/// counts.
pub fn ipp_result(e: &IppEvaluation, regulation: IppRegulation) -> IppResult {
    let weights = regulation.weights();
    let aspects = indices::ipp_aspect_values(&e.aspects, regulation)
        .into_iter()
        .map(|(aspect, value, weighted)| {
            let position = IppAspect::ALL
                .iter()
                .position(|a| *a == aspect)
                .unwrap_or(0);
            IppAspectResult {
                aspect,
                label: aspect.label().to_string(),
                weight_percent: weights[position],
                value,
                weighted,
                recommendations: e
                    .aspects
                    .iter()
                    .find(|a| a.aspect == aspect)
                    .map(|a| a.recommendations.clone())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let computed = indices::ipp(&e.aspects, regulation);
    let mut result = IppResult {
        aspects,
        computed,
        official: e.official,
        difference: match (e.official, computed) {
            (Some(o), Some(c)) => Some(o - c),
            _ => None,
        },
        band: None,
    };
    result.band = result.value().and_then(|v| predicate(&scale::ipp(), v));
    result
}

/// IKPP (Kabupaten Jombang) from the unit's IKM and the IPP that counts; `None` without either.
pub fn ikpp_result(ikm: Option<Decimal>, ipp: &IppResult) -> Option<IkppResult> {
    let (ikm, ipp) = (ikm?, ipp.value()?);
    let value = indices::ikpp(ikm, ipp);
    Some(IkppResult {
        ikm,
        ipp,
        value,
        band: predicate(&scale::ikpp(), value),
        formula: "IKPP = 1,25 × (IKM / 25) + IPP".to_string(),
    })
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AkipResult {
    pub components: Vec<AkipComponentResult>,
    pub lke_total: Option<Decimal>,
    pub total: Decimal,
    pub predicate: Option<Predicate>,
    pub official: Option<Decimal>,
    pub difference: Option<Decimal>,
    pub lhe_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AkipComponentResult {
    pub component: AkipComponent,
    pub label: String,
    pub weight: Decimal,
    pub lke: Option<Decimal>,
    pub field: Option<Decimal>,
    pub score: Decimal,
    /// Score in percent of the component's weight.
    pub percent_of_weight: Option<Decimal>,
}

/// Measures one unit in one year.
pub fn measure(data: &Dataset, unit: &str, year: i32) -> Result<Measurement, MeasureError> {
    let unit_ref = data
        .unit(unit)
        .ok_or_else(|| MeasureError::UnknownUnit(unit.to_string()))?;
    let rules = data.rules_for(year);
    let mut m = Measurer {
        data,
        unit,
        year,
        rules: &rules,
        scale: rules.capaian_scale.scale(),
        indices: IndexValues::default(),
    };
    // The indices first: an IKM or IKPP indicator without an entered realisation takes its value from them.
    let ikm = m.ikm();
    let ipp = m.ipp();
    let ikpp = ipp
        .as_ref()
        .and_then(|p| ikpp_result(ikm.as_ref().and_then(|k| k.unit_value), p));
    m.indices = IndexValues {
        ikm: ikm.as_ref().and_then(|k| k.unit_value),
        ikpp: ikpp.as_ref().map(|k| k.value),
    };
    let iku = m.iku_table();
    let sasaran = m.sasaran_results();
    let activities = m.activities();
    let program_indicators = m.program_indicators();
    let program_average = m.average(
        &program_indicators
            .iter()
            .map(|(_, r)| r.clone())
            .collect::<Vec<_>>(),
    );
    let budget = m.budget();
    Ok(Measurement {
        unit: UnitRef {
            code: unit_ref.code.clone(),
            name: unit_ref.name.clone(),
        },
        year,
        rules: m.rules_in_force(),
        history: m.history(),
        progress: m.progress(),
        benchmarks: m.benchmarks(),
        efficiency: m.efficiency(&iku, &budget, &program_indicators),
        akip: m.akip(),
        iku,
        sasaran,
        activities,
        program_average,
        budget,
        ikm,
        ipp,
        ikpp,
    })
}

/// (pagu, spending) of a budget holder, each unknown when not recorded.
type Amounts = (Option<Decimal>, Option<Decimal>);

struct Measurer<'a> {
    data: &'a Dataset,
    unit: &'a str,
    year: i32,
    rules: &'a RuleSet,
    scale: Scale,
    indices: IndexValues,
}

/// The unit's computed indices of the year, for indicators that measure them.
#[derive(Default)]
struct IndexValues {
    ikm: Option<Decimal>,
    ikpp: Option<Decimal>,
}

impl<'a> Measurer<'a> {
    fn rules_in_force(&self) -> RulesInForce {
        let r = self.rules;
        let scale_name = match &r.capaian_scale {
            ScaleChoice::Named(_) => self.scale.name.clone(),
            ScaleChoice::Custom(s) => format!("{} (skala sendiri)", s.name),
        };
        RulesInForce {
            capaian_scale: scale_name,
            cap: r.cap.describe(),
            capaian_decimals: r.capaian_decimals,
            ikm_weight: r.ikm_weight.describe().to_string(),
            ikm_unit_method: r.ikm_unit_method.describe().to_string(),
            ikm_period: r.ikm_period.label().to_string(),
            ipp_regulation: r.ipp_regulation.describe().to_string(),
            akip_blend: match r.akip_blend {
                Some(b) => format!(
                    "{} × LKE + {} × evaluasi lapangan",
                    crate::number::format_natural(b.desk, 4),
                    crate::number::format_natural(b.field, 4)
                ),
                None => "nilai LKE".to_string(),
            },
            efficiency_basis: r.efficiency_basis.describe(),
            rollup: ROLLUP_METHOD.to_string(),
        }
    }

    /// The unit's indicators of a level, in dataset order.
    fn indicators_of(&self, level: Level) -> impl Iterator<Item = &'a Indicator> + '_ {
        self.data
            .indicators
            .iter()
            .filter(move |i| i.level == level && self.data.unit_of_indicator(i) == Some(self.unit))
    }

    fn target(&self, indicator: &Indicator, year: i32) -> Option<TargetValue> {
        let of_year = || {
            self.data
                .targets
                .iter()
                .filter(|t| t.indicator == indicator.id && t.year == year)
        };
        if let Some(t) = of_year().find(|t| t.quarter.is_none()) {
            return Some(t.value);
        }
        // Only quarterly targets: the annual one follows the indicator's aggregation.
        let mut quarters = [None; 4];
        for t in of_year() {
            if let (Some(q), TargetValue::Single(v)) = (t.quarter, t.value) {
                if (1..=4).contains(&q) {
                    quarters[usize::from(q - 1)] = Some(v);
                }
            }
        }
        aggregate_quarters(indicator.aggregation, &quarters).map(TargetValue::Single)
    }

    fn quarters(&self, indicator: &Indicator, year: i32) -> [Option<Decimal>; 4] {
        let mut quarters = [None; 4];
        for r in self
            .data
            .realisations
            .iter()
            .filter(|r| r.indicator == indicator.id && r.year == year)
        {
            if let Some(q) = r.quarter.filter(|q| (1..=4).contains(q)) {
                quarters[usize::from(q - 1)] = Some(r.value);
            }
        }
        quarters
    }

    /// The annual realisation and its source: entered as such (the official value); else, for an IKM or IKPP
    /// indicator, the unit's index, for a PATEN indicator the score the evaluator gave; else aggregated from the
    /// quarters.
    fn sourced_realisation(
        &self,
        indicator: &Indicator,
        year: i32,
    ) -> Option<(Decimal, RealisationSource)> {
        let entered = self
            .data
            .realisations
            .iter()
            .find(|r| r.indicator == indicator.id && r.year == year && r.quarter.is_none())
            .map(|r| r.value);
        let computed = match indicator.index {
            Some(IndexKind::Ikm) if year == self.year => {
                self.indices.ikm.map(|v| (v, RealisationSource::Survey))
            }
            Some(IndexKind::Ikpp) if year == self.year => {
                self.indices.ikpp.map(|v| (v, RealisationSource::Survey))
            }
            Some(IndexKind::Paten) => self
                .data
                .paten
                .iter()
                .find(|p| p.unit == self.unit && p.year == year)
                .and_then(|p| p.score)
                .map(|v| (v, RealisationSource::Evaluation)),
            _ => None,
        };
        entered
            .map(|v| (v, RealisationSource::Entered))
            .or(computed)
            .or_else(|| {
                aggregate_quarters(indicator.aggregation, &self.quarters(indicator, year))
                    .map(|v| (v, RealisationSource::Quarters))
            })
    }

    fn realisation(&self, indicator: &Indicator, year: i32) -> Option<Decimal> {
        self.sourced_realisation(indicator, year).map(|(v, _)| v)
    }

    fn result(&self, indicator: &Indicator) -> IndicatorResult {
        let target = self.target(indicator, self.year);
        let realisation = self.sourced_realisation(indicator, self.year);
        let computed = capaian(indicator.polarity, target, realisation.map(|(v, _)| v));
        let (value, reason) = match computed {
            Ok(v) => (Some(v), None),
            Err(e) => (None, Some(e)),
        };
        let effective = value.map(|v| apply_cap(self.rules.cap, v));
        IndicatorResult {
            id: indicator.id.clone(),
            name: indicator.name.clone(),
            level: indicator.level,
            owner: indicator.owner.clone(),
            satuan: indicator.satuan.clone(),
            polarity: indicator.polarity,
            decimals: indicator.decimals,
            target,
            realisation: realisation.map(|(v, _)| v),
            realisation_source: realisation.map(|(_, s)| s),
            quarters: self.quarters(indicator, self.year),
            capaian: value,
            capaian_effective: effective,
            not_computable: reason.map(|r: NotComputable| r.to_string()),
            status: value.map(TargetStatus::of),
            predicate: effective.and_then(|v| predicate(&self.scale, v)),
        }
    }

    fn average(&self, results: &[IndicatorResult]) -> Average {
        let weight_of = |id: &str| self.data.indicator(id).and_then(|i| i.weight);
        let collect =
            |f: &dyn Fn(&IndicatorResult) -> Option<Decimal>| -> Vec<(Decimal, Option<Decimal>)> {
                results
                    .iter()
                    .filter_map(|r| f(r).map(|v| (v, weight_of(&r.id))))
                    .collect()
            };
        let raw = collect(&|r| r.capaian);
        let effective = weighted_mean(&collect(&|r| r.capaian_effective));
        Average {
            method: ROLLUP_METHOD.to_string(),
            value: weighted_mean(&raw),
            effective,
            capped_at_100: weighted_mean(&collect(&|r| {
                r.capaian.map(|v| v.min(Decimal::ONE_HUNDRED))
            })),
            count: raw.len(),
            not_computable: results.len() - raw.len(),
            predicate: effective.and_then(|v| predicate(&self.scale, v)),
        }
    }

    fn iku_results(&self) -> Vec<IndicatorResult> {
        self.indicators_of(Level::Sasaran)
            .map(|i| self.result(i))
            .collect()
    }

    fn iku_table(&self) -> IkuTable {
        let rows: Vec<IkuRow> = self
            .indicators_of(Level::Sasaran)
            .map(|i| {
                let sasaran_text = self
                    .data
                    .sasaran(&i.owner)
                    .map(|s| s.text.clone())
                    .unwrap_or_default();
                IkuRow {
                    sasaran: i.owner.clone(),
                    sasaran_text,
                    indicator: self.result(i),
                }
            })
            .collect();
        let results: Vec<IndicatorResult> = rows.iter().map(|r| r.indicator.clone()).collect();
        let count = |s: TargetStatus| results.iter().filter(|r| r.status == Some(s)).count();
        let mut tujuan: Vec<String> = Vec::new();
        for row in &rows {
            if let Some(t) = self
                .data
                .sasaran(&row.sasaran)
                .and_then(|s| self.data.tujuan(&s.tujuan))
            {
                if !tujuan.contains(&t.text) {
                    tujuan.push(t.text.clone());
                }
            }
        }
        IkuTable {
            tujuan,
            average: self.average(&results),
            exceeded: count(TargetStatus::Exceeded),
            met: count(TargetStatus::Met),
            not_met: count(TargetStatus::NotMet),
            rows,
        }
    }

    fn unit_sasaran(&self) -> Vec<&'a Sasaran> {
        self.data
            .sasaran
            .iter()
            .filter(|s| self.data.unit_of_node(Level::Sasaran, &s.id) == Some(self.unit))
            .collect()
    }

    fn sasaran_results(&self) -> Vec<SasaranResult> {
        let iku = self.iku_results();
        self.unit_sasaran()
            .into_iter()
            .map(|s| {
                let own: Vec<IndicatorResult> =
                    iku.iter().filter(|r| r.owner == s.id).cloned().collect();
                SasaranResult {
                    id: s.id.clone(),
                    text: s.text.clone(),
                    indicators: own.iter().map(|r| r.id.clone()).collect(),
                    capaian: self.average(&own),
                }
            })
            .collect()
    }

    fn unit_programs(&self) -> Vec<&'a Program> {
        self.data
            .program
            .iter()
            .filter(|p| p.unit == self.unit)
            .collect()
    }

    fn kegiatan_of(&self, program: &str) -> Vec<&'a Kegiatan> {
        self.data
            .kegiatan
            .iter()
            .filter(|k| k.program == program)
            .collect()
    }

    fn sub_kegiatan_of(&self, kegiatan: &str) -> Vec<&'a SubKegiatan> {
        self.data
            .sub_kegiatan
            .iter()
            .filter(|s| s.kegiatan == kegiatan)
            .collect()
    }

    fn node_indicators(&self, level: Level, id: &str) -> Vec<IndicatorResult> {
        self.data
            .indicators
            .iter()
            .filter(|i| i.level == level && i.owner == id)
            .map(|i| self.result(i))
            .collect()
    }

    /// Program, kegiatan and sub kegiatan in cascade order.
    fn nodes(&self) -> Vec<(Level, &'a str, &'a str, Option<&'a String>)> {
        let mut out = Vec::new();
        for p in self.unit_programs() {
            out.push((
                Level::Program,
                p.id.as_str(),
                p.name.as_str(),
                p.code.as_ref(),
            ));
            for k in self.kegiatan_of(&p.id) {
                out.push((
                    Level::Kegiatan,
                    k.id.as_str(),
                    k.name.as_str(),
                    k.code.as_ref(),
                ));
                for s in self.sub_kegiatan_of(&k.id) {
                    out.push((
                        Level::SubKegiatan,
                        s.id.as_str(),
                        s.name.as_str(),
                        s.code.as_ref(),
                    ));
                }
            }
        }
        out
    }

    fn activities(&self) -> Vec<ActivityResult> {
        self.nodes()
            .into_iter()
            .map(|(level, id, name, code)| ActivityResult {
                level,
                id: id.to_string(),
                name: name.to_string(),
                code: code.map(|c| normalise_code(c)),
                indicators: self.node_indicators(level, id),
            })
            .collect()
    }

    /// Program indicators with their program id.
    fn program_indicators(&self) -> Vec<(String, IndicatorResult)> {
        self.unit_programs()
            .into_iter()
            .flat_map(|p| {
                self.node_indicators(Level::Program, &p.id)
                    .into_iter()
                    .map(|r| (p.id.clone(), r))
            })
            .collect()
    }

    fn history_rows(&self, level: Level) -> Vec<HistoryRow> {
        let years = [self.year - 2, self.year - 1, self.year];
        self.indicators_of(level)
            .map(|i| {
                let realisations = years.map(|y| self.realisation(i, y));
                let change = |a: Option<Decimal>, b: Option<Decimal>| Some(b? - a?);
                HistoryRow {
                    indicator: i.id.clone(),
                    name: i.name.clone(),
                    owner: i.owner.clone(),
                    target: self.target(i, self.year),
                    changes: [
                        change(realisations[0], realisations[1]),
                        change(realisations[1], realisations[2]),
                    ],
                    realisations,
                }
            })
            .collect()
    }

    fn history(&self) -> HistoryTable {
        HistoryTable {
            years: [self.year - 2, self.year - 1, self.year],
            iku: self.history_rows(Level::Sasaran),
            programs: self.history_rows(Level::Program),
        }
    }

    fn progress_rows(&self, level: Level) -> Vec<ProgressRow> {
        self.indicators_of(level)
            .map(|i| {
                let realisation = self.realisation(i, self.year);
                let computed = capaian(i.polarity, i.end_target, realisation);
                ProgressRow {
                    indicator: i.id.clone(),
                    name: i.name.clone(),
                    owner: i.owner.clone(),
                    end_target: i.end_target,
                    realisation,
                    tingkat_kemajuan: computed.ok(),
                    not_computable: computed.err().map(|e| e.to_string()),
                }
            })
            .collect()
    }

    fn plain_average(&self, values: &[Option<Decimal>], method: &str) -> Average {
        let present: Vec<(Decimal, Option<Decimal>)> =
            values.iter().flatten().map(|v| (*v, None)).collect();
        let value = weighted_mean(&present);
        Average {
            method: method.to_string(),
            value,
            effective: value,
            capped_at_100: weighted_mean(
                &present
                    .iter()
                    .map(|(v, w)| ((*v).min(Decimal::ONE_HUNDRED), *w))
                    .collect::<Vec<_>>(),
            ),
            count: present.len(),
            not_computable: values.len() - present.len(),
            predicate: None,
        }
    }

    fn progress(&self) -> ProgressTable {
        let iku = self.progress_rows(Level::Sasaran);
        let programs = self.progress_rows(Level::Program);
        let method = "rata-rata tingkat kemajuan seluruh indikator";
        ProgressTable {
            iku_average: self.plain_average(
                &iku.iter().map(|r| r.tingkat_kemajuan).collect::<Vec<_>>(),
                method,
            ),
            programs_average: self.plain_average(
                &programs
                    .iter()
                    .map(|r| r.tingkat_kemajuan)
                    .collect::<Vec<_>>(),
                method,
            ),
            iku,
            programs,
        }
    }

    fn benchmark_rows(&self, level: Level) -> Vec<BenchmarkRow> {
        self.indicators_of(level)
            .map(|i| {
                let realisation = self.realisation(i, self.year);
                let comparisons = BenchmarkLevel::ALL
                    .iter()
                    .filter_map(|lvl| {
                        let b = self.data.benchmarks.iter().find(|b| {
                            b.indicator == i.id && b.year == self.year && b.level == *lvl
                        })?;
                        Some(BenchmarkValue {
                            level: *lvl,
                            value: b.value,
                            source: b.source.clone(),
                            difference: match (realisation, b.value) {
                                (Some(r), Some(v)) => Some(r - v),
                                _ => None,
                            },
                        })
                    })
                    .collect();
                BenchmarkRow {
                    indicator: i.id.clone(),
                    name: i.name.clone(),
                    owner: i.owner.clone(),
                    realisation,
                    comparisons,
                }
            })
            .collect()
    }

    fn benchmarks(&self) -> BenchmarkTable {
        BenchmarkTable {
            iku: self.benchmark_rows(Level::Sasaran),
            programs: self.benchmark_rows(Level::Program),
        }
    }

    /// The pagu in force of a node (the highest revision of the year), if recorded on the node itself.
    fn own_pagu(&self, node: &str) -> Option<Decimal> {
        self.data
            .pagu
            .iter()
            .filter(|p| p.node == node && p.year == self.year)
            .max_by_key(|p| p.revision)
            .map(|p| p.amount)
    }

    fn own_spending(&self, node: &str) -> Option<Decimal> {
        let amounts: Vec<Decimal> = self
            .data
            .spending
            .iter()
            .filter(|s| s.node == node && s.year == self.year)
            .map(|s| s.amount)
            .collect();
        if amounts.is_empty() {
            None
        } else {
            Some(amounts.iter().copied().sum())
        }
    }

    fn children(&self, level: Level, node: &str) -> Vec<(Level, &'a str)> {
        match level {
            Level::Program => self
                .kegiatan_of(node)
                .into_iter()
                .map(|k| (Level::Kegiatan, k.id.as_str()))
                .collect(),
            Level::Kegiatan => self
                .sub_kegiatan_of(node)
                .into_iter()
                .map(|s| (Level::SubKegiatan, s.id.as_str()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// (pagu, spending) of a node: its own figures where recorded, else the sum of its parts (known only when
    /// every part is known).
    fn node_money(&self, level: Level, node: &str) -> Amounts {
        let (parts_pagu, parts_spending) = self.parts_money(level, node);
        (
            self.own_pagu(node).or(parts_pagu),
            self.own_spending(node).or(parts_spending),
        )
    }

    fn parts_money(&self, level: Level, node: &str) -> Amounts {
        let children = self.children(level, node);
        if children.is_empty() {
            return (None, None);
        }
        let sums: Vec<Amounts> = children
            .iter()
            .map(|(l, id)| self.node_money(*l, id))
            .collect();
        let total = |pick: fn(&Amounts) -> Option<Decimal>| -> Option<Decimal> {
            sums.iter().map(pick).sum::<Option<Decimal>>()
        };
        (total(|s| s.0), total(|s| s.1))
    }

    fn budget(&self) -> BudgetSection {
        let tree: Vec<BudgetRow> = self
            .nodes()
            .into_iter()
            .map(|(level, id, name, _)| {
                let (pagu, spending) = self.node_money(level, id);
                let (parts_pagu, parts_spending) = self.parts_money(level, id);
                BudgetRow {
                    level,
                    id: id.to_string(),
                    name: name.to_string(),
                    money: Money::new(pagu, spending),
                    parts_pagu,
                    parts_spending,
                    indicators: self
                        .data
                        .indicators
                        .iter()
                        .filter(|i| i.level == level && i.owner == id)
                        .map(|i| i.id.clone())
                        .collect(),
                }
            })
            .collect();
        let programs = self.unit_programs();
        let program_money: Vec<Amounts> = programs
            .iter()
            .map(|p| self.node_money(Level::Program, &p.id))
            .collect();
        let total_pagu: Option<Decimal> = program_money.iter().map(|m| m.0).sum();
        let total_spending: Option<Decimal> = program_money.iter().map(|m| m.1).sum();
        let iku = self.iku_results();
        let by_sasaran = self
            .unit_sasaran()
            .into_iter()
            .map(|s| {
                let money: Vec<&Amounts> = programs
                    .iter()
                    .zip(&program_money)
                    .filter(|(p, _)| p.sasaran == s.id)
                    .map(|(_, m)| m)
                    .collect();
                let pagu: Option<Decimal> = money.iter().map(|m| m.0).sum();
                let spending: Option<Decimal> = money.iter().map(|m| m.1).sum();
                let own: Vec<IndicatorResult> =
                    iku.iter().filter(|r| r.owner == s.id).cloned().collect();
                SasaranBudget {
                    sasaran: s.id.clone(),
                    text: s.text.clone(),
                    indicators: own.iter().map(|r| r.id.clone()).collect(),
                    capaian: self.average(&own),
                    share: match (pagu, total_pagu) {
                        (Some(p), Some(t)) => crate::number::percent_of(p, t),
                        _ => None,
                    },
                    money: Money::new(pagu, spending),
                }
            })
            .collect();
        let by_program = programs
            .iter()
            .zip(&program_money)
            .map(|(p, m)| {
                let own = self.node_indicators(Level::Program, &p.id);
                ProgramBudget {
                    program: p.id.clone(),
                    name: p.name.clone(),
                    indicators: own.iter().map(|r| r.id.clone()).collect(),
                    capaian: self.average(&own),
                    money: Money::new(m.0, m.1),
                }
            })
            .collect();
        let nodes = self.nodes();
        let count = |level: Level| nodes.iter().filter(|n| n.0 == level).count();
        let indicators = self
            .data
            .indicators
            .iter()
            .filter(|i| self.data.unit_of_indicator(i) == Some(self.unit))
            .count();
        BudgetSection {
            tree,
            by_sasaran,
            by_program,
            total: Money::new(total_pagu, total_spending),
            counts: Counts {
                programs: count(Level::Program),
                kegiatan: count(Level::Kegiatan),
                sub_kegiatan: count(Level::SubKegiatan),
                indicators,
            },
        }
    }

    fn efficiency_row(
        &self,
        subject: &str,
        name: &str,
        capaian: Option<Decimal>,
        input: Option<Decimal>,
    ) -> EfficiencyRow {
        EfficiencyRow {
            subject: subject.to_string(),
            name: name.to_string(),
            capaian,
            input_percent: input,
            efficiency: match (capaian, input) {
                (Some(c), Some(i)) => Some(efficiency(self.rules.efficiency_basis, c, i)),
                _ => None,
            },
            target_met: capaian.is_some_and(|c| c >= Decimal::ONE_HUNDRED),
            need: None,
            available: None,
        }
    }

    fn staffing_row(
        &self,
        subject: &str,
        name: &str,
        capaian: Option<Decimal>,
    ) -> Option<EfficiencyRow> {
        let s = self
            .data
            .staffing
            .iter()
            .find(|s| s.unit == self.unit && s.year == self.year && s.subject == subject)?;
        let k = ketersediaan(Decimal::from(s.available), Decimal::from(s.need));
        Some(EfficiencyRow {
            need: Some(s.need),
            available: Some(s.available),
            ..self.efficiency_row(subject, name, capaian, k)
        })
    }

    fn staffing_total(
        &self,
        rows: &[EfficiencyRow],
        capaian: Option<Decimal>,
        name: &str,
    ) -> EfficiencyRow {
        let need: u32 = rows.iter().filter_map(|r| r.need).sum();
        let available: u32 = rows.iter().filter_map(|r| r.available).sum();
        let k = ketersediaan(Decimal::from(available), Decimal::from(need));
        EfficiencyRow {
            need: Some(need),
            available: Some(available),
            ..self.efficiency_row("total", name, capaian, k)
        }
    }

    fn efficiency(
        &self,
        iku: &IkuTable,
        budget: &BudgetSection,
        program_indicators: &[(String, IndicatorResult)],
    ) -> EfficiencySection {
        let iku_average = iku.average.effective;
        let budget_iku = iku
            .rows
            .iter()
            .map(|row| {
                let serapan = budget
                    .by_sasaran
                    .iter()
                    .find(|s| s.sasaran == row.sasaran)
                    .and_then(|s| s.money.serapan);
                self.efficiency_row(
                    &row.indicator.id,
                    &row.indicator.name,
                    row.indicator.capaian_effective,
                    serapan,
                )
            })
            .collect();
        let budget_programs = budget
            .by_program
            .iter()
            .map(|p| self.efficiency_row(&p.program, &p.name, p.capaian.effective, p.money.serapan))
            .collect();
        let program_average = self.average(
            &program_indicators
                .iter()
                .map(|(_, r)| r.clone())
                .collect::<Vec<_>>(),
        );
        let sdm_iku: Vec<EfficiencyRow> = iku
            .rows
            .iter()
            .filter_map(|row| {
                self.staffing_row(
                    &row.indicator.id,
                    &row.indicator.name,
                    row.indicator.capaian_effective,
                )
            })
            .collect();
        let sdm_programs: Vec<EfficiencyRow> = budget
            .by_program
            .iter()
            .filter_map(|p| self.staffing_row(&p.program, &p.name, p.capaian.effective))
            .collect();
        let items: Vec<SarprasRow> = self
            .data
            .assets
            .iter()
            .filter(|a| a.unit == self.unit && a.year == self.year)
            .map(|a| SarprasRow {
                name: a.name.clone(),
                available: a.available,
                need: a.need,
                ketersediaan: ketersediaan(Decimal::from(a.available), Decimal::from(a.need)),
            })
            .collect();
        let available: u32 = items.iter().map(|i| i.available).sum();
        let need: u32 = items.iter().map(|i| i.need).sum();
        let sarpras_k = ketersediaan(Decimal::from(available), Decimal::from(need));
        EfficiencySection {
            budget_iku,
            budget_iku_total: self.efficiency_row(
                "total",
                "Rata-rata capaian IKU dan serapan anggaran",
                iku_average,
                budget.total.serapan,
            ),
            budget_programs,
            budget_programs_total: self.efficiency_row(
                "total",
                "Rata-rata capaian program dan serapan anggaran",
                program_average.effective,
                budget.total.serapan,
            ),
            sdm_iku_total: self.staffing_total(
                &sdm_iku,
                iku_average,
                "Rata-rata capaian IKU dan ketersediaan SDM",
            ),
            sdm_iku,
            sdm_programs_total: self.staffing_total(
                &sdm_programs,
                program_average.effective,
                "Rata-rata capaian program dan ketersediaan SDM",
            ),
            sdm_programs,
            sarpras: SarprasResult {
                items,
                available,
                need,
                ketersediaan: sarpras_k,
                efficiency: self.efficiency_row(
                    "total",
                    "Rata-rata capaian IKU dan ketersediaan sarpras",
                    iku_average,
                    sarpras_k,
                ),
            },
        }
    }

    fn ikm(&self) -> Option<IkmResult> {
        let weight = self.rules.ikm_weight;
        let mut services: Vec<IkmServiceResult> = Vec::new();
        let period = self.rules.ikm_period;
        // Responses stored in the survey tables, counted by storage, for the rules' period.
        for t in self
            .data
            .survey_tallies
            .iter()
            .filter(|t| t.unit == self.unit && t.year == self.year)
        {
            let (tally, male) = t.of(period);
            if tally.respondents == 0 {
                continue;
            }
            let male = u32::try_from(male).unwrap_or(u32::MAX);
            let respondents = u32::try_from(tally.respondents).unwrap_or(u32::MAX);
            services.push(service_result(
                &t.service,
                tally.values(),
                male,
                respondents.saturating_sub(male),
                weight,
                true,
            ));
        }
        // Raw responses of the dataset in the rules' period, for services not surveyed here.
        let mut tallies: Vec<(&str, Tally, u32)> = Vec::new();
        for r in self.data.ikm_responses.iter().filter(|r| {
            r.unit == self.unit && r.year == self.year && period.contains(r.date.month())
        }) {
            let at = match tallies.iter().position(|(name, _, _)| *name == r.service) {
                Some(at) => at,
                None => {
                    tallies.push((&r.service, Tally::default(), 0));
                    tallies.len() - 1
                }
            };
            let (_, tally, male) = &mut tallies[at];
            tally.add(&r.scores());
            *male += u32::from(r.sex == Sex::Male);
        }
        for (name, tally, male) in tallies {
            if services.iter().any(|s| s.service == name) {
                continue;
            }
            let respondents = u32::try_from(tally.respondents).unwrap_or(u32::MAX);
            services.push(service_result(
                name,
                tally.values(),
                male,
                respondents - male,
                weight,
                true,
            ));
        }
        // Published summaries for services without raw responses.
        for s in self
            .data
            .ikm_services
            .iter()
            .filter(|s| s.unit == self.unit && s.year == self.year)
        {
            if !services.iter().any(|x| x.service == s.service) {
                services.push(service_result(
                    &s.service,
                    s.elements.clone(),
                    s.male,
                    s.female,
                    weight,
                    false,
                ));
            }
        }
        if services.is_empty() {
            return None;
        }
        let values: Vec<Decimal> = services.iter().filter_map(|s| s.ikm).collect();
        let mean_of_services = crate::number::mean(&values);
        let weighted: Vec<(Decimal, Option<Decimal>)> = services
            .iter()
            .filter_map(|s| Some((s.ikm?, Some(Decimal::from(s.respondents)))))
            .collect();
        let pooled = weighted_mean(&weighted);
        let elements = Element::ALL
            .iter()
            .map(|e| {
                let values: Vec<Decimal> = services
                    .iter()
                    .filter_map(|s| s.elements.get(e).copied())
                    .collect();
                let weighted: Vec<(Decimal, Option<Decimal>)> = services
                    .iter()
                    .filter_map(|s| Some((*s.elements.get(e)?, Some(Decimal::from(s.respondents)))))
                    .collect();
                IkmElementResult {
                    element: *e,
                    name: e.name().to_string(),
                    mean: crate::number::mean(&values),
                    total: values.iter().copied().sum(),
                    pooled: weighted_mean(&weighted),
                }
            })
            .collect();
        let unit_value = match self.rules.ikm_unit_method {
            crate::rules::IkmUnitMethod::MeanOfServices => mean_of_services,
            crate::rules::IkmUnitMethod::Pooled => pooled,
        };
        let male = services.iter().map(|s| s.male).sum();
        let female = services.iter().map(|s| s.female).sum();
        Some(IkmResult {
            mutu: unit_value.and_then(|v| predicate(&scale::ikm(), v)),
            services,
            elements,
            mean_of_services,
            pooled,
            unit_value,
            male,
            female,
            respondents: male + female,
        })
    }

    fn ipp(&self) -> Option<IppResult> {
        let e = self
            .data
            .ipp
            .iter()
            .find(|e| e.unit == self.unit && e.year == self.year)?;
        Some(ipp_result(e, self.rules.ipp_regulation))
    }

    fn akip(&self) -> Option<AkipResult> {
        let e = self
            .data
            .akip
            .iter()
            .find(|e| e.unit == self.unit && e.year == self.year)?;
        let template = &self.rules.akip_template;
        let components: Vec<AkipComponentResult> = AkipComponent::ALL
            .iter()
            .filter_map(|c| {
                let s = e.components.iter().find(|s| s.component == *c)?;
                // As the LKE scores it (calc::lke::score): the evaluator's grades where any, else the given score.
                let lke = indices::akip_lke_from_criteria(s, template).or(s.lke);
                let score = indices::akip_component(lke?, s.field, self.rules.akip_blend);
                let weight = template.weight(*c);
                Some(AkipComponentResult {
                    component: *c,
                    label: c.label().to_string(),
                    weight,
                    lke,
                    field: s.field,
                    score,
                    percent_of_weight: crate::number::percent_of(score, weight),
                })
            })
            .collect();
        let total: Decimal = components.iter().map(|c| c.score).sum();
        let lke_total = components.iter().map(|c| c.lke).sum::<Option<Decimal>>();
        Some(AkipResult {
            predicate: predicate(&scale::akip(), total),
            official: e.official,
            difference: e.official.map(|o| o - total),
            lhe_number: e.lhe_number.clone(),
            lke_total,
            total,
            components,
        })
    }
}

fn service_result(
    name: &str,
    elements: BTreeMap<Element, Decimal>,
    male: u32,
    female: u32,
    weight: crate::rules::IkmWeight,
    from_responses: bool,
) -> IkmServiceResult {
    let ikm = indices::ikm_from_element_values(&elements, weight);
    IkmServiceResult {
        service: name.to_string(),
        mutu: ikm.and_then(|v| predicate(&scale::ikm(), v)),
        ikm,
        elements,
        male,
        female,
        respondents: male + female,
        from_responses,
    }
}

const ROLLUP_METHOD: &str = "rata-rata capaian indikator (bobot sama kecuali ditetapkan)";

/// Normalises a Permendagri 90/2019 code: a 2-digit sub kegiatan part becomes 4 digits (`…2.01.01` → `…2.01.0001`).
pub fn normalise_code(code: &str) -> String {
    let parts: Vec<&str> = code.split('.').collect();
    if parts.len() == 6 && parts[5].len() < 4 {
        let mut out: Vec<String> = parts[..5].iter().map(|p| p.to_string()).collect();
        out.push(format!("{:0>4}", parts[5]));
        out.join(".")
    } else {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_old_sub_kegiatan_codes() {
        assert_eq!(normalise_code("7.01.01.2.01.01"), "7.01.01.2.01.0001");
        assert_eq!(normalise_code("7.01.01.2.01.0001"), "7.01.01.2.01.0001");
        assert_eq!(normalise_code("7.01.01"), "7.01.01");
    }

    fn ipp_evaluation(values: [&str; 6], official: Option<&str>) -> IppEvaluation {
        let d = |t: &str| t.parse::<Decimal>().expect("test decimal");
        IppEvaluation {
            unit: "ngoro".into(),
            year: 2024,
            official: official.map(d),
            date: None,
            source: None,
            aspects: IppAspect::ALL
                .iter()
                .zip(values)
                .map(|(aspect, v)| IppAspectScore {
                    aspect: *aspect,
                    value: d(v),
                    recommendations: vec![],
                })
                .collect(),
        }
    }

    const NGORO_ASPECTS: [&str; 6] = ["2.94", "3.4", "3.6", "3.4", "3.25", "3"];

    #[test]
    fn ipp_weights_follow_the_regulation_in_force() {
        let e = ipp_evaluation(NGORO_ASPECTS, None);
        let new = ipp_result(&e, IppRegulation::Permenpanrb29_2022);
        let old = ipp_result(&e, IppRegulation::Permenpanrb17_2017);
        let weights = |r: &IppResult| {
            r.aspects
                .iter()
                .map(|a| a.weight_percent)
                .collect::<Vec<_>>()
        };
        assert_eq!(weights(&new), [24, 25, 18, 11, 10, 12]);
        assert_eq!(weights(&old), [30, 18, 15, 15, 15, 7]);
        assert_eq!(new.computed, Some(Decimal::new(32626, 4)));
        assert_eq!(old.computed, Some(Decimal::new(32415, 4)));
        // 3,26 is B- (Baik dengan catatan) under both.
        assert_eq!(new.band.as_ref().map(|b| b.code.as_str()), Some("B-"));
        assert_eq!(new.official, None);
        assert_eq!(new.difference, None);
    }

    #[test]
    fn the_official_ipp_wins_over_the_computed_one() {
        let e = ipp_evaluation(NGORO_ASPECTS, Some("3.68"));
        let r = ipp_result(&e, IppRegulation::Permenpanrb29_2022);
        assert_eq!(r.value(), Some(Decimal::new(368, 2)));
        assert_eq!(r.difference, Some(Decimal::new(4174, 4)));
        // The band is the official value's (B Baik), not the computed one's (B-).
        assert_eq!(r.band.as_ref().map(|b| b.code.as_str()), Some("B"));
        // IKPP takes the official value too: 1,25 × 97,17 / 25 + 3,68 = 8,5385.
        let k = ikpp_result(Some(Decimal::new(9717, 2)), &r).expect("ikpp");
        assert_eq!(k.ipp, Decimal::new(368, 2));
        assert_eq!(k.value, Decimal::new(85385, 4));
        assert_eq!(k.band.as_ref().map(|b| b.code.as_str()), Some("A"));
        // Without the official value the computed one counts: 4,8585 + 3,2626.
        let computed = ipp_result(
            &ipp_evaluation(NGORO_ASPECTS, None),
            IppRegulation::Permenpanrb29_2022,
        );
        let k = ikpp_result(Some(Decimal::new(9717, 2)), &computed).expect("ikpp");
        assert_eq!(k.value, Decimal::new(81211, 4));
        assert_eq!(k.band.as_ref().map(|b| b.code.as_str()), Some("B"));
    }

    #[test]
    fn ikpp_needs_both_the_ikm_and_an_ipp() {
        let full = ipp_result(
            &ipp_evaluation(NGORO_ASPECTS, None),
            IppRegulation::Permenpanrb29_2022,
        );
        assert_eq!(ikpp_result(None, &full), None);
        // Five aspects and no official value: no IPP, so no IKPP.
        let mut e = ipp_evaluation(NGORO_ASPECTS, None);
        e.aspects.pop();
        let partial = ipp_result(&e, IppRegulation::Permenpanrb29_2022);
        assert_eq!((partial.computed, partial.band.is_none()), (None, true));
        assert_eq!(ikpp_result(Some(Decimal::ONE_HUNDRED), &partial), None);
        // The official value stands in for the missing aspect.
        e.official = Some(Decimal::new(401, 2));
        let given = ipp_result(&e, IppRegulation::Permenpanrb29_2022);
        assert_eq!(given.band.as_ref().map(|b| b.code.as_str()), Some("A-"));
        assert!(ikpp_result(Some(Decimal::ONE_HUNDRED), &given).is_some());
    }
}
