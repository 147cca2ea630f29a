//! The IPP (Indeks Pelayanan Publik) evaluation of a unit-year: the six aspects with the weights of the regulation
//! in force (`rules::IppRegulation`), each aspect's indicator value and weighted value, the IPP computed from them
//! beside the official value the evaluator announced (which wins), the band, and the IKPP from the unit's IKM — all
//! from `measure::ipp_result` / `ikpp_result`. The Inspektorat's evaluators of the unit and admins enter the values
//! (`access::may_recommend`); each write is the unit-year's one `ipp` record through the store's `Editing`.

use crate::access::{may_recommend, Read, Recommend};
use crate::http::failure::Failure;
use crate::http::format::{self, DASH};
use crate::http::guard::UnitYear;
use crate::http::layout;
use crate::http::session::Posted;
use crate::http::writes::{Notice, UnitYearWrite};
use crate::unit;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_domain::evaluation_entry::set_ipp;
use kinerja_domain::measure::{ikpp_result, ipp_result, IkppResult, IppResult, Predicate};
use kinerja_domain::model::{IppAspect, IppEvaluation};
use kinerja_domain::number::{format_decimal, format_natural};
use kinerja_domain::Decimal;
use kinerja_storage::{Editing, Session};
use maud::{html, Markup};
use serde::Deserialize;

#[derive(Deserialize)]
pub(crate) struct Done {
    hasil: Option<String>,
}

pub(crate) async fn page(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Read>,
    Query(done): Query<Done>,
) -> Result<Response, Failure> {
    let notice = done
        .hasil
        .map(|_| Notice::Done("Nilai evaluasi IPP disimpan.".into()));
    answer(&state, &session, &code, year, StatusCode::OK, notice).await
}

async fn answer(
    state: &AppState,
    session: &Session,
    code: &str,
    year: i32,
    status: StatusCode,
    notice: Option<Notice>,
) -> Result<Response, Failure> {
    let (data, m) = unit::measured(state, code, year).await?;
    let found = state
        .store
        .unit_year_record::<IppEvaluation>(code, year)
        .await?;
    let regulation = data.rules_for(year).ipp_regulation;
    let empty = IppEvaluation::blank(code, year);
    let evaluation = found.as_ref().map_or(&empty, |k| &k.record.value);
    let ipp = ipp_result(evaluation, regulation);
    let ikm = m.ikm.as_ref().and_then(|k| k.unit_value);
    let ikpp = ikpp_result(ikm, &ipp);
    let version = found
        .as_ref()
        .map(|k| k.record.version.to_string())
        .unwrap_or_default();
    let base = format!("/unit/{code}/{year}");
    let body = html! {
        h1 { "Indeks Pelayanan Publik (IPP) " (m.unit.name) " Tahun " (year) }
        p { a href=(base) { "← Kembali ke dasbor" } }
        (Notice::markup(notice.as_ref()))
        p.rules { "Aturan yang berlaku: " (regulation.describe()) "." }
        (aspects(&ipp))
        (summary(evaluation, &ipp))
        (ikpp_section(ikm, m.ikm.as_ref().and_then(|k| k.mutu.as_ref()), ikpp.as_ref()))
        @if may_recommend(&session.user, code) {
            (form(&base, &version, evaluation, session))
        }
    };
    let page = layout::page("Evaluasi IPP", session, body);
    Ok((status, page).into_response())
}

fn number(v: Option<Decimal>) -> String {
    v.map(|v| format_decimal(v, 2))
        .unwrap_or_else(|| DASH.into())
}

fn band(p: Option<&Predicate>) -> Markup {
    html! {
        @match p {
            Some(p) => strong { (p.code) " (" (p.label) ")" },
            None => (DASH),
        }
    }
}

fn aspects(ipp: &IppResult) -> Markup {
    html! {
        table #aspek {
            thead { tr {
                th { "Aspek" } th { "Bobot" } th { "Nilai indikator (0–5)" } th { "Nilai aspek" } th { "Rekomendasi" }
            } }
            tbody {
                @for a in &ipp.aspects {
                    tr {
                        td { (a.label) }
                        td.num { (a.weight_percent) "%" }
                        td.num { (format_decimal(a.value, 2)) }
                        td.num { (format_decimal(a.weighted, 2)) }
                        td { @for r in &a.recommendations { (r) br; } }
                    }
                }
                tr { th { "IPP dihitung" } td {} td {} td.num { (number(ipp.computed)) } td {} }
            }
        }
        @if ipp.aspects.len() < IppAspect::ALL.len() {
            p.hint { "IPP dihitung bila keenam aspek sudah bernilai (" (ipp.aspects.len()) " dari 6)." }
        }
    }
}

fn summary(e: &IppEvaluation, ipp: &IppResult) -> Markup {
    html! {
        dl.figures #ipp {
            dt { "IPP dihitung dari aspek" } dd { (number(ipp.computed)) }
            dt { "IPP resmi (dari evaluator)" } dd { (number(ipp.official)) }
            dt { "Selisih (resmi − dihitung)" } dd { (number(ipp.difference)) }
            dt { "IPP yang berlaku" } dd { (number(ipp.value())) }
            dt { "Kategori" } dd { (band(ipp.band.as_ref())) }
            dt { "Tanggal evaluasi" } dd { (e.date.map(|d| d.indonesian()).unwrap_or_else(|| DASH.into())) }
            dt { "Sumber" } dd { (e.source.as_deref().unwrap_or(DASH)) }
        }
        p.hint {
            "Nilai resmi yang diumumkan evaluator berlaku di atas nilai hitungan (untuk kategori, IKPP dan indikator "
            "IPP); keduanya disimpan dan selisihnya ditunjukkan."
        }
    }
}

fn ikpp_section(
    ikm: Option<Decimal>,
    mutu: Option<&Predicate>,
    ikpp: Option<&IkppResult>,
) -> Markup {
    html! {
        section #ikpp {
            h2 { "Indeks Kualitas Pelayanan Publik (IKPP)" }
            dl.figures {
                dt { "IKM unit (survei)" } dd { (number(ikm)) " " (band(mutu)) }
                @match ikpp {
                    Some(k) => {
                        dt { "Rumus" } dd { (k.formula) }
                        dt { "IKPP" } dd { (format_decimal(k.value, 2)) }
                        dt { "Kategori IKPP" } dd { (band(k.band.as_ref())) }
                    },
                    None => {
                        dt { "IKPP" }
                        dd { (DASH) " — perlu nilai IKM unit dan nilai IPP." }
                    },
                }
            }
        }
    }
}

fn form(base: &str, version: &str, e: &IppEvaluation, session: &Session) -> Markup {
    let typed = |v: Option<Decimal>| v.map(|v| format_natural(v, 4)).unwrap_or_default();
    let value = |a: IppAspect| typed(e.aspects.iter().find(|s| s.aspect == a).map(|s| s.value));
    html! {
        h2 { "Isi nilai evaluasi IPP" }
        form.stacked method="post" action={ (base) "/ipp" } {
            input type="hidden" name="csrf" value=(session.csrf);
            input type="hidden" name="version" value=(version);
            @for a in IppAspect::ALL {
                label for={ "ipp-" (a.code()) } { (a.label()) " (0–5)" }
                input id={ "ipp-" (a.code()) } name=(a.code()) inputmode="decimal" value=(value(a));
            }
            label for="ipp-resmi" { "Nilai IPP resmi (bila diumumkan evaluator, 0–5)" }
            input #ipp-resmi name="resmi" inputmode="decimal" value=(typed(e.official));
            (layout::date_and_source("ipp", "Tanggal evaluasi", e.date, e.source.as_deref()))
            button type="submit" { "Simpan nilai IPP" }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct IppForm {
    /// Empty when the unit-year has no IPP record yet.
    #[serde(default)]
    version: String,
    #[serde(default)]
    kebijakan_pelayanan: String,
    #[serde(default)]
    profesionalisme_sdm: String,
    #[serde(default)]
    sarana_prasarana: String,
    #[serde(default)]
    sistem_informasi: String,
    #[serde(default)]
    konsultasi_pengaduan: String,
    #[serde(default)]
    inovasi: String,
    #[serde(default)]
    resmi: String,
    #[serde(default)]
    tanggal: String,
    #[serde(default)]
    sumber: String,
}

impl IppForm {
    fn aspect(&self, a: IppAspect) -> &str {
        match a {
            IppAspect::KebijakanPelayanan => &self.kebijakan_pelayanan,
            IppAspect::ProfesionalismeSdm => &self.profesionalisme_sdm,
            IppAspect::SaranaPrasarana => &self.sarana_prasarana,
            IppAspect::SistemInformasi => &self.sistem_informasi,
            IppAspect::KonsultasiPengaduan => &self.konsultasi_pengaduan,
            IppAspect::Inovasi => &self.inovasi,
        }
    }
}

/// The aspect values, the official IPP, its date and source: the unit's evaluators and admins.
pub(crate) async fn save(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Recommend>,
    Posted { form, .. }: Posted<IppForm>,
) -> Result<Response, Failure> {
    unit::data(&state, &code).await?;
    let found = state
        .store
        .unit_year_record::<IppEvaluation>(&code, year)
        .await?;
    let five = Decimal::from(5);
    let mut problems = Vec::new();
    let mut keep = |r: Result<Option<Decimal>, String>| {
        r.unwrap_or_else(|why| {
            problems.push(why);
            None
        })
    };
    let values: Vec<(IppAspect, Option<Decimal>)> = IppAspect::ALL
        .into_iter()
        .map(|a| {
            (
                a,
                keep(format::typed_score(a.label(), form.aspect(a), five)),
            )
        })
        .collect();
    let official = keep(format::typed_score("Nilai IPP resmi", &form.resmi, five));
    let date = format::typed_date("Tanggal evaluasi", &form.tanggal).unwrap_or_else(|why| {
        problems.push(why);
        None
    });
    if !problems.is_empty() {
        let notice = Some(Notice::Refused(problems.join(" ")));
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return answer(&state, &session, &code, year, status, notice).await;
    }
    let source = format::optional(&form.sumber);
    let location = format!("/unit/{code}/{year}/ipp?hasil=1");
    let write = UnitYearWrite {
        what: "Evaluasi IPP ini",
        code: &code,
        session: &session,
        found,
        version: &form.version,
        location: &location,
    };
    let change = |e| set_ipp(e, values, official, date, source);
    write
        .run(
            &state,
            IppEvaluation::blank(&code, year),
            change,
            |status, notice| answer(&state, &session, &code, year, status, Some(notice)),
        )
        .await
}
