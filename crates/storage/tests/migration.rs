//! Migrations through sqlx's migrator: a database made by the release before it (versions in `kinerja_migration`,
//! no checksums) is adopted and opens with the same figures; a migration changed after it was applied is refused.

use crate::conformance::{postgres_url, raw};
use kinerja_domain::measure::measure;
use kinerja_storage::{OpenOptions, Repository, Store, StoreError};
use kinerja_test_support::{reference, unique, unzip, TempDir};
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};

/// A database written by main before the migrator (commit 9fe049e: `Store::open` with `create`, `import` of
/// `data/ngoro`, `create_user` of one admin; schema at migration 7, tracked in `kinerja_migration`), zipped.
const LEGACY_SQLITE: &[u8] = include_bytes!("fixtures/ngoro-kinerja-migration.zip");

/// The legacy database written into `dir`; its URL.
fn legacy_sqlite(dir: &TempDir, name: &str) -> String {
    let file = dir.path().join(name);
    let parts = unzip(LEGACY_SQLITE);
    std::fs::write(&file, &parts["ngoro-kinerja-migration.db"]).unwrap();
    format!("sqlite://{}", file.display())
}

/// The legacy bookkeeping table, as the release before created it.
const LEGACY_TABLE: &str = "CREATE TABLE IF NOT EXISTS kinerja_migration (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

/// The PostgreSQL migrations of that release, in order.
const LEGACY_POSTGRES: &[(i64, &str, &str)] = &[
    (
        1,
        "records",
        include_str!("../migrations/postgres/0001_records.sql"),
    ),
    (
        2,
        "accounts",
        include_str!("../migrations/postgres/0002_accounts.sql"),
    ),
    (
        3,
        "evidence",
        include_str!("../migrations/postgres/0003_evidence.sql"),
    ),
    (
        4,
        "survey",
        include_str!("../migrations/postgres/0004_survey.sql"),
    ),
    (
        5,
        "generation",
        include_str!("../migrations/postgres/0005_generation.sql"),
    ),
    (
        6,
        "survey_follow_up",
        include_str!("../migrations/postgres/0006_survey_follow_up.sql"),
    ),
    (
        7,
        "survey_tally",
        include_str!("../migrations/postgres/0007_survey_tally.sql"),
    ),
];

fn measurement_json(dataset: &kinerja_domain::model::Dataset) -> String {
    serde_json::to_string_pretty(&measure(dataset, "ngoro", 2024).unwrap()).unwrap()
}

/// The reference figures as a freshly imported database gives them.
async fn freshly_imported(url: &str, schema: Option<String>) -> String {
    let store = Store::open(
        url,
        OpenOptions {
            create: true,
            schema,
            ..OpenOptions::default()
        },
    )
    .await
    .unwrap();
    store.import(reference(), "uji", &|_, _| {}).await.unwrap();
    let json = measurement_json(&store.load_unit("ngoro").await.unwrap());
    store.close().await;
    json
}

async fn tables(pool: &AnyPool, sql: &str) -> Vec<String> {
    sqlx::query_scalar(sql).fetch_all(pool).await.unwrap()
}

/// After adoption: the seven adopted migrations and the program's two newer ones (0008 audit scope, 0009 tokens and
/// sign-in), each with its checksum, the legacy table gone, nothing left to apply.
async fn assert_adopted(pool: &AnyPool, table_names: &str) {
    let versions: Vec<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations ORDER BY version")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(
        versions.iter().map(|v| v.0).collect::<Vec<_>>(),
        (1..=9).collect::<Vec<_>>()
    );
    assert!(
        versions.iter().all(|v| v.1.len() == 48),
        "SHA-384 checksums"
    );
    let names = tables(pool, table_names).await;
    assert!(!names.iter().any(|t| t == "kinerja_migration"), "{names:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_sqlite_database_of_the_previous_release_migrates_with_the_same_figures() {
    let dir = TempDir::new("kinerja_legacy");
    let url = legacy_sqlite(&dir, "lama.db");
    let sqlite_tables = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";

    let before = raw(&url, None).await;
    let legacy: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM kinerja_migration ORDER BY version")
            .fetch_all(&before)
            .await
            .unwrap();
    assert_eq!(
        legacy,
        (1..=7).collect::<Vec<_>>(),
        "the fixture is a legacy database"
    );
    assert!(!tables(&before, sqlite_tables)
        .await
        .contains(&"_sqlx_migrations".to_string()));
    before.close().await;

    let store = Store::open(&url, OpenOptions::default()).await.unwrap();
    assert!(store.migrations_current().await.unwrap());
    let migrated = measurement_json(&store.load_unit("ngoro").await.unwrap());
    store.close().await;
    let after = raw(&url, None).await;
    assert_adopted(&after, sqlite_tables).await;
    after.close().await;

    let fresh = freshly_imported(
        &format!("sqlite://{}", dir.path().join("baru.db").display()),
        None,
    )
    .await;
    assert_eq!(migrated, fresh);

    // Opening again adopts and applies nothing.
    let again = Store::open(&url, OpenOptions::default()).await.unwrap();
    assert_eq!(
        measurement_json(&again.load_unit("ngoro").await.unwrap()),
        fresh
    );
    again.close().await;
}

/// PostgreSQL available, or `None` outside CI.
async fn postgres() -> Option<String> {
    let url = postgres_url();
    sqlx::any::install_default_drivers();
    match AnyPoolOptions::new().max_connections(1).connect(&url).await {
        Ok(pool) => {
            pool.close().await;
            Some(url)
        }
        Err(e) if std::env::var("CI").as_deref() != Ok("true") => {
            eprintln!("PostgreSQL dilewati: {e}");
            None
        }
        Err(e) => panic!("PostgreSQL tidak dapat dihubungi (CI=true): {e}"),
    }
}

async fn drop_schema(url: &str, schema: &str) {
    let pool = raw(url, None).await;
    pool.execute(format!("DROP SCHEMA \"{schema}\" CASCADE").as_str())
        .await
        .unwrap();
    pool.close().await;
}

/// A schema built as the release before built it: its migrations, recorded in `kinerja_migration`.
async fn legacy_postgres_schema(url: &str, schema: &str) {
    let pool = raw(url, None).await;
    pool.execute(format!("CREATE SCHEMA \"{schema}\"").as_str())
        .await
        .unwrap();
    pool.close().await;
    let pool = raw(url, Some(schema)).await;
    sqlx::raw_sql(LEGACY_TABLE).execute(&pool).await.unwrap();
    for (version, name, sql) in LEGACY_POSTGRES {
        sqlx::raw_sql(sql).execute(&pool).await.unwrap();
        sqlx::query(
            "INSERT INTO kinerja_migration (version, name, applied_at) VALUES ($1, $2, $3)",
        )
        .bind(version)
        .bind(*name)
        .bind("2025-01-01T00:00:00Z")
        .execute(&pool)
        .await
        .unwrap();
    }
    pool.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_schema_of_the_previous_release_is_adopted() {
    let Some(url) = postgres().await else { return };
    let schema = unique("kinerja_lama");
    legacy_postgres_schema(&url, &schema).await;

    let adopted = freshly_imported(&url, Some(schema.clone())).await;
    let pool = raw(&url, Some(&schema)).await;
    assert_adopted(
        &pool,
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()",
    )
    .await;
    pool.close().await;

    let fresh_schema = unique("kinerja_baru");
    let fresh = freshly_imported(&url, Some(fresh_schema.clone())).await;
    assert_eq!(adopted, fresh);
    drop_schema(&url, &schema).await;
    drop_schema(&url, &fresh_schema).await;
}

/// Changes migration 3's recorded checksum, as a migration edited after it was applied would.
async fn tamper(pool: &AnyPool) {
    sqlx::query("UPDATE _sqlx_migrations SET checksum = $1 WHERE version = 3")
        .bind(vec![0u8; 48])
        .execute(pool)
        .await
        .unwrap();
}

/// The message of a migration refusal; anything else fails the test.
fn refusal(opened: Result<Store, StoreError>) -> String {
    match opened {
        Err(e @ StoreError::Migration(_)) => e.to_string(),
        Err(e) => panic!("expected a migration error, got {e}"),
        Ok(_) => panic!("the database must be refused"),
    }
}

fn assert_tampering_refused(opened: Result<Store, StoreError>) {
    let m = refusal(opened);
    assert!(
        m.contains("migrasi 3") && m.contains("checksum tidak cocok"),
        "{m}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_migration_is_refused_on_sqlite() {
    let dir = TempDir::new("kinerja_tamper");
    let url = format!("sqlite://{}", dir.path().join("uji.db").display());
    let create = OpenOptions {
        create: true,
        ..OpenOptions::default()
    };
    Store::open(&url, create).await.unwrap().close().await;
    let pool = raw(&url, None).await;
    tamper(&pool).await;
    pool.close().await;
    assert_tampering_refused(Store::open(&url, OpenOptions::default()).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_migration_is_refused_on_postgres() {
    let Some(url) = postgres().await else { return };
    let schema = unique("kinerja_ubah");
    let options = || OpenOptions {
        schema: Some(schema.clone()),
        ..OpenOptions::default()
    };
    Store::open(&url, options()).await.unwrap().close().await;
    let pool = raw(&url, Some(&schema)).await;
    tamper(&pool).await;
    pool.close().await;
    assert_tampering_refused(Store::open(&url, options()).await);
    drop_schema(&url, &schema).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_legacy_version_unknown_to_the_program_is_refused_and_nothing_changes() {
    let dir = TempDir::new("kinerja_newer");
    let url = legacy_sqlite(&dir, "baru.db");
    let pool = raw(&url, None).await;
    sqlx::query(
        "INSERT INTO kinerja_migration (version, name, applied_at) VALUES (99, 'later', 'x')",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    let m = refusal(Store::open(&url, OpenOptions::default()).await);
    assert!(
        m.contains("migrasi 99") && m.contains("tidak dikenal"),
        "{m}"
    );
    let pool = raw(&url, None).await;
    let legacy: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM kinerja_migration")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(legacy, 8, "the refused adoption was rolled back");
    pool.close().await;
}
