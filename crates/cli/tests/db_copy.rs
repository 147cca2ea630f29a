//! `kinerja db copy`: the reference unit's SQLite database, with users, an uploaded file and survey responses,
//! copied to PostgreSQL and from there to a new SQLite file keeps every row of every table (bytes and timestamps
//! included), the triggers, and every computed figure; a non-empty target is refused unless `--replace`, which
//! works on both backends; after a copy the target's ids continue past the copied ones. PostgreSQL as in
//! two_servers.rs (a schema of its own; skipped when unreachable, except under `CI=true`).

use crate::common::{kinerja, runtime, stderr, Place, Schema};
use kinerja_domain::model::{Education, Occupation, Scores, Sex};
use kinerja_storage::{
    Files, NewFile, NewResponse, OpenOptions, ServiceSpec, Store, Submitted, Survey, SurveyWriter,
};
use sqlx::any::AnyPoolOptions;
use sqlx::Executor;
use std::process::Output;
use std::time::Duration;

fn run(args: &[&str]) -> Output {
    kinerja().args(args).output().unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn copy(from: &str, to: &str, replace: bool) -> Output {
    let mut args = vec!["db", "copy", "--from", from, "--to", to];
    if replace {
        args.push("--replace");
    }
    run(&args)
}

async fn open(url: &str) -> Store {
    Store::open(url, OpenOptions::default()).await.unwrap()
}

/// A service with three responses (a missing answer, a saran with non-ASCII text) and a file whose bytes are every
/// byte value, NUL included.
async fn add_survey_and_file(url: &str) {
    let store = open(url).await;
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    store
        .store_file(
            "ngoro",
            &NewFile {
                name: "bukti dukung.pdf",
                media_type: "application/pdf",
                bytes: &bytes,
            },
            "uji",
        )
        .await
        .unwrap();
    let service = store
        .create_service(
            "ngoro",
            &ServiceSpec {
                name: "Layanan KTP".into(),
                population: Some(1_200),
                requires_code: false,
                active: true,
            },
            "uji",
        )
        .await
        .unwrap();
    let writer = SurveyWriter::new(store.clone(), Duration::ZERO);
    for (i, sex) in [Sex::Female, Sex::Male, Sex::Female]
        .into_iter()
        .enumerate()
    {
        let mut scores = [
            Some(4),
            Some(3),
            Some(4),
            Some(2),
            Some(3),
            Some(4),
            Some(4),
            Some(1),
            Some(3),
        ];
        scores[i] = None;
        let submitted = writer
            .submit(NewResponse {
                service: service.id,
                sex,
                age: Some(30 + i as u8),
                education: Some(Education::SMA),
                occupation: Some(Occupation::Pns),
                scores: Scores(scores),
                saran: (i != 1).then(|| format!("Antrean lebih cepat — «{i}»")),
                visit_code: None,
                client: format!("uji-{i}"),
            })
            .await
            .unwrap();
        assert_eq!(submitted, Submitted::Stored);
    }
    drop(writer);
    store.close().await;
}

/// Every table of two SQLite files has the same rows (by value and storage type), and the files the same
/// triggers; the bookkeeping of each file (migration dates, data generation) may differ. Returns the rows
/// compared per table.
async fn same_sqlite(original: &str, copy: &str) -> Vec<(String, i64)> {
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(&format!("sqlite://{original}"))
        .await
        .unwrap();
    pool.execute(format!("ATTACH DATABASE '{copy}' AS salinan").as_str())
        .await
        .unwrap();
    let objects = |schema: &str, kind: &str| {
        format!("SELECT name FROM {schema}.sqlite_master WHERE type = '{kind}' AND name NOT LIKE 'sqlite%' ORDER BY name")
    };
    for kind in ["table", "trigger", "index"] {
        let a: Vec<String> = sqlx::query_scalar(&objects("main", kind))
            .fetch_all(&pool)
            .await
            .unwrap();
        let b: Vec<String> = sqlx::query_scalar(&objects("salinan", kind))
            .fetch_all(&pool)
            .await
            .unwrap();
        assert_eq!(a, b, "{kind}");
    }
    let tables: Vec<String> = sqlx::query_scalar(&objects("main", "table"))
        .fetch_all(&pool)
        .await
        .unwrap();
    let mut compared = Vec::new();
    for t in tables
        .into_iter()
        .filter(|t| t != "_sqlx_migrations" && t != "data_generation")
    {
        let count = |schema: &str| format!("SELECT COUNT(*) FROM {schema}.\"{t}\"");
        let a: i64 = sqlx::query_scalar(&count("main"))
            .fetch_one(&pool)
            .await
            .unwrap();
        let b: i64 = sqlx::query_scalar(&count("salinan"))
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(a, b, "rows of {t}");
        for (x, y) in [("main", "salinan"), ("salinan", "main")] {
            let differ: i64 = sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM (SELECT * FROM {x}.\"{t}\" EXCEPT SELECT * FROM {y}.\"{t}\")"
            ))
            .fetch_one(&pool)
            .await
            .unwrap();
            assert_eq!(differ, 0, "rows of {t} in {x} that are not in {y}");
        }
        compared.push((t, a));
    }
    pool.close().await;
    compared
}

/// What the measurement and the LKjIP (as JSON) of the reference unit compute from the database at `url`.
fn figures(url: &str, dir: &std::path::Path, name: &str) -> (String, Vec<u8>) {
    let measured = ok(&[
        "measure", url, "--unit", "ngoro", "--year", "2024", "--format", "json",
    ]);
    let file = dir.join(format!("{name}.json"));
    ok(&[
        "report",
        "lkjip",
        url,
        "--unit",
        "ngoro",
        "--year",
        "2024",
        "--format",
        "json",
        "-o",
        file.to_str().unwrap(),
    ]);
    (measured, std::fs::read(file).unwrap())
}

#[test]
fn sqlite_to_postgres_to_sqlite_keeps_everything() {
    sqlx::any::install_default_drivers();
    let Some(schema) = Schema::create("kinerja_salin") else {
        return;
    };
    let pg = schema.url();
    let place = Place::new("salin");
    place.user("operator", "operator", &["ngoro"]);
    place.user("admin", "admin_pemda", &[]);
    let original = place.url();
    let original_path = original.strip_prefix("sqlite://").unwrap().to_string();
    let dir = std::path::Path::new(&original_path)
        .parent()
        .unwrap()
        .to_path_buf();
    runtime().block_on(add_survey_and_file(&original));

    let out = copy(&original, &pg, false);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Penyalinan selesai"), "{said}");
    assert!(
        said.contains("survey_response") && said.contains("evidence_file"),
        "{said}"
    );

    // A second copy into the same schema is refused and leaves it as it was.
    let out = copy(&original, &pg, false);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("tidak kosong"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--replace"), "{}", stderr(&out));

    let back_path = dir.join("salinan.db");
    let back = format!("sqlite://{}", back_path.display());
    let out = copy(&pg, &back, false);
    assert!(out.status.success(), "{}", stderr(&out));
    let compared = runtime().block_on(same_sqlite(&original_path, back_path.to_str().unwrap()));
    let rows = |table: &str| compared.iter().find(|(t, _)| t == table).map(|(_, n)| *n);
    assert_eq!(rows("survey_response"), Some(3));
    assert_eq!(rows("evidence_file"), Some(1));
    assert_eq!(rows("app_user"), Some(2));
    assert!(
        rows("record").unwrap() > 1_000 && rows("audit").unwrap() > 1_000,
        "{compared:?}"
    );

    let expected = figures(&original, &dir, "asli");
    assert!(expected.0.contains("\"unit\""), "{}", expected.0);
    assert_eq!(figures(&pg, &dir, "postgres"), expected);
    assert_eq!(figures(&back, &dir, "kembali"), expected);

    // New rows on the target get ids after the copied ones, and the file comes back byte for byte.
    runtime().block_on(async {
        let store = open(&pg).await;
        let (_, bytes) = store
            .file(
                "ngoro",
                &kinerja_storage::file_id(&(0..=255u8).cycle().take(70_000).collect::<Vec<_>>()),
            )
            .await
            .unwrap()
            .expect("the copied file");
        assert_eq!(bytes, (0..=255u8).cycle().take(70_000).collect::<Vec<_>>());
        let service = crate::common::service(&store, "Layanan kedua").await;
        assert_eq!(service.id, 2);
        store.close().await;
    });

    // --replace empties the target in the same transaction: PostgreSQL, then SQLite (whose audit log refuses
    // deletion by trigger), both back to the original's rows.
    let out = copy(&original, &pg, true);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = copy(&pg, &back, false);
    assert!(!out.status.success());
    let out = copy(&pg, &back, true);
    assert!(out.status.success(), "{}", stderr(&out));
    runtime().block_on(same_sqlite(&original_path, back_path.to_str().unwrap()));
    assert_eq!(figures(&back, &dir, "diganti"), expected);
}
