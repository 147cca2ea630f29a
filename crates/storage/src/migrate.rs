//! Migrations embedded in the binary, one list per backend, applied at start by sqlx's migrator, which keeps each
//! applied migration's checksum in `_sqlx_migrations` and refuses a database whose applied migration differs from
//! the program's. Databases made before kept their versions in `kinerja_migration`: those are adopted on open.

use crate::error::StoreError;
use crate::sql::{begin_write, Backend};
use futures_util::future::BoxFuture;
use sqlx::error::BoxDynError;
use sqlx::migrate::{
    Migrate, MigrateError, Migration as SqlxMigration, MigrationSource, MigrationType, Migrator,
};
use sqlx::{Any, AnyPool, Transaction};
use std::borrow::Cow;

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

/// One migration by its version and name: the file `NNNN_name.sql` of each backend's folder.
macro_rules! migration {
    ($version:literal, $file:literal, $name:literal) => {
        Migration {
            version: $version,
            name: $name,
            sqlite: include_str!(concat!("../migrations/sqlite/", $file, ".sql")),
            postgres: include_str!(concat!("../migrations/postgres/", $file, ".sql")),
        }
    };
}

const MIGRATIONS: &[Migration] = &[
    migration!(1, "0001_records", "records"),
    migration!(2, "0002_accounts", "accounts"),
    migration!(3, "0003_evidence", "evidence"),
    migration!(4, "0004_survey", "survey"),
    migration!(5, "0005_generation", "generation"),
    migration!(6, "0006_survey_follow_up", "survey_follow_up"),
    migration!(7, "0007_survey_tally", "survey_tally"),
    migration!(8, "0008_audit_scope", "audit_scope"),
    migration!(9, "0009_tokens_and_sign_in", "tokens_and_sign_in"),
];

/// The table the migrations were recorded in before sqlx's migrator; dropped once adopted.
const LEGACY_TABLE: &str = "kinerja_migration";

/// The embedded migrations of one backend, as the migrator's source.
#[derive(Debug)]
struct Embedded(Backend);

impl MigrationSource<'static> for Embedded {
    fn resolve(self) -> BoxFuture<'static, Result<Vec<SqlxMigration>, BoxDynError>> {
        Box::pin(async move { Ok(migrations(self.0)) })
    }
}

fn migrations(backend: Backend) -> Vec<SqlxMigration> {
    MIGRATIONS
        .iter()
        .map(|m| {
            let sql = match backend {
                Backend::Sqlite => m.sqlite,
                Backend::Postgres => m.postgres,
            };
            SqlxMigration::new(
                m.version,
                Cow::Borrowed(m.name),
                MigrationType::Simple,
                Cow::Borrowed(sql),
                false,
            )
        })
        .collect()
}

async fn migrator(backend: Backend) -> Result<Migrator, StoreError> {
    let mut migrator = Migrator::new(Embedded(backend)).await.map_err(worded)?;
    // The whole run is one transaction under our own lock (below): sqlx's PostgreSQL lock is per database, not
    // per schema, and is held by the connection when a run fails.
    migrator.set_locking(false);
    Ok(migrator)
}

/// Adopts a legacy database's versions, then applies what is missing, all in one transaction: a failure leaves the
/// database as it was.
pub(crate) async fn apply(pool: &AnyPool, backend: Backend) -> Result<(), StoreError> {
    let migrator = migrator(backend).await?;
    let mut tx = begin_write(pool, backend).await.map_err(execute)?;
    if backend == Backend::Postgres {
        // One migrating store per schema at a time; SQLite's BEGIN IMMEDIATE already serialises writers.
        sqlx::query(
            "SELECT 1 FROM pg_advisory_xact_lock(hashtext('kinerja_migrate:' || current_schema()))",
        )
        .execute(&mut *tx)
        .await
        .map_err(execute)?;
    }
    adopt_legacy(&mut tx, backend, &migrator).await?;
    migrator.run_direct(&mut *tx).await.map_err(worded)?;
    tx.commit().await.map_err(execute)?;
    Ok(())
}

/// Moves the versions recorded in `kinerja_migration` into `_sqlx_migrations`, each with the checksum of the
/// program's migration of that version (the legacy table kept none), and drops the legacy table. A version the
/// program does not know is left for the migrator to refuse.
async fn adopt_legacy(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    migrator: &Migrator,
) -> Result<(), StoreError> {
    let exists = match backend {
        Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1",
        Backend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
        }
    };
    let found: i64 = sqlx::query_scalar(exists)
        .bind(LEGACY_TABLE)
        .fetch_one(&mut **tx)
        .await
        .map_err(execute)?;
    if found == 0 {
        return Ok(());
    }
    Migrate::ensure_migrations_table(&mut **tx)
        .await
        .map_err(worded)?;
    let versions: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT version FROM {LEGACY_TABLE} ORDER BY version"
    ))
    .fetch_all(&mut **tx)
    .await
    .map_err(execute)?;
    for version in versions {
        let (description, checksum) = match migrator.iter().find(|m| m.version == version) {
            Some(m) => (m.description.to_string(), m.checksum.to_vec()),
            // Recorded with an empty checksum, so the migrator names the unknown version.
            None => (String::new(), Vec::new()),
        };
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES ($1, $2, TRUE, $3, 0)",
        )
        .bind(version)
        .bind(description)
        .bind(checksum)
        .execute(&mut **tx)
        .await
        .map_err(execute)?;
    }
    sqlx::query(&format!("DROP TABLE {LEGACY_TABLE}"))
        .execute(&mut **tx)
        .await
        .map_err(execute)?;
    Ok(())
}

/// The versions applied to the database, oldest first (what `db copy` compares).
pub(crate) async fn applied(tx: &mut Transaction<'_, Any>) -> Result<Vec<i64>, StoreError> {
    sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
        .fetch_all(&mut **tx)
        .await
        .map_err(execute)
}

/// Whether every migration of the program is applied, checksum and all, and nothing else (readiness).
pub(crate) async fn current(pool: &AnyPool, backend: Backend) -> Result<bool, StoreError> {
    let rows: Vec<(i64, Vec<u8>)> = sqlx::query_as(
        "SELECT version, checksum FROM _sqlx_migrations WHERE success ORDER BY version",
    )
    .fetch_all(pool)
    .await
    .map_err(execute)?;
    let wanted = migrations(backend);
    Ok(rows.len() == wanted.len()
        && rows
            .iter()
            .zip(&wanted)
            .all(|((v, c), m)| *v == m.version && c.as_slice() == &*m.checksum))
}

fn execute(e: sqlx::Error) -> StoreError {
    StoreError::Migration(e.to_string())
}

/// The migrator's refusals, worded for the operator.
fn worded(e: MigrateError) -> StoreError {
    StoreError::Migration(match e {
        MigrateError::VersionMismatch(v) => format!(
            "migrasi {v} yang tercatat di basis data ini berbeda dari migrasi {v} program ini (checksum tidak cocok): \
             basis data dibuat atau diubah oleh versi kinerja lain; jalankan versi yang membuatnya atau pulihkan \
             dari cadangan"
        ),
        MigrateError::VersionMissing(v) => format!(
            "basis data ini sudah memuat migrasi {v} yang tidak dikenal program ini: basis data dibuat oleh versi \
             kinerja yang lebih baru; perbarui program"
        ),
        MigrateError::Dirty(v) => format!(
            "migrasi {v} tercatat belum selesai di basis data ini; pulihkan dari cadangan"
        ),
        MigrateError::ExecuteMigration(e, v) => format!("migrasi {v} tidak dapat diterapkan: {e}"),
        other => other.to_string(),
    })
}
