//! `kinerja survey import`: raw IKM survey responses of a unit from a CSV or XLSX file into the database, all or
//! nothing, with the messages of the web upload.

use crate::progress::Progress;
use crate::source::open_store;
use kinerja_interchange::{read_survey_responses, survey_import_done, SurveyService};
use kinerja_storage::Survey;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Import {
    /// Kode unit pemilik layanan.
    #[arg(long)]
    unit: String,
    /// Berkas respons (.csv dipisah koma atau titik koma, atau .xlsx dengan sheet Respons).
    file: PathBuf,
    #[arg(long, env = "KINERJA_DATABASE_URL")]
    db: String,
    /// Nama yang dicatat di log audit.
    #[arg(long)]
    actor: Option<String>,
}

pub async fn import(a: Import, default_actor: String) -> Result<(), String> {
    let bytes = std::fs::read(&a.file)
        .map_err(|e| format!("{}: berkas tidak dapat dibaca: {e}", a.file.display()))?;
    let store = open_store(&a.db, false).await?;
    let result = import_into(
        &store,
        &a,
        &bytes,
        &a.actor.clone().unwrap_or(default_actor),
    )
    .await;
    store.close().await;
    result
}

async fn import_into(
    store: &kinerja_storage::Store,
    a: &Import,
    bytes: &[u8],
    actor: &str,
) -> Result<(), String> {
    let services: Vec<SurveyService> = store
        .services(&a.unit)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|s| SurveyService {
            code: s.code,
            name: s.name,
        })
        .collect();
    let name = a.file.display().to_string();
    let responses = read_survey_responses(&name, bytes, &a.unit, &services).map_err(|e| {
        format!(
            "Berkas tidak diimpor, tidak ada yang disimpan: {} kesalahan.\n{e}",
            e.0.len()
        )
    })?;
    if responses.is_empty() {
        return Err(format!(
            "{name}: berkas tidak berisi respons: isi satu baris per kuesioner mulai baris 2."
        ));
    }
    let progress = Progress::new("Mengimpor respons");
    store
        .import_responses(&a.unit, &responses, actor, &|done, total| {
            progress.update(done, total)
        })
        .await
        .map_err(|e| format!("Berkas tidak diimpor, tidak ada yang disimpan: {e}"))?;
    println!("{}", survey_import_done(&responses));
    Ok(())
}
