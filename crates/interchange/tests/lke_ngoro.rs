//! The reference AKIP evaluation (Kecamatan Ngoro 2024, data/ngoro) entered through the LKE: 80,15, predicate A.

use kinerja_domain::calc::lke;
use kinerja_domain::model::{AkipComponent, AkipSubComponent, CriterionGrade, Grade};
use kinerja_domain::number::format_decimal;
use kinerja_test_support::reference;

#[test]
fn reference_evaluation_through_the_lke() {
    let data = reference();
    let rules = data.rules_for(2024);
    let evaluation = data
        .akip
        .iter()
        .find(|e| e.unit == "ngoro" && e.year == 2024)
        .expect("the reference AKIP record");
    let r = lke::score(evaluation, &rules.akip_template, rules.akip_blend);
    let shown: Vec<String> = r
        .components
        .iter()
        .map(|c| format_decimal(c.score.expect("a score"), 2))
        .collect();
    assert_eq!(shown, ["24,46", "21,75", "13,79", "20,16"]);
    assert_eq!(format_decimal(r.total, 2), "80,15");
    let p = r.predicate.expect("a predicate");
    assert_eq!((p.code.as_str(), p.label.as_str()), ("A", "Memuaskan"));
    assert_eq!(Some(r.total), evaluation.official);

    // The unit's self-assessment beside it does not change the evaluator's score.
    let mut with_self = evaluation.clone();
    let evaluasi = with_self
        .components
        .iter_mut()
        .find(|c| c.component == AkipComponent::Evaluasi)
        .unwrap();
    evaluasi.criteria.push(CriterionGrade {
        sub: AkipSubComponent::Pemanfaatan,
        criterion: "4.c.1".into(),
        grade: None,
        self_grade: Some(Grade::AA),
        evidence: vec![],
        self_comment: Some("Semua rekomendasi ditindaklanjuti".into()),
        comment: None,
    });
    let r2 = lke::score(&with_self, &rules.akip_template, rules.akip_blend);
    assert_eq!(r2.total, r.total);
    assert_eq!(format_decimal(r2.self_total.unwrap(), 2), "12,50");
}
