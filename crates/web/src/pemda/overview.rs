//! The pemda roll-up (ikhtisar pemda): every unit side by side for a year — IKU average capaian, AKIP, IKM, IKPP,
//! serapan, completeness of the realisation entry, early warnings, overdue follow-up — ranked, sortable by any
//! column and filtered by unit type through plain links, with a chart comparing the units, the pemda's trend over
//! years and an XLSX export. Only for users who read every unit. Each unit's figures are those of its own pages:
//! `kinerja_domain::rollup` makes its row from the unit's own measurement, on the unit's cached snapshot.

use crate::access::reads_all;
use crate::http::attachment::{attachment, media_type};
use crate::http::failure::Failure;
use crate::http::format::{self, DASH};
use crate::http::guard::PemdaYear;
use crate::http::layout;
use crate::http::session::{see_other, Signed};
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use kinerja_documents::pemda::{iku_chart, rekap, trend_chart};
use kinerja_documents::Format;
use kinerja_domain::date::Date;
use kinerja_domain::model::Dataset;
use kinerja_domain::monitoring::quarter_name;
use kinerja_domain::rollup::{
    self, kind_label, Column, Direction, Rollup, TrendPoint, UnitRow, View, TREND_METHOD,
};
use kinerja_storage::{Repository, StoreError};
use maud::{html, Markup, PreEscaped};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

/// Years the trend looks back over, the year shown included.
const TREND_YEARS: i32 = 5;

/// Units' rows already computed, per unit and year, with the snapshot and the day they were made from. A unit's
/// snapshot is renewed by the storage's unit cache on every change to its data or its survey, so a row is reused
/// exactly while its unit is unchanged. The snapshot is held weakly: its data is freed once the storage lets it go,
/// while its address stays reserved, so a renewed snapshot is never mistaken for it.
///
/// Above the units' rows, the whole roll-up of a year is kept under the state of all stored data
/// (`Store::data_stamp`) and the day: one request computes it while concurrent ones wait and reuse its result,
/// instead of each reading and measuring every unit (what a roll-up under many clients otherwise costs, in time
/// and in memory).
#[derive(Default)]
pub(crate) struct RowCache {
    entries: Mutex<HashMap<(String, i32), Cached>>,
    pemda: tokio::sync::Mutex<HashMap<i32, KeptRows>>,
    /// The page's body per view (its address), as rendered from the rows it names: the same for every user.
    bodies: Mutex<HashMap<String, KeptBody>>,
}

type DataStamp = (i64, i64);
/// A year's rows with the state of the data and the day they were computed at.
type KeptRows = (DataStamp, Date, Arc<AllRows>);
/// A rendered body with the rows it was rendered from.
type KeptBody = (Weak<AllRows>, Arc<str>);

/// Years of roll-ups kept; past it they are all computed afresh.
const YEARS_KEPT: usize = 16;

/// Views whose rendered body is kept; past it they are all rendered afresh.
const BODIES_KEPT: usize = 256;

/// Every unit's rows of a year and of its trend's years, and the pemda's name.
pub(crate) struct AllRows {
    name: String,
    /// The trend's years, oldest first, the year asked last.
    years: Vec<(i32, Vec<UnitRow>)>,
}

/// A unit-year's row (`None`: the unit could not be measured) and the snapshot and day it was made from.
type Cached = (Weak<Dataset>, Date, Option<UnitRow>);

impl RowCache {
    fn row(&self, data: &Arc<Dataset>, unit: &str, year: i32, today: Date) -> Option<UnitRow> {
        let key = (unit.to_string(), year);
        if let Ok(entries) = self.entries.lock() {
            if let Some((d, t, row)) = entries.get(&key) {
                if d.as_ptr() == Arc::as_ptr(data) && *t == today {
                    return row.clone();
                }
            }
        }
        let row = rollup::unit_row(data, unit, year, today).ok();
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(key, (Arc::downgrade(data), today, row.clone()));
        }
        row
    }
}

/// The query of the page, the export and the API: `urut` (column), `arah` (naik/turun), `jenis` (unit type).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    urut: Option<String>,
    arah: Option<String>,
    jenis: Option<String>,
}

impl Params {
    /// The view asked for, or what is wrong with it, in Indonesian.
    pub(crate) fn view(&self) -> Result<View, String> {
        let column = match self.urut.as_deref().filter(|s| !s.is_empty()) {
            None => Column::Rank,
            Some(code) => Column::parse(code).ok_or_else(|| {
                let known: Vec<&str> = Column::ALL.iter().map(|c| c.code()).collect();
                format!(
                    "Parameter urut: '{code}' tidak dikenal; pilih salah satu dari {}.",
                    known.join(", ")
                )
            })?,
        };
        let direction = match self.arah.as_deref().filter(|s| !s.is_empty()) {
            None => column.natural_direction(),
            Some(code) => Direction::parse(code).ok_or_else(|| {
                format!("Parameter arah: '{code}' tidak dikenal; pilih naik atau turun.")
            })?,
        };
        Ok(View {
            column,
            direction,
            kind: self.jenis.clone().filter(|k| !k.is_empty()),
        })
    }
}

/// The roll-up of a year with the pemda's name and its trend.
#[derive(Serialize)]
pub(crate) struct Pemda {
    pub pemda: String,
    #[serde(flatten)]
    pub rollup: Rollup,
    pub trend_method: &'static str,
    pub trend: Vec<TrendPoint>,
    /// The rows it was made from.
    #[serde(skip)]
    from: Weak<AllRows>,
}

/// The roll-up of `year` in the view asked for, with the trend, from the kept rows when the data is unchanged.
pub(crate) async fn pemda(state: &AppState, year: i32, view: View) -> Result<Pemda, StoreError> {
    let today = state.store.today();
    let all = {
        let mut kept = state.rollup_rows.pemda.lock().await;
        // Read before the rows: rows read after it are at least as new as it says.
        let stamp = state.store.data_stamp().await?;
        match kept.get(&year) {
            Some((s, d, rows)) if *s == stamp && *d == today => rows.clone(),
            _ => {
                let rows = Arc::new(all_rows(state, year, today).await?);
                if kept.len() >= YEARS_KEPT {
                    kept.clear();
                }
                kept.insert(year, (stamp, today, rows.clone()));
                rows
            }
        }
    };
    let rows = all
        .years
        .iter()
        .find(|(y, _)| *y == year)
        .map(|(_, rows)| rows.clone())
        .unwrap_or_default();
    let trend = rollup::trend(&all.years, &view);
    Ok(Pemda {
        pemda: all.name.clone(),
        rollup: rollup::rollup(year, rows, view),
        trend_method: TREND_METHOD,
        trend,
        from: Arc::downgrade(&all),
    })
}

/// Every unit's rows of `year` and of the trend's years, from the units' snapshots.
async fn all_rows(state: &AppState, year: i32, today: Date) -> Result<AllRows, StoreError> {
    let units = state.store.units().await?;
    let mut snapshots = Vec::with_capacity(units.len());
    for u in &units {
        snapshots.push(state.store.unit_snapshot(&u.code).await?);
    }
    let name = snapshots
        .first()
        .and_then(|d| d.pemda.as_ref())
        .map_or_else(|| "Pemda".to_string(), |p| p.name.clone());
    let years = (year - TREND_YEARS + 1..=year)
        .map(|y| {
            let rows = units
                .iter()
                .zip(&snapshots)
                .filter_map(|(u, d)| state.rollup_rows.row(d, &u.code, y, today))
                .collect();
            (y, rows)
        })
        .collect();
    Ok(AllRows { name, years })
}

/// The roll-up asked for; an unknown type is refused with the known ones.
async fn asked(state: &AppState, year: i32, params: &Params) -> Result<Pemda, Failure> {
    let view = params.view().map_err(Failure::BadRequest)?;
    let p = pemda(state, year, view).await?;
    if let Some(kind) = &p.rollup.view.kind {
        if !p.rollup.kinds.contains(kind) {
            return Err(Failure::BadRequest(format!(
                "Parameter jenis: tidak ada unit berjenis '{kind}'; yang ada: {}.",
                p.rollup.kinds.join(", ")
            )));
        }
    }
    Ok(p)
}

/// The home page: for who reads every unit, the roll-up of the latest year with targets; for a unit's user, the
/// dashboard of their first unit in its latest year with targets (this year's while it has none).
pub(crate) async fn home(
    State(state): State<AppState>,
    Signed(session): Signed,
) -> Result<Response, Failure> {
    let latest = |data: &Dataset| data.targets.iter().map(|t| t.year).max();
    let target = if reads_all(&session.user) {
        // From the units' cached snapshots: reading the whole pemda would parse every survey response.
        let mut year = None;
        for u in state.store.units().await? {
            year = year.max(latest(&*state.store.unit_snapshot(&u.code).await?));
        }
        year.map(|year| format!("/pemda/{year}"))
    } else {
        match session.user.units.first() {
            Some(unit) => {
                let year = latest(&*state.store.unit_snapshot(unit).await?)
                    .unwrap_or_else(|| state.store.today().year());
                Some(format!("/unit/{unit}/{year}"))
            }
            None => None,
        }
    };
    match target {
        Some(location) => Ok(see_other(&location)),
        None => Ok(layout::page(
            "Beranda",
            &session,
            html! {
                h1 { "Belum ada data" }
                p { "Belum ada target kinerja untuk unit yang dapat Anda lihat. Impor dataset dengan "
                    code { "kinerja import" } "." }
            },
        )
        .into_response()),
    }
}

/// A link to the page with another view.
fn link(year: i32, column: Column, direction: Direction, kind: Option<&str>) -> String {
    let mut query = vec![("urut", column.code()), ("arah", direction.code())];
    if let Some(kind) = kind {
        query.push(("jenis", kind));
    }
    format!(
        "/pemda/{year}?{}",
        serde_urlencoded::to_string(query).unwrap_or_default()
    )
}

fn count(n: Option<usize>) -> String {
    n.map_or_else(|| DASH.to_string(), |n| n.to_string())
}

/// A sortable heading: a link that sorts by its column (the other way when it already does).
fn heading(r: &Rollup, column: Column, numeric: bool) -> Markup {
    let view = &r.view;
    let current = view.column == column;
    let direction = if current {
        view.direction.reversed()
    } else {
        column.natural_direction()
    };
    let sort = match (current, view.direction) {
        (false, _) => "none",
        (true, Direction::Ascending) => "ascending",
        (true, Direction::Descending) => "descending",
    };
    html! {
        th.num[numeric] scope="col" aria-sort=(sort) {
            a href=(link(r.year, column, direction, view.kind.as_deref()))
              title={ "Urutkan menurut " (column.label().to_lowercase()) ", " (direction.label()) } {
                (column.label())
                @if current {
                    " " (if view.direction == Direction::Ascending { "▲" } else { "▼" })
                }
            }
        }
    }
}

pub(crate) async fn page(
    State(state): State<AppState>,
    PemdaYear(year, session): PemdaYear,
    Query(params): Query<Params>,
) -> Result<Markup, Failure> {
    let p = asked(&state, year, &params).await?;
    let view = &p.rollup.view;
    let address = link(
        p.rollup.year,
        view.column,
        view.direction,
        view.kind.as_deref(),
    );
    let kept = state.rollup_rows.bodies.lock().ok().and_then(|bodies| {
        bodies
            .get(&address)
            .filter(|(from, _)| from.ptr_eq(&p.from))
            .map(|(_, body)| body.clone())
    });
    let body = match kept {
        Some(body) => body,
        None => {
            let body: Arc<str> = body(&p).into_string().into();
            if let Ok(mut bodies) = state.rollup_rows.bodies.lock() {
                if bodies.len() >= BODIES_KEPT {
                    bodies.clear();
                }
                bodies.insert(address, (p.from.clone(), body.clone()));
            }
            body
        }
    };
    Ok(layout::page(
        "Ikhtisar pemda",
        &session,
        PreEscaped(body.to_string()),
    ))
}

/// The page's body: the same for every user who may see it.
fn body(p: &Pemda) -> Markup {
    let r = &p.rollup;
    let year = r.year;
    let view = &r.view;
    let export = {
        let query = link(year, view.column, view.direction, view.kind.as_deref());
        let query = query.split_once('?').map_or("", |(_, q)| q).to_string();
        format!("/pemda/{year}/rekap.xlsx?{query}")
    };
    let all_types = link(year, view.column, view.direction, None);
    html! {
        h1 { "Ikhtisar " (p.pemda) " Tahun " (year) }
        p.actions {
            a href=(link(year - 1, view.column, view.direction, view.kind.as_deref())) { "← " (year - 1) }
            a href=(link(year + 1, view.column, view.direction, view.kind.as_deref())) { (year + 1) " →" }
            a.button href=(export) { "Unduh rekap (XLSX)" }
        }
        nav.filter aria-label="Saring menurut jenis unit" {
            "Jenis unit: "
            @if view.kind.is_none() { strong aria-current="page" { "Semua" } } @else { a href=(all_types) { "Semua" } }
            @for kind in &r.kinds {
                " · "
                @if view.kind.as_deref() == Some(kind.as_str()) {
                    strong aria-current="page" { (kind_label(kind)) }
                } @else {
                    a href=(link(year, view.column, view.direction, Some(kind))) { (kind_label(kind)) }
                }
            }
        }
        p.rules {
            "Angka setiap unit sama dengan halaman unit tersebut. Peringkat " (rollup::RANK_METHOD) "."
            @if let Some(q) = r.as_of {
                " Kelengkapan realisasi: bagian indikator-triwulan yang sudah diisi, TW I sampai " (quarter_name(q))
                " (triwulan terakhir yang diisi unit mana pun)."
            }
        }
        table #rekap {
            thead { tr {
                (heading(r, Column::Unit, false))
                (heading(r, Column::Rank, true))
                (heading(r, Column::Kind, false))
                (heading(r, Column::Iku, true))
                (heading(r, Column::Akip, true))
                (heading(r, Column::Ikm, true))
                (heading(r, Column::Ikpp, true))
                (heading(r, Column::Serapan, true))
                (heading(r, Column::Completeness, true))
                (heading(r, Column::Warnings, true))
                (heading(r, Column::FollowUp, true))
            } }
            tbody {
                @for u in &r.rows {
                    @let base = format!("/unit/{}/{}", u.code, year);
                    tr {
                        td { a href=(base) { (u.name) } }
                        td.num { (count(u.rank)) }
                        td { (kind_label(&u.kind)) }
                        td.num {
                            (format::percent(u.iku_average, u.capaian_decimals))
                            @if let Some(p) = &u.iku_predicate { br; span.hint { (p.label) } }
                        }
                        td.num {
                            (format::decimal(u.akip, 2))
                            @if let Some(p) = &u.akip_predicate { br; span.hint { (p.label) } }
                        }
                        td.num { (format::decimal(u.ikm, 2)) }
                        td.num { (format::decimal(u.ikpp, 2)) }
                        td.num { (format::percent(u.serapan, 2)) }
                        td.num { (format::percent(u.completeness, 2)) }
                        td.num {
                            @match (u.warnings, u.as_of) {
                                (Some(n), Some(q)) if n > 0 => {
                                    a.flag href={ (base) "#peringatan-dini" } { (n) } " (" (quarter_name(q)) ")"
                                },
                                (Some(n), Some(q)) => { (n) " (" (quarter_name(q)) ")" },
                                _ => { (DASH) },
                            }
                        }
                        td.num {
                            @match u.overdue_actions {
                                Some(n) if n > 0 => {
                                    a.flag href={ (base) "/rekomendasi" } { (n) " rencana aksi" }
                                },
                                Some(_) => { "0" },
                                None => { (DASH) },
                            }
                        }
                    }
                }
            }
        }
        @if r.rows.is_empty() {
            p { "Tidak ada unit untuk ditampilkan." }
        } @else {
            h2 { "Perbandingan antarunit" }
            figure.chart { (PreEscaped(iku_chart(r).svg())) }
        }
        h2 { "Tren " (TREND_YEARS) " tahun" }
        @if p.trend.is_empty() {
            p { "Belum ada angka untuk tahun " (year - TREND_YEARS + 1) "–" (year) "." }
        } @else {
            p.rules { "Angka pemda: " (TREND_METHOD) "." }
            table #tren {
                thead { tr {
                    th scope="col" { "Tahun" } th.num scope="col" { "Unit berangka IKU" }
                    th.num scope="col" { "Rata-rata capaian IKU" } th.num scope="col" { "Nilai AKIP" }
                    th.num scope="col" { "IKM" } th.num scope="col" { "IKPP" } th.num scope="col" { "Serapan anggaran" }
                } }
                tbody {
                    @for t in &p.trend {
                        tr {
                            // A row heading: the year names the row.
                            th scope="row" { a href={ "/pemda/" (t.year) } { (t.year) } }
                            td.num { (t.units) }
                            td.num { (format::percent(t.iku_average, 2)) }
                            td.num { (format::decimal(t.akip, 2)) }
                            td.num { (format::decimal(t.ikm, 2)) }
                            td.num { (format::decimal(t.ikpp, 2)) }
                            td.num { (format::percent(t.serapan, 2)) }
                        }
                    }
                }
            }
            figure.chart { (PreEscaped(trend_chart(&p.trend).svg())) }
        }
    }
}

/// The roll-up as shown (same order and filter) as an XLSX workbook.
pub(crate) async fn workbook(
    State(state): State<AppState>,
    PemdaYear(year, _): PemdaYear,
    Query(params): Query<Params>,
) -> Result<Response, Failure> {
    let p = asked(&state, year, &params).await?;
    let document = rekap(&p.pemda, &p.rollup);
    let bytes = kinerja_documents::xlsx::render(&document).map_err(Failure::Document)?;
    let name = format!("rekap-pemda-{}.xlsx", p.rollup.year);
    Ok(attachment(media_type(Format::Xlsx), &name, bytes))
}
