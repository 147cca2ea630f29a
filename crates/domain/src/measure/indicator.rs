//! One indicator measured in the year: its target, its realisation and where that came from, its capaian and
//! predicate; and the mean of several, as every table states it. The [`Measurer`] that the other tables build on
//! lives here.

use crate::calc::capaian::{
    aggregate_quarters, apply_cap, capaian, quarter_gaps, weighted_mean, CapaianForm,
    NotComputable, TargetStatus,
};
use crate::model::*;
use crate::rules::RuleSet;
use crate::scale::{Predicate, Scale};
use rust_decimal::Decimal;
use serde::Serialize;

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
    /// Quarters left empty before the last entered one, when the annual value is aggregated from the quarters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing_quarters: Vec<u8>,
    /// Uncapped capaian in percent.
    pub capaian: Option<Decimal>,
    /// How the capaian was computed where it is not the plain ratio.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capaian_form: Option<CapaianForm>,
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

/// How a mean of capaian is made, as the tables state it.
pub(super) const ROLLUP_METHOD: &str =
    "rata-rata capaian indikator (bobot sama kecuali ditetapkan)";

/// The unit-year being measured: its data, the rules in force, and the indices computed before the indicators.
pub(super) struct Measurer<'a> {
    pub(super) data: &'a Dataset,
    pub(super) unit: &'a str,
    pub(super) year: i32,
    pub(super) rules: &'a RuleSet,
    pub(super) scale: Scale,
    pub(super) indices: IndexValues,
}

/// The unit's computed indices of the year, for indicators that measure them.
#[derive(Default)]
pub(super) struct IndexValues {
    pub(super) ikm: Option<Decimal>,
    pub(super) ikpp: Option<Decimal>,
}

impl<'a> Measurer<'a> {
    /// The unit's indicators of a level, in dataset order.
    pub(super) fn indicators_of(&self, level: Level) -> impl Iterator<Item = &'a Indicator> + '_ {
        self.data
            .indicators
            .iter()
            .filter(move |i| i.level == level && self.data.unit_of_indicator(i) == Some(self.unit))
    }

    pub(super) fn target(&self, indicator: &Indicator, year: i32) -> Option<TargetValue> {
        let of_year = || {
            self.data
                .targets
                .iter()
                .filter(|t| t.indicator == indicator.id && t.year == year)
        };
        if let Some(t) = of_year().find(|t| t.quarter.is_none()) {
            return Some(t.value);
        }
        // Only quarterly targets: the annual one follows the indicator's aggregation, bound by bound for bands.
        let mut lows = [None; 4];
        let mut highs = [None; 4];
        let mut banded = false;
        for t in of_year() {
            if let Some(q) = t.quarter.filter(|q| (1..=4).contains(q)) {
                let (low, high) = match t.value {
                    TargetValue::Single(v) => (v, v),
                    TargetValue::Range { low, high } => {
                        banded = true;
                        (low, high)
                    }
                };
                lows[usize::from(q - 1)] = Some(low);
                highs[usize::from(q - 1)] = Some(high);
            }
        }
        let low = aggregate_quarters(indicator.aggregation, &lows)?;
        let high = aggregate_quarters(indicator.aggregation, &highs)?;
        Some(if banded {
            TargetValue::Range { low, high }
        } else {
            TargetValue::Single(low)
        })
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

    pub(super) fn realisation(&self, indicator: &Indicator, year: i32) -> Option<Decimal> {
        self.sourced_realisation(indicator, year).map(|(v, _)| v)
    }

    pub(super) fn result(&self, indicator: &Indicator) -> IndicatorResult {
        let target = self.target(indicator, self.year);
        let realisation = self.sourced_realisation(indicator, self.year);
        let computed = capaian(
            indicator.polarity,
            target,
            realisation.map(|(v, _)| v),
            self.rules.zero_target,
        );
        let (value, form, reason) = match computed {
            Ok(c) => (Some(c.value), Some(c.form), None),
            Err(e) => (None, None, Some(e)),
        };
        let quarters = self.quarters(indicator, self.year);
        let missing_quarters = match realisation {
            Some((_, RealisationSource::Quarters)) => quarter_gaps(&quarters),
            _ => Vec::new(),
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
            quarters,
            missing_quarters,
            capaian: value,
            capaian_form: form.filter(|f| !f.is_ratio()),
            capaian_effective: effective,
            not_computable: reason.map(|r: NotComputable| r.to_string()),
            status: value.map(TargetStatus::of),
            predicate: effective.and_then(|v| self.scale.predicate(v)),
        }
    }

    pub(super) fn average(&self, results: &[IndicatorResult]) -> Average {
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
            predicate: effective.and_then(|v| self.scale.predicate(v)),
        }
    }
}
