//! A PATEN indicator ("Nilai Paten Kecamatan" of the reference) takes its realisation from the score the evaluator
//! gave for that year when none is entered; an entered one wins.

use kinerja_domain::measure::{measure, IndicatorResult, Measurement, RealisationSource};
use kinerja_domain::model::{IndexKind, PatenEvaluation};
use kinerja_domain::Decimal;
use kinerja_test_support::reference;

fn paten_row(m: &Measurement) -> &IndicatorResult {
    m.activities
        .iter()
        .flat_map(|a| a.indicators.iter())
        .find(|r| r.id == "ip-paten")
        .expect("the PATEN program indicator")
}

fn score(year: i32, value: &str) -> PatenEvaluation {
    PatenEvaluation {
        unit: "ngoro".into(),
        year,
        score: Some(value.parse().unwrap()),
        date: None,
        source: None,
        requirements: vec![],
    }
}

#[test]
fn the_given_paten_score_is_the_realisation_unless_one_is_entered() {
    let mut data = reference().clone();
    let indicator = data
        .indicators
        .iter_mut()
        .find(|i| i.id == "ip-paten")
        .unwrap();
    indicator.index = Some(IndexKind::Paten);
    // As published: 94,48 entered against 96,70, capaian 97,70%.
    let m = measure(&data, "ngoro", 2024).unwrap();
    let row = paten_row(&m);
    assert_eq!(row.realisation_source, Some(RealisationSource::Entered));
    assert_eq!(row.realisation, Some(Decimal::new(9448, 2)));
    // A score entered in the PATEN evaluation does not override the entered realisation.
    data.paten = vec![score(2024, "90"), score(2023, "96.63")];
    assert_eq!(
        paten_row(&measure(&data, "ngoro", 2024).unwrap()).realisation,
        Some(Decimal::new(9448, 2))
    );
    // Without the entered realisations of 2023 and 2024, the scores of those years stand for them.
    data.realisations
        .retain(|r| !(r.indicator == "ip-paten" && r.year >= 2023));
    data.paten[0].score = Some(Decimal::new(9448, 2));
    let m = measure(&data, "ngoro", 2024).unwrap();
    let row = paten_row(&m);
    assert_eq!(row.realisation_source, Some(RealisationSource::Evaluation));
    assert_eq!(
        RealisationSource::Evaluation.label(),
        "nilai dari evaluator"
    );
    assert_eq!(row.realisation, Some(Decimal::new(9448, 2)));
    assert_eq!(
        row.capaian
            .map(|c| kinerja_domain::number::format_decimal(c, 2)),
        Some("97,70".to_string())
    );
    let history = m
        .history
        .programs
        .iter()
        .find(|h| h.indicator == "ip-paten")
        .unwrap();
    assert_eq!(
        history.realisations,
        [
            Some(Decimal::new(8661, 2)),
            Some(Decimal::new(9663, 2)),
            Some(Decimal::new(9448, 2))
        ]
    );
    // No score, no realisation: the indicator is not measured rather than zero.
    data.paten.clear();
    assert_eq!(
        paten_row(&measure(&data, "ngoro", 2024).unwrap()).realisation,
        None
    );
}
