//! `kinerja demo`: a working SQLite database with the reference data, what it computes, and one demo user per
//! role sharing a random password printed once; with `--serve`, the web application over it.

use crate::reference;
use crate::source::open_store;
use kinerja_documents::{render, Format};
use kinerja_domain::measure::measure;
use kinerja_storage::{Accounts, NewUser, Repository, Role, Store};
use std::path::Path;

/// The demo's users, one per role, all with the password generated at this run (there is no default password).
const DEMO_USERS: &[(&str, &str, Role, &[&str])] = &[
    ("admin", "Admin Demo", Role::AdminPemda, &[]),
    (
        "operator",
        "Operator Kecamatan Ngoro",
        Role::Operator,
        &[reference::UNIT],
    ),
    ("camat", "Camat Ngoro", Role::Pimpinan, &[reference::UNIT]),
    ("inspektorat", "Evaluator Inspektorat", Role::Evaluator, &[]),
];

/// Gives every demo user a fresh random password (the same for all, a new one at every run).
async fn demo_users(store: &Store) -> Result<String, String> {
    let password = kinerja_storage::generate_password().map_err(|e| e.to_string())?;
    for (username, display_name, role, units) in DEMO_USERS {
        let existing = store.user(username).await.map_err(|e| e.to_string())?;
        match existing {
            Some(_) => store.set_password(username, &password, "demo").await,
            None => store
                .create_user(
                    &NewUser {
                        username: username.to_string(),
                        display_name: display_name.to_string(),
                        role: *role,
                        units: units.iter().map(|u| u.to_string()).collect(),
                    },
                    &password,
                    "demo",
                )
                .await
                .map(|_| ()),
        }
        .map_err(|e| e.to_string())?;
    }
    Ok(password)
}

/// Prepares the demo in `dir`; with `serve`, then serves it on that address until stopped.
pub async fn run(dir: &Path, serve: Option<&str>) -> Result<(), String> {
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
    let password = demo_users(&store).await;
    store.close().await;
    let summary = summary?;
    let stored = stored?;
    let password = password?;
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
            format!(
                "{}{}",
                crate::measure_cmd::render_text(&lkjip),
                crate::measure_cmd::indices_text(&m)
            )
            .into_bytes(),
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
    let names: Vec<String> = DEMO_USERS
        .iter()
        .map(|(u, _, role, _)| format!("{u} ({})", role.label()))
        .collect();
    println!(
        "Pengguna demo: {}; kata sandi semuanya: {password} (hanya ditampilkan sekali; berganti setiap kali demo dijalankan)",
        names.join(", ")
    );
    match serve {
        Some(listen) => {
            let store = open_store(&url, false).await?;
            let settings = kinerja_web::Settings {
                connections: crate::web_cmd::ConnectionFlags::default().limits()?,
                ..kinerja_web::Settings::default()
            };
            crate::web_cmd::serve_store(store, listen, settings).await
        }
        None => {
            println!("Aplikasi web: kinerja serve --db {url}  (atau kinerja demo --serve)");
            Ok(())
        }
    }
}
