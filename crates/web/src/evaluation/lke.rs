//! The LKE (Lembar Kerja Evaluasi AKIP) of a unit-year: every criterion of the template in force
//! (`rules::AkipTemplate`, PermenPANRB 88/2021 by default) with the unit's self-assessment and the evaluator's grade
//! side by side, their comments and evidence, per-component totals after the blend with the field score, the total
//! and its predicate — all computed by `calc::lke`. The unit's operators (and admins) grade the self-assessment
//! (`access::may_enter`); the Inspektorat's evaluators of the unit (and admins) grade as evaluator
//! (`access::may_recommend`). Each write is the unit-year's one `akip` record through the store's `Editing`, at the
//! version the page was read at.

use crate::access::{may_enter, may_recommend, Enter, Read, Recommend};
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
use kinerja_domain::calc::lke::{self, LkeResult};
use kinerja_domain::evaluation_entry::grade_criterion;
use kinerja_domain::lke_suggestions::{self, Suggestion};
use kinerja_domain::model::{
    AkipComponent, AkipComponentScore, AkipEvaluation, CriterionGrade, Dataset, Grade,
};
use kinerja_domain::number::{format_decimal, format_natural};
use kinerja_domain::rules::{AkipBlend, LkeCriterion};
use kinerja_domain::Decimal;
use kinerja_storage::{Editing, Keyed, Session};
use maud::{html, Markup};
use serde::Deserialize;

#[derive(Deserialize)]
pub(crate) struct Done {
    hasil: Option<String>,
}

/// The unit-year's AKIP record with its version, if any.
async fn load(
    state: &AppState,
    code: &str,
    year: i32,
) -> Result<(Dataset, Option<Keyed<AkipEvaluation>>), Failure> {
    let data = unit::data(state, code).await?;
    let found = state
        .store
        .unit_year_record::<AkipEvaluation>(code, year)
        .await?;
    Ok((data, found))
}

pub(crate) async fn page(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Read>,
    Query(done): Query<Done>,
) -> Result<Response, Failure> {
    let notice = done.hasil.as_deref().map(|h| {
        Notice::Done(
            if h == "lhe" {
                "Identitas LHE dan nilai evaluasi lapangan disimpan."
            } else {
                "Nilai kriteria disimpan."
            }
            .into(),
        )
    });
    answer(&state, &code, year, &session, StatusCode::OK, notice).await
}

async fn answer(
    state: &AppState,
    code: &str,
    year: i32,
    session: &Session,
    status: StatusCode,
    notice: Option<Notice>,
) -> Result<Response, Failure> {
    let (data, found) = load(state, code, year).await?;
    let page = render(&data, code, year, found.as_ref(), session, notice.as_ref());
    Ok((status, page).into_response())
}

fn number(v: Option<kinerja_domain::Decimal>) -> String {
    v.map(|v| format_decimal(v, 2))
        .unwrap_or_else(|| DASH.into())
}

fn render(
    data: &Dataset,
    code: &str,
    year: i32,
    found: Option<&Keyed<AkipEvaluation>>,
    session: &Session,
    notice: Option<&Notice>,
) -> Markup {
    let unit_name = data.unit(code).map(|u| u.name.as_str()).unwrap_or(code);
    let base = format!("/unit/{code}/{year}");
    let rules = data.rules_for(year);
    let template = &rules.akip_template;
    let evaluation = found.map(|k| &k.record.value);
    let version = found
        .map(|k| k.record.version.to_string())
        .unwrap_or_default();
    let empty = AkipEvaluation::blank(code, year);
    let result: LkeResult = lke::score(evaluation.unwrap_or(&empty), template, rules.akip_blend);
    let criteria = template.lke_criteria();
    let suggestions = lke_suggestions::suggest(data, code, year);
    let suggested =
        |id: &str| -> Option<&Suggestion> { suggestions.iter().find(|s| s.criterion == id) };
    let own = may_enter(&session.user, code);
    let evaluator = may_recommend(&session.user, code);
    let body = html! {
        h1 { "Lembar Kerja Evaluasi AKIP " (unit_name) " Tahun " (year) }
        p { a href=(base) { "← Kembali ke dasbor" } }
        (Notice::markup(notice))
        p.hint {
            "Nilai jawaban: AA 100, A 90, BB 80, B 70, CC 60, C 50, D 30, E 0, Y 100, T 0 (% bobot kriteria). Nilai "
            "LKE komponen dihitung dari jawaban evaluator; bila belum ada jawaban evaluator, dipakai nilai LKE yang "
            "tercatat dari LHE. “Saran sistem” adalah jawaban yang dibaca dari data unit ini (IKU, PK, realisasi, "
            "LKjIP) beserta buktinya; evaluator tetap menentukan nilainya."
        }
        (lhe_section(&base, &version, evaluation.unwrap_or(&empty), &result, rules.akip_blend, evaluator, session))
        h2 { "Rekapitulasi" }
        table {
            thead { tr {
                th { "Komponen" } th { "Bobot" } th { "Penilaian mandiri" } th { "LKE evaluator" }
                th { "Evaluasi lapangan" } th { "Nilai" } th { "% bobot" }
            } }
            tbody {
                @for c in &result.components {
                    tr {
                        td { (c.component.label()) } td.num { (number(Some(c.weight))) }
                        td.num { (number(c.self_lke)) } td.num { (number(c.lke)) } td.num { (number(c.field)) }
                        td.num { (number(c.score)) } td.num { (number(c.percent)) }
                    }
                }
                tr {
                    th { "Jumlah" } td {}
                    td.num { (number(result.self_total)) } td {} td {}
                    td.num { (number(Some(result.total))) } td {}
                }
            }
        }
        p {
            "Predikat: "
            @match &result.predicate {
                Some(p) => strong { (p.code) " (" (p.label) ")" },
                None => (DASH),
            }
            @if let Some(p) = &result.self_predicate {
                "; penilaian mandiri: " (p.code) " (" (p.label) ")"
            }
        }
        @for component in AkipComponent::ALL {
            h2 { (component.label()) }
            table {
                thead { tr {
                    th { "Kriteria" } th { "Uraian" } th { "Mandiri" } th { "Evaluator" } th { "Bukti" } th { "Catatan" }
                } }
                tbody {
                    @for k in criteria.iter().filter(|k| k.component == component) {
                        @let g = evaluation.and_then(|e| lke::graded(e, k));
                        tr id={ "k-" (k.id) } {
                            td { (k.id) " " (k.sub.label()) }
                            td {
                                (k.text)
                                @if let Some(s) = suggested(&k.id) {
                                    p.hint.suggestion { "Saran sistem: " strong { (s.grade.code()) } " — " (s.evidence) }
                                }
                            }
                            td { (g.and_then(|g| g.self_grade).map(Grade::code).unwrap_or(DASH)) }
                            td { (g.and_then(|g| g.grade).map(Grade::code).unwrap_or(DASH)) }
                            td {
                                @for e in g.map(|g| g.evidence.as_slice()).unwrap_or_default() { (e.title) br; }
                            }
                            td {
                                @if let Some(t) = g.and_then(|g| g.self_comment.as_deref()) { "Unit: " (t) br; }
                                @if let Some(t) = g.and_then(|g| g.comment.as_deref()) { "Evaluator: " (t) }
                            }
                        }
                        @if own {
                            tr { td colspan="6" { (grade_form(&base, &version, k, "mandiri", g, session)) } }
                        }
                        @if evaluator {
                            tr { td colspan="6" { (grade_form(&base, &version, k, "evaluator", g, session)) } }
                        }
                    }
                }
            }
        }
    };
    layout::page("Lembar Kerja Evaluasi AKIP", session, body)
}

/// The LHE's identity, the blend in force, and for the evaluator the form of both with the field scores.
fn lhe_section(
    base: &str,
    version: &str,
    e: &AkipEvaluation,
    result: &LkeResult,
    blend: Option<AkipBlend>,
    evaluator: bool,
    session: &Session,
) -> Markup {
    let typed = |v: Option<Decimal>| v.map(|v| format_natural(v, 4)).unwrap_or_default();
    html! {
        section #lhe {
            h2 { "Laporan Hasil Evaluasi" }
            dl.figures {
                dt { "Nomor LHE" } dd { (e.lhe_number.as_deref().unwrap_or(DASH)) }
                dt { "Tanggal" } dd { (e.date.map(|d| d.indonesian()).unwrap_or_else(|| DASH.into())) }
                dt { "Nilai AKIP resmi" } dd { (number(e.official)) }
                dt { "Penggabungan" }
                dd {
                    @match blend {
                        Some(b) => {
                            "Nilai komponen = " (format_natural(b.desk, 4)) " × LKE + " (format_natural(b.field, 4))
                            " × evaluasi lapangan, bila ada nilai evaluasi lapangan; tanpa itu nilai LKE."
                        },
                        None => "Tidak ada: nilai komponen = nilai LKE; nilai evaluasi lapangan hanya dicatat.",
                    }
                }
            }
            @if evaluator {
                form.stacked method="post" action={ (base) "/lke/lhe" } {
                    input type="hidden" name="csrf" value=(session.csrf);
                    input type="hidden" name="version" value=(version);
                    label for="lhe-nomor" { "Nomor LHE" }
                    input #lhe-nomor name="nomor" value=(e.lhe_number.as_deref().unwrap_or_default());
                    label for="lhe-tanggal" { "Tanggal LHE" }
                    input #lhe-tanggal name="tanggal" type="date" value=(e.date.map(|d| d.to_string()).unwrap_or_default());
                    label for="lhe-resmi" { "Nilai AKIP resmi (bila diumumkan)" }
                    input #lhe-resmi name="resmi" inputmode="decimal" value=(typed(e.official));
                    @for c in &result.components {
                        label for={ "lhe-" (c.component.code()) } {
                            "Evaluasi lapangan " (c.component.label()) " (0–" (number(Some(c.weight))) ")"
                        }
                        input id={ "lhe-" (c.component.code()) } name=(c.component.code()) inputmode="decimal" value=(typed(c.field));
                    }
                    button type="submit" { "Simpan identitas LHE dan evaluasi lapangan" }
                }
            }
        }
    }
}

fn grade_form(
    base: &str,
    version: &str,
    k: &LkeCriterion,
    side: &str,
    g: Option<&CriterionGrade>,
    session: &Session,
) -> Markup {
    let current = g.and_then(|g| {
        if side == "mandiri" {
            g.self_grade
        } else {
            g.grade
        }
    });
    let comment = g
        .and_then(|g| {
            if side == "mandiri" {
                g.self_comment.clone()
            } else {
                g.comment.clone()
            }
        })
        .unwrap_or_default();
    let label = if side == "mandiri" {
        "Penilaian mandiri"
    } else {
        "Nilai evaluator"
    };
    let id = |field: &str| format!("{field}-{side}-{}", k.id);
    html! {
        form.inline method="post" action={ (base) "/lke" } {
            input type="hidden" name="csrf" value=(session.csrf);
            input type="hidden" name="version" value=(version);
            input type="hidden" name="pihak" value=(side);
            input type="hidden" name="kriteria" value=(k.id);
            label for=(id("nilai")) { (label) }
            select id=(id("nilai")) name="nilai" {
                option value="" { "—" }
                @for gr in Grade::ALL { option value=(gr.code()) selected[Some(gr) == current] { (gr.code()) } }
            }
            label for=(id("catatan")) { "Catatan" }
            input id=(id("catatan")) name="catatan" value=(comment);
            @if side == "mandiri" {
                label for=(id("bukti")) { "Tambah bukti" }
                input id=(id("bukti")) name="bukti";
            }
            button type="submit" { "Simpan" }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct GradeForm {
    /// Empty when the unit-year has no AKIP record yet.
    #[serde(default)]
    version: String,
    /// "mandiri" (the unit's self-assessment) or "evaluator".
    pihak: String,
    kriteria: String,
    /// A grade code; empty clears the grade.
    #[serde(default)]
    nilai: String,
    #[serde(default)]
    catatan: String,
    /// A piece of evidence to add, by its title (self-assessment only).
    #[serde(default)]
    bukti: String,
}

/// Grades one criterion: the self-assessment by the unit's operators and admins, the evaluator's grade by the
/// unit's evaluators and admins.
pub(crate) async fn save(
    State(state): State<AppState>,
    unit: UnitYear<Read>,
    Posted { form, .. }: Posted<GradeForm>,
) -> Result<Response, Failure> {
    let evaluator = match form.pihak.as_str() {
        "mandiri" => false,
        "evaluator" => true,
        other => {
            return Err(Failure::BadRequest(format!(
                "Pihak '{other}' tidak dikenal."
            )))
        }
    };
    if evaluator {
        unit.also::<Recommend>()?;
    } else {
        unit.also::<Enter>()?;
    }
    let UnitYear(code, year, session, ..) = unit;
    let (data, found) = load(&state, &code, year).await?;
    let criteria = data.rules_for(year).akip_template.lke_criteria();
    let k = criteria
        .iter()
        .find(|k| k.id == form.kriteria)
        .ok_or_else(|| Failure::BadRequest(format!("Kriteria '{}' tidak ada.", form.kriteria)))?;
    let grade = match form.nilai.trim() {
        "" => None,
        typed => Some(
            Grade::parse(typed)
                .ok_or_else(|| Failure::BadRequest(format!("Nilai '{typed}' tidak dikenal.")))?,
        ),
    };
    let comment = format::optional(&form.catatan);
    let evidence = if evaluator {
        None
    } else {
        format::optional(&form.bukti)
    };
    let location = format!("/unit/{code}/{year}/lke?hasil=1#k-{}", k.id);
    let change = |current| grade_criterion(current, k, evaluator, grade, comment, evidence);
    write(
        &state,
        (&code, year),
        &session,
        found,
        &form.version,
        change,
        &location,
    )
    .await
}

/// Writes the unit-year's AKIP record changed by `change`, at the version the page was read at (empty: there was
/// none); back to `location`, or the page again with why not.
async fn write(
    state: &AppState,
    (code, year): (&str, i32),
    session: &Session,
    found: Option<Keyed<AkipEvaluation>>,
    version: &str,
    change: impl FnOnce(AkipEvaluation) -> AkipEvaluation,
    location: &str,
) -> Result<Response, Failure> {
    let write = UnitYearWrite {
        what: "LKE ini",
        code,
        session,
        found,
        version,
        location,
    };
    write
        .run(
            state,
            AkipEvaluation::blank(code, year),
            change,
            |status, notice| answer(state, code, year, session, status, Some(notice)),
        )
        .await
}

#[derive(Deserialize)]
pub(crate) struct LheForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    nomor: String,
    #[serde(default)]
    tanggal: String,
    /// The total the LHE announces, when it differs from what the worksheet sums to.
    #[serde(default)]
    resmi: String,
    /// Field-evaluation scores by component code, in points of the component's weight; empty: none.
    #[serde(default)]
    perencanaan: String,
    #[serde(default)]
    pengukuran: String,
    #[serde(default)]
    pelaporan: String,
    #[serde(default)]
    evaluasi: String,
}

impl LheForm {
    fn field(&self, c: AkipComponent) -> &str {
        match c {
            AkipComponent::Perencanaan => &self.perencanaan,
            AkipComponent::Pengukuran => &self.pengukuran,
            AkipComponent::Pelaporan => &self.pelaporan,
            AkipComponent::Evaluasi => &self.evaluasi,
        }
    }
}

/// The LHE's number, date and announced total, and the field-evaluation scores: the unit's evaluators and admins.
pub(crate) async fn save_lhe(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Recommend>,
    Posted { form, .. }: Posted<LheForm>,
) -> Result<Response, Failure> {
    let (data, found) = load(&state, &code, year).await?;
    let template = data.rules_for(year).akip_template;
    let mut problems = Vec::new();
    let mut keep = |r: Result<Option<Decimal>, String>| {
        r.unwrap_or_else(|why| {
            problems.push(why);
            None
        })
    };
    let official = keep(format::typed_score(
        "Nilai AKIP resmi",
        &form.resmi,
        Decimal::ONE_HUNDRED,
    ));
    let fields: Vec<(AkipComponent, Option<Decimal>)> = AkipComponent::ALL
        .into_iter()
        .map(|c| {
            let what = format!("Evaluasi lapangan {}", c.label());
            (
                c,
                keep(format::typed_score(
                    &what,
                    form.field(c),
                    template.weight(c),
                )),
            )
        })
        .collect();
    let date = format::typed_date("Tanggal LHE", &form.tanggal).unwrap_or_else(|why| {
        problems.push(why);
        None
    });
    if !problems.is_empty() {
        let notice = Some(Notice::Refused(problems.join(" ")));
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return answer(&state, &code, year, &session, status, notice).await;
    }
    let lhe_number = format::optional(&form.nomor);
    let change = move |mut e: AkipEvaluation| {
        e.lhe_number = lhe_number;
        e.date = date;
        e.official = official;
        for (component, field) in fields {
            match e.components.iter_mut().find(|s| s.component == component) {
                Some(s) => s.field = field,
                None if field.is_some() => e.components.push(AkipComponentScore {
                    component,
                    lke: None,
                    field,
                    criteria: Vec::new(),
                }),
                None => {}
            }
        }
        e
    };
    let location = format!("/unit/{code}/{year}/lke?hasil=lhe#lhe");
    write(
        &state,
        (&code, year),
        &session,
        found,
        &form.version,
        change,
        &location,
    )
    .await
}
