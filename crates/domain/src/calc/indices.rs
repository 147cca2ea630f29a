//! Composite indices: IKM (PermenPANRB 14/2017), IPP, IKPP, AKIP (PermenPANRB 88/2021) — domain.md §5.

use crate::record::{
    AkipComponent, AkipComponentScore, AkipSubComponent, Element, Grade, IppAspect, IppAspectScore,
    PatenRequirement, Response,
};
use crate::rules::{AkipBlend, AkipTemplate, IkmWeight, IppRegulation};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

const TWENTY_FIVE: Decimal = Decimal::from_parts(25, 0, 0, false, 0);

/// IKM (25–100) from the nine elements' values on the 25–100 scale (NRR × 25).
/// Exact weights: the mean; legacy weights: `Σ value × 0,111`. `None` unless all nine elements are present.
pub fn ikm_from_element_values(
    values: &BTreeMap<Element, Decimal>,
    weight: IkmWeight,
) -> Option<Decimal> {
    if Element::ALL.iter().any(|e| !values.contains_key(e)) {
        return None;
    }
    let sum: Decimal = Element::ALL.iter().map(|e| values[e]).sum();
    Some(match weight {
        IkmWeight::Exact => sum / Decimal::from(9),
        IkmWeight::Legacy0111 => sum * Decimal::new(111, 3),
    })
}

/// Per element, the mean score (NRR, 1–4) of the respondents who answered it.
pub fn nrr(responses: &[&Response]) -> BTreeMap<Element, Decimal> {
    let mut sums: BTreeMap<Element, (u64, u64)> = BTreeMap::new();
    for response in responses {
        for (element, score) in &response.answers {
            let entry = sums.entry(*element).or_default();
            entry.0 += u64::from(*score);
            entry.1 += 1;
        }
    }
    sums.into_iter()
        .filter(|(_, (_, n))| *n > 0)
        .map(|(e, (s, n))| (e, Decimal::from(s) / Decimal::from(n)))
        .collect()
}

/// IKM from raw responses: `(Σ NRR_u × w) × 25`.
pub fn ikm_from_responses(responses: &[&Response], weight: IkmWeight) -> Option<Decimal> {
    let values = nrr(responses)
        .into_iter()
        .map(|(e, v)| (e, v * TWENTY_FIVE))
        .collect();
    ikm_from_element_values(&values, weight)
}

/// Krejcie–Morgan sample size for a population of `population` service users (95%, p = 0,5, e = 5%).
pub fn krejcie_morgan(population: u64) -> u64 {
    if population == 0 {
        return 0;
    }
    let chi = Decimal::new(3841, 3);
    let p = Decimal::new(25, 2);
    let n = Decimal::from(population);
    let s = chi * n * p / (Decimal::new(25, 4) * (n - Decimal::ONE) + chi * p);
    let ceil = s.ceil();
    u64::try_from(ceil).unwrap_or(population).min(population)
}

/// IPP aspect values: the aspect's indicator value times its weight, in `IppAspect::ALL` order.
pub fn ipp_aspect_values(
    aspects: &[IppAspectScore],
    regulation: IppRegulation,
) -> Vec<(IppAspect, Decimal, Decimal)> {
    let weights = regulation.weights();
    IppAspect::ALL
        .iter()
        .zip(weights)
        .filter_map(|(aspect, weight)| {
            let score = aspects.iter().find(|a| a.aspect == *aspect)?;
            let w = Decimal::new(i64::from(weight), 2);
            Some((*aspect, score.value, score.value * w))
        })
        .collect()
}

/// IPP on 0–5 from the aspect scores; `None` unless all six aspects are present.
pub fn ipp(aspects: &[IppAspectScore], regulation: IppRegulation) -> Option<Decimal> {
    let values = ipp_aspect_values(aspects, regulation);
    if values.len() < IppAspect::ALL.len() {
        return None;
    }
    Some(values.iter().map(|(_, _, v)| *v).sum())
}

/// IKPP (Kabupaten Jombang): `1,25 × (IKM / 25) + IPP`.
pub fn ikpp(ikm: Decimal, ipp: Decimal) -> Decimal {
    Decimal::new(125, 2) * (ikm / TWENTY_FIVE) + ipp
}

/// The PATEN checklist in numbers. The given score is the evaluator's; these only show how complete the
/// checklist is beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct PatenChecklist {
    pub requirements: usize,
    pub fulfilled: usize,
    /// Requirements marked fulfilled without any evidence: what an evaluator asks for first.
    pub fulfilled_without_evidence: usize,
}

pub fn paten_checklist(requirements: &[PatenRequirement]) -> PatenChecklist {
    let fulfilled = requirements.iter().filter(|r| r.fulfilled);
    PatenChecklist {
        requirements: requirements.len(),
        fulfilled: fulfilled.clone().count(),
        fulfilled_without_evidence: fulfilled.filter(|r| r.evidence.is_empty()).count(),
    }
}

impl AkipTemplate {
    pub fn weight(&self, component: AkipComponent) -> Decimal {
        match component {
            AkipComponent::Perencanaan => self.perencanaan,
            AkipComponent::Pengukuran => self.pengukuran,
            AkipComponent::Pelaporan => self.pelaporan,
            AkipComponent::Evaluasi => self.evaluasi,
        }
    }
    pub fn sub_ratio(&self, sub: AkipSubComponent) -> Decimal {
        match sub {
            AkipSubComponent::Keberadaan => self.keberadaan,
            AkipSubComponent::Kualitas => self.kualitas,
            AkipSubComponent::Pemanfaatan => self.pemanfaatan,
        }
    }
    /// A grade's value in percent of its criterion's weight.
    pub fn grade_value(&self, grade: Grade) -> Decimal {
        let key = format!("{grade:?}");
        if let Some(v) = self.grades.as_ref().and_then(|g| g.get(&key)) {
            return *v;
        }
        Decimal::from(match grade {
            Grade::AA | Grade::Y => 100,
            Grade::A => 90,
            Grade::BB => 80,
            Grade::B => 70,
            Grade::CC => 60,
            Grade::C => 50,
            Grade::D => 30,
            Grade::E | Grade::T => 0,
        })
    }
}

/// A component's LKE score from its criteria's evaluator grades: each sub-component's share of the weight times the
/// mean grade of its criteria (equal weights within a sub-component). `None` without criteria.
pub fn akip_lke_from_criteria(
    score: &AkipComponentScore,
    template: &AkipTemplate,
) -> Option<Decimal> {
    if score.criteria.iter().all(|c| c.grade.is_none()) {
        return None;
    }
    let weight = template.weight(score.component);
    let hundred = Decimal::ONE_HUNDRED;
    let mut total = Decimal::ZERO;
    for sub in [
        AkipSubComponent::Keberadaan,
        AkipSubComponent::Kualitas,
        AkipSubComponent::Pemanfaatan,
    ] {
        let grades: Vec<Decimal> = score
            .criteria
            .iter()
            .filter(|c| c.sub == sub)
            .filter_map(|c| c.grade)
            .map(|g| template.grade_value(g))
            .collect();
        if grades.is_empty() {
            continue;
        }
        let mean = grades.iter().copied().sum::<Decimal>() / Decimal::from(grades.len());
        total += weight * template.sub_ratio(sub) / hundred * mean / hundred;
    }
    Some(total)
}

/// A component's final score: `desk × LKE + field × lapangan` where a field score exists and a blend is in force,
/// else the LKE score.
pub fn akip_component(lke: Decimal, field: Option<Decimal>, blend: Option<AkipBlend>) -> Decimal {
    match (field, blend) {
        (Some(f), Some(b)) => b.desk * lke + b.field * f,
        _ => lke,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::number::round;
    use crate::record::{CriterionGrade, Sex};
    use crate::test_support::d;

    fn values(v: [&str; 9]) -> BTreeMap<Element, Decimal> {
        Element::ALL
            .iter()
            .zip(v)
            .map(|(e, x)| (*e, d(x)))
            .collect()
    }

    #[test]
    fn ikm_exact_and_legacy_weights() {
        let ktp = values([
            "93.54", "93.27", "91.7", "97.58", "92.91", "93.04", "95.11", "93.13", "93.81",
        ]);
        assert_eq!(
            round(ikm_from_element_values(&ktp, IkmWeight::Exact).unwrap(), 2),
            d("93.79")
        );
        // 844,09 × 0,111 = 93,69399
        assert_eq!(
            round(
                ikm_from_element_values(&ktp, IkmWeight::Legacy0111).unwrap(),
                2
            ),
            d("93.69")
        );
        let perfect = values(["100"; 9]);
        assert_eq!(
            ikm_from_element_values(&perfect, IkmWeight::Exact),
            Some(d("100"))
        );
        assert_eq!(
            ikm_from_element_values(&perfect, IkmWeight::Legacy0111),
            Some(d("99.900"))
        );
        let mut missing = perfect.clone();
        missing.remove(&Element::U9);
        assert_eq!(ikm_from_element_values(&missing, IkmWeight::Exact), None);
    }

    fn response(scores: [u8; 9]) -> Response {
        Response {
            unit: "u".into(),
            year: 2024,
            service: "s".into(),
            date: Date::new(2024, 5, 1).unwrap(),
            time_slot: None,
            sex: Sex::Female,
            age: None,
            education: None,
            occupation: None,
            answers: Element::ALL
                .iter()
                .zip(scores)
                .map(|(e, s)| (*e, s))
                .collect(),
            saran: None,
        }
    }

    #[test]
    fn ikm_from_raw_responses() {
        let a = response([4; 9]);
        let b = response([3; 9]);
        let mut c = response([2; 9]);
        c.answers.remove(&Element::U4); // unanswered: not counted for U4
        let all = [&a, &b, &c];
        let n = nrr(&all);
        assert_eq!(n[&Element::U1], d("3"));
        assert_eq!(n[&Element::U4], d("3.5"));
        // (8 × 3 + 3,5) / 9 × 25 = 76,388…
        assert_eq!(
            round(ikm_from_responses(&all, IkmWeight::Exact).unwrap(), 2),
            d("76.39")
        );
        assert_eq!(ikm_from_responses(&[], IkmWeight::Exact), None);
    }

    #[test]
    fn krejcie_morgan_sample_sizes() {
        assert_eq!(krejcie_morgan(0), 0);
        assert_eq!(krejcie_morgan(10), 10);
        assert_eq!(krejcie_morgan(100), 80);
        assert_eq!(krejcie_morgan(1000), 278);
        assert_eq!(krejcie_morgan(10_000), 370);
        assert_eq!(krejcie_morgan(1_000_000), 384);
    }

    fn aspects(v: [&str; 6]) -> Vec<IppAspectScore> {
        IppAspect::ALL
            .iter()
            .zip(v)
            .map(|(a, x)| IppAspectScore {
                aspect: *a,
                value: d(x),
                recommendations: vec![],
            })
            .collect()
    }

    #[test]
    fn ipp_by_regulation() {
        let ngoro = aspects(["2.94", "3.4", "3.6", "3.4", "3.25", "3"]);
        let v = ipp_aspect_values(&ngoro, IppRegulation::Permenpanrb29_2022);
        let shown: Vec<Decimal> = v.iter().map(|(_, _, x)| round(*x, 2)).collect();
        assert_eq!(
            shown,
            vec![
                d("0.71"),
                d("0.85"),
                d("0.65"),
                d("0.37"),
                d("0.33"),
                d("0.36")
            ]
        );
        assert_eq!(
            ipp(&ngoro, IppRegulation::Permenpanrb29_2022),
            Some(d("3.2626"))
        );
        assert_eq!(
            ipp(&ngoro, IppRegulation::Permenpanrb17_2017),
            Some(d("3.2415"))
        );
        assert_eq!(ipp(&ngoro[..5], IppRegulation::Permenpanrb29_2022), None);
        assert_eq!(
            ipp(&aspects(["5"; 6]), IppRegulation::Permenpanrb17_2017),
            Some(d("5"))
        );
    }

    #[test]
    fn ikpp_formula() {
        assert_eq!(round(ikpp(d("97.17"), d("3.68")), 2), d("8.54"));
        assert_eq!(ikpp(d("100"), d("5")), d("10"));
    }

    #[test]
    fn paten_checklist_counts_what_is_fulfilled_and_proved() {
        use crate::record::Evidence;
        let requirement = |fulfilled: bool, evidence: &[&str]| PatenRequirement {
            text: "Persyaratan".into(),
            fulfilled,
            evidence: evidence
                .iter()
                .map(|t| Evidence {
                    title: t.to_string(),
                    file: None,
                })
                .collect(),
            note: None,
        };
        assert_eq!(paten_checklist(&[]), PatenChecklist::default());
        let mut list = vec![
            requirement(true, &["SK Bupati pelimpahan kewenangan"]),
            requirement(true, &[]),
            requirement(false, &["Foto ruang tunggu"]),
        ];
        let c = paten_checklist(&list);
        assert_eq!(
            (c.requirements, c.fulfilled, c.fulfilled_without_evidence),
            (3, 2, 1)
        );
        list[1].evidence.push(Evidence {
            title: "Standar pelayanan".into(),
            file: Some("f1".into()),
        });
        list[2].fulfilled = true;
        let c = paten_checklist(&list);
        assert_eq!((c.fulfilled, c.fulfilled_without_evidence), (3, 0));
    }

    #[test]
    fn akip_blend_and_criteria() {
        let blend = Some(AkipBlend {
            desk: d("0.8"),
            field: d("0.2"),
        });
        assert_eq!(
            akip_component(d("26.41"), Some(d("16.65")), blend),
            d("24.458")
        );
        assert_eq!(akip_component(d("20.16"), None, blend), d("20.16"));
        assert_eq!(
            akip_component(d("26.41"), Some(d("16.65")), None),
            d("26.41")
        );
        let t = AkipTemplate::default();
        let crit = |sub, grade| CriterionGrade {
            sub,
            criterion: "k".into(),
            grade: Some(grade),
            self_grade: None,
            evidence: vec![],
            self_comment: None,
            comment: None,
        };
        let score = AkipComponentScore {
            component: AkipComponent::Perencanaan,
            lke: None,
            field: None,
            criteria: vec![
                crit(AkipSubComponent::Keberadaan, Grade::Y),
                crit(AkipSubComponent::Keberadaan, Grade::T),
                crit(AkipSubComponent::Kualitas, Grade::A),
                crit(AkipSubComponent::Pemanfaatan, Grade::BB),
            ],
        };
        // 30 × (0,2 × 50% + 0,3 × 90% + 0,5 × 80%) = 30 × 0,77 = 23,1
        assert_eq!(akip_lke_from_criteria(&score, &t), Some(d("23.1")));
        let all_aa = AkipComponentScore {
            criteria: [
                AkipSubComponent::Keberadaan,
                AkipSubComponent::Kualitas,
                AkipSubComponent::Pemanfaatan,
            ]
            .into_iter()
            .map(|s| crit(s, Grade::AA))
            .collect(),
            ..score.clone()
        };
        assert_eq!(akip_lke_from_criteria(&all_aa, &t), Some(d("30")));
        assert_eq!(
            akip_lke_from_criteria(
                &AkipComponentScore {
                    criteria: vec![],
                    ..score
                },
                &t
            ),
            None
        );
    }
}
