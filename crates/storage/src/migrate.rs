//! Migrations embedded in the binary, one list per backend, applied in order at start.

use crate::error::StoreError;
use crate::sql::{begin_write, Backend};
use sqlx::AnyPool;

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "records",
        sqlite: include_str!("../migrations/sqlite/0001_records.sql"),
        postgres: include_str!("../migrations/postgres/0001_records.sql"),
    },
    Migration {
        version: 2,
        name: "accounts",
        sqlite: include_str!("../migrations/sqlite/0002_accounts.sql"),
        postgres: include_str!("../migrations/postgres/0002_accounts.sql"),
    },
    Migration {
        version: 3,
        name: "evidence",
        sqlite: include_str!("../migrations/sqlite/0003_evidence.sql"),
        postgres: include_str!("../migrations/postgres/0003_evidence.sql"),
    },
    Migration {
        version: 4,
        name: "survey",
        sqlite: include_str!("../migrations/sqlite/0004_survey.sql"),
        postgres: include_str!("../migrations/postgres/0004_survey.sql"),
    },
    Migration {
        version: 5,
        name: "generation",
        sqlite: include_str!("../migrations/sqlite/0005_generation.sql"),
        postgres: include_str!("../migrations/postgres/0005_generation.sql"),
    },
    Migration {
        version: 6,
        name: "survey_follow_up",
        sqlite: include_str!("../migrations/sqlite/0006_survey_follow_up.sql"),
        postgres: include_str!("../migrations/postgres/0006_survey_follow_up.sql"),
    },
    Migration {
        version: 7,
        name: "survey_tally",
        sqlite: include_str!("../migrations/sqlite/0007_survey_tally.sql"),
        postgres: include_str!("../migrations/postgres/0007_survey_tally.sql"),
    },
    Migration {
        version: 8,
        name: "audit_scope",
        sqlite: include_str!("../migrations/sqlite/0008_audit_scope.sql"),
        postgres: include_str!("../migrations/postgres/0008_audit_scope.sql"),
    },
    Migration {
        version: 9,
        name: "tokens_and_sign_in",
        sqlite: include_str!("../migrations/sqlite/0009_tokens_and_sign_in.sql"),
        postgres: include_str!("../migrations/postgres/0009_tokens_and_sign_in.sql"),
    },
];

pub(crate) async fn apply(pool: &AnyPool, backend: Backend, now: &str) -> Result<(), StoreError> {
    let fail = |e: sqlx::Error| StoreError::Migration(e.to_string());
    sqlx::raw_sql(
        "CREATE TABLE IF NOT EXISTS kinerja_migration (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )
    .execute(pool)
    .await
    .map_err(fail)?;
    for m in MIGRATIONS {
        let mut tx = begin_write(pool, backend).await.map_err(fail)?;
        let done: Option<i64> =
            sqlx::query_scalar("SELECT version FROM kinerja_migration WHERE version = $1")
                .bind(m.version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(fail)?;
        if done.is_some() {
            continue;
        }
        let sql = match backend {
            Backend::Sqlite => m.sqlite,
            Backend::Postgres => m.postgres,
        };
        sqlx::raw_sql(sql).execute(&mut *tx).await.map_err(fail)?;
        sqlx::query(
            "INSERT INTO kinerja_migration (version, name, applied_at) VALUES ($1, $2, $3)",
        )
        .bind(m.version)
        .bind(m.name)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(fail)?;
        tx.commit().await.map_err(fail)?;
    }
    Ok(())
}
