//! The Perjanjian Kinerja of a unit-year and its workflow: every version with its status and reason; the newest
//! draft edited by the unit's operator, approved (or sent back) and locked by the unit's pimpinan; a change after
//! locking made as a new version with its reason. The rules of the workflow are the domain's (`Agreement::approve`,
//! `lock`, `reopen`, `revise`); who may take each step is `access`'s; every write carries the version it was read at.

use crate::access::{may_approve, may_enter, Approve, Enter, Read};
use crate::http::failure::Failure;
use crate::http::format;
use crate::http::guard::UnitYear;
use crate::http::layout;
use crate::http::session::Posted;
use crate::http::writes::{after_write, Notice};
use crate::unit;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_domain::model::{Agreement, AgreementStatus, Dataset, TargetValue};
use kinerja_domain::number::parse_printed_money;
use kinerja_domain::sentences::target_with_unit;
use kinerja_storage::{Edit, Editing, Keyed, Session};
use maud::{html, Markup};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
pub(crate) struct Shown {
    versi: Option<u32>,
    hasil: Option<String>,
}

/// What a finished step says on the page it leads back to.
fn done_message(code: &str) -> Option<&'static str> {
    Some(match code {
        "disimpan" => "Perubahan draf PK disimpan.",
        "disetujui" => "PK disetujui pimpinan.",
        "dikembalikan" => "PK dikembalikan menjadi draf untuk diperbaiki.",
        "dikunci" => "PK dikunci. Perubahan berikutnya memerlukan versi baru dengan alasan.",
        "versi-baru" => "Versi baru PK dibuat sebagai draf.",
        _ => return None,
    })
}

/// The unit-year's PK versions, oldest first, and the unit's data.
async fn versions(
    state: &AppState,
    code: &str,
    year: i32,
) -> Result<(Dataset, Vec<Keyed<Agreement>>), Failure> {
    let data = unit::data(state, code).await?;
    let mut all = state.store.records::<Agreement>(code, Some(year)).await?;
    all.sort_by_key(|k| k.record.value.version);
    Ok((data, all))
}

pub(crate) async fn page(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Read>,
    Query(shown): Query<Shown>,
) -> Result<Markup, Failure> {
    let (data, all) = versions(&state, &code, year).await?;
    let notice = shown
        .hasil
        .as_deref()
        .and_then(done_message)
        .map(|m| Notice::Done(m.to_string()));
    Ok(render(
        &data,
        &code,
        year,
        &all,
        shown.versi,
        &session,
        notice.as_ref(),
    ))
}

fn render(
    data: &Dataset,
    code: &str,
    year: i32,
    all: &[Keyed<Agreement>],
    chosen: Option<u32>,
    session: &Session,
    notice: Option<&Notice>,
) -> Markup {
    let unit_name = data.unit(code).map(|u| u.name.as_str()).unwrap_or(code);
    let base = format!("/unit/{code}/{year}");
    let newest = all.last().map(|k| k.record.value.version);
    let shown = chosen
        .and_then(|v| all.iter().find(|k| k.record.value.version == v))
        .or(all.last());
    let in_force = data.agreement_in_force(code, year).map(|a| a.version);
    let body = html! {
        h1 { "Perjanjian Kinerja " (unit_name) " Tahun " (year) }
        p { a href=(base) { "← Kembali ke dasbor" } }
        (Notice::markup(notice))
        @if all.is_empty() {
            p { "Unit ini belum memiliki Perjanjian Kinerja untuk tahun " (year) ". PK disusun lewat impor data (Excel atau TOML)." }
        } @else {
            table {
                thead { tr {
                    th { "Versi" } th { "Status" } th { "Tanggal" } th { "Alasan perubahan" } th { "Terakhir diubah" } th { "Dokumen" }
                } }
                tbody {
                    @for k in all {
                        @let a = &k.record.value;
                        tr {
                            td {
                                a href={ (base) "/pk?versi=" (a.version) } { "Versi " (a.version) }
                                @if Some(a.version) == in_force { " (berlaku)" }
                            }
                            td { (a.status.label()) }
                            td { (a.date.map(|d| d.indonesian()).unwrap_or_else(|| format::DASH.into())) }
                            td { (a.reason.as_deref().unwrap_or(format::DASH)) }
                            td { (k.record.updated_by) ", " (format::stamp(&k.record.updated_at)) }
                            td {
                                a href={ (base) "/pk.pdf?versi=" (a.version) } { "PDF" } " · "
                                a href={ (base) "/pk.docx?versi=" (a.version) } { "DOCX" }
                            }
                        }
                    }
                }
            }
        }
        @if let Some(k) = shown {
            (version_view(data, code, year, k, Some(k.record.value.version) == newest, session))
        }
    };
    layout::page("Perjanjian Kinerja", session, body)
}

fn version_view(
    data: &Dataset,
    code: &str,
    year: i32,
    k: &Keyed<Agreement>,
    newest: bool,
    session: &Session,
) -> Markup {
    let a = &k.record.value;
    let user = &session.user;
    let action = |step: &str| format!("/unit/{code}/{year}/pk/{step}");
    let editing = newest && a.editable() && may_enter(user, code);
    let hidden = html! {
        input type="hidden" name="csrf" value=(session.csrf);
        input type="hidden" name="versi" value=(a.version);
        input type="hidden" name="record_version" value=(k.record.version);
    };
    html! {
        h2 { "Versi " (a.version) " — " (a.status.label()) }
        dl.figures {
            dt { "Pihak pertama" } dd { (a.first_party.name) ", " (a.first_party.position) }
            dt { "Pihak kedua" } dd { (a.second_party.name) ", " (a.second_party.position) }
            dt { "Tempat, tanggal" } dd {
                (a.place.as_deref().unwrap_or(format::DASH)) ", "
                (a.date.map(|d| d.indonesian()).unwrap_or_else(|| format::DASH.into()))
            }
        }
        @if editing {
            form.stacked method="post" action=(action("ubah")) {
                (hidden)
                (annexes(data, a, true))
                label for="place" { "Tempat penandatanganan" }
                input #place name="place" value=(a.place.clone().unwrap_or_default());
                label for="date" { "Tanggal penandatanganan (TTTT-BB-HH)" }
                input #date name="date" type="date" value=(a.date.map(|d| d.to_string()).unwrap_or_default());
                button type="submit" { "Simpan draf" }
            }
        } @else {
            (annexes(data, a, false))
        }
        @if newest && may_approve(user, code) {
            div.actions {
                @match a.status {
                    AgreementStatus::Draft => form.inline method="post" action=(action("setujui")) {
                        (hidden) button type="submit" { "Setujui PK" }
                    },
                    AgreementStatus::Approved => {
                        form.inline method="post" action=(action("kunci")) {
                            (hidden) button type="submit" { "Kunci PK" }
                        }
                        form.inline method="post" action=(action("kembalikan")) {
                            (hidden) button type="submit" { "Kembalikan ke draf" }
                        }
                    },
                    AgreementStatus::Locked => {},
                }
            }
        }
        @if newest && a.status == AgreementStatus::Locked && may_enter(user, code) {
            form.stacked method="post" action=(action("versi-baru")) {
                (hidden)
                h3 { "Ubah PK yang sudah dikunci" }
                p.hint { "PK yang dikunci tidak diubah lagi. Perubahan dibuat sebagai versi baru (draf) yang harus disetujui dan dikunci kembali oleh pimpinan." }
                label for="reason" { "Alasan perubahan" }
                textarea #reason name="reason" required rows="3" {}
                button type="submit" { "Buat versi " (a.version + 1) }
            }
        }
    }
}

/// The two annexes; as form fields when the draft is edited.
fn annexes(data: &Dataset, a: &Agreement, editing: bool) -> Markup {
    let indicator = |id: &str| data.indicator(id);
    let target_text = |id: &str, t: TargetValue| match indicator(id) {
        Some(i) => target_with_unit(t, &i.satuan, i.decimals),
        None => format!("{t:?}"),
    };
    html! {
        h3 { "Lampiran 1 — Sasaran, indikator kinerja dan target" }
        table {
            thead { tr { th { "No" } th { "Sasaran strategis" } th { "Indikator kinerja" } th.num { "Target" } } }
            tbody {
                @for (n, t) in a.targets.iter().enumerate() {
                    @let ind = indicator(&t.indicator);
                    tr {
                        td { (n + 1) }
                        td { (ind.and_then(|i| data.sasaran(&i.owner)).map(|s| s.text.as_str()).unwrap_or(format::DASH)) }
                        td { (ind.map(|i| i.name.as_str()).unwrap_or(&t.indicator)) }
                        td.num {
                            @if editing {
                                label.visually-hidden for={ "t-" (n) } { "Target " (ind.map(|i| i.name.as_str()).unwrap_or(&t.indicator)) }
                                input id={ "t-" (n) } name={ "t-" (n) } value=(format::typed_target(t.target));
                            } @else {
                                (target_text(&t.indicator, t.target))
                            }
                        }
                    }
                }
            }
        }
        h3 { "Lampiran 2 — Program, indikator, target dan anggaran" }
        table {
            thead { tr { th { "Program" } th { "Indikator" } th.num { "Target" } th.num { "Anggaran" } } }
            tbody {
                @for (n, p) in a.programs.iter().enumerate() {
                    tr {
                        td { (data.program(&p.program).map(|x| x.name.as_str()).unwrap_or(&p.program)) }
                        td {
                            @for t in &p.indicators {
                                div { (indicator(&t.indicator).map(|i| i.name.as_str()).unwrap_or(&t.indicator)) }
                            }
                        }
                        td.num {
                            @for t in &p.indicators { div { (target_text(&t.indicator, t.target)) } }
                        }
                        td.num {
                            @if editing {
                                label.visually-hidden for={ "a-" (n) } { "Anggaran program " (n + 1) }
                                input id={ "a-" (n) } name={ "a-" (n) } value=(p.anggaran) inputmode="numeric";
                            } @else {
                                (format::rupiah(Some(p.anggaran)))
                            }
                        }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct Step {
    versi: u32,
    record_version: i64,
    #[serde(default)]
    reason: String,
}

/// One step of the workflow, posted from the page.
#[derive(Clone, Copy)]
pub(crate) enum StepKind {
    Approve,
    Reopen,
    Lock,
    Revise,
}

/// A step of the workflow, taken by who holds its right (the pimpinan's approval, the operator's new version: see
/// the handlers below).
async fn step(
    state: &AppState,
    (code, year, session): (&str, i32, &Session),
    form: Step,
    kind: StepKind,
) -> Result<Response, Failure> {
    let (_, all) = versions(state, code, year).await?;
    let newest = all.last().map(|k| k.record.value.version).unwrap_or(0);
    let current = all
        .iter()
        .find(|k| k.record.value.version == form.versi)
        .ok_or_else(|| Failure::NotFound(format!("PK versi {} tidak ada.", form.versi)))?;
    if current.record.version != form.record_version {
        return Ok(refuse(
            state,
            code,
            year,
            session,
            StatusCode::CONFLICT,
            format!(
                "PK versi {} sudah diubah oleh {} sejak halaman ini dibuka. Periksa keadaannya sekarang, lalu ulangi.",
                form.versi, current.record.updated_by
            ),
        )
        .await);
    }
    let a = &current.record.value;
    let outcome = match kind {
        StepKind::Approve if a.version == newest => a.approve().map(|n| (n, "disetujui")),
        StepKind::Reopen if a.version == newest => a.reopen().map(|n| (n, "dikembalikan")),
        StepKind::Lock if a.version == newest => a.lock().map(|n| (n, "dikunci")),
        StepKind::Revise => a.revise(newest, &form.reason).map(|n| (n, "versi-baru")),
        _ => Err(kinerja_domain::model::WorkflowError::NotNewest { newest }),
    };
    let (next, done) = match outcome {
        Ok(x) => x,
        Err(e) => {
            return Ok(refuse(
                state,
                code,
                year,
                session,
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("Tidak dapat dilakukan: {e}."),
            )
            .await)
        }
    };
    // A new version is a new record; the others change the one read.
    let expected = match kind {
        StepKind::Revise => None,
        _ => Some(current.record.version),
    };
    save(state, code, year, session, &next, expected, done).await
}

async fn save(
    state: &AppState,
    code: &str,
    year: i32,
    session: &Session,
    next: &Agreement,
    expected: Option<i64>,
    done: &str,
) -> Result<Response, Failure> {
    let edit = Edit {
        writer: session.user.writer(),
        unit: code,
        key: None,
        expected_version: expected,
    };
    let result = state
        .store
        .save_record(edit, next, &session.user.username)
        .await;
    let location = format!("/unit/{code}/{year}/pk?versi={}&hasil={done}", next.version);
    match after_write(result, &location)? {
        Ok(redirect) => Ok(redirect),
        Err(r) => Ok(refuse(state, code, year, session, r.status, r.message).await),
    }
}

/// The page again, with why nothing was written.
async fn refuse(
    state: &AppState,
    code: &str,
    year: i32,
    session: &Session,
    status: StatusCode,
    message: String,
) -> Response {
    match versions(state, code, year).await {
        Ok((data, all)) => (
            status,
            render(
                &data,
                code,
                year,
                &all,
                None,
                session,
                Some(&Notice::Refused(message)),
            ),
        )
            .into_response(),
        Err(f) => f.into_response(),
    }
}

macro_rules! step_handler {
    ($name:ident, $right:ty, $kind:expr) => {
        pub(crate) async fn $name(
            State(state): State<AppState>,
            UnitYear(code, year, session, ..): UnitYear<$right>,
            Posted { form, .. }: Posted<Step>,
        ) -> Result<Response, Failure> {
            step(&state, (code.as_str(), year, &session), form, $kind).await
        }
    };
}

step_handler!(approve, Approve, StepKind::Approve);
step_handler!(reopen, Approve, StepKind::Reopen);
step_handler!(lock, Approve, StepKind::Lock);
step_handler!(revise, Enter, StepKind::Revise);

/// Saves the edited draft: the annex targets (`t-N`), program budgets (`a-N`), place and date.
pub(crate) async fn update(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Posted { form, .. }: Posted<HashMap<String, String>>,
) -> Result<Response, Failure> {
    let (data, all) = versions(&state, &code, year).await?;
    let field = |name: &str| form.get(name).map(|v| v.trim()).unwrap_or("");
    let versi: u32 = field("versi")
        .parse()
        .map_err(|_| Failure::BadRequest("Versi PK tidak sah.".into()))?;
    let record_version: i64 = field("record_version")
        .parse()
        .map_err(|_| Failure::BadRequest("Versi data tidak sah.".into()))?;
    let newest = all.last().map(|k| k.record.value.version).unwrap_or(0);
    let current = all
        .iter()
        .find(|k| k.record.value.version == versi)
        .ok_or_else(|| Failure::NotFound(format!("PK versi {versi} tidak ada.")))?;
    let refused = |status, message: String| refuse(&state, &code, year, &session, status, message);
    if versi != newest || !current.record.value.editable() {
        return Ok(refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "PK versi {versi} berstatus {} dan tidak dapat diubah; hanya draf versi terbaru yang dapat diubah.",
                current.record.value.status.label().to_lowercase()
            ),
        )
        .await);
    }
    if current.record.version != record_version {
        return Ok(refused(
            StatusCode::CONFLICT,
            format!(
                "PK versi {versi} sudah diubah oleh {} sejak halaman ini dibuka. Nilai Anda belum disimpan; periksa, lalu ulangi.",
                current.record.updated_by
            ),
        )
        .await);
    }
    let mut next = current.record.value.clone();
    let mut problems = Vec::new();
    for (n, t) in next.targets.iter_mut().enumerate() {
        let typed = field(&format!("t-{n}"));
        match TargetValue::parse_typed(typed) {
            Some(v) => t.target = v,
            None => problems.push(format!(
                "Lampiran 1 baris {}, target '{}': '{typed}' bukan target yang sah; tulis misalnya 81, 80,5 atau 70 – 90.",
                n + 1,
                data.indicator(&t.indicator).map(|i| i.name.as_str()).unwrap_or(&t.indicator)
            )),
        }
    }
    for (n, p) in next.programs.iter_mut().enumerate() {
        let typed = field(&format!("a-{n}"));
        match parse_printed_money(typed).filter(|v| !v.value.is_sign_negative()) {
            Some(v) => p.anggaran = v.value,
            None => problems.push(format!(
                "Lampiran 2 baris {}, anggaran: '{typed}' bukan jumlah rupiah; tulis misalnya 3063438646 atau Rp 3.063.438.646.",
                n + 1
            )),
        }
    }
    let place = field("place");
    next.place = (!place.is_empty()).then(|| place.to_string());
    next.date =
        format::typed_date("Tanggal penandatanganan", field("date")).unwrap_or_else(|why| {
            problems.push(why);
            None
        });
    if !problems.is_empty() {
        return Ok(refused(StatusCode::UNPROCESSABLE_ENTITY, problems.join(" ")).await);
    }
    save(
        &state,
        &code,
        year,
        &session,
        &next,
        Some(record_version),
        "disimpan",
    )
    .await
}
