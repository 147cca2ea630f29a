//! Capaian — one rule, applied everywhere (domain.md §3).

use crate::number::mean;
use crate::record::{Aggregation, Polarity, TargetValue};
use crate::rules::{Cap, ZeroTarget};
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

/// How a capaian was computed; every form but the ratio is named beside the figure (domain.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CapaianForm {
    /// `R/T×100` (positive) or `(2T−R)/T×100` (negative): target and realisation not below zero.
    Ratio,
    /// `(1 + (R−T)/|T|)×100` (positive) or `(1 + (T−R)/|T|)×100` (negative): a target or realisation below zero,
    /// so that a realisation better than its target scores above 100 whatever the signs.
    Distance,
    /// A negative indicator with target 0 under the rule that it is met at 0 and missed above it.
    ZeroTargetMet,
}

impl CapaianForm {
    pub fn is_ratio(&self) -> bool {
        *self == CapaianForm::Ratio
    }
    pub fn describe(self) -> &'static str {
        match self {
            CapaianForm::Ratio => "rasio realisasi terhadap target",
            CapaianForm::Distance => "bentuk jarak terhadap |target| (nilai negatif)",
            CapaianForm::ZeroTargetMet => {
                "target 0 indikator negatif: tercapai (100) bila realisasi 0, tidak (0) bila lebih"
            }
        }
    }
}

/// A capaian in percent with the form it was computed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capaian {
    pub value: Decimal,
    pub form: CapaianForm,
}

/// Capaian in percent of a realisation against a target.
///
/// Positive: `R/T×100`; negative: `(2T−R)/T×100`, floored at 0; with a target or realisation below zero the
/// distance form with |T|; a range target scores 100 inside the band and is measured against the nearer bound
/// outside it. Target 0 gives no number, except a negative indicator under [`ZeroTarget::NegativeMetAtZero`].
pub fn capaian(
    polarity: Polarity,
    target: Option<TargetValue>,
    realisation: Option<Decimal>,
    zero_target: ZeroTarget,
) -> Result<Capaian, NotComputable> {
    let target = target.ok_or(NotComputable::NoTarget)?;
    let r = realisation.ok_or(NotComputable::NoRealisation)?;
    let against = |t| against(polarity, t, r, zero_target);
    match target {
        TargetValue::Single(t) => against(t),
        TargetValue::Range { low, high } => {
            let (low, high) = if low <= high {
                (low, high)
            } else {
                (high, low)
            };
            if r >= low && r <= high {
                Ok(Capaian {
                    value: HUNDRED,
                    form: CapaianForm::Ratio,
                })
            } else if r > high {
                against(high)
            } else {
                against(low)
            }
        }
    }
}

fn against(
    polarity: Polarity,
    t: Decimal,
    r: Decimal,
    zero_target: ZeroTarget,
) -> Result<Capaian, NotComputable> {
    if t.is_zero() {
        return match (polarity, zero_target) {
            (Polarity::Negative, ZeroTarget::NegativeMetAtZero) => Ok(Capaian {
                value: if r <= Decimal::ZERO {
                    HUNDRED
                } else {
                    Decimal::ZERO
                },
                form: CapaianForm::ZeroTargetMet,
            }),
            _ => Err(NotComputable::TargetZero),
        };
    }
    if t < Decimal::ZERO || r < Decimal::ZERO {
        let gain = match polarity {
            Polarity::Positive => r - t,
            Polarity::Negative => t - r,
        };
        return Ok(Capaian {
            value: ((Decimal::ONE + gain / t.abs()) * HUNDRED).max(Decimal::ZERO),
            form: CapaianForm::Distance,
        });
    }
    let value = match polarity {
        Polarity::Positive => r / t * HUNDRED,
        Polarity::Negative => ((Decimal::TWO * t - r) / t * HUNDRED).max(Decimal::ZERO),
    };
    Ok(Capaian {
        value,
        form: CapaianForm::Ratio,
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

/// The quarters (1–4) left empty before the last one with a value: the annual value rests on the others, and
/// the reviu and the early warning name these.
pub fn quarter_gaps(quarters: &[Option<Decimal>; 4]) -> Vec<u8> {
    let last = quarters.iter().rposition(Option::is_some).unwrap_or(0);
    (0..last)
        .filter(|&q| quarters[q].is_none())
        .map(|q| q as u8 + 1)
        .collect()
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
        round(
            capaian(p, t, Some(d(r)), ZeroTarget::NotComputable)
                .unwrap()
                .value,
            2,
        )
    }
    fn value(
        p: Polarity,
        t: Option<TargetValue>,
        r: Option<Decimal>,
        zero: ZeroTarget,
    ) -> Result<Decimal, NotComputable> {
        capaian(p, t, r, zero).map(|c| c.value)
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
            value(
                Positive,
                single("0"),
                Some(d("5")),
                ZeroTarget::NotComputable
            ),
            Err(NotComputable::TargetZero)
        );
        assert_eq!(
            value(
                Negative,
                single("0"),
                Some(d("5")),
                ZeroTarget::NotComputable
            ),
            Err(NotComputable::TargetZero)
        );
        assert_eq!(
            value(
                Positive,
                range("0", "5"),
                Some(d("-1")),
                ZeroTarget::NotComputable
            ),
            Err(NotComputable::TargetZero)
        );
        assert_eq!(
            value(Positive, single("81"), None, ZeroTarget::NotComputable),
            Err(NotComputable::NoRealisation)
        );
        assert_eq!(
            value(Positive, None, Some(d("1")), ZeroTarget::NotComputable),
            Err(NotComputable::NoTarget)
        );
        assert_eq!(
            NotComputable::TargetZero.to_string(),
            "tidak dapat dihitung: target 0"
        );
    }

    #[test]
    fn below_zero_the_distance_form_keeps_the_direction() {
        // domain.md §3's cases: better than the target scores above 100 whatever the signs.
        assert_eq!(c(Positive, single("-5"), "-4"), d("120"));
        assert_eq!(c(Negative, single("-5"), "-6"), d("120"));
        assert_eq!(c(Positive, single("-5"), "-6"), d("80"));
        assert_eq!(c(Negative, single("-5"), "-4"), d("80"));
        assert_eq!(c(Positive, single("-5"), "-5"), d("100"));
        // A realisation below zero against a positive target: far worse, floored at 0, never −40.
        assert_eq!(c(Positive, single("5"), "-2"), d("0"));
        assert_eq!(c(Negative, single("5"), "-2"), d("240"));
        // Far worse is floored at 0 in both polarities.
        assert_eq!(c(Positive, single("-5"), "-20"), d("0"));
        assert_eq!(c(Negative, single("-5"), "20"), d("0"));
        let form = |p, t, r| {
            capaian(p, single(t), Some(d(r)), ZeroTarget::NotComputable)
                .unwrap()
                .form
        };
        assert_eq!(form(Positive, "-5", "-4"), CapaianForm::Distance);
        assert_eq!(form(Positive, "5", "-2"), CapaianForm::Distance);
        assert_eq!(form(Positive, "5", "0"), CapaianForm::Ratio);
        assert_eq!(form(Negative, "5", "4"), CapaianForm::Ratio);
        // A band below zero: inside is 100, outside is measured from the nearer bound in the distance form.
        assert_eq!(c(Positive, range("-10", "-5"), "-7"), d("100"));
        assert_eq!(c(Positive, range("-10", "-5"), "-4"), d("120"));
        assert_eq!(c(Positive, range("-10", "-5"), "-12"), d("80"));
    }

    #[test]
    fn a_negative_target_0_is_met_at_0_under_its_rule() {
        let met = |r: &str| {
            value(
                Negative,
                single("0"),
                Some(d(r)),
                ZeroTarget::NegativeMetAtZero,
            )
        };
        assert_eq!(met("0"), Ok(d("100")));
        assert_eq!(met("0.01"), Ok(d("0")));
        assert_eq!(met("3"), Ok(d("0")));
        assert_eq!(
            capaian(
                Negative,
                single("0"),
                Some(d("0")),
                ZeroTarget::NegativeMetAtZero
            )
            .unwrap()
            .form,
            CapaianForm::ZeroTargetMet
        );
        // Positive indicators and a missing realisation are not touched by the rule.
        assert_eq!(
            value(
                Positive,
                single("0"),
                Some(d("0")),
                ZeroTarget::NegativeMetAtZero
            ),
            Err(NotComputable::TargetZero)
        );
        assert_eq!(
            value(Negative, single("0"), None, ZeroTarget::NegativeMetAtZero),
            Err(NotComputable::NoRealisation)
        );
    }

    #[test]
    fn gaps_are_the_empty_quarters_before_the_last_entered() {
        let q = |v: [Option<&str>; 4]| v.map(|x| x.map(d));
        assert_eq!(
            quarter_gaps(&q([Some("1"), None, Some("1"), None])),
            vec![2]
        );
        assert_eq!(
            quarter_gaps(&q([None, None, None, Some("1")])),
            vec![1, 2, 3]
        );
        assert_eq!(
            quarter_gaps(&q([Some("1"), Some("1"), None, None])),
            Vec::<u8>::new()
        );
        assert_eq!(quarter_gaps(&q([None; 4])), Vec::<u8>::new());
        assert_eq!(quarter_gaps(&q([Some("1"); 4])), Vec::<u8>::new());
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
