//! Realisation entry: one form per indicator and period (TW I–IV and the annual value), each showing the stored
//! value and its version. Saving goes through `save_realisation` with that version, so when someone else saved in
//! between the form comes back with their value and the one typed, and nothing is lost.

use crate::access::{may_enter, require};
use crate::dashboard::{indicators, measured};
use crate::failure::{self, Failure};
use crate::format;
use crate::layout;
use crate::session::{Posted, Signed};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_domain::measure::{measure, IndicatorResult, Measurement};
use kinerja_domain::model::{Dataset, Realisation};
use kinerja_domain::number::{parse_printed, parse_printed_money};
use kinerja_domain::sentences::value_with_unit;
use kinerja_storage::{Repository, Session, StoreError, Versioned};
use maud::{html, Markup};
use serde::Deserialize;

const PERIODS: [Option<u8>; 5] = [Some(1), Some(2), Some(3), Some(4), None];

/// The form value of a period.
fn period_code(quarter: Option<u8>) -> String {
    quarter.map_or_else(|| "tahunan".to_string(), |q| q.to_string())
}

fn period_of(code: &str) -> Option<Option<u8>> {
    PERIODS.into_iter().find(|p| period_code(*p) == code)
}

fn anchor(indicator: &str, quarter: Option<u8>) -> String {
    format!("r-{indicator}-{}", period_code(quarter))
}

/// What to say in one cell after a save.
struct Notice {
    indicator: String,
    quarter: Option<u8>,
    outcome: Outcome,
}

enum Outcome {
    Saved,
    /// Not saved: why, what was typed, and the version to send next.
    Refused {
        message: String,
        value: String,
        note: String,
        version: Option<i64>,
    },
}

#[derive(Deserialize)]
pub(crate) struct SavedQuery {
    indikator: Option<String>,
    periode: Option<String>,
}

pub(crate) async fn page(
    State(state): State<AppState>,
    signed: Signed,
    Path((code, year)): Path<(String, String)>,
    Query(saved): Query<SavedQuery>,
) -> Result<Markup, Failure> {
    require(may_enter(&signed.0.user, &code))?;
    let m = measured(&state, &signed, &code, &year).await?;
    let stored = state.store.unit_realisations(&code, m.year).await?;
    let notice = match (
        saved.indikator,
        saved.periode.as_deref().and_then(period_of),
    ) {
        (Some(indicator), Some(quarter)) => Some(Notice {
            indicator,
            quarter,
            outcome: Outcome::Saved,
        }),
        _ => None,
    };
    Ok(render(&m, &stored, &signed.0, notice.as_ref()))
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
    Path((code, year)): Path<(String, String)>,
    posted: Posted<Entry>,
) -> Result<Response, Failure> {
    let Posted { session, form } = posted;
    let year = failure::year(&year)?;
    require(may_enter(&session.user, &code))?;
    let data = state.store.load_unit(&code).await?;
    // Only this unit's indicators: the unit in the address is the one the user was authorised for.
    let indicator = data
        .indicator(&form.indicator)
        .filter(|i| data.unit_of_indicator(i) == Some(code.as_str()))
        .ok_or(Failure::Forbidden)?;
    let quarter = period_of(&form.period)
        .ok_or_else(|| Failure::BadRequest(format!("Periode '{}' tidak dikenal.", form.period)))?;
    let expected = match form.version.trim() {
        "" => None,
        v => Some(
            v.parse::<i64>()
                .map_err(|_| Failure::BadRequest(format!("Versi '{v}' tidak sah.")))?,
        ),
    };
    let saving = Saving {
        state: &state,
        data: &data,
        code: &code,
        year,
        quarter,
        session: &session,
        form: &form,
    };
    let typed = form.value.trim();
    // The comma is the decimal separator; a lone point before three digits could be either.
    let value = match (parse_printed(typed), parse_printed_money(typed)) {
        (Some(p), Some(money)) if p.value != money.value && !typed.contains(',') => {
            let message = format!(
                "Nilai '{typed}' meragukan: titik di sini bisa pemisah ribuan atau desimal. Tulis tanpa pemisah ribuan, \
                 dengan koma untuk desimal (misalnya 1000 atau 80,15)."
            );
            return saving
                .refuse(StatusCode::UNPROCESSABLE_ENTITY, message, expected)
                .await;
        }
        (Some(p), _) => p.value,
        (None, _) => {
            let message =
                format!("Nilai '{typed}' bukan angka. Tulis misalnya 80,15 (koma untuk desimal).");
            return saving
                .refuse(StatusCode::UNPROCESSABLE_ENTITY, message, expected)
                .await;
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
        Ok(_) => {
            let query = serde_urlencoded::to_string([
                ("indikator", indicator.id.as_str()),
                ("periode", period_code(quarter).as_str()),
            ])
            .map_err(|e| Failure::BadRequest(e.to_string()))?;
            let location = format!("/unit/{code}/{year}/realisasi?{query}");
            Ok((StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response())
        }
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
            saving
                .refuse(StatusCode::CONFLICT, message, now.map(|v| v.version))
                .await
        }
        Err(StoreError::Invalid(e)) => {
            saving
                .refuse(StatusCode::UNPROCESSABLE_ENTITY, e.to_string(), expected)
                .await
        }
        Err(e) => Err(e.into()),
    }
}

/// A save in progress, to answer with the page again when it is refused.
struct Saving<'a> {
    state: &'a AppState,
    data: &'a Dataset,
    code: &'a str,
    year: i32,
    quarter: Option<u8>,
    session: &'a Session,
    form: &'a Entry,
}

impl Saving<'_> {
    /// The page again, with the refusal and what was typed in the cell, and nothing written.
    async fn refuse(
        &self,
        status: StatusCode,
        message: String,
        version: Option<i64>,
    ) -> Result<Response, Failure> {
        let m = measure(self.data, self.code, self.year)
            .map_err(|e| Failure::NotFound(e.to_string()))?;
        let stored = self
            .state
            .store
            .unit_realisations(self.code, self.year)
            .await?;
        let notice = Notice {
            indicator: self.form.indicator.clone(),
            quarter: self.quarter,
            outcome: Outcome::Refused {
                message,
                value: self.form.value.clone(),
                note: self.form.note.clone(),
                version,
            },
        };
        Ok((status, render(&m, &stored, self.session, Some(&notice))).into_response())
    }
}

fn render(
    m: &Measurement,
    stored: &[Versioned<Realisation>],
    session: &Session,
    notice: Option<&Notice>,
) -> Markup {
    let action = format!("/unit/{}/{}/realisasi", m.unit.code, m.year);
    let body = html! {
        h1 { "Realisasi " (m.unit.name) " Tahun " (m.year) }
        p { a href={ "/unit/" (m.unit.code) "/" (m.year) } { "← Kembali ke dasbor" } }
        p.hint {
            "Tulis angka dengan koma untuk desimal (80,15), tanpa pemisah ribuan. Realisasi tahunan, bila diisi, "
            "dipakai untuk capaian; bila kosong, realisasi dihitung dari triwulan menurut cara agregasi indikator."
        }
        @for r in indicators(m) {
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
    stored: &[Versioned<Realisation>],
    session: &Session,
    notice: Option<&Notice>,
) -> Markup {
    let current = stored
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
    html! {
        form.cell #(id) method="post" action=(action) {
            input type="hidden" name="csrf" value=(session.csrf);
            input type="hidden" name="indicator" value=(r.id);
            input type="hidden" name="period" value=(period_code(quarter));
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
                None => {},
            }
            label for={ (id) "-nilai" } { "Nilai baru" }
            input id={ (id) "-nilai" } name="value" inputmode="decimal" required value=(value);
            label for={ (id) "-catatan" } { "Catatan" }
            input id={ (id) "-catatan" } name="note" value=(note);
            button type="submit" { "Simpan" }
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
