//! The authorisation matrix (`authorisation.rs`) against the router's own list of routes: a route added without a
//! row saying who may use it fails here, by name, and so does a row whose route is gone.

use crate::authorisation::{PUBLIC, READS, WRITES};

/// `METHOD pattern` of each of `these` that `those` does not hold.
fn outside(these: &[(&str, &str)], those: &[(&str, &str)]) -> Vec<String> {
    these
        .iter()
        .filter(|route| !those.contains(route))
        .map(|(method, route)| format!("{method} {route}"))
        .collect()
}

#[test]
fn every_route_has_a_row_in_the_authorisation_matrix() {
    let rows: Vec<(&str, &str)> = READS
        .iter()
        .map(|(route, _, _)| ("GET", *route))
        .chain(WRITES.iter().map(|w| (w.method, w.route)))
        .chain(PUBLIC.iter().map(|(method, route, _)| (*method, *route)))
        .collect();
    let routes = kinerja_web::routes();
    let missing = outside(&routes, &rows);
    assert!(
        missing.is_empty(),
        "routes without a row in the authorisation matrix (tests/authorisation.rs): {missing:#?}"
    );
    let gone = outside(&rows, &routes);
    assert!(
        gone.is_empty(),
        "rows of the authorisation matrix for routes the router does not have: {gone:#?}"
    );
}
