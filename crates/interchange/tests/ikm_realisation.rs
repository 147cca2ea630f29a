//! An IKPP (or IKM) indicator takes its realisation from the survey when none is entered; an entered one wins.

use kinerja_domain::date::Date;
use kinerja_domain::measure::{measure, RealisationSource};
use kinerja_domain::model::{Dataset, Element, Response, Sex};
use kinerja_domain::survey_results::Period;
use kinerja_test_support::reference;

fn ikpp_row(data: &Dataset) -> kinerja_domain::measure::IndicatorResult {
    let m = measure(data, "ngoro", 2024).expect("ngoro measures");
    m.iku
        .rows
        .iter()
        .find(|r| r.indicator.id == "iku-ikpp")
        .expect("IKU row")
        .indicator
        .clone()
}

#[test]
fn an_entered_realisation_is_the_official_value() {
    let row = ikpp_row(reference());
    assert_eq!(row.realisation_source, Some(RealisationSource::Entered));
    assert_eq!(RealisationSource::Entered.label(), "nilai resmi");
}

#[test]
fn without_one_the_survey_and_the_rules_period_give_it() {
    let mut data = reference().clone();
    data.realisations
        .retain(|r| !(r.indicator == "iku-ikpp" && r.year == 2024));
    let m = measure(&data, "ngoro", 2024).unwrap();
    let row = ikpp_row(&data);
    assert_eq!(row.realisation_source, Some(RealisationSource::Survey));
    assert_eq!(row.realisation, Some(m.ikpp.as_ref().unwrap().value));
    assert_eq!(row.quarters, [None; 4]);

    // Raw responses of one new service: all 4 in May, all 1 in November. For TW II only May counts.
    let response = |month, score| Response {
        unit: "ngoro".into(),
        year: 2024,
        service: "Layanan baru".into(),
        date: Date::new(2024, month, 10).unwrap(),
        time_slot: None,
        sex: Sex::Male,
        age: None,
        education: None,
        occupation: None,
        answers: Element::ALL.iter().map(|e| (*e, score)).collect(),
        saran: None,
    };
    data.ikm_responses = vec![response(5, 4), response(11, 1)];
    let year_value = |d: &Dataset| {
        let m = measure(d, "ngoro", 2024).unwrap();
        let s = m
            .ikm
            .unwrap()
            .services
            .into_iter()
            .find(|s| s.service == "Layanan baru")
            .unwrap();
        (s.ikm, s.respondents)
    };
    assert_eq!(year_value(&data), (Some("62.5".parse().unwrap()), 2));
    let mut rules = data.rules_for(2024);
    rules.ikm_period = Period::Triwulan2;
    data.rule_sets.retain(|r| r.year != 2024);
    data.rule_sets.push(rules);
    assert_eq!(year_value(&data), (Some("100".parse().unwrap()), 1));
    let m = measure(&data, "ngoro", 2024).unwrap();
    assert_eq!(m.rules.ikm_period, "Triwulan II");
}
