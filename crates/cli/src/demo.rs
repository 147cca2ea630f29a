//! `kinerja demo`: a working SQLite database with the reference data, and what it computes.

use crate::reference;
use crate::source::open_store;
use kinerja_documents::{render, Format};
use kinerja_domain::measure::measure;
use kinerja_storage::Repository;
use std::path::Path;

pub async fn run(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("{}: folder tidak dapat dibuat: {e}", dir.display()))?;
    let data = reference::dataset().map_err(|e| format!("data rujukan rusak:\n{e}"))?;
    let db_path = dir.join("kinerja.db");
    let url = format!("sqlite://{}", db_path.display());
    let store = open_store(&url, true).await?;
    let summary = store
        .import(&data, "demo", &|_, _| {})
        .await
        .map_err(|e| e.to_string());
    let stored = store
        .load_unit(reference::UNIT)
        .await
        .map_err(|e| e.to_string());
    store.close().await;
    let summary = summary?;
    let stored = stored?;
    println!(
        "Basis data: {} ({} catatan baru, {} sudah ada)",
        db_path.display(),
        summary.inserted,
        summary.unchanged
    );

    let m = measure(&stored, reference::UNIT, reference::YEAR).map_err(|e| e.to_string())?;
    let base = format!("pengukuran-{}-{}", reference::UNIT, reference::YEAR);
    let (unit, year) = (reference::UNIT, reference::YEAR);
    let lkjip = kinerja_documents::lkjip(&stored, unit, year).map_err(|e| e.to_string())?;
    let pk = kinerja_documents::perjanjian_kinerja(&stored, unit, year, None)
        .map_err(|e| e.to_string())?;
    let review = kinerja_domain::review::review(&stored, unit, year).map_err(|e| e.to_string())?;
    let mut written = vec![
        (
            dir.join(format!("{base}.json")),
            serde_json::to_vec_pretty(&m).map_err(|e| e.to_string())?,
        ),
        (
            dir.join(format!("{base}.txt")),
            crate::measure_cmd::render_text(&lkjip).into_bytes(),
        ),
        (
            dir.join(format!("dataset-{unit}.xlsx")),
            kinerja_interchange::write_workbook(&stored)?,
        ),
    ];
    for format in [Format::Pdf, Format::Docx, Format::Xlsx] {
        written.push((
            dir.join(format!("lkjip-{unit}-{year}.{}", format.extension())),
            render(&lkjip, format)?,
        ));
    }
    for format in [Format::Pdf, Format::Docx] {
        written.push((
            dir.join(format!("pk-{unit}-{year}.{}", format.extension())),
            render(&pk, format)?,
        ));
    }
    written.push((
        dir.join(format!("reviu-{unit}-{year}.txt")),
        crate::check_cmd::render_text(&review).into_bytes(),
    ));
    written.push((
        dir.join(format!("reviu-{unit}-{year}.json")),
        serde_json::to_vec_pretty(&review).map_err(|e| e.to_string())?,
    ));
    for (path, bytes) in &written {
        std::fs::write(path, bytes)
            .map_err(|e| format!("{}: tidak dapat ditulis: {e}", path.display()))?;
        println!("Ditulis: {}", path.display());
    }
    let akip = m
        .akip
        .as_ref()
        .map(|a| kinerja_domain::number::format_decimal(a.total, 2))
        .unwrap_or_default();
    println!(
        "{} {}: rata-rata capaian IKU {}, AKIP {}, serapan anggaran {}.",
        m.unit.name,
        m.year,
        m.iku
            .average
            .value
            .map(|v| kinerja_domain::number::format_percent(v, 2))
            .unwrap_or_default(),
        akip,
        m.budget
            .total
            .serapan
            .map(|v| kinerja_domain::number::format_percent(v, 2))
            .unwrap_or_default(),
    );
    println!(
        "Lihat tabelnya: kinerja measure {url} --unit {} --year {}",
        reference::UNIT,
        reference::YEAR
    );
    Ok(())
}
