//! The index tables: IKM per service and element, IPP per aspect, IKPP, and AKIP per component.

use super::indicator::Measurer;
use crate::calc::capaian::weighted_mean;
use crate::calc::indices;
use crate::model::*;
use crate::number::{mean, percent_of};
use crate::rules::{IkmUnitMethod, IkmWeight, IppRegulation};
use crate::scale::{self, Predicate};
use crate::survey_results::Tally;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

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
    result.band = result.value().and_then(|v| scale::ipp().predicate(v));
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
        band: scale::ikpp().predicate(value),
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

impl AkipResult {
    /// The AKIP value that counts (predicate, roll-up, comparisons): the evaluator's official LHE value where
    /// recorded, else the total of the components.
    pub fn value(&self) -> Decimal {
        self.official.unwrap_or(self.total)
    }
}

impl<'a> Measurer<'a> {
    pub(super) fn ikm(&self) -> Option<IkmResult> {
        let mut services = self.surveyed_services();
        // A service surveyed here wins over the dataset's raw responses, and both over a published summary.
        for s in self
            .response_services()
            .into_iter()
            .chain(self.summarised_services())
        {
            if !services.iter().any(|x| x.service == s.service) {
                services.push(s);
            }
        }
        if services.is_empty() {
            return None;
        }
        Some(ikm_of_services(services, self.rules.ikm_unit_method))
    }

    /// Responses stored in the survey tables, counted by storage, for the rules' period.
    fn surveyed_services(&self) -> Vec<IkmServiceResult> {
        let period = self.rules.ikm_period;
        let mut services = Vec::new();
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
                self.rules.ikm_weight,
                true,
            ));
        }
        services
    }

    /// Raw responses of the dataset in the rules' period, per service in the order first met.
    fn response_services(&self) -> Vec<IkmServiceResult> {
        let period = self.rules.ikm_period;
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
        tallies
            .into_iter()
            .map(|(name, tally, male)| {
                let respondents = u32::try_from(tally.respondents).unwrap_or(u32::MAX);
                service_result(
                    name,
                    tally.values(),
                    male,
                    respondents - male,
                    self.rules.ikm_weight,
                    true,
                )
            })
            .collect()
    }

    /// Published summaries of the year.
    fn summarised_services(&self) -> Vec<IkmServiceResult> {
        self.data
            .ikm_services
            .iter()
            .filter(|s| s.unit == self.unit && s.year == self.year)
            .map(|s| {
                service_result(
                    &s.service,
                    s.elements.clone(),
                    s.male,
                    s.female,
                    self.rules.ikm_weight,
                    false,
                )
            })
            .collect()
    }

    pub(super) fn ipp(&self) -> Option<IppResult> {
        let e = self
            .data
            .ipp
            .iter()
            .find(|e| e.unit == self.unit && e.year == self.year)?;
        Some(ipp_result(e, self.rules.ipp_regulation))
    }

    pub(super) fn akip(&self) -> Option<AkipResult> {
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
                    percent_of_weight: percent_of(score, weight),
                })
            })
            .collect();
        let total: Decimal = components.iter().map(|c| c.score).sum();
        let lke_total = components.iter().map(|c| c.lke).sum::<Option<Decimal>>();
        Some(AkipResult {
            // The evaluator's official LHE value counts where recorded, exactly as the official IPP does.
            predicate: scale::akip().predicate(e.official.unwrap_or(total)),
            official: e.official,
            difference: e.official.map(|o| o - total),
            lhe_number: e.lhe_number.clone(),
            lke_total,
            total,
            components,
        })
    }
}

/// The unit's IKM from its services: the mean of their values, all respondents pooled, per element, and the value
/// the rules pick.
fn ikm_of_services(services: Vec<IkmServiceResult>, method: IkmUnitMethod) -> IkmResult {
    let values: Vec<Decimal> = services.iter().filter_map(|s| s.ikm).collect();
    let mean_of_services = mean(&values);
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
                mean: mean(&values),
                total: values.iter().copied().sum(),
                pooled: weighted_mean(&weighted),
            }
        })
        .collect();
    let unit_value = match method {
        IkmUnitMethod::MeanOfServices => mean_of_services,
        IkmUnitMethod::Pooled => pooled,
    };
    let male = services.iter().map(|s| s.male).sum();
    let female = services.iter().map(|s| s.female).sum();
    IkmResult {
        mutu: unit_value.and_then(|v| scale::ikm().predicate(v)),
        services,
        elements,
        mean_of_services,
        pooled,
        unit_value,
        male,
        female,
        respondents: male + female,
    }
}

fn service_result(
    name: &str,
    elements: BTreeMap<Element, Decimal>,
    male: u32,
    female: u32,
    weight: IkmWeight,
    from_responses: bool,
) -> IkmServiceResult {
    let ikm = indices::ikm_from_element_values(&elements, weight);
    IkmServiceResult {
        service: name.to_string(),
        mutu: ikm.and_then(|v| scale::ikm().predicate(v)),
        ikm,
        elements,
        male,
        female,
        respondents: male + female,
        from_responses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
