//! One change of an evaluation record as a form makes it — the IPP's values, one LKE criterion graded by one side,
//! one step of the PATEN checklist — kept here so that every path that writes them makes the same change.

use crate::date::Date;
use crate::record::{
    AkipComponentScore, AkipEvaluation, CriterionGrade, Evidence, Grade, IppAspect, IppAspectScore,
    IppEvaluation, PatenEvaluation, PatenRequirement,
};
use crate::rules::LkeCriterion;
use rust_decimal::Decimal;

impl IppEvaluation {
    /// An evaluation with nothing recorded yet.
    pub fn blank(unit: &str, year: i32) -> IppEvaluation {
        IppEvaluation {
            unit: unit.to_string(),
            year,
            official: None,
            date: None,
            source: None,
            aspects: Vec::new(),
        }
    }
}

impl PatenEvaluation {
    /// A checklist with nothing recorded yet.
    pub fn blank(unit: &str, year: i32) -> PatenEvaluation {
        PatenEvaluation {
            unit: unit.to_string(),
            year,
            score: None,
            date: None,
            source: None,
            requirements: Vec::new(),
        }
    }
}

impl AkipEvaluation {
    /// An evaluation with nothing recorded yet.
    pub fn blank(unit: &str, year: i32) -> AkipEvaluation {
        AkipEvaluation {
            unit: unit.to_string(),
            year,
            official: None,
            lhe_number: None,
            date: None,
            components: Vec::new(),
        }
    }
}

/// Adds evidence to a list; the same stored file (or the same title without a file) is attached once. Whether it
/// was added.
pub fn attach_once(list: &mut Vec<Evidence>, evidence: Evidence) -> bool {
    let known = list.iter().any(|e| match (&e.file, &evidence.file) {
        (Some(a), Some(b)) => a == b,
        (None, None) => e.title == evidence.title,
        _ => false,
    });
    if !known {
        list.push(evidence);
    }
    !known
}

/// The evaluation with the typed values: an emptied aspect is removed, the recommendations of a kept one stay.
pub fn set_ipp(
    mut e: IppEvaluation,
    values: Vec<(IppAspect, Option<Decimal>)>,
    official: Option<Decimal>,
    date: Option<Date>,
    source: Option<String>,
) -> IppEvaluation {
    for (aspect, value) in values {
        let at = e.aspects.iter().position(|s| s.aspect == aspect);
        match (at, value) {
            (Some(i), Some(v)) => e.aspects[i].value = v,
            (Some(i), None) => {
                e.aspects.remove(i);
            }
            (None, Some(value)) => e.aspects.push(IppAspectScore {
                aspect,
                value,
                recommendations: Vec::new(),
            }),
            (None, None) => {}
        }
    }
    e.aspects.sort_by_key(|s| s.aspect);
    e.official = official;
    e.date = date;
    e.source = source;
    e
}

/// The evaluation with one criterion's grade, comment and evidence of one side set.
pub fn grade_criterion(
    mut e: AkipEvaluation,
    k: &LkeCriterion,
    evaluator: bool,
    grade: Option<Grade>,
    comment: Option<String>,
    evidence: Option<String>,
) -> AkipEvaluation {
    let index = match e.components.iter().position(|c| c.component == k.component) {
        Some(i) => i,
        None => {
            e.components.push(AkipComponentScore {
                component: k.component,
                lke: None,
                field: None,
                criteria: Vec::new(),
            });
            e.components.len() - 1
        }
    };
    let criteria = &mut e.components[index].criteria;
    let c = match criteria.iter().position(|c| c.criterion == k.id) {
        Some(i) => &mut criteria[i],
        None => {
            criteria.push(CriterionGrade {
                sub: k.sub,
                criterion: k.id.clone(),
                grade: None,
                self_grade: None,
                evidence: Vec::new(),
                self_comment: None,
                comment: None,
            });
            let last = criteria.len() - 1;
            &mut criteria[last]
        }
    };
    if evaluator {
        c.grade = grade;
        c.comment = comment;
    } else {
        c.self_grade = grade;
        c.self_comment = comment;
    }
    if let Some(title) = evidence {
        if !c.evidence.iter().any(|e| e.title == title) {
            c.evidence.push(Evidence { title, file: None });
        }
    }
    e
}

/// What a requirement form asks for.
pub enum PatenStep {
    Add(PatenRequirement),
    Change(usize, PatenRequirement),
    Remove(usize),
}

/// The checklist after one step; a new or renamed requirement must not repeat another's text, and a changed or
/// removed one must be there.
pub fn paten_step(mut e: PatenEvaluation, step: PatenStep) -> Result<PatenEvaluation, String> {
    let twice = |e: &PatenEvaluation, text: &str, except: Option<usize>| {
        e.requirements
            .iter()
            .enumerate()
            .any(|(j, r)| Some(j) != except && r.text.trim() == text.trim())
    };
    let missing = |i: usize| format!("Persyaratan nomor {} tidak ada.", i + 1);
    match step {
        PatenStep::Add(r) => {
            if twice(&e, &r.text, None) {
                return Err(format!("Persyaratan \"{}\" sudah ada.", r.text));
            }
            e.requirements.push(r);
        }
        PatenStep::Change(i, mut r) => {
            if twice(&e, &r.text, Some(i)) {
                return Err(format!("Persyaratan \"{}\" sudah ada.", r.text));
            }
            let current = e.requirements.get_mut(i).ok_or_else(|| missing(i))?;
            let mut kept = std::mem::take(&mut current.evidence);
            for added in r.evidence.drain(..) {
                attach_once(&mut kept, added);
            }
            r.evidence = kept;
            *current = r;
        }
        PatenStep::Remove(i) => {
            if i >= e.requirements.len() {
                return Err(missing(i));
            }
            e.requirements.remove(i);
        }
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{AkipComponent, AkipSubComponent};

    #[test]
    fn emptied_aspects_go_and_recommendations_stay() {
        let mut e = IppEvaluation::blank("u", 2025);
        e.aspects.push(IppAspectScore {
            aspect: IppAspect::Inovasi,
            value: Decimal::ONE,
            recommendations: vec!["Tambah inovasi".into()],
        });
        e.aspects.push(IppAspectScore {
            aspect: IppAspect::SaranaPrasarana,
            value: Decimal::ONE,
            recommendations: vec![],
        });
        let e = set_ipp(
            e,
            vec![
                (IppAspect::Inovasi, Some(Decimal::TWO)),
                (IppAspect::SaranaPrasarana, None),
                (
                    IppAspect::KebijakanPelayanan,
                    Some(Decimal::TEN / Decimal::TWO),
                ),
            ],
            None,
            None,
            None,
        );
        let kept: Vec<(IppAspect, Decimal, usize)> = e
            .aspects
            .iter()
            .map(|s| (s.aspect, s.value, s.recommendations.len()))
            .collect();
        assert_eq!(
            kept,
            [
                (IppAspect::KebijakanPelayanan, Decimal::from(5), 0),
                (IppAspect::Inovasi, Decimal::TWO, 1)
            ]
        );
    }

    #[test]
    fn both_sides_of_a_criterion_are_kept() {
        let k = LkeCriterion {
            component: AkipComponent::Evaluasi,
            sub: AkipSubComponent::Pemanfaatan,
            id: "4.c.1".into(),
            text: "t".into(),
        };
        let e = AkipEvaluation {
            unit: "u".into(),
            year: 2025,
            official: None,
            lhe_number: None,
            date: None,
            components: Vec::new(),
        };
        let e = grade_criterion(
            e,
            &k,
            false,
            Some(Grade::AA),
            Some("kami".into()),
            Some("SK".into()),
        );
        let e = grade_criterion(e, &k, true, Some(Grade::B), Some("kurang".into()), None);
        let e = grade_criterion(
            e,
            &k,
            false,
            Some(Grade::A),
            Some("kami".into()),
            Some("SK".into()),
        );
        let c = &e.components[0].criteria;
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].self_grade, c[0].grade),
            (Some(Grade::A), Some(Grade::B))
        );
        assert_eq!(c[0].evidence.len(), 1);
        assert_eq!(c[0].comment.as_deref(), Some("kurang"));
    }

    fn requirement(text: &str, evidence: &[&str]) -> PatenRequirement {
        PatenRequirement {
            text: text.into(),
            fulfilled: false,
            evidence: evidence
                .iter()
                .map(|t| Evidence {
                    title: t.to_string(),
                    file: None,
                })
                .collect(),
            note: None,
        }
    }

    #[test]
    fn a_checklist_changes_one_requirement_at_a_time() {
        let e = paten_step(
            PatenEvaluation::blank("u", 2025),
            PatenStep::Add(requirement("Maklumat pelayanan", &["Foto"])),
        )
        .unwrap();
        let e = paten_step(e, PatenStep::Add(requirement("Ruang tunggu", &[]))).unwrap();
        assert_eq!(
            paten_step(
                e.clone(),
                PatenStep::Add(requirement(" Ruang tunggu ", &[]))
            )
            .unwrap_err(),
            "Persyaratan \" Ruang tunggu \" sudah ada."
        );
        assert!(paten_step(
            e.clone(),
            PatenStep::Change(1, requirement("Maklumat pelayanan", &[]))
        )
        .is_err());
        // Changing keeps the evidence already there and adds the new one once.
        let mut changed = requirement("Maklumat pelayanan", &["Foto", "SK Camat"]);
        changed.fulfilled = true;
        let e = paten_step(e, PatenStep::Change(0, changed)).unwrap();
        let titles: Vec<&str> = e.requirements[0]
            .evidence
            .iter()
            .map(|x| x.title.as_str())
            .collect();
        assert_eq!(titles, ["Foto", "SK Camat"]);
        assert!(e.requirements[0].fulfilled);
        assert_eq!(
            paten_step(e.clone(), PatenStep::Remove(2)).unwrap_err(),
            "Persyaratan nomor 3 tidak ada."
        );
        let e = paten_step(e, PatenStep::Remove(0)).unwrap();
        assert_eq!(e.requirements.len(), 1);
        assert_eq!(e.requirements[0].text, "Ruang tunggu");
    }
}
