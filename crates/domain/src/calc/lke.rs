//! The LKE (Lembar Kerja Evaluasi) of the AKIP evaluation, PermenPANRB 88/2021 — domain.md §5.
//!
//! The template is data: component weights, sub-component ratios and grade values live in `rules::AkipTemplate`
//! (selectable per pemda and year through the `RuleSet`), and so does the criteria list, which defaults to
//! [`default_criteria`]. The built-in list carries the regulation's structure (four components × keberadaan /
//! kualitas / pemanfaatan) with a representative set of its criteria; a pemda replaces or extends it by listing
//! `[[rules.akip_template.criteria]]` in its dataset. The reference (data/ngoro) publishes component scores only,
//! so its evaluation enters the LKE as given component scores (`AkipComponentScore::lke`) and graded criteria
//! take over wherever the evaluator has graded any.

use crate::calc::indices::akip_component;
use crate::record::{AkipComponent, AkipComponentScore, AkipEvaluation, AkipSubComponent, Grade};
use crate::rules::{AkipBlend, AkipTemplate, LkeCriterion};
use crate::scale;
use rust_decimal::Decimal;

/// Whose grades to score: the unit's self-assessment or the evaluator's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assessor {
    SelfAssessment,
    Evaluator,
}

const CRITERIA: &[(AkipComponent, AkipSubComponent, &str, &str)] = {
    use AkipComponent::*;
    use AkipSubComponent::*;
    &[
        (Perencanaan, Keberadaan, "1.a.1", "Renstra telah disusun dan memuat tujuan, sasaran, indikator dan target jangka menengah"),
        (Perencanaan, Keberadaan, "1.a.2", "Rencana Kinerja Tahunan dan Perjanjian Kinerja telah disusun dan ditetapkan tepat waktu"),
        (Perencanaan, Keberadaan, "1.a.3", "Cascading kinerja (pohon kinerja) telah disusun sampai level individu"),
        (Perencanaan, Kualitas, "1.b.1", "Tujuan, sasaran dan indikator kinerja berorientasi hasil dan memenuhi kriteria SMART"),
        (Perencanaan, Kualitas, "1.b.2", "Target kinerja ditetapkan dengan baik, menantang dan dapat dicapai"),
        (Perencanaan, Kualitas, "1.b.3", "Dokumen perencanaan kinerja selaras dengan dokumen perencanaan di atasnya"),
        (Perencanaan, Pemanfaatan, "1.c.1", "Dokumen perencanaan kinerja telah menjadi acuan penganggaran dan pelaksanaan program/kegiatan"),
        (Perencanaan, Pemanfaatan, "1.c.2", "Perencanaan kinerja dipahami dan digunakan seluruh pegawai"),
        (Perencanaan, Pemanfaatan, "1.c.3", "Target kinerja dimonitor capaiannya secara berkala"),
        (Pengukuran, Keberadaan, "2.a.1", "Terdapat pedoman teknis pengukuran kinerja dan pengumpulan data kinerja"),
        (Pengukuran, Keberadaan, "2.a.2", "Setiap indikator kinerja memiliki definisi operasional, formula dan sumber data yang jelas"),
        (Pengukuran, Keberadaan, "2.a.3", "Pengukuran kinerja dilakukan secara berjenjang dan berkala"),
        (Pengukuran, Kualitas, "2.b.1", "Pengukuran kinerja telah menggunakan teknologi informasi"),
        (Pengukuran, Kualitas, "2.b.2", "Data kinerja andal, akurat dan dapat ditelusuri ke sumbernya"),
        (Pengukuran, Pemanfaatan, "2.c.1", "Hasil pengukuran kinerja digunakan dalam penyesuaian strategi dan perbaikan kinerja"),
        (Pengukuran, Pemanfaatan, "2.c.2", "Hasil pengukuran kinerja digunakan sebagai dasar pemberian penghargaan dan sanksi"),
        (Pelaporan, Keberadaan, "3.a.1", "Laporan kinerja (LKjIP) telah disusun dan disampaikan tepat waktu"),
        (Pelaporan, Keberadaan, "3.a.2", "Laporan kinerja telah dipublikasikan"),
        (Pelaporan, Kualitas, "3.b.1", "Laporan kinerja menyajikan capaian, perbandingan dan analisis capaian kinerja"),
        (Pelaporan, Kualitas, "3.b.2", "Laporan kinerja menyajikan efisiensi penggunaan sumber daya"),
        (Pelaporan, Pemanfaatan, "3.c.1", "Informasi dalam laporan kinerja digunakan untuk perbaikan perencanaan dan pelaksanaan"),
        (Evaluasi, Keberadaan, "4.a.1", "Terdapat pedoman evaluasi akuntabilitas kinerja internal"),
        (Evaluasi, Keberadaan, "4.a.2", "Evaluasi akuntabilitas kinerja internal telah dilaksanakan secara berjenjang"),
        (Evaluasi, Kualitas, "4.b.1", "Evaluasi dilaksanakan oleh SDM yang kompeten dan menghasilkan rekomendasi perbaikan"),
        (Evaluasi, Kualitas, "4.b.2", "Evaluasi program/kegiatan dilaksanakan dan dilaporkan"),
        (Evaluasi, Pemanfaatan, "4.c.1", "Rekomendasi hasil evaluasi telah ditindaklanjuti"),
        (Evaluasi, Pemanfaatan, "4.c.2", "Hasil evaluasi digunakan untuk perbaikan kinerja dan pengambilan keputusan"),
    ]
};

/// The built-in PermenPANRB 88/2021 criteria list (representative; replace through the rules).
pub fn default_criteria() -> Vec<LkeCriterion> {
    CRITERIA
        .iter()
        .map(|(component, sub, id, text)| LkeCriterion {
            component: *component,
            sub: *sub,
            id: (*id).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}

impl AkipTemplate {
    /// The template's criteria: its own list, else the built-in one.
    pub fn lke_criteria(&self) -> Vec<LkeCriterion> {
        if self.criteria.is_empty() {
            default_criteria()
        } else {
            self.criteria.clone()
        }
    }
}

/// The answers recorded for a template criterion, if any.
pub fn graded<'a>(
    e: &'a AkipEvaluation,
    k: &LkeCriterion,
) -> Option<&'a crate::record::CriterionGrade> {
    e.components
        .iter()
        .find(|c| c.component == k.component)?
        .criteria
        .iter()
        .find(|c| c.criterion == k.id)
}

/// A component's LKE score from one assessor's grades (equal weights within a sub-component); `None` when that
/// assessor has graded none of its criteria.
pub fn lke_by(
    score: &AkipComponentScore,
    template: &AkipTemplate,
    assessor: Assessor,
) -> Option<Decimal> {
    let grade = |c: &crate::record::CriterionGrade| -> Option<Grade> {
        match assessor {
            Assessor::SelfAssessment => c.self_grade,
            Assessor::Evaluator => c.grade,
        }
    };
    if score.criteria.iter().all(|c| grade(c).is_none()) {
        return None;
    }
    let weight = template.weight(score.component);
    let hundred = Decimal::ONE_HUNDRED;
    let mut total = Decimal::ZERO;
    for sub in AkipSubComponent::ALL {
        let values: Vec<Decimal> = score
            .criteria
            .iter()
            .filter(|c| c.sub == sub)
            .filter_map(grade)
            .map(|g| template.grade_value(g))
            .collect();
        if values.is_empty() {
            continue;
        }
        let mean = values.iter().copied().sum::<Decimal>() / Decimal::from(values.len());
        total += weight * template.sub_ratio(sub) / hundred * mean / hundred;
    }
    Some(total)
}

/// One component of a scored LKE.
#[derive(Debug, Clone, PartialEq)]
pub struct LkeComponentResult {
    pub component: AkipComponent,
    pub weight: Decimal,
    /// The unit's self-assessment score (from its grades).
    pub self_lke: Option<Decimal>,
    /// The evaluator's LKE score: from the evaluator's grades, else as given.
    pub lke: Option<Decimal>,
    pub field: Option<Decimal>,
    /// The final score after the blend with the field score.
    pub score: Option<Decimal>,
    /// `score` in percent of the weight.
    pub percent: Option<Decimal>,
}

/// A scored LKE: per component, the total and its predicate (the AKIP scale of `scale::akip`).
#[derive(Debug, Clone, PartialEq)]
pub struct LkeResult {
    pub components: Vec<LkeComponentResult>,
    pub self_total: Option<Decimal>,
    pub total: Decimal,
    pub predicate: Option<scale::Band>,
    pub self_predicate: Option<scale::Band>,
}

/// The AKIP predicate of a total (">" lower bounds, on the value rounded to 2 decimals: 80,00 BB, 80,01 A).
pub fn predicate(total: Decimal) -> Option<scale::Band> {
    scale::akip().classify(total).cloned()
}

/// Scores an evaluation under a template and the blend in force.
pub fn score(e: &AkipEvaluation, template: &AkipTemplate, blend: Option<AkipBlend>) -> LkeResult {
    let components: Vec<LkeComponentResult> = AkipComponent::ALL
        .iter()
        .map(|c| {
            let weight = template.weight(*c);
            let s = e.components.iter().find(|s| s.component == *c);
            let self_lke = s.and_then(|s| lke_by(s, template, Assessor::SelfAssessment));
            let lke = s.and_then(|s| lke_by(s, template, Assessor::Evaluator).or(s.lke));
            let field = s.and_then(|s| s.field);
            let score = lke.map(|l| akip_component(l, field, blend));
            LkeComponentResult {
                component: *c,
                weight,
                self_lke,
                lke,
                field,
                score,
                percent: score.and_then(|v| crate::number::percent_of(v, weight)),
            }
        })
        .collect();
    let total: Decimal = components.iter().filter_map(|c| c.score).sum();
    let self_total = components
        .iter()
        .filter_map(|c| c.self_lke)
        .reduce(|a, b| a + b);
    LkeResult {
        predicate: predicate(total),
        self_predicate: self_total.and_then(predicate),
        components,
        self_total,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::round;
    use crate::record::CriterionGrade;
    use crate::test_support::d;

    fn given(component: AkipComponent, lke: &str, field: Option<&str>) -> AkipComponentScore {
        AkipComponentScore {
            component,
            lke: Some(d(lke)),
            field: field.map(d),
            criteria: vec![],
        }
    }

    /// The reference (Kecamatan Ngoro 2024, LHE X.700/564/415.15/2024) entered through the LKE.
    fn ngoro() -> AkipEvaluation {
        AkipEvaluation {
            unit: "ngoro".into(),
            year: 2024,
            official: Some(d("80.15")),
            lhe_number: None,
            date: None,
            components: vec![
                given(AkipComponent::Perencanaan, "26.41", Some("16.65")),
                given(AkipComponent::Pengukuran, "23.90", Some("13.13")),
                given(AkipComponent::Pelaporan, "14.46", Some("11.09")),
                given(AkipComponent::Evaluasi, "20.16", None),
            ],
        }
    }

    fn blend() -> Option<AkipBlend> {
        Some(AkipBlend {
            desk: d("0.8"),
            field: d("0.2"),
        })
    }

    #[test]
    fn reference_reproduces_80_15_a() {
        let r = score(&ngoro(), &AkipTemplate::default(), blend());
        let scores: Vec<Decimal> = r.components.iter().map(|c| c.score.unwrap()).collect();
        assert_eq!(
            scores,
            vec![d("24.458"), d("21.746"), d("13.786"), d("20.16")]
        );
        assert_eq!(round(r.total, 2), d("80.15"));
        assert_eq!(r.predicate.unwrap().code, "A");
        // 24,458 of 30 = 81,53%
        assert_eq!(round(r.components[0].percent.unwrap(), 2), d("81.53"));
        assert_eq!(r.self_total, None);
    }

    #[test]
    fn predicate_edges() {
        let code = |v: &str| predicate(d(v)).unwrap().code;
        assert_eq!(code("80.00"), "BB");
        assert_eq!(code("80.004"), "BB");
        assert_eq!(code("80.005"), "A");
        assert_eq!(code("80.01"), "A");
        assert_eq!(code("90.00"), "A");
        assert_eq!(code("90.01"), "AA");
        assert_eq!(code("70.00"), "B");
        assert_eq!(code("70.01"), "BB");
        assert_eq!(code("60.01"), "B");
        assert_eq!(code("50.01"), "CC");
        assert_eq!(code("30.01"), "C");
        assert_eq!(code("30.00"), "D");
        assert_eq!(code("0"), "D");
    }

    fn crit(sub: AkipSubComponent, own: Option<Grade>, evaluator: Option<Grade>) -> CriterionGrade {
        CriterionGrade {
            sub,
            criterion: "k".into(),
            grade: evaluator,
            self_grade: own,
            evidence: vec![],
            self_comment: None,
            comment: None,
        }
    }

    #[test]
    fn self_and_evaluator_grades_side_by_side() {
        use AkipSubComponent::*;
        let mut e = ngoro();
        e.components[3] = AkipComponentScore {
            component: AkipComponent::Evaluasi,
            lke: Some(d("20.16")),
            field: None,
            criteria: vec![
                crit(Keberadaan, Some(Grade::Y), Some(Grade::Y)),
                crit(Kualitas, Some(Grade::AA), Some(Grade::B)),
                crit(Pemanfaatan, Some(Grade::A), None),
            ],
        };
        let r = score(&e, &AkipTemplate::default(), blend());
        let ev = &r.components[3];
        // self: 25 × (0,2 × 100 + 0,3 × 100 + 0,5 × 90)% = 23,75
        assert_eq!(ev.self_lke, Some(d("23.75")));
        // evaluator grades take over from the given score: 25 × (0,2 × 100 + 0,3 × 70)% = 10,25
        assert_eq!(ev.lke, Some(d("10.25")));
        assert_eq!(ev.score, Some(d("10.25")));
        assert_eq!(r.self_total, Some(d("23.75")));
        assert_eq!(round(r.total, 2), d("70.24"));
        assert_eq!(r.predicate.unwrap().code, "BB");
    }

    #[test]
    fn template_is_data() {
        let mut t = AkipTemplate::default();
        let builtin = t.lke_criteria();
        for c in AkipComponent::ALL {
            for s in AkipSubComponent::ALL {
                assert!(builtin.iter().any(|k| k.component == c && k.sub == s));
            }
        }
        let mut ids: Vec<&str> = builtin.iter().map(|k| k.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), builtin.len(), "criterion ids are unique");
        t.criteria = vec![builtin[0].clone()];
        assert_eq!(t.lke_criteria().len(), 1);
        // A regional variant: other weights and grade values.
        t.perencanaan = d("35");
        t.grades = Some([("A".to_string(), d("85"))].into_iter().collect());
        let one = AkipComponentScore {
            component: AkipComponent::Perencanaan,
            lke: None,
            field: None,
            criteria: AkipSubComponent::ALL
                .into_iter()
                .map(|s| crit(s, None, Some(Grade::A)))
                .collect(),
        };
        assert_eq!(lke_by(&one, &t, Assessor::Evaluator), Some(d("29.75")));
        assert_eq!(lke_by(&one, &t, Assessor::SelfAssessment), None);
    }
}
