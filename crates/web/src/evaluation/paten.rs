//! PATEN (Pelayanan Administrasi Terpadu Kecamatan, Permendagri 4/2010) of a unit-year: the requirement checklist
//! with its evidence and notes, the score the evaluator gave (entered as given: there is no public rubric), and the
//! unit's IKM beside it. The unit's operators and admins keep the checklist and upload its evidence
//! (`access::may_enter`, files checked and stored by `evidence::store`); the Inspektorat's evaluators of the
//! unit and admins enter the score (`access::may_recommend`). Each write is the unit-year's one `paten` record
//! through the store's `Editing`, at the version the page was read at.

use crate::access::{may_enter, may_recommend, Enter, Read, Recommend};
use crate::evidence;
use crate::http::failure::Failure;
use crate::http::format::{self, DASH};
use crate::http::guard::UnitYear;
use crate::http::layout;
use crate::http::session::{Posted, PostedFile};
use crate::http::writes::{Notice, UnitYearWrite};
use crate::unit;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_domain::calc::indices::paten_checklist;
use kinerja_domain::evaluation_entry::{attach_once, paten_step, PatenStep};
use kinerja_domain::model::{Evidence, PatenEvaluation, PatenRequirement};
use kinerja_domain::number::{format_decimal, format_natural};
use kinerja_domain::Decimal;
use kinerja_storage::{Editing, Files, Keyed, Session, MAX_TITLE_CHARS};
use maud::{html, Markup};
use serde::Deserialize;

const WHAT: &str = "Data PATEN ini";

#[derive(Deserialize)]
pub(crate) struct Done {
    hasil: Option<String>,
}

fn done_message(code: &str) -> Option<Notice> {
    Some(Notice::Done(
        match code {
            "nilai" => "Nilai PATEN disimpan.",
            "persyaratan" => "Persyaratan disimpan.",
            "hapus" => "Persyaratan dihapus.",
            "bukti" => "Bukti diunggah.",
            _ => return None,
        }
        .into(),
    ))
}

pub(crate) async fn page(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Read>,
    Query(done): Query<Done>,
) -> Result<Response, Failure> {
    let notice = done.hasil.as_deref().and_then(done_message);
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
    let (_, m) = unit::measured(state, code, year).await?;
    let found = state
        .store
        .unit_year_record::<PatenEvaluation>(code, year)
        .await?;
    let empty = PatenEvaluation::blank(code, year);
    let e = found.as_ref().map_or(&empty, |k| &k.record.value);
    let named: Vec<Evidence> = e
        .requirements
        .iter()
        .flat_map(|r| r.evidence.iter().cloned())
        .collect();
    let files = state.store.named_files(code, &named).await?;
    let version = found
        .as_ref()
        .map(|k| k.record.version.to_string())
        .unwrap_or_default();
    let own = may_enter(&session.user, code);
    let base = format!("/unit/{code}/{year}");
    let forms = Forms {
        base: &base,
        version: &version,
        max_upload: state.settings.max_evidence_bytes,
        session,
    };
    let checklist = paten_checklist(&e.requirements);
    let ikm = m.ikm.as_ref();
    let body = html! {
        h1 { "PATEN " (m.unit.name) " Tahun " (year) }
        p { a href=(base) { "← Kembali ke dasbor" } }
        (Notice::markup(notice.as_ref()))
        p.hint {
            "Pelayanan Administrasi Terpadu Kecamatan (Permendagri 4/2010). Nilai PATEN adalah nilai yang diberikan "
            "evaluator, dicatat apa adanya; daftar persyaratan dan buktinya disusun unit sebagai dasar penilaian."
        }
        dl.figures #nilai {
            dt { "Nilai PATEN (dari evaluator)" }
            dd { (e.score.map(|v| format_decimal(v, 2)).unwrap_or_else(|| DASH.into())) }
            dt { "Tanggal penilaian" } dd { (e.date.map(|d| d.indonesian()).unwrap_or_else(|| DASH.into())) }
            dt { "Sumber" } dd { (e.source.as_deref().unwrap_or(DASH)) }
            dt { "Persyaratan terpenuhi" }
            dd { (checklist.fulfilled) " dari " (checklist.requirements) }
            @if checklist.fulfilled_without_evidence > 0 {
                dt { "Terpenuhi tanpa bukti" } dd.alert { (checklist.fulfilled_without_evidence) }
            }
            dt { "IKM unit (survei)" }
            dd {
                (ikm.and_then(|k| k.unit_value).map(|v| format_decimal(v, 2)).unwrap_or_else(|| DASH.into()))
                @if let Some(p) = ikm.and_then(|k| k.mutu.as_ref()) { " " (p.code) " (" (p.label) ")" }
            }
        }
        h2 { "Daftar periksa persyaratan" }
        table #persyaratan {
            thead { tr { th { "No" } th { "Persyaratan" } th { "Terpenuhi" } th { "Bukti" } th { "Catatan" } } }
            tbody {
                @for (i, r) in e.requirements.iter().enumerate() {
                    tr id={ "p-" (i + 1) } {
                        td.num { (i + 1) }
                        td { (r.text) }
                        td { @if r.fulfilled { "Ya" } @else { strong { "Belum" } } }
                        td { @for ev in &r.evidence { (evidence::item(ev, &files)) br; } }
                        td { (r.note.as_deref().unwrap_or_default()) }
                    }
                    @if own {
                        tr { td colspan="5" { (forms.requirement(Some((i, r)))) (forms.upload(i)) } }
                    }
                }
                @if e.requirements.is_empty() {
                    tr { td colspan="5" { "Belum ada persyaratan." } }
                }
            }
        }
        @if own {
            h2 { "Tambah persyaratan" }
            (forms.requirement(None))
        }
        @if may_recommend(&session.user, code) {
            (forms.score(e))
        }
    };
    let page = layout::page("PATEN", session, body);
    Ok((status, page).into_response())
}

/// What every form of the page carries.
struct Forms<'a> {
    base: &'a str,
    version: &'a str,
    max_upload: usize,
    session: &'a Session,
}

impl Forms<'_> {
    /// A requirement's form (a new one without `current`).
    fn requirement(&self, current: Option<(usize, &PatenRequirement)>) -> Markup {
        let nomor = current.map(|(i, _)| i.to_string()).unwrap_or_default();
        let id = |field: &str| {
            format!(
                "{field}-{}",
                current.map_or("baru".into(), |(i, _)| (i + 1).to_string())
            )
        };
        let r = current.map(|(_, r)| r);
        html! {
            form.stacked method="post" action={ (self.base) "/paten/persyaratan" } {
                input type="hidden" name="csrf" value=(self.session.csrf);
                input type="hidden" name="version" value=(self.version);
                input type="hidden" name="nomor" value=(nomor);
                label for=(id("uraian")) { "Persyaratan" }
                input id=(id("uraian")) name="uraian" required value=(r.map_or("", |r| r.text.as_str()));
                label for=(id("terpenuhi")) {
                    input id=(id("terpenuhi")) type="checkbox" name="terpenuhi" value="ya" checked[r.is_some_and(|r| r.fulfilled)];
                    " Terpenuhi"
                }
                label for=(id("catatan")) { "Catatan" }
                input id=(id("catatan")) name="catatan" value=(r.and_then(|r| r.note.as_deref()).unwrap_or_default());
                label for=(id("bukti")) { "Tambah bukti (judul dokumen atau tautan)" }
                input id=(id("bukti")) name="bukti";
                button type="submit" { "Simpan persyaratan" }
                @if current.is_some() {
                    button type="submit" name="hapus" value="ya" { "Hapus persyaratan" }
                }
            }
        }
    }

    fn upload(&self, i: usize) -> Markup {
        let nomor = i.to_string();
        let hidden = [("version", self.version), ("nomor", nomor.as_str())];
        let action = format!("{}/paten/bukti", self.base);
        let id = format!("paten-{}", i + 1);
        evidence::upload_form(&action, &hidden, &id, self.max_upload, self.session)
    }

    fn score(&self, e: &PatenEvaluation) -> Markup {
        html! {
            h2 { "Nilai dari evaluator" }
            form.stacked method="post" action={ (self.base) "/paten" } {
                input type="hidden" name="csrf" value=(self.session.csrf);
                input type="hidden" name="version" value=(self.version);
                label for="paten-nilai" { "Nilai PATEN (0–100)" }
                input #paten-nilai name="nilai" inputmode="decimal" value=(e.score.map(|v| format_natural(v, 4)).unwrap_or_default());
                (layout::date_and_source("paten", "Tanggal penilaian", e.date, e.source.as_deref()))
                button type="submit" { "Simpan nilai PATEN" }
            }
        }
    }
}

/// The write of the unit-year's record, back to the page at `hasil` (and `anchor`), or the page again with why not.
async fn write(
    state: &AppState,
    (session, code, year): (&Session, &str, i32),
    found: Option<Keyed<PatenEvaluation>>,
    version: &str,
    (hasil, anchor): (&str, &str),
    change: impl FnOnce(PatenEvaluation) -> PatenEvaluation,
) -> Result<Response, Failure> {
    let location = format!("/unit/{code}/{year}/paten?hasil={hasil}#{anchor}");
    let write = UnitYearWrite {
        what: WHAT,
        code,
        session,
        found,
        version,
        location: &location,
    };
    write
        .run(
            state,
            PatenEvaluation::blank(code, year),
            change,
            |status, notice| answer(state, session, code, year, status, Some(notice)),
        )
        .await
}

#[derive(Deserialize)]
pub(crate) struct ScoreForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    nilai: String,
    #[serde(default)]
    tanggal: String,
    #[serde(default)]
    sumber: String,
}

/// The score the evaluator gave, its date and source: the unit's evaluators and admins.
pub(crate) async fn save_score(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Recommend>,
    Posted { form, .. }: Posted<ScoreForm>,
) -> Result<Response, Failure> {
    unit::data(&state, &code).await?;
    let mut problems = Vec::new();
    let score = format::typed_score("Nilai PATEN", &form.nilai, Decimal::ONE_HUNDRED)
        .unwrap_or_else(|why| {
            problems.push(why);
            None
        });
    let date = format::typed_date("Tanggal penilaian", &form.tanggal).unwrap_or_else(|why| {
        problems.push(why);
        None
    });
    if !problems.is_empty() {
        let notice = Some(Notice::Refused(problems.join(" ")));
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return answer(&state, &session, &code, year, status, notice).await;
    }
    let source = format::optional(&form.sumber);
    let found = state
        .store
        .unit_year_record::<PatenEvaluation>(&code, year)
        .await?;
    let change = move |mut e: PatenEvaluation| {
        e.score = score;
        e.date = date;
        e.source = source;
        e
    };
    let at = (&session, code.as_str(), year);
    write(&state, at, found, &form.version, ("nilai", "nilai"), change).await
}

#[derive(Deserialize)]
pub(crate) struct RequirementForm {
    #[serde(default)]
    version: String,
    /// The requirement's position; empty adds one.
    #[serde(default)]
    nomor: String,
    #[serde(default)]
    uraian: String,
    /// "ya" when ticked; absent otherwise.
    #[serde(default)]
    terpenuhi: String,
    #[serde(default)]
    catatan: String,
    /// Evidence to add, by its title or link.
    #[serde(default)]
    bukti: String,
    /// "ya" removes the requirement.
    #[serde(default)]
    hapus: String,
}

/// A requirement's position as the form names it, among `count`.
fn position(typed: &str, count: usize) -> Result<usize, Failure> {
    typed
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|&i| i < count)
        .ok_or_else(|| Failure::BadRequest(format!("Persyaratan '{typed}' tidak ada.")))
}

/// Adds, changes or removes one requirement of the checklist: the unit's operators and admins.
pub(crate) async fn save_requirement(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Posted { form, .. }: Posted<RequirementForm>,
) -> Result<Response, Failure> {
    unit::data(&state, &code).await?;
    let found = state
        .store
        .unit_year_record::<PatenEvaluation>(&code, year)
        .await?;
    let count = found
        .as_ref()
        .map_or(0, |k| k.record.value.requirements.len());
    let position = match form.nomor.trim() {
        "" => None,
        typed => Some(position(typed, count)?),
    };
    let refuse = |message: String| {
        let notice = Some(Notice::Refused(message));
        answer(
            &state,
            &session,
            &code,
            year,
            StatusCode::UNPROCESSABLE_ENTITY,
            notice,
        )
    };
    let step = match (position, form.hapus.trim() == "ya") {
        (Some(i), true) => PatenStep::Remove(i),
        (None, true) => {
            return Err(Failure::BadRequest(
                "Tidak ada persyaratan untuk dihapus.".into(),
            ))
        }
        (position, false) => {
            let Some(text) = format::optional(&form.uraian) else {
                return refuse("Persyaratan: uraiannya wajib diisi.".into()).await;
            };
            if form.bukti.trim().chars().count() > MAX_TITLE_CHARS {
                let message =
                    format!("Bukti: judul atau tautan paling panjang {MAX_TITLE_CHARS} karakter.");
                return refuse(message).await;
            }
            let r = PatenRequirement {
                text,
                fulfilled: form.terpenuhi.trim() == "ya",
                evidence: format::optional(&form.bukti)
                    .map(|title| Evidence { title, file: None })
                    .into_iter()
                    .collect(),
                note: format::optional(&form.catatan),
            };
            match position {
                Some(i) => PatenStep::Change(i, r),
                None => PatenStep::Add(r),
            }
        }
    };
    let (hasil, anchor) = match &step {
        PatenStep::Remove(_) => ("hapus", "persyaratan".to_string()),
        PatenStep::Change(i, _) => ("persyaratan", format!("p-{}", i + 1)),
        PatenStep::Add(_) => ("persyaratan", format!("p-{}", count + 1)),
    };
    // Applied to the checklist as read: the write is refused if it changed since.
    let current = found.as_ref().map_or_else(
        || PatenEvaluation::blank(&code, year),
        |k| k.record.value.clone(),
    );
    let next = match paten_step(current, step) {
        Ok(next) => next,
        Err(why) => return refuse(why).await,
    };
    let at = (&session, code.as_str(), year);
    write(
        &state,
        at,
        found,
        &form.version,
        (hasil, &anchor),
        move |_| next,
    )
    .await
}

#[derive(Deserialize)]
pub(crate) struct RequirementUpload {
    #[serde(default)]
    version: String,
    /// The requirement's position.
    nomor: String,
    #[serde(default)]
    title: String,
}

/// Stores an uploaded file of the unit and adds it, under its title, to the evidence of one requirement: the unit's
/// operators and admins, at the version the page was read at.
pub(crate) async fn upload(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    PostedFile { form, file }: PostedFile<RequirementUpload>,
) -> Result<Response, Failure> {
    unit::data(&state, &code).await?;
    let found = state
        .store
        .unit_year_record::<PatenEvaluation>(&code, year)
        .await?;
    let count = found
        .as_ref()
        .map_or(0, |k| k.record.value.requirements.len());
    let i = position(&form.nomor, count)?;
    let again = |status, notice| answer(&state, &session, &code, year, status, Some(notice));
    let location = format!("/unit/{code}/{year}/paten?hasil=bukti#p-{}", i + 1);
    let write = UnitYearWrite {
        what: WHAT,
        code: &code,
        session: &session,
        found,
        version: &form.version,
        location: &location,
    };
    // Nothing is stored for a page read before the checklist changed.
    if let Some(notice) = write.stale()? {
        return again(StatusCode::CONFLICT, notice).await;
    }
    let user = &session.user.username;
    let stored = match evidence::store(&state, &code, &form.title, file.as_ref(), user).await? {
        Ok(stored) => stored,
        Err((status, message)) => return again(status, Notice::Refused(message)).await,
    };
    let change = move |mut e: PatenEvaluation| {
        attach_once(&mut e.requirements[i].evidence, stored);
        e
    };
    write
        .run(&state, PatenEvaluation::blank(&code, year), change, again)
        .await
}
