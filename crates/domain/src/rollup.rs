//! The pemda roll-up: every unit side by side for a year — IKU average capaian, AKIP, IKM, IKPP, budget
//! absorption, completeness of the quarterly realisation entry, early warnings and overdue follow-up — ranked,
//! sorted by any column, filtered by unit type, and the pemda's trend over years.
//!
//! A unit's row takes its figures from the unit's own `measure`, `monitoring` and `follow_up` results, so the roll-up
//! shows exactly what the unit's pages show; nothing is computed twice. Only the comparison across units (the
//! quarter completeness is counted up to, the rank, the pemda means of the trend) is computed here.

use crate::date::Date;
use crate::follow_up;
use crate::measure::{measure, MeasureError, Measurement, Predicate};
use crate::model::Dataset;
use crate::monitoring::monitor_measured;
use crate::number::{mean, percent_of, round};
use rust_decimal::Decimal;
use serde::Serialize;
use std::cmp::Ordering;

/// How the units are ranked: by IKU average capaian as printed (rounded to the rules' decimals), highest first;
/// equal printed values share a rank and the next rank is skipped ("1, 2, 2, 4"); a unit without one is not ranked.
pub const RANK_METHOD: &str =
    "menurut rata-rata capaian IKU (nilai tercetak), tertinggi pertama; nilai sama berperingkat sama";

/// How the pemda figures of the trend are formed.
pub const TREND_METHOD: &str = "rata-rata unit yang memiliki nilai (setiap unit berbobot sama)";

/// One unit's figures of the year. `None` is "no data" (shown as a dash), never zero.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitRow {
    pub code: String,
    pub name: String,
    /// kecamatan, dinas, badan … (`kind_label` for the heading).
    pub kind: String,
    /// Decimals of capaian in the rules of the year.
    pub capaian_decimals: u32,
    pub iku_indicators: usize,
    pub iku_average: Option<Decimal>,
    pub iku_predicate: Option<Predicate>,
    pub akip: Option<Decimal>,
    pub akip_predicate: Option<Predicate>,
    pub ikm: Option<Decimal>,
    pub ikpp: Option<Decimal>,
    /// Budget absorption of the unit, in percent.
    pub serapan: Option<Decimal>,
    /// The latest quarter the unit has entered any realisation for; its early warnings are at that quarter.
    pub as_of: Option<u8>,
    /// Indicators heading below target at `as_of` (the unit dashboard's early warning); `None` before TW I is in.
    pub warnings: Option<usize>,
    /// Per quarter, the share of the unit's indicators with a realisation entered, in percent.
    pub quarter_completeness: [Option<Decimal>; 4],
    /// Share of the indicator-quarters entered from TW I up to the roll-up's quarter (`Rollup::as_of`).
    pub completeness: Option<Decimal>,
    /// Follow-up actions past their due date; `None` when the year reports no recommendation.
    pub overdue_actions: Option<usize>,
    /// Set by `rollup` among the units shown.
    pub rank: Option<usize>,
}

/// A unit's row from its measurement (with `data`, the unit's dataset it was measured from) on `today`.
pub fn row_of(data: &Dataset, m: &Measurement, today: Date) -> UnitRow {
    let monitoring = monitor_measured(data, m, None);
    let follow = follow_up::counts(
        follow_up::for_report(&data.recommendations, &m.unit.code, m.year),
        today,
    );
    let indicators = m.indicators().count();
    let quarter_completeness = std::array::from_fn(|q| {
        let entered = m.indicators().filter(|r| r.quarters[q].is_some()).count();
        percent_of(Decimal::from(entered), Decimal::from(indicators))
    });
    UnitRow {
        code: m.unit.code.clone(),
        name: m.unit.name.clone(),
        kind: data
            .unit(&m.unit.code)
            .map(|u| u.kind.clone())
            .unwrap_or_default(),
        capaian_decimals: m.rules.capaian_decimals,
        iku_indicators: m.iku.rows.len(),
        iku_average: m.iku.average.value,
        iku_predicate: m.iku.average.predicate.clone(),
        akip: m.akip.as_ref().map(|a| a.value()),
        akip_predicate: m.akip.as_ref().and_then(|a| a.predicate.clone()),
        ikm: m.ikm.as_ref().and_then(|k| k.unit_value),
        ikpp: m.ikpp.as_ref().map(|k| k.value),
        serapan: m.budget.total.serapan,
        as_of: monitoring.as_of,
        warnings: monitoring.as_of.map(|_| monitoring.warnings().count()),
        quarter_completeness,
        completeness: None,
        overdue_actions: (follow.recommendations > 0).then_some(follow.overdue_actions),
        rank: None,
    }
}

/// Measures `unit` in `year` from its dataset and makes its row.
pub fn unit_row(
    data: &Dataset,
    unit: &str,
    year: i32,
    today: Date,
) -> Result<UnitRow, MeasureError> {
    Ok(row_of(data, &measure(data, unit, year)?, today))
}

/// The columns of the roll-up, each sortable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Rank,
    Unit,
    Kind,
    Iku,
    Akip,
    Ikm,
    Ikpp,
    Serapan,
    Completeness,
    Warnings,
    FollowUp,
}

impl Column {
    pub const ALL: [Column; 11] = [
        Column::Rank,
        Column::Unit,
        Column::Kind,
        Column::Iku,
        Column::Akip,
        Column::Ikm,
        Column::Ikpp,
        Column::Serapan,
        Column::Completeness,
        Column::Warnings,
        Column::FollowUp,
    ];
    /// The name in links (`?urut=…`).
    pub fn code(self) -> &'static str {
        match self {
            Column::Rank => "peringkat",
            Column::Unit => "unit",
            Column::Kind => "jenis",
            Column::Iku => "iku",
            Column::Akip => "akip",
            Column::Ikm => "ikm",
            Column::Ikpp => "ikpp",
            Column::Serapan => "serapan",
            Column::Completeness => "kelengkapan",
            Column::Warnings => "peringatan",
            Column::FollowUp => "tindak-lanjut",
        }
    }
    pub fn parse(code: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.code() == code)
    }
    /// The column heading.
    pub fn label(self) -> &'static str {
        match self {
            Column::Rank => "Peringkat",
            Column::Unit => "Unit",
            Column::Kind => "Jenis unit",
            Column::Iku => "Rata-rata capaian IKU",
            Column::Akip => "Nilai AKIP",
            Column::Ikm => "IKM",
            Column::Ikpp => "IKPP",
            Column::Serapan => "Serapan anggaran",
            Column::Completeness => "Kelengkapan realisasi",
            Column::Warnings => "Peringatan dini",
            Column::FollowUp => "Tindak lanjut terlambat",
        }
    }
    /// The order a heading sorts in first: figures from the highest, names from A, ranks from 1.
    pub fn natural_direction(self) -> Direction {
        match self {
            Column::Rank | Column::Unit | Column::Kind => Direction::Ascending,
            _ => Direction::Descending,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Ascending,
    Descending,
}

impl Direction {
    /// The name in links (`?arah=…`).
    pub fn code(self) -> &'static str {
        match self {
            Direction::Ascending => "naik",
            Direction::Descending => "turun",
        }
    }
    pub fn parse(code: &str) -> Option<Direction> {
        [Direction::Ascending, Direction::Descending]
            .into_iter()
            .find(|d| d.code() == code)
    }
    pub fn label(self) -> &'static str {
        match self {
            Direction::Ascending => "naik",
            Direction::Descending => "turun",
        }
    }
    pub fn reversed(self) -> Direction {
        match self {
            Direction::Ascending => Direction::Descending,
            Direction::Descending => Direction::Ascending,
        }
    }
}

/// What is shown: the sort and the unit type kept (`None`: every type).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct View {
    pub column: Column,
    pub direction: Direction,
    pub kind: Option<String>,
}

impl View {
    /// Whether a unit's row passes the unit type filter.
    pub fn shows(&self, row: &UnitRow) -> bool {
        self.kind.as_ref().is_none_or(|k| *k == row.kind)
    }
}

impl Default for View {
    fn default() -> View {
        View {
            column: Column::Rank,
            direction: Direction::Ascending,
            kind: None,
        }
    }
}

/// The roll-up of a year as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rollup {
    pub year: i32,
    /// The latest quarter any unit shown has entered: completeness is counted from TW I up to it.
    pub as_of: Option<u8>,
    pub view: View,
    /// Every unit type of the pemda, for the filter (also those filtered out).
    pub kinds: Vec<String>,
    pub rank_method: &'static str,
    pub rows: Vec<UnitRow>,
}

/// The units' rows of a year, filtered, with completeness up to the latest quarter entered, ranked and sorted.
pub fn rollup(year: i32, rows: Vec<UnitRow>, view: View) -> Rollup {
    let mut kinds: Vec<String> = rows.iter().map(|r| r.kind.clone()).collect();
    kinds.sort();
    kinds.dedup();
    let mut rows: Vec<UnitRow> = rows.into_iter().filter(|r| view.shows(r)).collect();
    let as_of = rows.iter().filter_map(|r| r.as_of).max();
    for r in &mut rows {
        r.completeness = as_of.and_then(|q| completeness_up_to(&r.quarter_completeness, q));
    }
    rank(&mut rows);
    sort(&mut rows, view.column, view.direction);
    Rollup {
        year,
        as_of,
        view,
        kinds,
        rank_method: RANK_METHOD,
        rows,
    }
}

/// The mean of the quarters' completeness TW I … TW `as_of`: every quarter has the same indicators, so it is the
/// share of indicator-quarters entered.
fn completeness_up_to(quarters: &[Option<Decimal>; 4], as_of: u8) -> Option<Decimal> {
    let upto = usize::from(as_of.clamp(1, 4));
    let values: Option<Vec<Decimal>> = quarters[..upto].iter().copied().collect();
    mean(&values?)
}

/// The IKU average as printed, which the rank compares.
fn printed_iku(r: &UnitRow) -> Option<Decimal> {
    r.iku_average.map(|v| round(v, r.capaian_decimals))
}

/// Competition ranking by the printed IKU average: equal values share a rank, the next rank skips.
fn rank(rows: &mut [UnitRow]) {
    let mut values: Vec<Decimal> = rows.iter().filter_map(printed_iku).collect();
    values.sort_by(|a, b| b.cmp(a));
    for r in rows.iter_mut() {
        r.rank = printed_iku(r).map(|v| values.iter().take_while(|w| **w > v).count() + 1);
    }
}

/// Sorts by a column; units without a value stay last in either direction, ties go by name then code.
pub fn sort(rows: &mut [UnitRow], column: Column, direction: Direction) {
    rows.sort_by(|a, b| {
        let by_column = compare(a, b, column, direction);
        by_column
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.code.cmp(&b.code))
    });
}

fn compare(a: &UnitRow, b: &UnitRow, column: Column, direction: Direction) -> Ordering {
    let directed = |o: Ordering| match direction {
        Direction::Ascending => o,
        Direction::Descending => o.reverse(),
    };
    fn missing_last<T: Ord>(
        a: Option<T>,
        b: Option<T>,
        directed: impl Fn(Ordering) -> Ordering,
    ) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => directed(a.cmp(&b)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    match column {
        Column::Unit => directed(a.name.cmp(&b.name)),
        Column::Kind => directed(kind_label(&a.kind).cmp(&kind_label(&b.kind))),
        Column::Rank => missing_last(a.rank, b.rank, directed),
        Column::Iku => missing_last(a.iku_average, b.iku_average, directed),
        Column::Akip => missing_last(a.akip, b.akip, directed),
        Column::Ikm => missing_last(a.ikm, b.ikm, directed),
        Column::Ikpp => missing_last(a.ikpp, b.ikpp, directed),
        Column::Serapan => missing_last(a.serapan, b.serapan, directed),
        Column::Completeness => missing_last(a.completeness, b.completeness, directed),
        Column::Warnings => missing_last(a.warnings, b.warnings, directed),
        Column::FollowUp => missing_last(a.overdue_actions, b.overdue_actions, directed),
    }
}

/// "Kecamatan", "Sub Bagian" for `sub_bagian`.
pub fn kind_label(kind: &str) -> String {
    kind.split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The pemda's figures of one year: the mean over the units that have each figure (`TREND_METHOD`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    pub year: i32,
    /// Units with an IKU average.
    pub units: usize,
    pub iku_average: Option<Decimal>,
    pub akip: Option<Decimal>,
    pub ikm: Option<Decimal>,
    pub ikpp: Option<Decimal>,
    pub serapan: Option<Decimal>,
}

/// The trend over the years given (each with its units' rows) of the units the view shows: years without any figure
/// are left out, the others in year order.
pub fn trend(years: &[(i32, Vec<UnitRow>)], view: &View) -> Vec<TrendPoint> {
    let mut points: Vec<TrendPoint> = years
        .iter()
        .map(|(year, rows)| {
            let rows: Vec<&UnitRow> = rows.iter().filter(|r| view.shows(r)).collect();
            let of = |f: fn(&UnitRow) -> Option<Decimal>| {
                mean(&rows.iter().filter_map(|r| f(r)).collect::<Vec<_>>())
            };
            TrendPoint {
                year: *year,
                units: rows.iter().filter(|r| r.iku_average.is_some()).count(),
                iku_average: of(|r| r.iku_average),
                akip: of(|r| r.akip),
                ikm: of(|r| r.ikm),
                ikpp: of(|r| r.ikpp),
                serapan: of(|r| r.serapan),
            }
        })
        .filter(|p| {
            [p.iku_average, p.akip, p.ikm, p.ikpp, p.serapan]
                .iter()
                .any(Option::is_some)
        })
        .collect();
    points.sort_by_key(|p| p.year);
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::d;

    fn row(code: &str, kind: &str, iku: Option<&str>) -> UnitRow {
        UnitRow {
            code: code.into(),
            name: format!("Unit {code}"),
            kind: kind.into(),
            capaian_decimals: 2,
            iku_indicators: usize::from(iku.is_some()),
            iku_average: iku.map(d),
            iku_predicate: None,
            akip: None,
            akip_predicate: None,
            ikm: None,
            ikpp: None,
            serapan: None,
            as_of: None,
            warnings: None,
            quarter_completeness: [None; 4],
            completeness: None,
            overdue_actions: None,
            rank: None,
        }
    }

    fn codes(r: &Rollup) -> Vec<&str> {
        r.rows.iter().map(|r| r.code.as_str()).collect()
    }

    fn ranks(r: &Rollup) -> Vec<(&str, Option<usize>)> {
        r.rows.iter().map(|r| (r.code.as_str(), r.rank)).collect()
    }

    #[test]
    fn equal_printed_averages_share_a_rank_and_the_next_is_skipped() {
        let rows = vec![
            row("a", "dinas", Some("90")),
            // 95,004 and 94,996 both print as 95,00.
            row("b", "kecamatan", Some("95.004")),
            row("c", "kecamatan", Some("94.996")),
            row("d", "badan", None),
            row("e", "dinas", Some("101")),
        ];
        let r = rollup(2024, rows, View::default());
        assert_eq!(
            ranks(&r),
            vec![
                ("e", Some(1)),
                ("b", Some(2)),
                ("c", Some(2)),
                ("a", Some(4)),
                ("d", None)
            ]
        );
        assert_eq!(r.kinds, vec!["badan", "dinas", "kecamatan"]);
    }

    #[test]
    fn sorting_by_any_column_keeps_units_without_a_value_last() {
        let mut rows = vec![
            row("a", "dinas", Some("90")),
            row("b", "kecamatan", None),
            row("c", "kecamatan", Some("80")),
        ];
        rows[0].serapan = Some(d("70"));
        rows[1].serapan = Some(d("99"));
        rows[0].warnings = Some(3);
        rows[2].warnings = Some(0);
        let view = |column, direction| View {
            column,
            direction,
            kind: None,
        };
        let sorted = |column, direction| {
            codes(&rollup(2024, rows.clone(), view(column, direction)))
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(sorted(Column::Iku, Direction::Descending), ["a", "c", "b"]);
        assert_eq!(sorted(Column::Iku, Direction::Ascending), ["c", "a", "b"]);
        assert_eq!(
            sorted(Column::Serapan, Direction::Descending),
            ["b", "a", "c"]
        );
        assert_eq!(
            sorted(Column::Serapan, Direction::Ascending),
            ["a", "b", "c"]
        );
        assert_eq!(
            sorted(Column::Warnings, Direction::Ascending),
            ["c", "a", "b"]
        );
        assert_eq!(sorted(Column::Unit, Direction::Descending), ["c", "b", "a"]);
        assert_eq!(sorted(Column::Kind, Direction::Ascending), ["a", "b", "c"]);
        assert_eq!(sorted(Column::Rank, Direction::Descending), ["c", "a", "b"]);
        // Every column has its link name, read back.
        for c in Column::ALL {
            assert_eq!(Column::parse(c.code()), Some(c));
        }
        assert_eq!(Column::parse("lain"), None);
        assert_eq!(Direction::parse("turun"), Some(Direction::Descending));
        assert_eq!(Direction::parse("bawah"), None);
    }

    #[test]
    fn a_filter_keeps_one_unit_type_and_ranks_among_it() {
        let rows = vec![
            row("a", "dinas", Some("99")),
            row("b", "kecamatan", Some("95")),
            row("c", "kecamatan", Some("97")),
        ];
        let r = rollup(
            2024,
            rows,
            View {
                kind: Some("kecamatan".into()),
                ..View::default()
            },
        );
        assert_eq!(ranks(&r), vec![("c", Some(1)), ("b", Some(2))]);
        // The filter still offers every type.
        assert_eq!(r.kinds, vec!["dinas", "kecamatan"]);
        assert_eq!(kind_label("sub_bagian"), "Sub Bagian");
        assert_eq!(kind_label("kecamatan"), "Kecamatan");
    }

    #[test]
    fn completeness_counts_up_to_the_latest_quarter_any_unit_entered() {
        let mut a = row("a", "dinas", Some("90"));
        a.as_of = Some(3);
        a.quarter_completeness = [Some(d("100")), Some(d("100")), Some(d("50")), Some(d("0"))];
        let mut b = row("b", "dinas", Some("90"));
        // Only TW I entered, fully: behind the others, so not complete.
        b.as_of = Some(1);
        b.quarter_completeness = [Some(d("100")), Some(d("0")), Some(d("0")), Some(d("0"))];
        let c = row("c", "dinas", None);
        let r = rollup(2024, vec![a, b, c], View::default());
        assert_eq!(r.as_of, Some(3));
        let of = |code: &str| r.rows.iter().find(|r| r.code == code).unwrap().completeness;
        assert_eq!(of("a").map(|v| round(v, 2)), Some(d("83.33")));
        assert_eq!(of("b").map(|v| round(v, 2)), Some(d("33.33")));
        // No indicators: no completeness rather than 0%.
        assert_eq!(of("c"), None);
        assert_eq!(completeness_up_to(&[None; 4], 2), None);
    }

    /// Two units from the dataset format: one with an IKU, targets and TW I–II realisations, one with nothing.
    fn dataset() -> Dataset {
        serde_json::from_value(serde_json::json!({
            "unit": [
                { "code": "a", "name": "Kecamatan A", "kind": "kecamatan" },
                { "code": "b", "name": "Dinas B", "kind": "dinas" }
            ],
            "renstra": [{ "id": "r", "unit": "a", "start_year": 2021, "end_year": 2026 }],
            "tujuan": [{ "id": "t", "renstra": "r", "text": "Tujuan" }],
            "sasaran": [{ "id": "s", "tujuan": "t", "text": "Sasaran" }],
            "indicator": [
                { "id": "i1", "level": "sasaran", "owner": "s", "name": "Indikator 1", "satuan": "%" },
                { "id": "i2", "level": "sasaran", "owner": "s", "name": "Indikator 2", "satuan": "%" }
            ],
            "target": [
                { "indicator": "i1", "year": 2024, "value": "80" },
                { "indicator": "i2", "year": 2024, "value": "100" },
                { "indicator": "i1", "year": 2023, "value": "80" }
            ],
            "realisation": [
                { "indicator": "i1", "year": 2024, "quarter": 1, "value": "70" },
                { "indicator": "i1", "year": 2024, "quarter": 2, "value": "80" },
                { "indicator": "i2", "year": 2024, "quarter": 1, "value": "50" },
                { "indicator": "i1", "year": 2023, "value": "60" }
            ]
        }))
        .unwrap()
    }

    #[test]
    fn a_units_row_is_its_own_measurement_and_no_data_is_no_figure() {
        let data = dataset();
        let today: Date = "2024-07-15".parse().unwrap();
        let m = measure(&data, "a", 2024).unwrap();
        let a = unit_row(&data, "a", 2024, today).unwrap();
        assert_eq!(a.iku_average, m.iku.average.value);
        assert!(a.iku_average.is_some());
        assert_eq!(a.iku_indicators, 2);
        assert_eq!(a.as_of, Some(2));
        assert_eq!(
            a.warnings,
            Some(monitor_measured(&data, &m, None).warnings().count())
        );
        assert_eq!(
            a.quarter_completeness,
            [Some(d("100")), Some(d("50")), Some(d("0")), Some(d("0"))]
        );
        let b = unit_row(&data, "b", 2024, today).unwrap();
        assert_eq!(b.kind, "dinas");
        assert_eq!(b.iku_indicators, 0);
        for figure in [b.iku_average, b.akip, b.ikm, b.ikpp, b.serapan] {
            assert_eq!(figure, None);
        }
        assert_eq!((b.warnings, b.overdue_actions, b.as_of), (None, None, None));
        assert_eq!(b.quarter_completeness, [None; 4]);
        let r = rollup(2024, vec![a, b], View::default());
        assert_eq!(r.as_of, Some(2));
        assert_eq!(r.rows[0].completeness, Some(d("75")));
        assert_eq!((r.rows[1].rank, r.rows[1].completeness), (None, None));
        assert!(matches!(
            unit_row(&data, "c", 2024, today),
            Err(MeasureError::UnknownUnit(_))
        ));
    }

    #[test]
    fn the_trend_is_the_mean_of_the_units_with_a_figure_and_skips_empty_years() {
        let data = dataset();
        let today: Date = "2024-07-15".parse().unwrap();
        let years: Vec<(i32, Vec<UnitRow>)> = (2022..=2024)
            .map(|y| {
                let rows = ["a", "b"]
                    .iter()
                    .map(|u| unit_row(&data, u, y, today).unwrap())
                    .collect();
                (y, rows)
            })
            .collect();
        let t = trend(&years, &View::default());
        assert_eq!(t.iter().map(|p| p.year).collect::<Vec<_>>(), [2023, 2024]);
        // 2023: unit a alone (60 of 80), unit b without figures does not pull the mean to zero.
        assert_eq!(t[0].units, 1);
        assert_eq!(t[0].iku_average, years[1].1[0].iku_average);
        assert_eq!(t[0].iku_average.map(|v| round(v, 2)), Some(d("75")));
        let mut two = vec![row("x", "dinas", Some("80")), row("y", "dinas", Some("90"))];
        two[1].akip = Some(d("70"));
        let t = trend(&[(2024, two)], &View::default());
        assert_eq!(
            (t[0].iku_average, t[0].akip, t[0].ikm),
            (Some(d("85")), Some(d("70")), None)
        );
    }
}
