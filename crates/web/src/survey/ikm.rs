//! The IKM survey results of a unit-year at `/unit/{code}/{year}/ikm` (`?periode=tw2&bobot=lama`): respondents,
//! NRR per element with the improvement priorities, IKM and mutu per service and for the unit (pooled and mean of
//! services, the one the rules use marked), breakdowns by profile, sample adequacy, the trend over the periods of
//! the year; and the saran list, where the unit's staff write the follow-up of each saran (audited). Every figure
//! is `kinerja_domain::survey_results::analyse` over the stored responses.

use crate::access::{may_enter, Enter, Read};
use crate::http::failure::{refusal, Failure};
use crate::http::format::DASH;
use crate::http::guard::{Id, UnitYear};
use crate::http::layout;
use crate::http::session::{see_other, Posted};
use crate::http::writes::Notice;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_documents::charts::{BarChart, Orientation, Series};
use kinerja_domain::measure::Predicate;
use kinerja_domain::model::Dataset;
use kinerja_domain::number::{format_decimal, format_natural};
use kinerja_domain::rules::{IkmUnitMethod, IkmWeight};
use kinerja_domain::survey_results::{
    analyse, unit_value_of, Analysis, GroupResult, Period, Tally, UnitValue,
};
use kinerja_domain::Decimal;
use kinerja_storage::{Repository, ResponseQuery, Saran, Session, Survey, MAX_SARAN_CHARS};
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;
use std::sync::Arc;

/// Years before the chosen one shown in the yearly trend.
const EARLIER_YEARS: i32 = 2;

#[derive(Deserialize)]
pub(crate) struct Filter {
    periode: Option<String>,
    bobot: Option<String>,
    /// Set after a saved follow-up.
    hasil: Option<String>,
}

/// The weight of `bobot`: "tepat" (1/9) or "lama" (0,111); the rules' weight when not given.
fn weight(code: Option<&str>, rules: IkmWeight) -> Result<IkmWeight, Failure> {
    match code.map(str::trim) {
        None | Some("") => Ok(rules),
        Some("tepat") => Ok(IkmWeight::Exact),
        Some("lama") => Ok(IkmWeight::Legacy0111),
        Some(other) => Err(Failure::BadRequest(format!(
            "Bobot '{other}' tidak dikenal: pilih 'tepat' (1/9) atau 'lama' (0,111)."
        ))),
    }
}

fn period(code: Option<&str>, rules: Period) -> Result<Period, Failure> {
    match code.map(str::trim) {
        None | Some("") => Ok(rules),
        Some(text) => Period::parse(text).ok_or_else(|| {
            Failure::BadRequest(format!(
                "Periode '{text}' tidak dikenal: pilih tahun, s1, s2, tw1, tw2, tw3 atau tw4."
            ))
        }),
    }
}

fn figure(v: Option<Decimal>) -> String {
    v.map_or_else(|| DASH.to_string(), |v| format_decimal(v, 2))
}

fn count(n: u64) -> String {
    format_natural(Decimal::from(n), 0)
}

fn mutu(p: Option<&Predicate>) -> String {
    p.map_or_else(|| DASH.to_string(), |p| format!("{} ({})", p.code, p.label))
}

pub(crate) async fn page(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Read>,
    Query(filter): Query<Filter>,
) -> Result<Markup, Failure> {
    let notice = (filter.hasil.as_deref() == Some("saran"))
        .then(|| Notice::Done("Tindak lanjut saran disimpan.".into()));
    render(&state, &code, year, &session, &filter, notice.as_ref()).await
}

async fn render(
    state: &AppState,
    code: &str,
    year: i32,
    session: &Session,
    filter: &Filter,
    notice: Option<&Notice>,
) -> Result<Markup, Failure> {
    let Results {
        data,
        unit,
        period,
        weight,
        analysis: a,
    } = results(
        state,
        code,
        year,
        filter.periode.as_deref(),
        filter.bobot.as_deref(),
    )
    .await?;
    // The years before with responses, from the counts the unit's snapshot carries, each by its year's rules.
    let years: Vec<(i32, UnitValue)> = (year - EARLIER_YEARS..year)
        .filter_map(|y| {
            let tallies: Vec<Tally> = data
                .survey_tallies
                .iter()
                .filter(|t| t.year == y)
                .map(|t| t.of(Period::Tahun).0)
                .collect();
            let method = data.rules_for(y).ikm_unit_method;
            let value = unit_value_of(&tallies, weight, method);
            (value.respondents > 0).then_some((y, value))
        })
        .collect();
    let sarans = state
        .store
        .sarans(&period_query(code, year, period))
        .await?;
    let names = service_names(state, code).await?;
    let writer = may_enter(&session.user, code).then(|| FollowUpTarget {
        session,
        action: format!("/unit/{code}/{year}/ikm/saran"),
        period,
        weight,
    });
    let body = html! {
        h1 { "Hasil Survei Kepuasan Masyarakat — " (unit) " " (year) }
        p {
            a href={ "/unit/" (code) "/" (year) } { "← Kembali ke dasbor" }
            " · "
            a href={ "/unit/" (code) "/" (year) "/layanan" } { "Layanan dan survei IKM" }
            @if writer.is_some() {
                " · "
                a href={ "/unit/" (code) "/" (year) "/layanan/impor" } { "Impor respons dari berkas" }
            }
        }
        (Notice::markup(notice))
        (filter_form(code, year, period, weight))
        (document_links(code, year, period, weight))
        (summary(&a))
        (elements(&a))
        (services_table(&a))
        (breakdowns(&a))
        (trend(&a, year))
        (yearly(&years, &a, year))
        (saran_list(&sarans, &names, writer.as_ref()))
    };
    Ok(layout::page("Hasil survei IKM", session, body))
}

/// What the results page and the documents of the results start from.
pub(crate) struct Results {
    pub data: Arc<Dataset>,
    /// The unit's name.
    pub unit: String,
    pub period: Period,
    pub weight: IkmWeight,
    pub analysis: Analysis,
}

/// The unit's survey results of `year` for the period and weight asked (`periode`, `bobot`; the rules' when not
/// given).
pub(crate) async fn results(
    state: &AppState,
    code: &str,
    year: i32,
    periode: Option<&str>,
    bobot: Option<&str>,
) -> Result<Results, Failure> {
    let data = state.store.unit_snapshot(code).await?;
    let unit = data
        .unit(code)
        .map(|u| u.name.clone())
        .ok_or_else(|| Failure::NotFound(format!("Unit '{code}' tidak ada.")))?;
    let rules = data.rules_for(year);
    let period = period(periode, rules.ikm_period)?;
    let weight = weight(bobot, rules.ikm_weight)?;
    let services = state.store.survey_year(code, year).await?;
    let analysis = analyse(&services, period, weight, rules.ikm_unit_method);
    Ok(Results {
        data,
        unit,
        period,
        weight,
        analysis,
    })
}

/// The unit's responses dated in the period of `year`.
pub(crate) fn period_query(code: &str, year: i32, period: Period) -> ResponseQuery {
    ResponseQuery {
        months: period.months(),
        ..ResponseQuery::year(code, year)
    }
}

/// The names of the unit's services by id.
pub(crate) async fn service_names(
    state: &AppState,
    code: &str,
) -> Result<Vec<(i64, String)>, Failure> {
    Ok(state
        .store
        .services(code)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect())
}

/// The name of a service among `names`; empty for one not there.
pub(crate) fn service_name(names: &[(i64, String)], id: i64) -> &str {
    names
        .iter()
        .find(|(i, _)| *i == id)
        .map_or("", |(_, n)| n.as_str())
}

pub(crate) fn weight_code(weight: IkmWeight) -> &'static str {
    match weight {
        IkmWeight::Exact => "tepat",
        IkmWeight::Legacy0111 => "lama",
    }
}

#[derive(Deserialize)]
pub(crate) struct FollowUpForm {
    #[serde(default)]
    tindak_lanjut: String,
    #[serde(default)]
    periode: Option<String>,
    #[serde(default)]
    bobot: Option<String>,
}

/// Saves the follow-up of a saran: the admin and the unit's operators.
pub(crate) async fn save_follow_up(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Path(Id { id }): Path<Id>,
    Posted { form, .. }: Posted<FollowUpForm>,
) -> Result<Response, Failure> {
    // The page's filter, checked before anything is written.
    let back_period = period(form.periode.as_deref(), Period::Tahun)?;
    let back_weight = weight(form.bobot.as_deref(), IkmWeight::Exact)?;
    let filter = Filter {
        periode: form.periode,
        bobot: form.bobot,
        hasil: None,
    };
    let written = match id.parse::<i64>() {
        Ok(id) => refusal(
            state
                .store
                .set_follow_up(&code, id, &form.tindak_lanjut, &session.user.username)
                .await,
        )?,
        Err(_) => Err(format!("Respons survei '{id}' tidak ada.")),
    };
    match written {
        Ok(()) => Ok(see_other(&format!(
            "/unit/{code}/{year}/ikm?periode={}&bobot={}&hasil=saran#saran-{id}",
            back_period.code(),
            weight_code(back_weight)
        ))),
        Err(why) => {
            let notice = Notice::Refused(why);
            let page = render(&state, &code, year, &session, &filter, Some(&notice)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

fn filter_form(code: &str, year: i32, period: Period, weight: IkmWeight) -> Markup {
    html! {
        form.filter method="get" action={ "/unit/" (code) "/" (year) "/ikm" } {
            label for="periode" { "Periode" }
            select id="periode" name="periode" {
                @for p in Period::ALL {
                    option value=(p.code()) selected[p == period] { (p.label()) }
                }
            }
            label for="bobot" { "Bobot unsur" }
            select id="bobot" name="bobot" {
                option value="tepat" selected[weight == IkmWeight::Exact] { "1/9 (tepat)" }
                option value="lama" selected[weight == IkmWeight::Legacy0111] { "0,111 (lama)" }
            }
            button type="submit" { "Tampilkan" }
        }
    }
}

/// The Laporan Hasil SKM and the workbook of the responses and results, for the period and weight shown.
fn document_links(code: &str, year: i32, period: Period, weight: IkmWeight) -> Markup {
    let query = format!("?periode={}&bobot={}", period.code(), weight_code(weight));
    let base = format!("/unit/{code}/{year}/ikm");
    html! {
        p.downloads {
            "Unduh: "
            a href={ (base) "/laporan.pdf" (query) } { "Laporan Hasil SKM (PDF)" }
            " · "
            a href={ (base) "/laporan.docx" (query) } { "Laporan Hasil SKM (DOCX)" }
            " · "
            a href={ (base) "/ikm.xlsx" (query) } { "Respons dan hasil (XLSX)" }
        }
    }
}

fn unit_rows(u: &UnitValue) -> Markup {
    let used = |m: IkmUnitMethod| {
        if u.method == m {
            " — dipakai aturan"
        } else {
            ""
        }
    };
    html! {
        tr {
            th { "IKM unit, " (IkmUnitMethod::Pooled.describe()) (used(IkmUnitMethod::Pooled)) }
            td.num.pooled { (figure(u.pooled)) }
        }
        tr {
            th { "IKM unit, " (IkmUnitMethod::MeanOfServices.describe()) (used(IkmUnitMethod::MeanOfServices)) }
            td.num.mean { (figure(u.mean_of_services)) }
        }
        tr { th { "Mutu pelayanan" } td.mutu { (mutu(u.mutu.as_ref())) } }
    }
}

fn summary(a: &Analysis) -> Markup {
    html! {
        h2 { "Ringkasan " (a.period.label()) }
        table.summary {
            tr { th { "Responden" } td.num.respondents { (count(a.unit.respondents)) } }
            (unit_rows(&a.unit))
            tr { th { "Bobot unsur" } td { (a.weight.describe()) } }
        }
    }
}

fn elements(a: &Analysis) -> Markup {
    html! {
        h2 { "Nilai per unsur" }
        p.hint { "Tiga unsur dengan NRR terendah ditandai sebagai prioritas perbaikan." }
        table.elements {
            thead { tr {
                th { "Unsur" } th.num { "Menjawab" } th.num { "NRR" } th.num { "Nilai (NRR × 25)" } th { "" }
            } }
            tbody {
                @for e in &a.elements {
                    @let weak = a.priorities.contains(&e.element);
                    tr class=[weak.then_some("priority")] {
                        td { (e.element.code()) " " (e.name) }
                        td.num { (count(e.answered)) }
                        td.num.nrr { (e.nrr.map_or_else(|| DASH.to_string(), |v| format_decimal(v, 3))) }
                        td.num { (figure(e.value)) }
                        td { @if weak { strong { "prioritas perbaikan" } } }
                    }
                }
            }
        }
    }
}

fn services_table(a: &Analysis) -> Markup {
    html! {
        h2 { "IKM per layanan dan kecukupan sampel" }
        @if a.services.is_empty() {
            p { "Belum ada layanan yang disurvei." }
        } @else {
            table.services {
                thead { tr {
                    th { "Layanan" } th.num { "Responden" } th.num { "L" } th.num { "P" } th.num { "IKM" }
                    th { "Mutu" } th.num { "Populasi" } th.num { "Sampel minimal (Krejcie–Morgan)" }
                    th { "Kecukupan" }
                } }
                tbody {
                    @for s in &a.services {
                        tr {
                            td { (s.name) }
                            td.num { (count(s.tally.respondents)) }
                            td.num { (count(s.male)) }
                            td.num { (count(s.female)) }
                            td.num.ikm { (figure(s.ikm)) }
                            td { (mutu(s.mutu.as_ref())) }
                            td.num { (s.sample.population.map_or_else(|| DASH.to_string(), count)) }
                            td.num { (s.sample.required.map_or_else(|| DASH.to_string(), count)) }
                            td.adequacy { (match s.sample.adequate {
                                Some(true) => "cukup",
                                Some(false) => "kurang",
                                None => "populasi belum diisi",
                            }) }
                        }
                    }
                }
            }
        }
    }
}

fn group_table(title: &str, groups: &[GroupResult]) -> Markup {
    html! {
        h3 { (title) }
        table.breakdown {
            thead { tr { th { (title) } th.num { "Responden" } th.num { "IKM" } th { "Mutu" } } }
            tbody {
                @for g in groups {
                    tr {
                        td { (g.label) }
                        td.num { (count(g.respondents)) }
                        td.num { (figure(g.ikm)) }
                        td { (mutu(g.mutu.as_ref())) }
                    }
                }
            }
        }
    }
}

fn breakdowns(a: &Analysis) -> Markup {
    let b = &a.breakdowns;
    html! {
        h2 { "Profil responden" }
        (group_table("Jenis kelamin", &b.sex))
        (group_table("Usia", &b.age))
        (group_table("Pendidikan", &b.education))
        (group_table("Pekerjaan", &b.occupation))
    }
}

fn trend_row(label: &str, u: &UnitValue) -> Markup {
    html! {
        tr {
            td { (label) }
            td.num { (count(u.respondents)) }
            td.num { (figure(u.pooled)) }
            td.num { (figure(u.mean_of_services)) }
            td { (mutu(u.mutu.as_ref())) }
        }
    }
}

fn trend_head() -> Markup {
    html! {
        thead { tr {
            th { "Periode" } th.num { "Responden" } th.num { "IKM gabungan" }
            th.num { "IKM rata-rata layanan" } th { "Mutu" }
        } }
    }
}

/// The whole years with responses before the chosen one, and the chosen one (shown only with earlier ones).
fn yearly(earlier: &[(i32, UnitValue)], a: &Analysis, year: i32) -> Markup {
    let this = a.trend.iter().find(|r| r.period == Period::Tahun);
    html! {
        @if !earlier.is_empty() {
            h2 { "Tren tahunan" }
            table.years {
                (trend_head())
                tbody {
                    @for (y, u) in earlier { (trend_row(&format!("Tahun {y}"), u)) }
                    @if let Some(r) = this { (trend_row(&format!("Tahun {year}"), &r.unit)) }
                }
            }
        }
    }
}

fn trend(a: &Analysis, year: i32) -> Markup {
    let chart = BarChart {
        title: format!("IKM unit per periode {year}"),
        categories: a
            .trend
            .iter()
            .map(|r| r.period.label().to_string())
            .collect(),
        series: vec![Series {
            name: "IKM".into(),
            values: a.trend.iter().map(|r| r.unit.value).collect(),
        }],
        decimals: 2,
        suffix: String::new(),
        reference: None,
        orientation: Orientation::Vertical,
    };
    html! {
        h2 { "Tren per periode" }
        table.trend {
            (trend_head())
            tbody {
                @for r in &a.trend { (trend_row(r.period.label(), &r.unit)) }
            }
        }
        figure.chart { (PreEscaped(chart.svg())) }
    }
}

fn saran_list(
    sarans: &[Saran],
    names: &[(i64, String)],
    writer: Option<&FollowUpTarget>,
) -> Markup {
    let service = |id: i64| service_name(names, id);
    html! {
        h2 { "Saran responden dan tindak lanjut" }
        @if sarans.is_empty() {
            p { "Belum ada saran pada periode ini." }
        } @else {
            table.saran {
                thead { tr { th { "Tanggal" } th { "Layanan" } th { "Saran" } th { "Tindak lanjut saran" } } }
                tbody {
                    @for s in sarans {
                        tr id={ "saran-" (s.id) } {
                            td { (s.date.indonesian()) }
                            td { (service(s.service)) }
                            td { (s.saran) }
                            td {
                                @match writer {
                                    Some(target) => { (follow_up_form(target, s)) }
                                    None => { (s.follow_up.as_deref().unwrap_or(DASH)) }
                                }
                                @if let Some(by) = &s.follow_up_by {
                                    p.hint { "Ditulis oleh " (by) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Where a follow-up form posts, and the page's filter it carries back so the page after saving shows the same.
struct FollowUpTarget<'a> {
    session: &'a Session,
    action: String,
    period: Period,
    weight: IkmWeight,
}

fn follow_up_form(t: &FollowUpTarget, s: &Saran) -> Markup {
    let id = format!("tindak-lanjut-{}", s.id);
    html! {
        form method="post" action={ (t.action) "/" (s.id) } {
            input type="hidden" name="csrf" value=(t.session.csrf);
            input type="hidden" name="periode" value=(t.period.code());
            input type="hidden" name="bobot" value=(weight_code(t.weight));
            label for=(id) { "Tindak lanjut" }
            textarea id=(id) name="tindak_lanjut" maxlength=(MAX_SARAN_CHARS) rows="3" {
                (s.follow_up.as_deref().unwrap_or(""))
            }
            button type="submit" { "Simpan" }
        }
    }
}
