//! Quarterly monitoring and early warning: per indicator, the realisations of TW I up to a quarter, the year-end
//! value projected the way the indicator's quarters make its annual value, and a warning — with the reason — when
//! the projection misses the annual target or the quarter's own target is missed. Passed quarters still empty are
//! listed apart (completeness of entry), so that a missed target is not lost among them. So a missed target shows in
//! April or July, not in December.

use crate::calc::capaian::capaian;
use crate::measure::{measure, IndicatorResult, MeasureError, Measurement};
use crate::model::{Aggregation, Dataset, TargetValue};
use crate::number::{format_percent, mean};
use crate::rules::RuleSet;
use crate::sentences::{target_with_unit, value_with_unit};
use rust_decimal::Decimal;
use serde::Serialize;

const QUARTERS: [&str; 4] = ["TW I", "TW II", "TW III", "TW IV"];

/// The year-end value projected from the quarters TW I up to `as_of` that have a value: a cumulative indicator
/// keeps the pace of those quarters over the four, a last-value indicator stays where it is, an average one keeps
/// its mean. `None` without any value.
pub fn project(
    aggregation: Aggregation,
    quarters: &[Option<Decimal>; 4],
    as_of: u8,
) -> Option<Decimal> {
    let upto = usize::from(as_of.clamp(1, 4));
    let present: Vec<Decimal> = quarters[..upto].iter().flatten().copied().collect();
    if present.is_empty() {
        return None;
    }
    match aggregation {
        Aggregation::Cumulative => {
            let sum: Decimal = present.iter().copied().sum();
            Some(sum / Decimal::from(present.len()) * Decimal::from(4))
        }
        Aggregation::LastValue => quarters[..upto].iter().rev().flatten().next().copied(),
        Aggregation::Average => mean(&present),
    }
}

/// One indicator's standing at a quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlook {
    pub indicator: String,
    pub name: String,
    pub aggregation: Aggregation,
    pub target: Option<TargetValue>,
    pub projected: Option<Decimal>,
    /// Capaian of the projection against the annual target, uncapped.
    pub projected_capaian: Option<Decimal>,
    /// Why the indicator is on the warning list; empty when it is not.
    pub reasons: Vec<String>,
    /// The quarters up to the one looked at without a realisation (1–4).
    pub missing: Vec<u8>,
}

impl Outlook {
    pub fn warned(&self) -> bool {
        !self.reasons.is_empty()
    }
}

/// The unit-year's monitoring at a quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Monitoring {
    pub unit: String,
    pub year: i32,
    /// The quarter looked at: the one asked for, else the latest with any realisation; `None` before TW I is in.
    pub as_of: Option<u8>,
    /// Every indicator of the unit in report order.
    pub outlooks: Vec<Outlook>,
}

impl Monitoring {
    pub fn warnings(&self) -> impl Iterator<Item = &Outlook> {
        self.outlooks.iter().filter(|o| o.warned())
    }
    /// Indicators with a passed quarter still empty.
    pub fn incomplete(&self) -> impl Iterator<Item = &Outlook> {
        self.outlooks.iter().filter(|o| !o.missing.is_empty())
    }
}

fn method(aggregation: Aggregation) -> &'static str {
    match aggregation {
        Aggregation::Cumulative => "laju triwulan yang terisi dikali empat",
        Aggregation::LastValue => "nilai triwulan terakhir",
        Aggregation::Average => "rata-rata triwulan yang terisi",
    }
}

/// The outlook of one measured indicator at `as_of`, with the targets of its quarters.
pub fn outlook(
    r: &IndicatorResult,
    aggregation: Aggregation,
    quarter_targets: &[Option<TargetValue>; 4],
    as_of: u8,
    rules: &RuleSet,
) -> Outlook {
    let as_of = as_of.clamp(1, 4);
    let mut reasons = Vec::new();
    let missing: Vec<u8> = (1..=as_of)
        .filter(|&q| r.quarters[usize::from(q) - 1].is_none())
        .collect();
    let q = usize::from(as_of) - 1;
    if let (Some(t), Some(v)) = (quarter_targets[q], r.quarters[q]) {
        if capaian(r.polarity, Some(t), Some(v), rules.zero_target)
            .is_ok_and(|c| c.value < Decimal::ONE_HUNDRED)
        {
            reasons.push(format!(
                "realisasi {} {} di bawah target {} {}",
                QUARTERS[q],
                value_with_unit(v, &r.satuan, r.decimals),
                QUARTERS[q],
                target_with_unit(t, &r.satuan, r.decimals)
            ));
        }
    }
    let projected = project(aggregation, &r.quarters, as_of);
    let projected_capaian = capaian(r.polarity, r.target, projected, rules.zero_target)
        .map(|c| c.value)
        .ok();
    if let (Some(p), Some(c), Some(t)) = (projected, projected_capaian, r.target) {
        if c < Decimal::ONE_HUNDRED {
            reasons.push(format!(
                "proyeksi akhir tahun {} ({}) di bawah target {}: capaian proyeksi {}",
                value_with_unit(p.round_dp(r.decimals.max(2)), &r.satuan, r.decimals),
                method(aggregation),
                target_with_unit(t, &r.satuan, r.decimals),
                format_percent(c, rules.capaian_decimals)
            ));
        }
    }
    Outlook {
        indicator: r.id.clone(),
        name: r.name.clone(),
        aggregation,
        target: r.target,
        projected,
        projected_capaian,
        reasons,
        missing,
    }
}

/// The monitoring of a unit-year at `as_of` (TW 1–4), or at the latest quarter with any realisation.
pub fn monitor(
    d: &Dataset,
    unit: &str,
    year: i32,
    as_of: Option<u8>,
) -> Result<Monitoring, MeasureError> {
    Ok(monitor_measured(d, &measure(d, unit, year)?, as_of))
}

/// The same, for a unit-year already measured.
pub fn monitor_measured(d: &Dataset, m: &Measurement, as_of: Option<u8>) -> Monitoring {
    let year = m.year;
    let rules = d.rules_for(year);
    let results: Vec<&IndicatorResult> = m
        .iku
        .rows
        .iter()
        .map(|r| &r.indicator)
        .chain(m.activities.iter().flat_map(|a| a.indicators.iter()))
        .collect();
    let latest = results
        .iter()
        .flat_map(|r| r.quarters.iter().enumerate())
        .filter(|(_, v)| v.is_some())
        .map(|(q, _)| q as u8 + 1)
        .max();
    let as_of = as_of.filter(|q| (1..=4).contains(q)).or(latest);
    let outlooks = match as_of {
        None => Vec::new(),
        Some(q) => results
            .iter()
            .map(|r| {
                let aggregation = d
                    .indicator(&r.id)
                    .map(|i| i.aggregation)
                    .unwrap_or_default();
                let mut targets = [None; 4];
                for t in d
                    .targets
                    .iter()
                    .filter(|t| t.indicator == r.id && t.year == year)
                {
                    if let Some(q) = t.quarter.filter(|q| (1..=4).contains(q)) {
                        targets[usize::from(q) - 1] = Some(t.value);
                    }
                }
                outlook(r, aggregation, &targets, q, &rules)
            })
            .collect(),
    };
    Monitoring {
        unit: m.unit.code.clone(),
        year,
        as_of,
        outlooks,
    }
}

/// A quarter as written in an address or a field: `1` to `4`, or why not (at most the first 20 characters of what
/// was written are quoted back).
pub fn parse_quarter(text: &str) -> Result<u8, String> {
    text.parse::<u8>()
        .ok()
        .filter(|q| (1..=4).contains(q))
        .ok_or_else(|| {
            let shown: String = text.chars().take(20).collect();
            format!("triwulan harus 1, 2, 3 atau 4, tertulis '{shown}'")
        })
}

/// "TW II" for 2.
pub fn quarter_name(q: u8) -> &'static str {
    QUARTERS[usize::from(q.clamp(1, 4)) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Polarity;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn rules() -> RuleSet {
        RuleSet::defaults(2024)
    }

    #[test]
    fn quarters_are_one_to_four_and_nothing_else() {
        for (text, q) in [("1", 1), ("2", 2), ("3", 3), ("4", 4)] {
            assert_eq!(parse_quarter(text), Ok(q));
        }
        for text in [
            "0", "5", "9", "255", "256", "-1", "", " 1", "1.0", "IV", "04x",
        ] {
            let why = parse_quarter(text).unwrap_err();
            assert!(why.contains(&format!("'{text}'")), "{why}");
        }
        assert!(parse_quarter(&"9".repeat(1000)).unwrap_err().len() < 80);
    }

    fn q(values: [Option<&str>; 4]) -> [Option<Decimal>; 4] {
        values.map(|v| v.map(d))
    }

    fn result(polarity: Polarity, target: &str, quarters: [Option<&str>; 4]) -> IndicatorResult {
        IndicatorResult {
            id: "i".into(),
            name: "Indikator".into(),
            level: crate::model::Level::Sasaran,
            owner: "s".into(),
            satuan: "dokumen".into(),
            polarity,
            decimals: 0,
            target: Some(TargetValue::Single(d(target))),
            realisation: None,
            realisation_source: None,
            quarters: q(quarters),
            missing_quarters: Vec::new(),
            capaian: None,
            capaian_form: None,
            capaian_effective: None,
            not_computable: None,
            status: None,
            predicate: None,
        }
    }

    #[test]
    fn projections_follow_the_aggregation() {
        let quarters = q([Some("10"), Some("30"), None, None]);
        assert_eq!(
            project(Aggregation::Cumulative, &quarters, 2),
            Some(d("80"))
        );
        assert_eq!(project(Aggregation::LastValue, &quarters, 2), Some(d("30")));
        assert_eq!(project(Aggregation::Average, &quarters, 2), Some(d("20")));
        // Only the quarters up to as_of count; none at all: no projection.
        assert_eq!(
            project(Aggregation::Cumulative, &quarters, 1),
            Some(d("40"))
        );
        assert_eq!(project(Aggregation::LastValue, &q([None; 4]), 4), None);
        // A skipped quarter: the pace of the entered ones.
        let gap = q([Some("10"), None, Some("20"), None]);
        assert_eq!(project(Aggregation::Cumulative, &gap, 3), Some(d("60")));
        assert_eq!(project(Aggregation::LastValue, &gap, 3), Some(d("20")));
    }

    #[test]
    fn a_cumulative_indicator_behind_its_pace_is_warned() {
        let r = result(
            Polarity::Positive,
            "100",
            [Some("10"), Some("15"), None, None],
        );
        let o = outlook(&r, Aggregation::Cumulative, &[None; 4], 2, &rules());
        assert_eq!(o.projected, Some(d("50")));
        assert_eq!(o.projected_capaian, Some(d("50")));
        assert!(o.warned());
        assert!(
            o.reasons[0].starts_with("proyeksi akhir tahun 50 dokumen"),
            "{:?}",
            o.reasons
        );
        // On pace: no warning.
        let r = result(
            Polarity::Positive,
            "100",
            [Some("25"), Some("25"), None, None],
        );
        assert!(!outlook(&r, Aggregation::Cumulative, &[None; 4], 2, &rules()).warned());
    }

    #[test]
    fn last_value_and_average_indicators_are_warned_below_target_only() {
        let r = result(
            Polarity::Positive,
            "81",
            [Some("60"), Some("70"), None, None],
        );
        let o = outlook(&r, Aggregation::LastValue, &[None; 4], 2, &rules());
        assert_eq!(o.projected, Some(d("70")));
        assert!(o.warned());
        let r = result(
            Polarity::Positive,
            "81",
            [Some("90"), Some("80"), None, None],
        );
        assert!(!outlook(&r, Aggregation::Average, &[None; 4], 2, &rules()).warned());
        assert!(outlook(&r, Aggregation::LastValue, &[None; 4], 2, &rules()).warned());
        // Exactly on target is not a warning.
        let r = result(Polarity::Positive, "81", [Some("81"), None, None, None]);
        assert!(!outlook(&r, Aggregation::LastValue, &[None; 4], 1, &rules()).warned());
    }

    #[test]
    fn lower_is_better_indicators_are_warned_when_projected_above_target() {
        let good = result(Polarity::Negative, "10", [Some("5"), None, None, None]);
        assert!(!outlook(&good, Aggregation::LastValue, &[None; 4], 1, &rules()).warned());
        let bad = result(Polarity::Negative, "10", [Some("12"), None, None, None]);
        let o = outlook(&bad, Aggregation::LastValue, &[None; 4], 1, &rules());
        assert_eq!(o.projected_capaian, Some(d("80")));
        assert!(o.warned());
    }

    #[test]
    fn missed_quarter_targets_are_reasons_and_empty_quarters_are_listed_apart() {
        let r = result(Polarity::Positive, "100", [None, Some("50"), None, None]);
        let targets = [None, Some(TargetValue::Single(d("60"))), None, None];
        let o = outlook(&r, Aggregation::LastValue, &targets, 2, &rules());
        assert_eq!(o.missing, vec![1]);
        assert_eq!(o.reasons.len(), 2, "{:?}", o.reasons);
        assert_eq!(
            o.reasons[0],
            "realisasi TW II 50 dokumen di bawah target TW II 60 dokumen"
        );
        // Nothing entered: the empty quarters, no projection, no warning.
        let r = result(Polarity::Positive, "100", [None; 4]);
        let o = outlook(&r, Aggregation::Cumulative, &[None; 4], 2, &rules());
        assert_eq!((o.projected, o.warned()), (None, false));
        assert_eq!(o.missing, vec![1, 2]);
    }
}
