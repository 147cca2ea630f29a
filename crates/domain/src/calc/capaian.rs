//! Capaian — one rule, applied everywhere (domain.md §3).

use crate::number::mean;
use crate::record::{Aggregation, Polarity, TargetValue};
use crate::rules::Cap;
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Why no capaian can be given. Never shown as 0%.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotComputable {
    TargetZero,
    NoTarget,
    NoRealisation,
}

impl fmt::Display for NotComputable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NotComputable::TargetZero => "tidak dapat dihitung: target 0",
            NotComputable::NoTarget => "tidak dapat dihitung: target belum ditetapkan",
            NotComputable::NoRealisation => "tidak dapat dihitung: realisasi belum diisi",
        })
    }
}

/// Capaian in percent of a realisation against a target.
///
/// Positive: `R/T×100`; negative: `(2T−R)/T×100`, floored at 0; a range target scores 100 inside the band and
/// is measured against the nearer bound outside it.
pub fn capaian(
    polarity: Polarity,
    target: Option<TargetValue>,
    realisation: Option<Decimal>,
) -> Result<Decimal, NotComputable> {
    let target = target.ok_or(NotComputable::NoTarget)?;
    let r = realisation.ok_or(NotComputable::NoRealisation)?;
    match target {
        TargetValue::Single(t) => against(polarity, t, r),
        TargetValue::Range { low, high } => {
            let (low, high) = if low <= high {
                (low, high)
            } else {
                (high, low)
            };
            if r >= low && r <= high {
                Ok(HUNDRED)
            } else if r > high {
                against(polarity, high, r)
            } else {
                against(polarity, low, r)
            }
        }
    }
}

fn against(polarity: Polarity, t: Decimal, r: Decimal) -> Result<Decimal, NotComputable> {
    if t.is_zero() {
        return Err(NotComputable::TargetZero);
    }
    Ok(match polarity {
        Polarity::Positive => r / t * HUNDRED,
        Polarity::Negative => ((Decimal::TWO * t - r) / t * HUNDRED).max(Decimal::ZERO),
    })
}

/// Applies the cap in force.
pub fn apply_cap(cap: Cap, value: Decimal) -> Decimal {
    match cap.limit() {
        Some(limit) => value.min(limit),
        None => value,
    }
}

/// Whether the target was exceeded, met or missed (by the uncapped capaian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    Exceeded,
    Met,
    NotMet,
}

impl TargetStatus {
    pub fn of(capaian: Decimal) -> TargetStatus {
        match capaian.cmp(&HUNDRED) {
            std::cmp::Ordering::Greater => TargetStatus::Exceeded,
            std::cmp::Ordering::Equal => TargetStatus::Met,
            std::cmp::Ordering::Less => TargetStatus::NotMet,
        }
    }
    /// The phrase the report uses.
    pub fn phrase(self) -> &'static str {
        match self {
            TargetStatus::Exceeded => "melampaui target",
            TargetStatus::Met => "mencapai target",
            TargetStatus::NotMet => "tidak mencapai target",
        }
    }
}

/// The annual value from the quarters (TW I–IV, `None` where not yet entered).
pub fn aggregate_quarters(
    aggregation: Aggregation,
    quarters: &[Option<Decimal>; 4],
) -> Option<Decimal> {
    let present: Vec<Decimal> = quarters.iter().flatten().copied().collect();
    if present.is_empty() {
        return None;
    }
    match aggregation {
        Aggregation::Cumulative => Some(present.iter().copied().sum()),
        Aggregation::LastValue => quarters.iter().rev().flatten().next().copied(),
        Aggregation::Average => mean(&present),
    }
}

/// Weighted mean (equal weights where `weight` is `None` for all); `None` when nothing can be averaged.
/// Mixed weights: a missing weight counts as 1.
pub fn weighted_mean(items: &[(Decimal, Option<Decimal>)]) -> Option<Decimal> {
    if items.is_empty() {
        return None;
    }
    let total_weight: Decimal = items.iter().map(|(_, w)| w.unwrap_or(Decimal::ONE)).sum();
    if total_weight.is_zero() {
        return None;
    }
    let sum: Decimal = items
        .iter()
        .map(|(v, w)| *v * w.unwrap_or(Decimal::ONE))
        .sum();
    Some(sum / total_weight)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::round;
    use crate::test_support::d;
    use Polarity::*;

    fn single(t: &str) -> Option<TargetValue> {
        Some(TargetValue::Single(d(t)))
    }
    fn range(l: &str, h: &str) -> Option<TargetValue> {
        Some(TargetValue::Range {
            low: d(l),
            high: d(h),
        })
    }
    fn c(p: Polarity, t: Option<TargetValue>, r: &str) -> Decimal {
        round(capaian(p, t, Some(d(r))).unwrap(), 2)
    }

    #[test]
    fn positive_capaian() {
        assert_eq!(c(Positive, single("81"), "80.15"), d("98.95"));
        assert_eq!(c(Positive, single("8.22"), "8.54"), d("103.89"));
        assert_eq!(c(Positive, single("100"), "100"), d("100"));
        assert_eq!(c(Positive, single("10"), "0"), d("0"));
    }

    #[test]
    fn negative_capaian_is_floored_at_zero() {
        assert_eq!(c(Negative, single("10"), "8"), d("120"));
        assert_eq!(c(Negative, single("10"), "12"), d("80"));
        assert_eq!(c(Negative, single("10"), "20"), d("0"));
        assert_eq!(c(Negative, single("10"), "35"), d("0"));
        // (1 + (1 − R/T)) × 100 is the same rule
        let r = d("7.5");
        let t = d("10");
        assert_eq!(
            c(Negative, single("10"), "7.5"),
            round((Decimal::ONE + (Decimal::ONE - r / t)) * HUNDRED, 2)
        );
    }

    #[test]
    fn range_targets_for_both_polarities() {
        assert_eq!(c(Positive, range("80", "90"), "85"), d("100"));
        assert_eq!(c(Positive, range("80", "90"), "80"), d("100"));
        assert_eq!(c(Positive, range("80", "90"), "90"), d("100"));
        assert_eq!(c(Positive, range("80", "90"), "99"), d("110"));
        assert_eq!(c(Positive, range("80", "90"), "72"), d("90"));
        assert_eq!(c(Negative, range("80", "90"), "85"), d("100"));
        assert_eq!(c(Negative, range("80", "90"), "99"), d("90"));
        assert_eq!(c(Negative, range("80", "90"), "72"), d("110"));
        // bounds given the wrong way round are still a band
        assert_eq!(c(Positive, range("90", "80"), "85"), d("100"));
    }

    #[test]
    fn no_number_without_target_or_realisation() {
        assert_eq!(
            capaian(Positive, single("0"), Some(d("5"))),
            Err(NotComputable::TargetZero)
        );
        assert_eq!(
            capaian(Negative, single("0"), Some(d("5"))),
            Err(NotComputable::TargetZero)
        );
        assert_eq!(
            capaian(Positive, range("0", "5"), Some(d("-1"))),
            Err(NotComputable::TargetZero)
        );
        assert_eq!(
            capaian(Positive, single("81"), None),
            Err(NotComputable::NoRealisation)
        );
        assert_eq!(
            capaian(Positive, None, Some(d("1"))),
            Err(NotComputable::NoTarget)
        );
        assert_eq!(
            NotComputable::TargetZero.to_string(),
            "tidak dapat dihitung: target 0"
        );
    }

    #[test]
    fn caps() {
        let v = d("103.89");
        assert_eq!(apply_cap(Cap::None, v), v);
        assert_eq!(apply_cap(Cap::At100, v), d("100"));
        assert_eq!(apply_cap(Cap::At110, v), v);
        assert_eq!(apply_cap(Cap::At110, d("125")), d("110"));
        assert_eq!(apply_cap(Cap::At120, d("125")), d("120"));
        assert_eq!(apply_cap(Cap::At100, d("98.95")), d("98.95"));
    }

    #[test]
    fn status_edges() {
        assert_eq!(TargetStatus::of(d("100")), TargetStatus::Met);
        assert_eq!(TargetStatus::of(d("100.0001")), TargetStatus::Exceeded);
        assert_eq!(TargetStatus::of(d("99.9999")), TargetStatus::NotMet);
    }

    #[test]
    fn quarterly_aggregation() {
        let q = [Some(d("2")), Some(d("3")), None, Some(d("4"))];
        assert_eq!(
            aggregate_quarters(Aggregation::Cumulative, &q),
            Some(d("9"))
        );
        assert_eq!(aggregate_quarters(Aggregation::LastValue, &q), Some(d("4")));
        assert_eq!(aggregate_quarters(Aggregation::Average, &q), Some(d("3")));
        let partial = [Some(d("10")), Some(d("30")), None, None];
        assert_eq!(
            aggregate_quarters(Aggregation::LastValue, &partial),
            Some(d("30"))
        );
        assert_eq!(
            aggregate_quarters(Aggregation::Average, &partial),
            Some(d("20"))
        );
        assert_eq!(
            aggregate_quarters(Aggregation::Cumulative, &[None; 4]),
            None
        );
    }

    #[test]
    fn weighted_means() {
        assert_eq!(weighted_mean(&[]), None);
        assert_eq!(
            weighted_mean(&[(d("100"), None), (d("50"), None)]),
            Some(d("75"))
        );
        assert_eq!(
            weighted_mean(&[(d("100"), Some(d("3"))), (d("50"), Some(d("1")))]),
            Some(d("87.5"))
        );
        assert_eq!(weighted_mean(&[(d("100"), Some(d("0")))]), None);
    }
}
