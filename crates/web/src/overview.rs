//! The pemda overview: every unit the user may read, side by side for a year, with its early warnings and its
//! overdue follow-up actions.

use crate::access::may_read;
use crate::failure::{self, Failure};
use crate::format;
use crate::layout;
use crate::session::Signed;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_domain::follow_up;
use kinerja_domain::measure::measure;
use kinerja_domain::monitoring::{monitor_measured, quarter_name};
use kinerja_storage::Repository;
use maud::html;

/// The overview of the latest year with targets.
pub(crate) async fn home(
    State(state): State<AppState>,
    Signed(session): Signed,
) -> Result<Response, Failure> {
    let data = state.store.load_all().await?;
    match data.targets.iter().map(|t| t.year).max() {
        Some(year) => Ok((
            StatusCode::SEE_OTHER,
            [(LOCATION, format!("/pemda/{year}"))],
        )
            .into_response()),
        None => Ok(layout::page(
            "Ikhtisar pemda",
            &session,
            html! {
                h1 { "Ikhtisar pemda" }
                p { "Belum ada data. Impor dataset dengan " code { "kinerja import" } "." }
            },
        )
        .into_response()),
    }
}

pub(crate) async fn page(
    State(state): State<AppState>,
    Signed(session): Signed,
    Path(year): Path<String>,
) -> Result<maud::Markup, Failure> {
    let year = failure::year(&year)?;
    let data = state.store.load_all().await?;
    let today = state.store.today();
    let title = data
        .pemda
        .as_ref()
        .map(|p| p.name.clone())
        .unwrap_or_else(|| "Pemda".into());
    let rows: Vec<_> = data
        .units
        .iter()
        .filter(|u| may_read(&session.user, &u.code))
        .filter_map(|u| measure(&data, &u.code, year).ok())
        .map(|m| {
            let watch = monitor_measured(&data, &m, None);
            let follow = follow_up::counts(
                follow_up::for_report(&data.recommendations, &m.unit.code, year),
                today,
            );
            (m, watch, follow)
        })
        .collect();
    let body = html! {
        h1 { "Ikhtisar " (title) " Tahun " (year) }
        p.actions {
            a href={ "/pemda/" (year - 1) } { "← " (year - 1) }
            a href={ "/pemda/" (year + 1) } { (year + 1) " →" }
        }
        table {
            thead { tr {
                th { "Unit" } th.num { "Indikator IKU" } th.num { "Rata-rata capaian IKU" } th { "Predikat" }
                th.num { "Rata-rata capaian program" } th.num { "Serapan anggaran" }
                th.num { "Peringatan dini" } th.num { "Realisasi belum lengkap" }
                th.num { "Tindak lanjut terlambat" }
            } }
            tbody {
                @for (m, watch, follow) in &rows {
                    @let dp = m.rules.capaian_decimals;
                    tr {
                        td { a href={ "/unit/" (m.unit.code) "/" (year) } { (m.unit.name) } }
                        td.num { (m.iku.rows.len()) }
                        td.num { (format::percent(m.iku.average.value, dp)) }
                        td { (format::predicate(m.iku.average.predicate.as_ref())) }
                        td.num { (format::percent(m.program_average.value, dp)) }
                        td.num { (format::percent(m.budget.total.serapan, 2)) }
                        @match watch.as_of {
                            Some(q) => {
                                td.num { (watch.warnings().count()) " (" (quarter_name(q)) ")" }
                                td.num { (watch.incomplete().count()) " dari " (watch.outlooks.len()) }
                            },
                            None => { td.num { (format::DASH) } td.num { (format::DASH) } },
                        }
                        td.num {
                            @if follow.overdue_actions > 0 {
                                a.flag href={ "/unit/" (m.unit.code) "/" (year) "/rekomendasi" } {
                                    (follow.overdue_actions) " rencana aksi"
                                }
                            } @else if follow.recommendations > 0 {
                                "0"
                            } @else {
                                (format::DASH)
                            }
                        }
                    }
                }
            }
        }
        @if rows.is_empty() {
            p { "Tidak ada unit yang dapat Anda lihat." }
        }
    };
    Ok(layout::page("Ikhtisar pemda", &session, body))
}
