//! Excel in and out for a unit: the empty template, the unit's data as a workbook (to edit and send back), and the
//! upload of a workbook merged into the store. An upload may make only the changes its uploader may make on the
//! web's forms (`kinerja_domain::write_rules`: an operator does not set the evaluator's values, nobody changes a
//! locked PK), and an operator's only to the unit's own records; the store refuses the whole upload otherwise,
//! naming the records. The admin pemda may upload for the whole pemda. Every error names the sheet, row and
//! column, and nothing is written unless all of it is valid.

use crate::access::{Enter, Read};
use crate::http::attachment::{attachment, media_type};
use crate::http::failure::Failure;
use crate::http::guard::{Unit, UnitYear};
use crate::http::layout;
use crate::http::session::{NoFields, PostedFile, Signed};
use crate::http::writes::Notice;
use crate::unit;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_documents::Format;
use kinerja_interchange::{read_workbook_scoped, template_workbook, write_workbook, Scope};
use kinerja_storage::{Repository, Role, Session, StoreError};
use maud::{html, Markup};

/// The largest workbook taken: a kabupaten's year fits in a few MiB.
pub(crate) const MAX_WORKBOOK_BYTES: usize = 20 * 1024 * 1024;

fn workbook(name: &str, bytes: Vec<u8>) -> Response {
    attachment(media_type(Format::Xlsx), name, bytes)
}

/// The empty workbook with instructions, drop-downs and every sheet, for any signed-in user.
pub(crate) async fn template(Signed(_): Signed) -> Result<Response, Failure> {
    let bytes = template_workbook().map_err(Failure::Document)?;
    Ok(workbook("templat-kinerja.xlsx", bytes))
}

/// The unit's data as a workbook, in the same form the upload reads.
pub(crate) async fn export(
    State(state): State<AppState>,
    Unit(code, ..): Unit<Read>,
) -> Result<Response, Failure> {
    let data = unit::data(&state, &code).await?;
    let bytes = write_workbook(&data).map_err(Failure::Document)?;
    Ok(workbook(&format!("data-{code}.xlsx"), bytes))
}

pub(crate) async fn page(
    UnitYear(code, year, session, ..): UnitYear<Enter>,
) -> Result<Markup, Failure> {
    Ok(render(&code, year, &session, None))
}

fn render(code: &str, year: i32, session: &Session, notice: Option<&Notice>) -> Markup {
    let base = format!("/unit/{code}/{year}");
    let body = html! {
        h1 { "Impor dan ekspor Excel" }
        p { a href=(base) { "← Kembali ke dasbor" } }
        (Notice::markup(notice))
        ol {
            li { a href="/templat.xlsx" { "Unduh templat kosong" } " (lembar Petunjuk menjelaskan setiap kolom), atau" }
            li { a href={ "/unit/" (code) "/data.xlsx" } { "unduh data unit ini" } " untuk diubah;" }
            li { "isi atau ubah di Excel, lalu unggah di sini. Data dengan kunci yang sama diperbarui, data baru ditambahkan; "
                 "bila ada satu saja kesalahan, tidak ada yang disimpan dan setiap kesalahan ditunjukkan letaknya." }
        }
        @if session.user.role != Role::AdminPemda {
            p.hint { "Unggahan Anda hanya boleh mengubah data unit Anda sendiri." }
        }
        (layout::upload_form(session, &format!("{base}/impor"), "Berkas Excel (.xlsx)", ".xlsx"))
    };
    layout::page("Impor Excel", session, body)
}

pub(crate) async fn upload(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    PostedFile { file, .. }: PostedFile<NoFields>,
) -> Result<Response, Failure> {
    let refused = |status: StatusCode, message: String| {
        (
            status,
            render(&code, year, &session, Some(&Notice::Refused(message))),
        )
            .into_response()
    };
    let Some(file) = file else {
        return Ok(refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Pilih berkas Excel (.xlsx) yang akan diunggah.".into(),
        ));
    };
    let name = file.name.clone();
    let bytes = file.bytes;
    let data =
        match tokio::task::spawn_blocking(move || read_workbook_scoped(&name, &bytes, Scope::Part))
            .await
        {
            Ok(Ok(data)) => data,
            Ok(Err(errors)) => {
                return Ok(refused(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("Berkas tidak diimpor, tidak ada yang disimpan:\n{errors}"),
                ))
            }
            Err(e) => return Err(Failure::Document(e.to_string())),
        };
    let actor = session.user.username.clone();
    // An admin's upload may hold every unit's data; anyone else's only the unit's of the address.
    let scope = (session.user.role != Role::AdminPemda).then_some(code.as_str());
    let result = state
        .store
        .import_as(session.user.writer(), scope, &data, &actor, &|_, _| {})
        .await;
    match result {
        Ok(s) => {
            let message = format!(
                "Impor selesai: {} data baru, {} diperbarui, {} tetap, {} dihapus.",
                s.inserted, s.updated, s.unchanged, s.removed
            );
            Ok(render(&code, year, &session, Some(&Notice::Done(message))).into_response())
        }
        Err(StoreError::Invalid(e)) => Ok(refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("Data tidak diimpor, tidak ada yang disimpan:\n{e}"),
        )),
        Err(StoreError::Refused(m)) => Ok(refused(StatusCode::FORBIDDEN, m)),
        Err(e) => Err(e.into()),
    }
}
