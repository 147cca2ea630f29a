//! The result files of a unit's IKM survey, built from the stored responses on request: the Laporan Hasil SKM as
//! PDF or DOCX and the workbook of the results and the responses, for the period and weight of the results page.

use crate::access::Read;
use crate::http::attachment::{attachment, media_type};
use crate::http::failure::Failure;
use crate::http::guard::{File, UnitYear};
use crate::survey::ikm;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kinerja_documents::cells::column;
use kinerja_documents::model::{Align, Column};
use kinerja_documents::skm::SaranLine;
use kinerja_documents::xlsx::{Entry, Streamed};
use kinerja_documents::{render, Format};
use kinerja_domain::model::{Choice, Element};
use kinerja_storage::{ResponseQuery, StoredResponse, Survey};

/// The result files of a unit's IKM survey: `laporan.pdf`, `laporan.docx`, `ikm.xlsx`, for the period and weight
/// of the results page (`?periode=&bobot=`).
pub(crate) async fn download(
    State(state): State<AppState>,
    UnitYear(code, year, ..): UnitYear<Read>,
    Path(File { file }): Path<File>,
    Query(filter): Query<SurveyFilter>,
) -> Result<Response, Failure> {
    let format = match file.as_str() {
        "laporan.pdf" => Format::Pdf,
        "laporan.docx" => Format::Docx,
        "ikm.xlsx" => Format::Xlsx,
        _ => return Err(Failure::NotFound(format!("Dokumen '{file}' tidak ada."))),
    };
    let results = ikm::results(
        &state,
        &code,
        year,
        filter.periode.as_deref(),
        filter.bobot.as_deref(),
    )
    .await?;
    let names = ikm::service_names(&state, &code).await?;
    let query = ikm::period_query(&code, year, results.period);
    let stem = if format == Format::Xlsx {
        "ikm"
    } else {
        "laporan-skm"
    };
    let name = format!(
        "{stem}-{code}-{year}-{}.{}",
        results.period.code(),
        format.extension()
    );
    let bytes = if format == Format::Xlsx {
        survey_workbook(&state, &code, year, results, names, query).await?
    } else {
        let sarans: Vec<SaranLine> = state
            .store
            .sarans(&query)
            .await?
            .into_iter()
            .rev()
            .map(|s| SaranLine {
                date: s.date,
                service: ikm::service_name(&names, s.service).to_string(),
                saran: s.saran,
                follow_up: s.follow_up,
            })
            .collect();
        let unit = code.clone();
        tokio::task::spawn_blocking(move || {
            let document = kinerja_documents::skm::laporan_hasil_skm(
                &results.data,
                &unit,
                year,
                &results.analysis,
                &sarans,
            )
            .map_err(|e| Failure::NotFound(e.to_string()))?;
            render(&document, format).map_err(Failure::Document)
        })
        .await
        .map_err(|e| Failure::Document(e.to_string()))??
    };
    Ok(attachment(media_type(format), &name, bytes))
}

#[derive(serde::Deserialize)]
pub(crate) struct SurveyFilter {
    periode: Option<String>,
    bobot: Option<String>,
}

/// Responses read per batch for the workbook: a million responses never sit in memory at once.
const BATCH: u32 = 5_000;

/// The workbook of the results (a sheet per table, as the report's Bab II) and the responses of the period, one row
/// each, read from storage batch by batch while a blocking thread writes them to the sheet.
async fn survey_workbook(
    state: &AppState,
    code: &str,
    year: i32,
    results: ikm::Results,
    names: Vec<(i64, String)>,
    query: ResponseQuery,
) -> Result<Vec<u8>, Failure> {
    let tables = kinerja_documents::skm::hasil_skm(&results.data, code, year, &results.analysis)
        .map_err(|e| Failure::NotFound(e.to_string()))?;
    let title = format!(
        "Respons Survei Kepuasan Masyarakat {} {} {year}",
        results.unit,
        results.period.label()
    );
    let (sender, mut batches) = tokio::sync::mpsc::channel::<Vec<StoredResponse>>(2);
    let writer = tokio::task::spawn_blocking(move || {
        let mut sheet = Streamed::new(&tables, "Respons", &title, response_columns())?;
        while let Some(batch) = batches.blocking_recv() {
            for r in &batch {
                let date = r.date.indonesian();
                let service = ikm::service_name(&names, r.service);
                let mut entries =
                    vec![Entry::Whole(r.id), Entry::Text(service), Entry::Text(&date)];
                entries.extend(
                    r.scores
                        .0
                        .iter()
                        .map(|s| s.map_or(Entry::Blank, |s| Entry::Whole(i64::from(s)))),
                );
                entries.extend([
                    Entry::Text(r.sex.label()),
                    r.age.map_or(Entry::Blank, |a| Entry::Whole(i64::from(a))),
                    r.education.map_or(Entry::Blank, |e| Entry::Text(e.label())),
                    r.occupation
                        .map_or(Entry::Blank, |o| Entry::Text(o.label())),
                    r.saran.as_deref().map_or(Entry::Blank, Entry::Text),
                    r.follow_up.as_deref().map_or(Entry::Blank, Entry::Text),
                ]);
                sheet.push(&entries)?;
            }
        }
        sheet.finish()
    });
    let mut after = 0;
    loop {
        let batch = state.store.responses_after(&query, after, BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        let full = batch.len() == BATCH as usize;
        // A writer that stopped has failed: its error is told below.
        if sender.send(batch).await.is_err() || !full {
            break;
        }
    }
    drop(sender);
    writer
        .await
        .map_err(|e| Failure::Document(e.to_string()))?
        .map_err(Failure::Document)
}

fn response_columns() -> Vec<Column> {
    let mut columns = vec![
        column("ID respons", Align::Right, 2),
        column("Layanan", Align::Left, 4),
        column("Tanggal", Align::Left, 3),
    ];
    columns.extend(
        Element::ALL
            .iter()
            .map(|e| column(e.code(), Align::Right, 1)),
    );
    columns.extend([
        column("Jenis kelamin", Align::Left, 2),
        column("Usia", Align::Right, 1),
        column("Pendidikan", Align::Left, 2),
        column("Pekerjaan", Align::Left, 3),
        column("Saran", Align::Left, 8),
        column("Tindak lanjut", Align::Left, 8),
    ]);
    columns
}
