//! Evaluation recommendations of a unit and their rencana aksi tindak lanjut, for the LKjIP of a year: the
//! recommendations that year's report carries (`follow_up::reported_in`: that year's, and earlier ones whose
//! follow-up was not finished before it), with every action, overdue ones flagged against today by the store's clock.
//! The Inspektorat's evaluators and admins write recommendations (`access::may_recommend`); the unit's operators
//! plan actions, update them and mark them done with a completion date and evidence (`may_enter`): a document's
//! title, or an uploaded file checked and stored like a realisation's (`evidence::store`).
//! Each write is one recommendation record through the store's `Editing`, at the version the page was read at;
//! the rules of an action are the domain's (`follow_up::problems`).

use crate::access::{may_enter, may_recommend, Enter, Read, Recommend};
use crate::evidence;
use crate::http::failure::Failure;
use crate::http::format::{self, DASH};
use crate::http::guard::UnitYear;
use crate::http::layout;
use crate::http::session::{Posted, PostedFile};
use crate::http::writes::{after_write, Notice};
use crate::unit;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_domain::date::Date;
use kinerja_domain::evaluation_entry::attach_once;
use kinerja_domain::follow_up::{self, FollowUpState};
use kinerja_domain::model::{
    ActionStatus, AkipComponent, Dataset, EvaluationKind, Evidence, FollowUpAction, Recommendation,
};
use kinerja_storage::{Edit, Editing, Files, Keyed, Session, StoredFile};
use maud::{html, Markup};
use serde::Deserialize;

#[derive(Deserialize)]
pub(crate) struct Done {
    hasil: Option<String>,
}

fn done_message(code: &str) -> Option<Notice> {
    Some(Notice::Done(
        match code {
            "rekomendasi" => "Rekomendasi disimpan.",
            "aksi" => "Rencana aksi tindak lanjut disimpan.",
            "bukti" => "Bukti diunggah.",
            _ => return None,
        }
        .into(),
    ))
}

/// Every recommendation of the unit, with its version, and the unit's data.
async fn load(
    state: &AppState,
    code: &str,
) -> Result<(Dataset, Vec<Keyed<Recommendation>>), Failure> {
    let data = unit::data(state, code).await?;
    let all = state.store.records::<Recommendation>(code, None).await?;
    Ok((data, all))
}

pub(crate) async fn page(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Read>,
    Query(done): Query<Done>,
) -> Result<Response, Failure> {
    let notice = done.hasil.as_deref().and_then(done_message);
    answer(&state, &code, year, &session, StatusCode::OK, notice).await
}

/// The page with a status and what the last step came to.
async fn answer(
    state: &AppState,
    code: &str,
    year: i32,
    session: &Session,
    status: StatusCode,
    notice: Option<Notice>,
) -> Result<Response, Failure> {
    let (data, all) = load(state, code).await?;
    let today = state.store.today();
    let named: Vec<Evidence> = all
        .iter()
        .flat_map(|k| &k.record.value.actions)
        .flat_map(|a| a.evidence.iter().cloned())
        .collect();
    let files = state.store.named_files(code, &named).await?;
    let max_upload = state.settings.max_evidence_bytes;
    let page = render(
        &data,
        code,
        year,
        &all,
        (today, &files, max_upload),
        session,
        notice.as_ref(),
    );
    Ok((status, page).into_response())
}

fn render(
    data: &Dataset,
    code: &str,
    year: i32,
    all: &[Keyed<Recommendation>],
    (today, files, max_upload): (Date, &[StoredFile], usize),
    session: &Session,
    notice: Option<&Notice>,
) -> Markup {
    let unit_name = data.unit(code).map(|u| u.name.as_str()).unwrap_or(code);
    let base = format!("/unit/{code}/{year}");
    let shown: Vec<&Keyed<Recommendation>> = all
        .iter()
        .filter(|k| follow_up::reported_in(&k.record.value, year))
        .collect();
    let c = follow_up::counts(shown.iter().map(|k| &k.record.value), today);
    let body = html! {
        h1 { "Rekomendasi dan Tindak Lanjut " (unit_name) " Tahun " (year) }
        p { a href=(base) { "← Kembali ke dasbor" } }
        (Notice::markup(notice))
        p.hint {
            "Rekomendasi hasil evaluasi tahun " (year) " dan rekomendasi tahun sebelumnya yang tindak lanjutnya belum "
            "selesai sebelum tahun " (year) "; semuanya dimuat dalam Matriks Tindak Lanjut LKjIP " (year) ". "
            "Rencana aksi terlambat bila belum dilaksanakan setelah batas waktunya lewat; hari ini "
            (today.indonesian()) "."
        }
        @if shown.is_empty() {
            p { "Belum ada rekomendasi untuk LKjIP tahun " (year) "." }
        } @else {
            p {
                (c.recommendations) " rekomendasi: " (c.done) " selesai, " (c.in_progress) " dalam proses, "
                (c.overdue) " terlambat, " (c.unplanned) " belum ada rencana aksi. "
                (c.overdue_actions) " rencana aksi melewati batas waktu."
            }
        }
        @for (n, k) in shown.iter().enumerate() {
            (recommendation(k, n + 1, &base, (today, files, max_upload), session))
        }
        @if may_recommend(&session.user, code) {
            (new_recommendation_form(&base, session))
        }
    };
    layout::page("Rekomendasi dan Tindak Lanjut", session, body)
}

/// "LHE AKIP — LHE SAKIP No. X.700/564/415.15/2024": the kind of evaluation and the document cited.
fn source_text(r: &Recommendation) -> String {
    let parts: Vec<&str> = r
        .evaluation
        .map(EvaluationKind::label)
        .into_iter()
        .chain(r.source.as_deref())
        .collect();
    if parts.is_empty() {
        DASH.into()
    } else {
        parts.join(" — ")
    }
}

/// The due date, or the time allowed as the matrix words it ("3 jam").
fn when(a: &FollowUpAction) -> String {
    a.due
        .map(|d| d.indonesian())
        .or_else(|| a.duration.clone())
        .unwrap_or_else(|| DASH.into())
}

fn recommendation(
    k: &Keyed<Recommendation>,
    number: usize,
    base: &str,
    (today, files, max_upload): (Date, &[StoredFile], usize),
    session: &Session,
) -> Markup {
    let r = &k.record.value;
    let standing = follow_up::state(r, today);
    let writer = may_enter(&session.user, &r.unit);
    html! {
        section.recommendation id=(r.id) {
            h2 {
                "Rekomendasi " (number) " — "
                @if standing == FollowUpState::Overdue { strong.flag { (standing.label()) } } @else { (standing.label()) }
            }
            dl.figures {
                dt { "Sumber" } dd { (source_text(r)) }
                dt { "Tahun evaluasi" } dd { (r.year) }
                dt { "Komponen AKIP" } dd { (r.component.map_or(DASH, AkipComponent::label)) }
                dt { "Rekomendasi" } dd.prose { (r.text) }
            }
            @if r.actions.is_empty() {
                p { "Belum ada rencana aksi tindak lanjut." }
            } @else {
                table {
                    thead { tr {
                        th { "No" } th { "Rencana Aksi Tindak Lanjut" } th { "Target" } th { "Batas waktu" }
                        th { "Penanggung jawab" } th { "Status" } th { "Bukti" }
                    } }
                    tbody {
                        @for (i, a) in r.actions.iter().enumerate() {
                            @let late = follow_up::overdue(a, today);
                            tr.overdue[late] {
                                td { (i + 1) }
                                td { (a.action) }
                                td { (a.target.as_deref().unwrap_or(DASH)) }
                                td { (when(a)) }
                                td { (a.responsible.as_deref().unwrap_or(DASH)) }
                                td {
                                    (follow_up::status_text(a))
                                    @if late { " — " strong.flag { "Terlambat" } }
                                }
                                td {
                                    @if a.evidence.is_empty() { (DASH) } @else {
                                        ul.evidence { @for e in &a.evidence { li { (evidence::item(e, files)) } } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if writer {
                @for (i, a) in r.actions.iter().enumerate() {
                    details.add {
                        summary { "Perbarui rencana aksi " (i + 1) }
                        (action_form(k, Some((i, a)), base, session))
                        (upload_form(k, i, base, max_upload, session))
                    }
                }
                details.add {
                    summary { "Tambah rencana aksi tindak lanjut" }
                    (action_form(k, None, base, session))
                }
            }
        }
    }
}

/// The form of a new action (`None`) or of action `i`: planning fields, and for an existing one its status,
/// completion date and evidence.
fn action_form(
    k: &Keyed<Recommendation>,
    current: Option<(usize, &FollowUpAction)>,
    base: &str,
    session: &Session,
) -> Markup {
    let r = &k.record.value;
    // Field ids unique on the page: the recommendation and the action's number ("baru" for a new one).
    let slot = current.map_or_else(|| "baru".to_string(), |(i, _)| i.to_string());
    let id = |field: &str| format!("{field}-{}-{slot}", r.id);
    let a = current.map(|(_, a)| a);
    html! {
        form.stacked method="post" action={ (base) "/rekomendasi/aksi" } {
            input type="hidden" name="csrf" value=(session.csrf);
            input type="hidden" name="id" value=(r.id);
            input type="hidden" name="version" value=(k.record.version);
            input type="hidden" name="nomor" value=(current.map(|(i, _)| i.to_string()).unwrap_or_default());
            label for=(id("action")) { "Rencana aksi tindak lanjut" }
            textarea id=(id("action")) name="action" required rows="2" { (a.map(|a| a.action.as_str()).unwrap_or_default()) }
            label for=(id("target")) { "Target (misalnya 1 dokumen)" }
            input id=(id("target")) name="target" value=(a.and_then(|a| a.target.as_deref()).unwrap_or_default());
            label for=(id("due")) { "Batas waktu" }
            input id=(id("due")) name="due" type="date" value=(a.and_then(|a| a.due).map(|d| d.to_string()).unwrap_or_default());
            label for=(id("responsible")) { "Penanggung jawab" }
            input id=(id("responsible")) name="responsible" value=(a.and_then(|a| a.responsible.as_deref()).unwrap_or_default());
            @if let Some(a) = a {
                label for=(id("status")) { "Status" }
                select id=(id("status")) name="status" {
                    @for s in ActionStatus::ALL { option value=(s.code()) selected[s == a.status] { (s.label()) } }
                }
                label for=(id("completed")) { "Tanggal selesai (bila sudah dilaksanakan)" }
                input id=(id("completed")) name="completed" type="date" value=(a.completed.map(|d| d.to_string()).unwrap_or_default());
                label for=(id("evidence")) { "Tambah bukti (judul atau nomor dokumen)" }
                input id=(id("evidence")) name="evidence";
            }
            button type="submit" { @if a.is_some() { "Simpan rencana aksi" } @else { "Tambah rencana aksi" } }
        }
    }
}

/// The upload of a file as evidence of action `i`.
fn upload_form(
    k: &Keyed<Recommendation>,
    i: usize,
    base: &str,
    max_upload: usize,
    session: &Session,
) -> Markup {
    let (version, nomor) = (k.record.version.to_string(), i.to_string());
    let hidden = [
        ("id", k.record.value.id.as_str()),
        ("version", version.as_str()),
        ("nomor", nomor.as_str()),
    ];
    let action = format!("{base}/rekomendasi/bukti");
    let id = format!("{}-{i}", k.record.value.id);
    evidence::upload_form(&action, &hidden, &id, max_upload, session)
}

fn new_recommendation_form(base: &str, session: &Session) -> Markup {
    html! {
        h2 { "Tambah rekomendasi" }
        form.stacked method="post" action={ (base) "/rekomendasi" } {
            input type="hidden" name="csrf" value=(session.csrf);
            label for="evaluation" { "Sumber" }
            select #evaluation name="evaluation" required {
                @for k in EvaluationKind::ALL { option value=(k.code()) { (k.label()) } }
            }
            label for="source" { "Dokumen sumber (misalnya nomor LHE)" }
            input #source name="source";
            label for="component" { "Komponen AKIP" }
            select #component name="component" {
                option value="" { "Tidak ada" }
                @for c in AkipComponent::ALL { option value=(c.code()) { (c.label()) } }
            }
            label for="text" { "Rekomendasi" }
            textarea #text name="text" required rows="4" {}
            button type="submit" { "Simpan rekomendasi" }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct NewRecommendation {
    evaluation: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    component: String,
    text: String,
}

/// The next free id of the unit-year's recommendations, `rek-UNIT-YEAR-N`: ids are shared by every unit, so the
/// unit is part of it.
fn next_id(all: &[Keyed<Recommendation>], code: &str, year: i32) -> String {
    let prefix = format!("rek-{code}-{year}-");
    let last = all
        .iter()
        .filter_map(|k| k.record.value.id.strip_prefix(&prefix)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", last + 1)
}

/// A recommendation of the year's evaluation, written by the evaluator or an admin.
pub(crate) async fn create(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Recommend>,
    Posted { form, .. }: Posted<NewRecommendation>,
) -> Result<Response, Failure> {
    let (_, all) = load(&state, &code).await?;
    let mut problems = Vec::new();
    let evaluation = EvaluationKind::ALL
        .into_iter()
        .find(|k| k.code() == form.evaluation);
    if evaluation.is_none() {
        problems.push(format!("Sumber '{}' tidak dikenal.", form.evaluation));
    }
    let component = match form.component.as_str() {
        "" => None,
        typed => {
            let found = AkipComponent::ALL.into_iter().find(|c| c.code() == typed);
            if found.is_none() {
                problems.push(format!("Komponen AKIP '{typed}' tidak dikenal."));
            }
            found
        }
    };
    let text = form.text.trim();
    if text.is_empty() {
        problems.push("Teks rekomendasi wajib diisi.".to_string());
    }
    if !problems.is_empty() {
        let notice = Notice::Refused(problems.join(" "));
        return answer(
            &state,
            &code,
            year,
            &session,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(notice),
        )
        .await;
    }
    let r = Recommendation {
        id: next_id(&all, &code, year),
        unit: code.clone(),
        year,
        evaluation,
        source: format::optional(&form.source),
        component,
        text: text.to_string(),
        actions: Vec::new(),
    };
    let edit = Edit {
        writer: session.user.writer(),
        unit: &code,
        key: None,
        expected_version: None,
    };
    let result = state
        .store
        .save_record(edit, &r, &session.user.username)
        .await;
    let location = format!("/unit/{code}/{year}/rekomendasi?hasil=rekomendasi#{}", r.id);
    finish(&state, &code, year, &session, result, &location).await
}

#[derive(Deserialize)]
pub(crate) struct ActionForm {
    id: String,
    version: i64,
    /// The action's position in the recommendation; empty for a new action.
    #[serde(default)]
    nomor: String,
    action: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    responsible: String,
    /// Empty on the form of a new action: planned.
    #[serde(default)]
    status: String,
    #[serde(default)]
    completed: String,
    /// A piece of evidence to add, by its title.
    #[serde(default)]
    evidence: String,
}

/// Plans a new action of a recommendation of the unit, or updates one (marking it done included).
pub(crate) async fn save_action(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Posted { form, .. }: Posted<ActionForm>,
) -> Result<Response, Failure> {
    let (_, all) = load(&state, &code).await?;
    // Only this unit's recommendations are read: another unit's id is not found here.
    let current = all
        .iter()
        .find(|k| k.record.value.id == form.id)
        .ok_or_else(|| {
            Failure::NotFound(format!("Rekomendasi '{}' tidak ada di unit ini.", form.id))
        })?;
    let refuse = |status, message: String| {
        answer(
            &state,
            &code,
            year,
            &session,
            status,
            Some(Notice::Refused(message)),
        )
    };
    if current.record.version != form.version {
        let message = format!(
            "Rekomendasi ini sudah diubah oleh {} sejak halaman dibuka; isian Anda belum disimpan. Periksa keadaannya \
             sekarang, lalu ulangi.",
            current.record.updated_by
        );
        return refuse(StatusCode::CONFLICT, message).await;
    }
    let mut next = current.record.value.clone();
    let position = match form.nomor.trim() {
        "" => None,
        typed => Some(
            typed
                .parse::<usize>()
                .ok()
                .filter(|&i| i < next.actions.len())
                .ok_or_else(|| Failure::BadRequest(format!("Rencana aksi '{typed}' tidak ada.")))?,
        ),
    };
    let before = position.map(|i| next.actions[i].clone());
    let mut problems = Vec::new();
    let status = match (form.status.as_str(), &before) {
        ("", None) => ActionStatus::Planned,
        (typed, _) => ActionStatus::ALL
            .into_iter()
            .find(|s| s.code() == typed)
            .unwrap_or_else(|| {
                problems.push(format!("Status '{typed}' tidak dikenal."));
                ActionStatus::Planned
            }),
    };
    let mut date = |what: &str, typed: &str| {
        format::typed_date(what, typed).unwrap_or_else(|why| {
            problems.push(why);
            None
        })
    };
    let due = date("Batas waktu", &form.due);
    let completed = date("Tanggal selesai", &form.completed);
    let mut evidence = before
        .as_ref()
        .map(|b| b.evidence.clone())
        .unwrap_or_default();
    if let Some(title) = format::optional(&form.evidence) {
        if !evidence.iter().any(|e| e.title == title) {
            evidence.push(Evidence { title, file: None });
        }
    }
    let action = FollowUpAction {
        action: form.action.trim().to_string(),
        target: format::optional(&form.target),
        // The time allowed as the reference matrix words it stays; the form sets the due date.
        duration: before.as_ref().and_then(|b| b.duration.clone()),
        due,
        responsible: format::optional(&form.responsible),
        status,
        completed,
        evidence,
    };
    problems.extend(follow_up::problems(
        before.as_ref(),
        &action,
        state.store.today(),
    ));
    if !problems.is_empty() {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, problems.join(" ")).await;
    }
    match position {
        Some(i) => next.actions[i] = action,
        None => next.actions.push(action),
    }
    let edit = Edit {
        writer: session.user.writer(),
        unit: &code,
        key: None,
        expected_version: Some(form.version),
    };
    let result = state
        .store
        .save_record(edit, &next, &session.user.username)
        .await;
    let location = format!("/unit/{code}/{year}/rekomendasi?hasil=aksi#{}", next.id);
    finish(&state, &code, year, &session, result, &location).await
}

#[derive(Deserialize)]
pub(crate) struct ActionUpload {
    id: String,
    version: i64,
    /// The action's position in the recommendation.
    nomor: String,
    #[serde(default)]
    title: String,
}

/// Stores an uploaded file of the unit and adds it, under its title, to the evidence of one action: the unit's
/// operators and admins, at the version the page was read at.
pub(crate) async fn upload(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    PostedFile { form, file }: PostedFile<ActionUpload>,
) -> Result<Response, Failure> {
    let (_, all) = load(&state, &code).await?;
    let current = all
        .iter()
        .find(|k| k.record.value.id == form.id)
        .ok_or_else(|| {
            Failure::NotFound(format!("Rekomendasi '{}' tidak ada di unit ini.", form.id))
        })?;
    let refuse = |status, message: String| {
        answer(
            &state,
            &code,
            year,
            &session,
            status,
            Some(Notice::Refused(message)),
        )
    };
    let position = form
        .nomor
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|&i| i < current.record.value.actions.len())
        .ok_or_else(|| Failure::BadRequest(format!("Rencana aksi '{}' tidak ada.", form.nomor)))?;
    if current.record.version != form.version {
        let message = format!(
            "Rekomendasi ini sudah diubah oleh {} sejak halaman dibuka; bukti belum dilampirkan. Periksa keadaannya \
             sekarang, lalu unggah lagi.",
            current.record.updated_by
        );
        return refuse(StatusCode::CONFLICT, message).await;
    }
    let user = &session.user.username;
    let stored = match evidence::store(&state, &code, &form.title, file.as_ref(), user).await? {
        Ok(stored) => stored,
        Err((status, message)) => return refuse(status, message).await,
    };
    let mut next = current.record.value.clone();
    attach_once(&mut next.actions[position].evidence, stored);
    let edit = Edit {
        writer: session.user.writer(),
        unit: &code,
        key: None,
        expected_version: Some(form.version),
    };
    let result = state
        .store
        .save_record(edit, &next, &session.user.username)
        .await;
    let location = format!("/unit/{code}/{year}/rekomendasi?hasil=bukti#{}", next.id);
    finish(&state, &code, year, &session, result, &location).await
}

/// After a write: back to the page, or the page again with why nothing was written.
async fn finish<T>(
    state: &AppState,
    code: &str,
    year: i32,
    session: &Session,
    result: Result<T, kinerja_storage::StoreError>,
    location: &str,
) -> Result<Response, Failure> {
    match after_write(result, location)? {
        Ok(redirect) => Ok(redirect),
        Err(r) => {
            answer(
                state,
                code,
                year,
                session,
                r.status,
                Some(Notice::Refused(r.message)),
            )
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyed(id: &str) -> Keyed<Recommendation> {
        Keyed {
            key: id.into(),
            record: kinerja_storage::Versioned {
                value: Recommendation {
                    id: id.into(),
                    unit: "ngoro".into(),
                    year: 2025,
                    evaluation: None,
                    source: None,
                    component: None,
                    text: "Teks".into(),
                    actions: Vec::new(),
                },
                version: 1,
                updated_by: "uji".into(),
                updated_at: "2025-01-02T08:30:00Z".into(),
            },
        }
    }

    #[test]
    fn new_ids_follow_the_highest_of_the_unit_year() {
        assert_eq!(next_id(&[], "ngoro", 2025), "rek-ngoro-2025-1");
        let all = [
            keyed("rek-2024-1"),
            keyed("rek-ngoro-2025-2"),
            keyed("rek-ngoro-2025-x"),
            keyed("rek-ngoro-2026-9"),
        ];
        assert_eq!(next_id(&all, "ngoro", 2025), "rek-ngoro-2025-3");
    }

    #[test]
    fn the_source_names_the_evaluation_and_the_document() {
        let mut r = keyed("r").record.value;
        assert_eq!(source_text(&r), DASH);
        r.evaluation = Some(EvaluationKind::LheAkip);
        assert_eq!(source_text(&r), "LHE AKIP");
        r.source = Some("LHE SAKIP No. X.700/564/415.15/2024".into());
        assert_eq!(
            source_text(&r),
            "LHE AKIP — LHE SAKIP No. X.700/564/415.15/2024"
        );
    }
}
