//! Import of raw IKM survey responses (paper forms typed into a spreadsheet, another survey application's export)
//! at `/unit/{code}/{year}/layanan/impor`: the unit's XLSX template and a CSV example to download, and the upload
//! of a CSV or XLSX file for the admin and the unit's operators. Every error of the file is listed with its row
//! and column, and nothing is stored unless all of it is valid (one transaction, one audit entry).

use crate::access::Enter;
use crate::http::attachment::{attachment, media_type};
use crate::http::failure::Failure;
use crate::http::guard::{Unit, UnitYear};
use crate::http::layout;
use crate::http::session::{NoFields, PostedFile};
use crate::http::writes::Notice;
use crate::unit;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_documents::Format;
use kinerja_interchange::{
    read_survey_responses, survey_csv_example, survey_import_done, survey_template, DatasetErrors,
    SurveyService,
};
use kinerja_storage::{Session, StoreError, Survey};
use maud::{html, Markup};

/// The largest file taken: a year of paper forms of a busy unit is a few MiB.
pub(crate) const MAX_SURVEY_FILE_BYTES: usize = 20 * 1024 * 1024;

async fn services(state: &AppState, code: &str) -> Result<Vec<SurveyService>, Failure> {
    Ok(state
        .store
        .services(code)
        .await?
        .into_iter()
        .map(|s| SurveyService {
            code: s.code,
            name: s.name,
        })
        .collect())
}

/// The XLSX template with the unit's services and the instructions.
pub(crate) async fn template(
    State(state): State<AppState>,
    Unit(code, ..): Unit<Enter>,
) -> Result<Response, Failure> {
    let unit = unit::name(&state, &code).await?;
    let bytes =
        survey_template(&unit, &services(&state, &code).await?).map_err(Failure::Document)?;
    Ok(attachment(
        media_type(Format::Xlsx),
        &format!("templat-survei-{code}.xlsx"),
        bytes,
    ))
}

/// A CSV example with the unit's service codes.
pub(crate) async fn example(
    State(state): State<AppState>,
    Unit(code, ..): Unit<Enter>,
) -> Result<Response, Failure> {
    unit::name(&state, &code).await?;
    let text = survey_csv_example(&services(&state, &code).await?);
    Ok(attachment(
        "text/csv; charset=utf-8",
        &format!("contoh-survei-{code}.csv"),
        text.into_bytes(),
    ))
}

pub(crate) async fn page(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
) -> Result<Markup, Failure> {
    let unit = unit::name(&state, &code).await?;
    Ok(render(&code, &unit, year, &session, None, &[]))
}

fn render(
    code: &str,
    unit: &str,
    year: i32,
    session: &Session,
    notice: Option<&Notice>,
    errors: &[String],
) -> Markup {
    let base = format!("/unit/{code}/{year}");
    let body = html! {
        h1 { "Impor respons survei IKM — " (unit) }
        p {
            a href={ (base) "/layanan" } { "← Layanan dan survei IKM" }
            " · "
            a href={ (base) "/ikm" } { "Hasil survei IKM" }
        }
        (Notice::markup(notice))
        @if !errors.is_empty() {
            ul.errors { @for e in errors { li { (e) } } }
        }
        ol {
            li {
                a href={ "/unit/" (code) "/survei-templat.xlsx" } { "Unduh templat Excel" }
                " (sheet Layanan memuat kode layanan unit ini, sheet Petunjuk menjelaskan setiap kolom), atau "
                a href={ "/unit/" (code) "/survei-contoh.csv" } { "contoh CSV" } ";"
            }
            li { "isi satu baris per kuesioner: layanan (kode atau nama), tanggal, U1–U9 (1–4, kosong bila tidak "
                 "dijawab), jenis kelamin, dan bila ada usia, pendidikan, pekerjaan, saran;" }
            li { "unggah di sini. Kuesioner yang isinya sama tetap dihitung masing-masing. Bila ada satu saja "
                 "kesalahan, tidak ada yang disimpan dan setiap kesalahan ditunjukkan baris dan kolomnya." }
        }
        (layout::upload_form(
            session,
            &format!("{base}/layanan/impor"),
            "Berkas respons (.xlsx atau .csv)",
            ".xlsx,.csv,text/csv",
        ))
    };
    layout::page("Impor respons survei IKM", session, body)
}

pub(crate) async fn upload(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    PostedFile { file, .. }: PostedFile<NoFields>,
) -> Result<Response, Failure> {
    let unit = unit::name(&state, &code).await?;
    let refused = |message: String, errors: &[String]| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            render(
                &code,
                &unit,
                year,
                &session,
                Some(&Notice::Refused(message)),
                errors,
            ),
        )
            .into_response()
    };
    let Some(file) = file else {
        return Ok(refused(
            "Pilih berkas respons (.xlsx atau .csv) yang akan diunggah.".into(),
            &[],
        ));
    };
    let known = services(&state, &code).await?;
    let unit_code = code.clone();
    let read = tokio::task::spawn_blocking(move || {
        read_survey_responses(&file.name, &file.bytes, &unit_code, &known)
    })
    .await
    .map_err(|e| Failure::Document(e.to_string()))?;
    let responses = match read {
        Ok(r) => r,
        Err(DatasetErrors(errors)) => {
            let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
            return Ok(refused(
                format!(
                    "Berkas tidak diimpor, tidak ada yang disimpan: {} kesalahan.",
                    list.len()
                ),
                &list,
            ));
        }
    };
    if responses.is_empty() {
        return Ok(refused(
            "Berkas tidak berisi respons: isi satu baris per kuesioner mulai baris 2.".into(),
            &[],
        ));
    }
    let stored = state
        .store
        .import_responses(&code, &responses, &session.user.username, &|_, _| {})
        .await;
    match stored {
        Ok(_) => {
            let message = survey_import_done(&responses);
            Ok(render(
                &code,
                &unit,
                year,
                &session,
                Some(&Notice::Done(message)),
                &[],
            )
            .into_response())
        }
        Err(StoreError::Refused(m)) => Ok(refused(
            format!("Berkas tidak diimpor, tidak ada yang disimpan: {m}"),
            &[],
        )),
        Err(e) => Err(e.into()),
    }
}
