//! validate, import, export and template: moving data between files and the database.

use crate::progress::Progress;
use crate::source::open_store;
use crate::ExportFormat;
use kinerja_domain::measure::measure;
use kinerja_domain::model::Dataset;
use kinerja_interchange::{DatasetErrors, Scope};
use kinerja_storage::Repository;
use std::path::Path;

fn refused(e: DatasetErrors) -> String {
    format!(
        "Data ditolak ({} kesalahan), tidak ada yang disimpan:\n{e}",
        e.0.len()
    )
}

pub fn validate(path: &Path) -> Result<(), String> {
    let data = kinerja_interchange::load(path)
        .map_err(|e| format!("Dataset ditolak ({} kesalahan):\n{e}", e.0.len()))?;
    println!(
        "Dataset sah: {} unit, {} indikator, {} target, {} realisasi.",
        data.units.len(),
        data.indicators.len(),
        data.targets.len(),
        data.realisations.len()
    );
    Ok(())
}

fn is_workbook(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Reads a workbook or TOML files with the given scope of validation.
pub fn read_input(path: &Path, scope: Scope) -> Result<Dataset, String> {
    if is_workbook(path) {
        let bytes = std::fs::read(path)
            .map_err(|e| format!("{}: berkas tidak dapat dibaca: {e}", path.display()))?;
        kinerja_interchange::read_workbook_scoped(&path.display().to_string(), &bytes, scope)
            .map_err(refused)
    } else {
        kinerja_interchange::read(path, scope).map_err(refused)
    }
}

pub fn convert(input: &Path, output: &Path) -> Result<(), String> {
    let data = read_input(input, Scope::Whole)?;
    let bytes = if is_workbook(output) {
        kinerja_interchange::write_workbook(&data)?
    } else {
        kinerja_interchange::to_toml_string(&data)?.into_bytes()
    };
    std::fs::write(output, bytes)
        .map_err(|e| format!("{}: tidak dapat ditulis: {e}", output.display()))?;
    println!("Ditulis: {}", output.display());
    Ok(())
}

pub async fn import(path: &Path, db: &str, create: bool, actor: &str) -> Result<(), String> {
    // A part: references may point at what is stored already; the merged whole is validated before writing.
    let data = read_input(path, Scope::Part)?;
    let store = open_store(db, create).await?;
    let progress = Progress::new("Mengimpor");
    let result = store
        .import(&data, actor, &|done, total| progress.update(done, total))
        .await;
    store.close().await;
    let s = result.map_err(|e| e.to_string())?;
    println!(
        "Impor selesai: {} baru, {} diubah, {} tetap, {} dihapus (kelompok yang diganti utuh).",
        s.inserted, s.updated, s.unchanged, s.removed
    );
    Ok(())
}

pub async fn export(
    db: &str,
    unit: &str,
    year: Option<i32>,
    format: ExportFormat,
    output: &Path,
) -> Result<(), String> {
    let store = open_store(db, false).await?;
    let loaded = store.load_unit(unit).await.map_err(|e| e.to_string());
    store.close().await;
    let data = loaded?;
    if data.unit(unit).is_none() {
        return Err(format!("unit '{unit}' tidak ada di basis data"));
    }
    let bytes = match format {
        ExportFormat::Json => {
            let year = year.ok_or("ekspor json (tabel pengukuran) memerlukan --year")?;
            let m = measure(&data, unit, year).map_err(|e| e.to_string())?;
            serde_json::to_vec_pretty(&m).map_err(|e| e.to_string())?
        }
        ExportFormat::Dataset => {
            let data = match year {
                Some(y) => data.only_year(y),
                None => data,
            };
            kinerja_interchange::to_toml_string(&data)?.into_bytes()
        }
        ExportFormat::Xlsx => {
            let data = match year {
                Some(y) => data.only_year(y),
                None => data,
            };
            kinerja_interchange::write_workbook(&data)?
        }
    };
    std::fs::write(output, bytes)
        .map_err(|e| format!("{}: tidak dapat ditulis: {e}", output.display()))?;
    println!("Ditulis: {}", output.display());
    Ok(())
}

pub fn template(output: &Path) -> Result<(), String> {
    let bytes = kinerja_interchange::template_workbook()?;
    std::fs::write(output, bytes)
        .map_err(|e| format!("{}: tidak dapat ditulis: {e}", output.display()))?;
    println!("Templat workbook ditulis: {}", output.display());
    Ok(())
}

pub fn generate(shape: kinerja_interchange::synthetic::Shape, output: &Path) -> Result<(), String> {
    let data = kinerja_interchange::synthetic::generate(shape);
    let text = kinerja_interchange::to_toml_string(&data)?;
    std::fs::write(output, text)
        .map_err(|e| format!("{}: tidak dapat ditulis: {e}", output.display()))?;
    println!(
        "Ditulis: {} ({} unit, {} indikator, {} realisasi, {} responden IKM)",
        output.display(),
        data.units.len(),
        data.indicators.len(),
        data.realisations.len(),
        data.ikm_responses.len()
    );
    Ok(())
}
