//! The results of an IKM survey (PermenPANRB 14/2017, domain.md §5) from raw responses: per service and per unit,
//! for a period of the year, with breakdowns by respondent profile, sample adequacy, the trend over the periods and
//! the weakest elements.
//!
//! Everything is counted in integers first ([`Tally`]: respondents and, per element, how many gave each score) and
//! turned into decimals only at the end, so a year of a million responses is one pass over compact
//! [`Respondent`]s; tallies of months and groups merge without going back to the responses.
//!
//! Entry points: [`analyse`] (everything a results page or the "Laporan Hasil SKM" shows) and
//! [`unit_value_of`] (only the unit's value from counted tallies, for measurement).

pub use crate::record::Period;

use crate::calc::indices;
use crate::record::{Choice, Education, Element, Occupation, Scores, Sex};
use crate::rules::{IkmUnitMethod, IkmWeight};
use crate::scale::{self, Predicate};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many of the weakest elements are named as improvement priorities.
pub const PRIORITIES: usize = 3;

/// Integer counts of a set of respondents: how many, and per element how many gave each score 1–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    pub respondents: u64,
    /// `counts[element index][score − 1]`.
    pub counts: [[u64; 4]; 9],
}

impl Tally {
    /// Counts one respondent. An element left unanswered (or holding anything but 1–4) does not count for that
    /// element; the respondent still counts.
    pub fn add(&mut self, scores: &Scores) {
        self.respondents += 1;
        for (counts, score) in self.counts.iter_mut().zip(scores.0) {
            if let Some(s @ 1..=4) = score {
                counts[usize::from(s - 1)] += 1;
            }
        }
    }

    pub fn merge(&mut self, other: &Tally) {
        self.respondents += other.respondents;
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m += t;
            }
        }
    }

    /// Respondents who answered the element.
    pub fn answered(&self, element: Element) -> u64 {
        self.counts[element.index()].iter().sum()
    }

    /// Respondents who gave the element `score` (1–4).
    pub fn count(&self, element: Element, score: u8) -> u64 {
        match score {
            1..=4 => self.counts[element.index()][usize::from(score - 1)],
            _ => 0,
        }
    }

    /// `NRR = Σ scores / respondents answering`, 1–4; `None` when nobody answered the element.
    pub fn nrr(&self, element: Element) -> Option<Decimal> {
        let answered = self.answered(element);
        if answered == 0 {
            return None;
        }
        let sum: u64 = self.counts[element.index()]
            .iter()
            .zip(1u64..)
            .map(|(n, s)| n * s)
            .sum();
        Some(Decimal::from(sum) / Decimal::from(answered))
    }

    /// The element's value on the 25–100 scale: `NRR × 25`.
    pub fn value(&self, element: Element) -> Option<Decimal> {
        self.nrr(element).map(|n| n * Decimal::from(25))
    }

    /// The values of the answered elements.
    pub fn values(&self) -> BTreeMap<Element, Decimal> {
        Element::ALL
            .iter()
            .filter_map(|e| Some((*e, self.value(*e)?)))
            .collect()
    }

    /// IKM on 25–100; `None` unless every element was answered by someone.
    pub fn ikm(&self, weight: IkmWeight) -> Option<Decimal> {
        indices::ikm_from_element_values(&self.values(), weight)
    }
}

/// One respondent as the analysis reads it: the month answered (1–12), the profile and the scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Respondent {
    pub month: u8,
    pub sex: Sex,
    pub age: Option<u8>,
    pub education: Option<Education>,
    pub occupation: Option<Occupation>,
    pub scores: Scores,
}

/// A service with its respondents of the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceResponses {
    pub name: String,
    /// Service users in a year, for the sample size; `None` when not known.
    pub population: Option<u64>,
    pub respondents: Vec<Respondent>,
}

/// A service's stored responses of a year counted per month (index 0 is January): what measurement needs of
/// them, small enough to keep with a unit's data however many responses there are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MonthlyTallies {
    pub unit: String,
    pub year: i32,
    pub service: String,
    pub months: [Tally; 12],
    /// Male respondents per month (the others are female).
    pub male: [u64; 12],
}

impl MonthlyTallies {
    /// The tally of the period's months and its male respondents.
    pub fn of(&self, period: Period) -> (Tally, u64) {
        let (first, last) = period.months();
        let male = self.male[usize::from(first - 1)..usize::from(last)]
            .iter()
            .sum();
        (of_months(&self.months, period), male)
    }
}

/// The tally of a period from the tallies of the months of the year.
fn of_months(months: &[Tally; 12], period: Period) -> Tally {
    let (first, last) = period.months();
    let mut tally = Tally::default();
    for t in &months[usize::from(first - 1)..usize::from(last)] {
        tally.merge(t);
    }
    tally
}

/// Age bands of the breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum AgeBand {
    Under20,
    From20To29,
    From30To39,
    From40To49,
    From50To59,
    From60,
    NotGiven,
}

impl AgeBand {
    pub const ALL: [AgeBand; 7] = [
        AgeBand::Under20,
        AgeBand::From20To29,
        AgeBand::From30To39,
        AgeBand::From40To49,
        AgeBand::From50To59,
        AgeBand::From60,
        AgeBand::NotGiven,
    ];

    pub fn of(age: Option<u8>) -> AgeBand {
        match age {
            None => AgeBand::NotGiven,
            Some(0..=19) => AgeBand::Under20,
            Some(20..=29) => AgeBand::From20To29,
            Some(30..=39) => AgeBand::From30To39,
            Some(40..=49) => AgeBand::From40To49,
            Some(50..=59) => AgeBand::From50To59,
            Some(_) => AgeBand::From60,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AgeBand::Under20 => "< 20 tahun",
            AgeBand::From20To29 => "20–29 tahun",
            AgeBand::From30To39 => "30–39 tahun",
            AgeBand::From40To49 => "40–49 tahun",
            AgeBand::From50To59 => "50–59 tahun",
            AgeBand::From60 => "≥ 60 tahun",
            AgeBand::NotGiven => NOT_GIVEN,
        }
    }
}

const NOT_GIVEN: &str = "Tidak diisi";

/// The figures of one element over a set of respondents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementResult {
    pub element: Element,
    pub name: &'static str,
    pub answered: u64,
    /// 1–4.
    pub nrr: Option<Decimal>,
    /// NRR × 25.
    pub value: Option<Decimal>,
}

fn element_results(tally: &Tally) -> Vec<ElementResult> {
    Element::ALL
        .iter()
        .map(|e| ElementResult {
            element: *e,
            name: e.name(),
            answered: tally.answered(*e),
            nrr: tally.nrr(*e),
            value: tally.value(*e),
        })
        .collect()
}

fn mutu(ikm: Option<Decimal>) -> Option<Predicate> {
    ikm.and_then(|v| scale::ikm().predicate(v))
}

/// Respondents against the Krejcie–Morgan sample size of the population.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SampleAdequacy {
    pub population: Option<u64>,
    /// `None` without a population.
    pub required: Option<u64>,
    pub respondents: u64,
    /// `None` without a population.
    pub adequate: Option<bool>,
}

impl SampleAdequacy {
    pub fn of(population: Option<u64>, respondents: u64) -> SampleAdequacy {
        let required = population.map(indices::krejcie_morgan);
        SampleAdequacy {
            population,
            required,
            respondents,
            adequate: required.map(|r| respondents >= r),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceResult {
    pub name: String,
    pub tally: Tally,
    pub elements: Vec<ElementResult>,
    pub ikm: Option<Decimal>,
    pub mutu: Option<Predicate>,
    pub male: u64,
    pub female: u64,
    pub sample: SampleAdequacy,
}

/// One row of a breakdown: a group of respondents and their IKM (all of them together).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupResult {
    pub label: &'static str,
    pub respondents: u64,
    pub ikm: Option<Decimal>,
    pub mutu: Option<Predicate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdowns {
    pub sex: Vec<GroupResult>,
    pub age: Vec<GroupResult>,
    pub education: Vec<GroupResult>,
    pub occupation: Vec<GroupResult>,
}

/// The unit's value over its services, both ways (domain.md §5), and which one the rules use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitValue {
    pub respondents: u64,
    /// All respondents of every service together.
    pub pooled: Option<Decimal>,
    /// Mean of the values of the services that have one.
    pub mean_of_services: Option<Decimal>,
    pub method: IkmUnitMethod,
    /// `pooled` or `mean_of_services`, as `method` says.
    pub value: Option<Decimal>,
    pub mutu: Option<Predicate>,
}

/// A row of the trend table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendRow {
    pub period: Period,
    pub unit: UnitValue,
}

/// Everything the results of a unit's survey show for a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub period: Period,
    pub weight: IkmWeight,
    pub services: Vec<ServiceResult>,
    /// All respondents of the period, per element.
    pub elements: Vec<ElementResult>,
    pub unit: UnitValue,
    /// The weakest elements (lowest NRR over all respondents), weakest first, at most [`PRIORITIES`].
    pub priorities: Vec<Element>,
    pub breakdowns: Breakdowns,
    /// Every period of the year, in [`Period::ALL`] order.
    pub trend: Vec<TrendRow>,
}

/// Per service, the tallies of each month (index 0 is January) and the sexes of the period counted.
struct Counted {
    months: Vec<[Tally; 12]>,
}

impl Counted {
    fn of(services: &[ServiceResponses]) -> Counted {
        let months = services
            .iter()
            .map(|s| {
                let mut months = [Tally::default(); 12];
                for r in &s.respondents {
                    if let Some(t) = usize::from(r.month)
                        .checked_sub(1)
                        .and_then(|m| months.get_mut(m))
                    {
                        t.add(&r.scores);
                    }
                }
                months
            })
            .collect();
        Counted { months }
    }

    fn service(&self, index: usize, period: Period) -> Tally {
        of_months(&self.months[index], period)
    }

    fn unit(&self, period: Period, weight: IkmWeight, method: IkmUnitMethod) -> UnitValue {
        let tallies: Vec<Tally> = (0..self.months.len())
            .map(|i| self.service(i, period))
            .collect();
        unit_value_of(&tallies, weight, method)
    }
}

/// The unit's value from its services' tallies (one per service; empty ones count for neither way).
pub fn unit_value_of(tallies: &[Tally], weight: IkmWeight, method: IkmUnitMethod) -> UnitValue {
    let mut all = Tally::default();
    for t in tallies {
        all.merge(t);
    }
    let values: Vec<Decimal> = tallies.iter().filter_map(|t| t.ikm(weight)).collect();
    let pooled = all.ikm(weight);
    let mean_of_services = crate::number::mean(&values);
    let value = match method {
        IkmUnitMethod::Pooled => pooled,
        IkmUnitMethod::MeanOfServices => mean_of_services,
    };
    UnitValue {
        respondents: all.respondents,
        pooled,
        mean_of_services,
        method,
        value,
        mutu: mutu(value),
    }
}

fn groups<T: Copy + PartialEq>(
    keys: &[T],
    tallies: &[Tally],
    label: impl Fn(T) -> &'static str,
    weight: IkmWeight,
) -> Vec<GroupResult> {
    keys.iter()
        .zip(tallies)
        .map(|(k, t)| {
            let ikm = t.ikm(weight);
            GroupResult {
                label: label(*k),
                respondents: t.respondents,
                ikm,
                mutu: mutu(ikm),
            }
        })
        .collect()
}

/// Position of an optional choice among `T::ALL`, the last slot standing for "not given".
fn slot<T: Choice + PartialEq>(value: Option<T>) -> usize {
    value
        .and_then(|v| T::ALL.iter().position(|c| *c == v))
        .unwrap_or(T::ALL.len())
}

fn choice_groups<T: Choice + PartialEq>(tallies: &[Tally], weight: IkmWeight) -> Vec<GroupResult> {
    let keys: Vec<Option<T>> = T::ALL
        .iter()
        .map(|c| Some(*c))
        .chain(std::iter::once(None))
        .collect();
    groups(
        &keys,
        tallies,
        |k| k.map_or(NOT_GIVEN, |c| c.label()),
        weight,
    )
}

/// The results of a unit's services for `period`: `services` hold the respondents of the whole year (the trend
/// covers every period of it).
pub fn analyse(
    services: &[ServiceResponses],
    period: Period,
    weight: IkmWeight,
    method: IkmUnitMethod,
) -> Analysis {
    let counted = Counted::of(services);
    let mut sex = [Tally::default(); 2];
    let mut age = [Tally::default(); AgeBand::ALL.len()];
    let mut education = vec![Tally::default(); Education::ALL.len() + 1];
    let mut occupation = vec![Tally::default(); Occupation::ALL.len() + 1];
    let mut results = Vec::with_capacity(services.len());
    let mut all = Tally::default();
    for (i, service) in services.iter().enumerate() {
        let (mut male, mut female) = (0, 0);
        for r in service
            .respondents
            .iter()
            .filter(|r| period.contains(r.month))
        {
            match r.sex {
                Sex::Male => male += 1,
                Sex::Female => female += 1,
            }
            sex[slot(Some(r.sex))].add(&r.scores);
            age[AgeBand::of(r.age) as usize].add(&r.scores);
            education[slot(r.education)].add(&r.scores);
            occupation[slot(r.occupation)].add(&r.scores);
        }
        let tally = counted.service(i, period);
        all.merge(&tally);
        let ikm = tally.ikm(weight);
        results.push(ServiceResult {
            name: service.name.clone(),
            elements: element_results(&tally),
            ikm,
            mutu: mutu(ikm),
            male,
            female,
            sample: SampleAdequacy::of(service.population, tally.respondents),
            tally,
        });
    }
    let tallies: Vec<Tally> = results.iter().map(|s| s.tally).collect();
    Analysis {
        period,
        weight,
        unit: unit_value_of(&tallies, weight, method),
        elements: element_results(&all),
        priorities: weakest(&all),
        breakdowns: Breakdowns {
            sex: groups(Sex::ALL, &sex, Choice::label, weight),
            age: groups(&AgeBand::ALL, &age, AgeBand::label, weight),
            education: choice_groups::<Education>(&education, weight),
            occupation: choice_groups::<Occupation>(&occupation, weight),
        },
        trend: Period::ALL
            .iter()
            .map(|p| TrendRow {
                period: *p,
                unit: counted.unit(*p, weight, method),
            })
            .collect(),
        services: results,
    }
}

/// The answered elements with the lowest NRR, weakest first (ties in element order).
fn weakest(tally: &Tally) -> Vec<Element> {
    let mut answered: Vec<(Decimal, Element)> = Element::ALL
        .iter()
        .filter_map(|e| Some((tally.nrr(*e)?, *e)))
        .collect();
    answered.sort();
    answered
        .into_iter()
        .take(PRIORITIES)
        .map(|(_, e)| e)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::round;
    use crate::test_support::d;

    fn scores(s: [u8; 9]) -> Scores {
        Scores(s.map(|x| (x > 0).then_some(x)))
    }

    fn respondent(month: u8, s: [u8; 9]) -> Respondent {
        Respondent {
            month,
            sex: Sex::Female,
            age: None,
            education: None,
            occupation: None,
            scores: scores(s),
        }
    }

    fn service(name: &str, respondents: Vec<Respondent>) -> ServiceResponses {
        ServiceResponses {
            name: name.into(),
            population: None,
            respondents,
        }
    }

    #[test]
    fn periods_read_back_and_hold_their_months() {
        for p in Period::ALL {
            assert_eq!(Period::parse(p.code()), Some(p));
            assert_eq!(
                serde_json::to_value(p).unwrap(),
                serde_json::Value::from(p.code())
            );
        }
        assert_eq!(Period::parse(" TW2 "), Some(Period::Triwulan2));
        assert_eq!(Period::parse("tw5"), None);
        assert_eq!(Period::default(), Period::Tahun);
        assert!(Period::Triwulan2.contains(4) && Period::Triwulan2.contains(6));
        assert!(!Period::Triwulan2.contains(3) && !Period::Triwulan2.contains(7));
        assert!(Period::Semester2.contains(7) && !Period::Semester2.contains(6));
        assert!(Period::Tahun.contains(1) && Period::Tahun.contains(12));
        assert!(!Period::Tahun.contains(0) && !Period::Tahun.contains(13));
        assert_eq!(Period::Triwulan4.label(), "Triwulan IV");
    }

    #[test]
    fn unanswered_elements_do_not_count_for_that_element() {
        let mut t = Tally::default();
        t.add(&scores([4; 9]));
        t.add(&scores([3; 9]));
        t.add(&scores([2, 2, 2, 0, 2, 2, 2, 2, 2]));
        assert_eq!(t.respondents, 3);
        assert_eq!(t.answered(Element::U4), 2);
        assert_eq!(t.answered(Element::U1), 3);
        assert_eq!(t.count(Element::U1, 2), 1);
        assert_eq!(t.count(Element::U1, 5), 0);
        assert_eq!(t.nrr(Element::U1), Some(d("3")));
        assert_eq!(t.nrr(Element::U4), Some(d("3.5")));
        assert_eq!(t.value(Element::U4), Some(d("87.5")));
        // (8 × 3 + 3,5) / 9 × 25 = 76,388…
        assert_eq!(round(t.ikm(IkmWeight::Exact).unwrap(), 2), d("76.39"));
        // Nobody answered U9: no IKM at all.
        let mut partial = Tally::default();
        partial.add(&scores([4, 4, 4, 4, 4, 4, 4, 4, 0]));
        assert_eq!(partial.nrr(Element::U9), None);
        assert_eq!(partial.ikm(IkmWeight::Exact), None);
        // A score outside 1–4 counts as unanswered.
        let mut odd = Tally::default();
        odd.add(&Scores([Some(5); 9]));
        assert_eq!((odd.respondents, odd.answered(Element::U1)), (1, 0));
    }

    #[test]
    fn merged_tallies_equal_one_tally() {
        let (mut a, mut b, mut both) = (Tally::default(), Tally::default(), Tally::default());
        a.add(&scores([1, 2, 3, 4, 1, 2, 3, 4, 1]));
        b.add(&scores([4, 0, 3, 2, 1, 2, 3, 4, 4]));
        both.add(&scores([1, 2, 3, 4, 1, 2, 3, 4, 1]));
        both.add(&scores([4, 0, 3, 2, 1, 2, 3, 4, 4]));
        a.merge(&b);
        assert_eq!(a, both);
    }

    #[test]
    fn legacy_weight_is_0_111_and_caps_below_100() {
        let mut t = Tally::default();
        t.add(&scores([4; 9]));
        assert_eq!(t.ikm(IkmWeight::Exact), Some(d("100")));
        assert_eq!(t.ikm(IkmWeight::Legacy0111), Some(d("99.9")));
        // NRR 3 everywhere: 9 × 75 × 0,111 = 74,925 against 75.
        let mut three = Tally::default();
        three.add(&scores([3; 9]));
        assert_eq!(three.ikm(IkmWeight::Exact), Some(d("75")));
        assert_eq!(three.ikm(IkmWeight::Legacy0111), Some(d("74.925")));
    }

    /// Mutu on the value rounded to two decimals: ≥88,31 A; ≥76,61 B; ≥65,00 C; else D (domain.md §5).
    #[test]
    fn mutu_band_edges() {
        let code = |v: &str| mutu(Some(d(v))).map(|p| p.code);
        for (at, below, band, next) in [
            ("88.31", "88.30", "A", "B"),
            ("76.61", "76.60", "B", "C"),
            ("65.00", "64.99", "C", "D"),
        ] {
            assert_eq!(code(at).as_deref(), Some(band), "{at}");
            assert_eq!(code(below).as_deref(), Some(next), "{below}");
        }
        // 88,305 prints 88,31 and is A; 88,3049 prints 88,30 and is B.
        assert_eq!(code("88.305").as_deref(), Some("A"));
        assert_eq!(code("88.3049").as_deref(), Some("B"));
        assert_eq!(code("25").as_deref(), Some("D"));
        assert_eq!(mutu(None), None);
    }

    #[test]
    fn a_tallied_value_falls_in_the_band_of_its_print() {
        // 3 respondents: NRR 4 on eight elements and 1/3 of each of 1, 2, 3 on U9 → (8 × 100 + 50) / 9 = 94,44.
        let mut t = Tally::default();
        t.add(&scores([4, 4, 4, 4, 4, 4, 4, 4, 1]));
        t.add(&scores([4, 4, 4, 4, 4, 4, 4, 4, 2]));
        t.add(&scores([4, 4, 4, 4, 4, 4, 4, 4, 3]));
        let v = t.ikm(IkmWeight::Exact).unwrap();
        assert_eq!(round(v, 2), d("94.44"));
        assert_eq!(mutu(Some(v)).unwrap().label, "Sangat Baik");
    }

    #[test]
    fn pooled_and_mean_of_services_differ_and_the_rules_pick_one() {
        // A: one respondent all 4 (IKM 100); B: three respondents all 2 (IKM 50).
        let services = vec![
            service("A", vec![respondent(1, [4; 9])]),
            service("B", vec![respondent(2, [2; 9]); 3]),
            service("Kosong", vec![]),
        ];
        let a = analyse(
            &services,
            Period::Tahun,
            IkmWeight::Exact,
            IkmUnitMethod::MeanOfServices,
        );
        // Pooled: NRR (4 + 3 × 2) / 4 = 2,5 → 62,5. Mean of services: (100 + 50) / 2 = 75; the empty one is left out.
        assert_eq!(a.unit.pooled, Some(d("62.5")));
        assert_eq!(a.unit.mean_of_services, Some(d("75")));
        assert_eq!(a.unit.value, Some(d("75")));
        assert_eq!(a.unit.respondents, 4);
        assert_eq!(a.unit.mutu.as_ref().unwrap().code, "C");
        let pooled = analyse(
            &services,
            Period::Tahun,
            IkmWeight::Exact,
            IkmUnitMethod::Pooled,
        )
        .unit;
        assert_eq!(pooled.value, Some(d("62.5")));
        assert_eq!(pooled.mutu.unwrap().code, "D");
        // The service without responses is listed, with nothing computed.
        let empty = &a.services[2];
        assert_eq!((empty.tally.respondents, empty.ikm), (0, None));
        assert!(empty.mutu.is_none() && empty.elements.iter().all(|e| e.nrr.is_none()));
    }

    #[test]
    fn periods_filter_and_the_trend_covers_the_year() {
        let services = vec![service(
            "A",
            vec![
                respondent(2, [4; 9]),
                respondent(5, [3; 9]),
                respondent(11, [2; 9]),
            ],
        )];
        let a = analyse(
            &services,
            Period::Triwulan2,
            IkmWeight::Exact,
            IkmUnitMethod::MeanOfServices,
        );
        assert_eq!(a.unit.respondents, 1);
        assert_eq!(a.unit.value, Some(d("75")));
        assert_eq!(a.services[0].female, 1);
        let trend: Vec<(Period, u64, Option<Decimal>)> = a
            .trend
            .iter()
            .map(|r| (r.period, r.unit.respondents, r.unit.value))
            .collect();
        assert_eq!(
            trend,
            vec![
                (Period::Triwulan1, 1, Some(d("100"))),
                (Period::Triwulan2, 1, Some(d("75"))),
                (Period::Triwulan3, 0, None),
                (Period::Triwulan4, 1, Some(d("50"))),
                (Period::Semester1, 2, Some(d("87.5"))),
                (Period::Semester2, 1, Some(d("50"))),
                (Period::Tahun, 3, Some(d("75"))),
            ]
        );
    }

    #[test]
    fn breakdowns_and_priorities() {
        let mut young_man = respondent(3, [4, 4, 4, 4, 4, 4, 4, 4, 2]);
        young_man.sex = Sex::Male;
        young_man.age = Some(19);
        young_man.education = Some(Education::SMA);
        young_man.occupation = Some(Occupation::Swasta);
        let mut elder = respondent(3, [4, 4, 3, 4, 4, 4, 4, 4, 1]);
        elder.age = Some(60);
        elder.occupation = Some(Occupation::Pns);
        let a = analyse(
            &[service("A", vec![young_man, elder])],
            Period::Tahun,
            IkmWeight::Exact,
            IkmUnitMethod::Pooled,
        );
        let b = &a.breakdowns;
        assert_eq!(
            b.sex
                .iter()
                .map(|g| (g.label, g.respondents))
                .collect::<Vec<_>>(),
            vec![("Laki-laki", 1), ("Perempuan", 1)]
        );
        // (8 × 100 + 50) / 9 = 94,44…
        assert_eq!(round(b.sex[0].ikm.unwrap(), 2), d("94.44"));
        let age: Vec<u64> = b.age.iter().map(|g| g.respondents).collect();
        assert_eq!(age, vec![1, 0, 0, 0, 0, 1, 0]);
        assert_eq!(b.age[1].ikm, None);
        assert_eq!(b.education.last().unwrap().label, "Tidak diisi");
        assert_eq!(b.education.last().unwrap().respondents, 1);
        assert_eq!(b.education.len(), Education::ALL.len() + 1);
        let pns = b.occupation.iter().find(|g| g.label == "PNS").unwrap();
        assert_eq!(pns.respondents, 1);
        // U9 (NRR 1,5) then U3 (3,5), then the first of the elements at 4.
        assert_eq!(a.priorities, vec![Element::U9, Element::U3, Element::U1]);
        assert_eq!(a.services[0].male, 1);
    }

    #[test]
    fn sample_adequacy_by_krejcie_morgan() {
        let s = SampleAdequacy::of(Some(100), 80);
        assert_eq!((s.required, s.adequate), (Some(80), Some(true)));
        let s = SampleAdequacy::of(Some(1000), 277);
        assert_eq!((s.required, s.adequate), (Some(278), Some(false)));
        let s = SampleAdequacy::of(None, 5);
        assert_eq!((s.required, s.adequate), (None, None));
        let services = vec![ServiceResponses {
            population: Some(100),
            ..service("A", vec![respondent(1, [4; 9]); 3])
        }];
        let a = analyse(
            &services,
            Period::Tahun,
            IkmWeight::Exact,
            IkmUnitMethod::Pooled,
        );
        assert_eq!(a.services[0].sample.required, Some(80));
        assert_eq!(a.services[0].sample.adequate, Some(false));
    }

    #[test]
    fn monthly_tallies_merge_the_period() {
        let mut m = MonthlyTallies::default();
        m.months[0].add(&scores([4; 9]));
        m.months[4].add(&scores([2; 9]));
        m.months[5].add(&scores([3; 9]));
        m.male = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
        let (q2, male) = m.of(Period::Triwulan2);
        assert_eq!((q2.respondents, male), (2, 1));
        assert_eq!(q2.ikm(IkmWeight::Exact), Some(d("62.5")));
        let (year, male) = m.of(Period::Tahun);
        assert_eq!((year.respondents, male), (3, 2));
        assert_eq!(m.of(Period::Triwulan4).0, Tally::default());
    }

    #[test]
    fn months_out_of_range_are_not_counted() {
        let a = analyse(
            &[service(
                "A",
                vec![respondent(0, [4; 9]), respondent(13, [4; 9])],
            )],
            Period::Tahun,
            IkmWeight::Exact,
            IkmUnitMethod::Pooled,
        );
        assert_eq!(a.unit.respondents, 0);
        assert_eq!(a.unit.value, None);
    }
}
