//! Realisation entry: one form per indicator and period (TW I–IV and the annual value), each showing the stored
//! value and its version. Saving goes through `save_realisation` with that version, so when someone else saved in
//! between the form comes back with their value and the one typed, and nothing is lost. A stored realisation also
//! lists its evidence and takes uploads (see `evidence`).

use crate::access::Enter;
use crate::evidence;
use crate::http::failure::Failure;
use crate::http::format;
use crate::http::guard::UnitYear;
use crate::http::layout;
use crate::http::session::{see_other, Posted, PostedFile};
use crate::unit;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_domain::evaluation_entry::attach_once;
use kinerja_domain::measure::{measure, IndicatorResult, Measurement};
use kinerja_domain::model::{Dataset, Indicator, Realisation};
use kinerja_domain::number::{parse_typed, TypedNumberError};
use kinerja_domain::sentences::value_with_unit;
use kinerja_storage::{
    Files, Repository, Session, StoreError, StoredFile, Versioned, MAX_TITLE_CHARS,
};
use maud::{html, Markup};
use serde::Deserialize;

const PERIODS: [Option<u8>; 5] = [Some(1), Some(2), Some(3), Some(4), None];

/// The form value of a period.
fn period_code(quarter: Option<u8>) -> String {
    quarter.map_or_else(|| "tahunan".to_string(), |q| q.to_string())
}

pub(crate) fn period_of(code: &str) -> Option<Option<u8>> {
    PERIODS.into_iter().find(|p| period_code(*p) == code)
}

fn anchor(indicator: &str, quarter: Option<u8>) -> String {
    format!("r-{indicator}-{}", period_code(quarter))
}

/// What to say in one cell after a save or an upload.
pub(crate) struct Notice {
    indicator: String,
    quarter: Option<u8>,
    outcome: Outcome,
}

pub(crate) enum Outcome {
    Saved,
    /// Not saved: why, what was typed, and the version to send next.
    Refused {
        message: String,
        value: String,
        note: String,
        version: Option<i64>,
    },
    Attached,
    /// The upload was not attached: why.
    NotAttached(String),
}

#[derive(Deserialize)]
pub(crate) struct SavedQuery {
    indikator: Option<String>,
    periode: Option<String>,
    /// Present after an upload.
    bukti: Option<String>,
}

/// Where a cell's form leads after it was acted on: the page, saying so in the cell.
pub(crate) fn done(
    code: &str,
    year: i32,
    indicator: &str,
    quarter: Option<u8>,
    attached: bool,
) -> Result<Response, Failure> {
    let period = period_code(quarter);
    let mut query = vec![("indikator", indicator), ("periode", period.as_str())];
    if attached {
        query.push(("bukti", "1"));
    }
    let query =
        serde_urlencoded::to_string(query).map_err(|e| Failure::BadRequest(e.to_string()))?;
    let location = format!("/unit/{code}/{year}/realisasi?{query}");
    Ok(see_other(&location))
}

/// The indicator and period a cell's form names. Only this unit's indicators: the unit in the address is the one
/// the user was authorised for.
fn cell_named<'a>(
    data: &'a Dataset,
    code: &str,
    indicator: &str,
    period: &str,
) -> Result<(&'a Indicator, Option<u8>), Failure> {
    let indicator = data
        .indicator(indicator)
        .filter(|i| data.unit_of_indicator(i) == Some(code))
        .ok_or(Failure::Forbidden)?;
    let quarter = period_of(period)
        .ok_or_else(|| Failure::BadRequest(format!("Periode '{period}' tidak dikenal.")))?;
    Ok((indicator, quarter))
}

/// What the page shows besides the measurement.
struct Stored {
    realisations: Vec<Versioned<Realisation>>,
    /// The files their evidence names.
    files: Vec<StoredFile>,
    max_upload: usize,
}

async fn stored(state: &AppState, code: &str, year: i32) -> Result<Stored, Failure> {
    let realisations = state.store.unit_realisations(code, year).await?;
    let mut files = Vec::new();
    for r in &realisations {
        files.extend(state.store.evidence_files(&r.value).await?);
    }
    Ok(Stored {
        realisations,
        files,
        max_upload: state.settings.max_evidence_bytes,
    })
}

pub(crate) async fn page(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Query(saved): Query<SavedQuery>,
) -> Result<Markup, Failure> {
    let (_, m) = unit::measured(&state, &code, year).await?;
    let stored = stored(&state, &code, m.year).await?;
    let notice = match (
        saved.indikator,
        saved.periode.as_deref().and_then(period_of),
    ) {
        (Some(indicator), Some(quarter)) => Some(Notice {
            indicator,
            quarter,
            outcome: if saved.bukti.is_some() {
                Outcome::Attached
            } else {
                Outcome::Saved
            },
        }),
        _ => None,
    };
    Ok(render(&m, &stored, &session, notice.as_ref()))
}

#[derive(Deserialize)]
pub(crate) struct Entry {
    indicator: String,
    period: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    note: String,
}

pub(crate) async fn save(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Posted { form, .. }: Posted<Entry>,
) -> Result<Response, Failure> {
    let data = state.store.load_unit(&code).await?;
    let (indicator, quarter) = cell_named(&data, &code, &form.indicator, &form.period)?;
    let expected = match form.version.trim() {
        "" => None,
        v => Some(
            v.parse::<i64>()
                .map_err(|_| Failure::BadRequest(format!("Versi '{v}' tidak sah.")))?,
        ),
    };
    let reply = &Reply {
        state: &state,
        data: &data,
        code: &code,
        year,
        session: &session,
    };
    let form = &form;
    let refuse = move |status, message, version| {
        let outcome = Outcome::Refused {
            message,
            value: form.value.clone(),
            note: form.note.clone(),
            version,
        };
        reply.page(status, notice(&indicator.id, quarter, outcome))
    };
    let typed = form.value.trim();
    let value = match parse_typed(typed) {
        Ok(v) => v,
        Err(TypedNumberError::Ambiguous) => {
            let message = format!(
                "Nilai '{typed}' meragukan: titik di sini bisa pemisah ribuan atau desimal. Tulis tanpa pemisah ribuan, \
                 dengan koma untuk desimal (misalnya 1000 atau 80,15)."
            );
            return refuse(StatusCode::UNPROCESSABLE_ENTITY, message, expected).await;
        }
        Err(TypedNumberError::NotANumber) => {
            let message =
                format!("Nilai '{typed}' bukan angka. Tulis misalnya 80,15 (koma untuk desimal).");
            return refuse(StatusCode::UNPROCESSABLE_ENTITY, message, expected).await;
        }
    };
    let current = state
        .store
        .realisation(&indicator.id, year, quarter)
        .await?;
    let note = form.note.trim();
    let realisation = Realisation {
        indicator: indicator.id.clone(),
        year,
        quarter,
        value,
        note: (!note.is_empty()).then(|| note.to_string()),
        evidence: current.map(|c| c.value.evidence).unwrap_or_default(),
    };
    match state
        .store
        .save_realisation(&realisation, expected, &session.user.username)
        .await
    {
        Ok(_) => done(&code, year, &indicator.id, quarter, false),
        Err(StoreError::Conflict { .. }) => {
            let now = state
                .store
                .realisation(&indicator.id, year, quarter)
                .await?;
            let message = match &now {
                Some(v) => format!(
                    "Realisasi {} ini sudah diubah oleh {} pada {} menjadi {} (versi {}). Nilai Anda, {typed}, \
                     belum disimpan dan masih ada di isian. Periksa, lalu simpan lagi bila nilai Anda yang benar.",
                    format::period(quarter),
                    v.updated_by,
                    v.updated_at,
                    value_with_unit(v.value.value, &indicator.satuan, indicator.decimals),
                    v.version
                ),
                None => format!(
                    "Realisasi {} ini sudah dihapus pengguna lain. Nilai Anda, {typed}, belum disimpan dan masih \
                     ada di isian; simpan lagi untuk mengisinya baru.",
                    format::period(quarter)
                ),
            };
            refuse(StatusCode::CONFLICT, message, now.map(|v| v.version)).await
        }
        Err(StoreError::Invalid(e)) => {
            refuse(StatusCode::UNPROCESSABLE_ENTITY, e.to_string(), expected).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The upload form of a cell.
#[derive(Deserialize)]
pub(crate) struct Upload {
    indicator: String,
    period: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    title: String,
}

/// Why evidence was not attached to a realisation changed (or removed) since its page was read.
fn changed_since(quarter: Option<u8>, now: Option<&Versioned<Realisation>>) -> String {
    let period = format::period(quarter);
    match now {
        Some(now) => format!(
            "Realisasi {period} ini sudah diubah oleh {} pada {} (versi {}), jadi bukti belum \
             dilampirkan. Isian di bawah sudah memuat versi itu; unggah lagi.",
            now.updated_by, now.updated_at, now.version
        ),
        None => format!(
            "Realisasi {period} ini sudah dihapus pengguna lain, jadi bukti belum dilampirkan."
        ),
    }
}

/// Stores an uploaded file of the unit and adds it, under its title, to the evidence of a stored realisation, at the
/// version the page was read at.
pub(crate) async fn upload(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    PostedFile { form, file }: PostedFile<Upload>,
) -> Result<Response, Failure> {
    let data = state.store.load_unit(&code).await?;
    let (indicator, quarter) = cell_named(&data, &code, &form.indicator, &form.period)?;
    let version: i64 = form
        .version
        .trim()
        .parse()
        .map_err(|_| Failure::BadRequest(format!("Versi '{}' tidak sah.", form.version)))?;
    let reply = &Reply {
        state: &state,
        data: &data,
        code: &code,
        year,
        session: &session,
    };
    let refuse = move |status, message: String| {
        reply.page(
            status,
            notice(&indicator.id, quarter, Outcome::NotAttached(message)),
        )
    };
    let Some(current) = state
        .store
        .realisation(&indicator.id, year, quarter)
        .await?
    else {
        let message = format!(
            "Realisasi {} belum diisi. Simpan nilainya dahulu, lalu unggah buktinya.",
            format::period(quarter)
        );
        return refuse(StatusCode::CONFLICT, message).await;
    };
    // Nothing is stored for a page read before the realisation changed.
    if current.version != version {
        return refuse(StatusCode::CONFLICT, changed_since(quarter, Some(&current))).await;
    }
    let user = &session.user.username;
    let stored = match evidence::store(&state, &code, &form.title, file.as_ref(), user).await? {
        Ok(stored) => stored,
        Err((status, message)) => return refuse(status, message).await,
    };
    let mut next = current.value;
    // The same file again is attached already: nothing to write.
    if !attach_once(&mut next.evidence, stored) {
        return done(&code, year, &indicator.id, quarter, true);
    }
    match state
        .store
        .save_realisation(&next, Some(version), user)
        .await
    {
        Ok(_) => done(&code, year, &indicator.id, quarter, true),
        Err(StoreError::Conflict { .. }) => {
            let now = state
                .store
                .realisation(&indicator.id, year, quarter)
                .await?;
            refuse(StatusCode::CONFLICT, changed_since(quarter, now.as_ref())).await
        }
        Err(StoreError::Refused(why)) => {
            refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("Bukti ditolak: {why}."),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The notice for the cell of an indicator and period.
pub(crate) fn notice(indicator: &str, quarter: Option<u8>, outcome: Outcome) -> Notice {
    Notice {
        indicator: indicator.to_string(),
        quarter,
        outcome,
    }
}

/// A form of the page being answered: when it is refused, the page comes again with the refusal in the cell.
pub(crate) struct Reply<'a> {
    pub state: &'a AppState,
    pub data: &'a Dataset,
    pub code: &'a str,
    pub year: i32,
    pub session: &'a Session,
}

impl Reply<'_> {
    /// The page again with `notice` in its cell, and nothing written.
    pub(crate) async fn page(
        &self,
        status: StatusCode,
        notice: Notice,
    ) -> Result<Response, Failure> {
        let m = measure(self.data, self.code, self.year)
            .map_err(|e| Failure::NotFound(e.to_string()))?;
        let stored = stored(self.state, self.code, self.year).await?;
        Ok((status, render(&m, &stored, self.session, Some(&notice))).into_response())
    }
}

fn render(m: &Measurement, stored: &Stored, session: &Session, notice: Option<&Notice>) -> Markup {
    let action = format!("/unit/{}/{}/realisasi", m.unit.code, m.year);
    let body = html! {
        h1 { "Realisasi " (m.unit.name) " Tahun " (m.year) }
        p { a href={ "/unit/" (m.unit.code) "/" (m.year) } { "← Kembali ke dasbor" } }
        p.hint {
            "Tulis angka dengan koma untuk desimal (80,15), tanpa pemisah ribuan. Realisasi tahunan, bila diisi, "
            "dipakai untuk capaian; bila kosong, realisasi dihitung dari triwulan menurut cara agregasi indikator."
        }
        @for r in unit::indicators(m) {
            section.indicator {
                h2 { (r.name) }
                p.meta {
                    "Target " (format::target(r.target, r)) " · Realisasi " (format::value(r.realisation, r))
                    " · Capaian " (format::capaian(r, m.rules.capaian_decimals))
                }
                div.cells {
                    @for quarter in PERIODS {
                        (cell(&action, r, quarter, stored, session, notice))
                    }
                }
            }
        }
    };
    layout::page("Realisasi", session, body)
}

fn cell(
    action: &str,
    r: &IndicatorResult,
    quarter: Option<u8>,
    stored: &Stored,
    session: &Session,
    notice: Option<&Notice>,
) -> Markup {
    let current = stored
        .realisations
        .iter()
        .find(|v| v.value.indicator == r.id && v.value.quarter == quarter);
    let notice = notice
        .filter(|n| n.indicator == r.id && n.quarter == quarter)
        .map(|n| &n.outcome);
    let (value, note, version) = match notice {
        Some(Outcome::Refused {
            value,
            note,
            version,
            ..
        }) => (value.clone(), note.clone(), *version),
        _ => (
            String::new(),
            current
                .and_then(|c| c.value.note.clone())
                .unwrap_or_default(),
            current.map(|c| c.version),
        ),
    };
    let id = anchor(&r.id, quarter);
    let hidden = html! {
        input type="hidden" name="csrf" value=(session.csrf);
        input type="hidden" name="indicator" value=(r.id);
        input type="hidden" name="period" value=(period_code(quarter));
    };
    html! {
        div.cell #(id) {
            form method="post" action=(action) {
                (hidden)
                input type="hidden" name="version" value=(version.map(|v| v.to_string()).unwrap_or_default());
                strong { (format::period(quarter)) }
                @match current {
                    Some(c) => span.stored {
                        "Tersimpan: " (value_with_unit(c.value.value, &r.satuan, r.decimals))
                        " (versi " (c.version) ", " (c.updated_by) ")"
                    },
                    None => span.stored { "Belum diisi" },
                }
                @match notice {
                    Some(Outcome::Saved) => p.ok role="status" { "Tersimpan." },
                    Some(Outcome::Refused { message, .. }) => p.alert role="alert" { (message) },
                    _ => {},
                }
                label for={ (id) "-nilai" } { "Nilai baru" }
                input id={ (id) "-nilai" } name="value" inputmode="decimal" required value=(value);
                label for={ (id) "-catatan" } { "Catatan" }
                input id={ (id) "-catatan" } name="note" value=(note);
                button type="submit" { "Simpan" }
            }
            // Evidence belongs to a stored realisation: there is nothing to attach it to before.
            @if let Some(c) = current {
                form.upload method="post" action={ (action) "/bukti" } enctype="multipart/form-data" {
                    (hidden)
                    input type="hidden" name="version" value=(c.version);
                    strong { "Bukti dukung" }
                    @if c.value.evidence.is_empty() {
                        span.stored { "Belum ada bukti." }
                    } @else {
                        ul.evidence {
                            @for e in &c.value.evidence {
                                li { (evidence::item(e, &stored.files)) }
                            }
                        }
                    }
                    @match notice {
                        Some(Outcome::Attached) => p.ok role="status" { "Bukti diunggah." },
                        Some(Outcome::NotAttached(message)) => p.alert role="alert" { (message) },
                        _ => {},
                    }
                    label for={ (id) "-judul" } { "Judul bukti" }
                    input id={ (id) "-judul" } name="title" required maxlength=(MAX_TITLE_CHARS);
                    label for={ (id) "-berkas" } {
                        "Berkas (" (evidence::ACCEPTED) ", paling besar " (format::bytes(stored.max_upload)) ")"
                    }
                    input id={ (id) "-berkas" } type="file" name="file" required accept=(evidence::ACCEPT);
                    button type="submit" { "Unggah bukti" }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_round_trip_through_their_form_values() {
        for p in PERIODS {
            assert_eq!(period_of(&period_code(p)), Some(p));
        }
        assert_eq!(period_of("5"), None);
        assert_eq!(anchor("iku-akip", Some(4)), "r-iku-akip-4");
    }
}
