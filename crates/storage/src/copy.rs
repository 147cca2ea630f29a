//! Copying a whole store into another (`kinerja db copy`): a unit's embedded SQLite into the pemda's PostgreSQL,
//! and back. Generic over the migrated schema: the tables and their columns are read from the databases' catalogs,
//! so a new migration needs no change here. The target is written in one transaction (nothing half-written), the
//! source read in one snapshot; rows go parents first (foreign keys), in multi-row batches, with their ids, and the
//! target's sequences are moved past the copied ids.

use crate::error::StoreError;
use crate::migrate;
use crate::sql::{begin_write, placeholders, Backend};
use crate::store::Store;
use futures_util::TryStreamExt;
use sqlx::any::AnyRow;
use sqlx::{Any, Row as _, Transaction};
use std::collections::BTreeSet;

/// Bookkeeping tables that belong to the database, not to the data: both sides are migrated by the same program
/// (checked), and the data generation of the target only moves forward, so that the caches of servers already
/// running on it notice the new data.
const NOT_COPIED: &[&str] = &["_sqlx_migrations", "data_generation"];

/// Parameters per multi-row INSERT, below SQLite's limit (32 766) and PostgreSQL's (65 535).
const MAX_PARAMETERS: usize = 8_000;
/// Rows per INSERT at most, whatever the width of the table.
const MAX_BATCH_ROWS: usize = 500;
/// Text and bytes per INSERT at most, so that tables of uploaded files do not fill the memory.
const MAX_BATCH_BYTES: usize = 8 << 20;

/// How many rows a table has on the target after the copy (equal to the source's: checked before committing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopiedTable {
    pub table: String,
    pub rows: u64,
}

/// How a column's values are read and bound: the storage classes both backends share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Integer,
    Real,
    Text,
    Bytes,
}

impl Class {
    fn label(self) -> &'static str {
        match self {
            Class::Integer => "bilangan bulat",
            Class::Real => "bilangan pecahan",
            Class::Text => "teks",
            Class::Bytes => "biner",
        }
    }
}

#[derive(Debug)]
struct Column {
    name: String,
    class: Class,
    /// PostgreSQL: filled from a sequence (BIGSERIAL or identity). Read from the target's catalog.
    serial: bool,
}

#[derive(Debug)]
struct Table {
    name: String,
    columns: Vec<Column>,
    key: Vec<String>,
    /// The tables its foreign keys point at.
    parents: Vec<String>,
}

enum Value {
    Integer(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
}

impl Value {
    fn read(row: &AnyRow, index: usize, class: Class) -> Result<Value, sqlx::Error> {
        Ok(match class {
            Class::Integer => Value::Integer(row.try_get(index)?),
            Class::Real => Value::Real(row.try_get(index)?),
            Class::Text => Value::Text(row.try_get(index)?),
            Class::Bytes => Value::Bytes(row.try_get(index)?),
        })
    }

    fn size(&self) -> usize {
        match self {
            Value::Text(Some(s)) => s.len(),
            Value::Bytes(Some(b)) => b.len(),
            _ => 8,
        }
    }
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn class_of(
    backend: Backend,
    table: &str,
    column: &str,
    declared: &str,
) -> Result<Class, StoreError> {
    let t = declared.to_ascii_uppercase();
    // SQLite's affinity rules (https://sqlite.org/datatype3.html §3.1); PostgreSQL's names contain the same words.
    let class = if t.contains("INT") {
        Some(Class::Integer)
    } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
        Some(Class::Text)
    } else if t.contains("BLOB") || t == "BYTEA" || (t.is_empty() && backend == Backend::Sqlite) {
        Some(Class::Bytes)
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        Some(Class::Real)
    } else {
        None
    };
    class.ok_or_else(|| {
        StoreError::Refused(format!(
            "kolom {table}.{column} bertipe '{declared}' yang tidak dapat disalin"
        ))
    })
}

/// The tables of the store's schema (all but SQLite's own and [`NOT_COPIED`]), by name.
async fn tables(tx: &mut Transaction<'_, Any>, backend: Backend) -> Result<Vec<Table>, StoreError> {
    let names: Vec<String> = match backend {
        Backend::Sqlite => sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
        ),
        Backend::Postgres => sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
        ),
    }
    .fetch_all(&mut **tx)
    .await?;
    let mut tables = Vec::new();
    for name in names
        .into_iter()
        .filter(|n| !NOT_COPIED.contains(&n.as_str()))
    {
        let (columns_sql, key_sql, parents_sql) = match backend {
            Backend::Sqlite => (
                "SELECT name, type, 0 FROM pragma_table_info($1) ORDER BY cid",
                "SELECT name FROM pragma_table_info($1) WHERE pk > 0 ORDER BY pk",
                "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($1)",
            ),
            Backend::Postgres => (
                "SELECT column_name::text, data_type::text, \
                 CASE WHEN column_default LIKE 'nextval(%' OR is_identity = 'YES' THEN 1 ELSE 0 END \
                 FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                "SELECT a.attname::text FROM pg_index i \
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) \
                 WHERE i.indisprimary AND i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident($1))::regclass \
                 ORDER BY array_position(i.indkey::int2[], a.attnum)",
                "SELECT DISTINCT p.relname::text FROM pg_constraint c JOIN pg_class p ON p.oid = c.confrelid \
                 WHERE c.contype = 'f' AND c.conrelid = (quote_ident(current_schema()) || '.' || quote_ident($1))::regclass",
            ),
        };
        let mut columns = Vec::new();
        for row in sqlx::query(columns_sql)
            .bind(&name)
            .fetch_all(&mut **tx)
            .await?
        {
            let column: String = row.try_get(0)?;
            let declared: String = row.try_get(1)?;
            let serial: i32 = row.try_get(2)?;
            columns.push(Column {
                class: class_of(backend, &name, &column, &declared)?,
                name: column,
                serial: serial == 1,
            });
        }
        let key = sqlx::query_scalar(key_sql)
            .bind(&name)
            .fetch_all(&mut **tx)
            .await?;
        let parents = sqlx::query_scalar(parents_sql)
            .bind(&name)
            .fetch_all(&mut **tx)
            .await?;
        tables.push(Table {
            name,
            columns,
            key,
            parents,
        });
    }
    Ok(tables)
}

/// Parents before children; a cycle of foreign keys (none in the schema) is refused.
fn dependency_order(mut tables: Vec<Table>) -> Result<Vec<Table>, StoreError> {
    let mut ordered: Vec<Table> = Vec::with_capacity(tables.len());
    while !tables.is_empty() {
        let ready = tables.iter().position(|t| {
            t.parents
                .iter()
                .all(|p| p == &t.name || ordered.iter().any(|o| &o.name == p))
        });
        let Some(i) = ready else {
            let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
            return Err(StoreError::Refused(format!(
                "urutan salin tabel tidak dapat ditentukan (kunci asing melingkar): {}",
                names.join(", ")
            )));
        };
        ordered.push(tables.remove(i));
    }
    Ok(ordered)
}

async fn count(tx: &mut Transaction<'_, Any>, table: &str) -> Result<u64, StoreError> {
    let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {}", quoted(table)))
        .fetch_one(&mut **tx)
        .await?;
    Ok(n.max(0) as u64)
}

/// The source's and the target's schemas must be the same: the same migrations, tables, columns and classes.
fn check_same(source: &[Table], target: &[Table]) -> Result<(), StoreError> {
    let names = |ts: &[Table]| ts.iter().map(|t| t.name.clone()).collect::<BTreeSet<_>>();
    let (s, t) = (names(source), names(target));
    if let Some(only) = s.symmetric_difference(&t).next() {
        return Err(StoreError::Refused(format!(
            "tabel '{only}' hanya ada di salah satu basis data; skema sumber dan tujuan berbeda"
        )));
    }
    for a in source {
        let Some(b) = target.iter().find(|b| b.name == a.name) else {
            continue;
        };
        for c in &a.columns {
            match b.columns.iter().find(|d| d.name == c.name) {
                Some(d) if d.class == c.class => {}
                Some(d) => {
                    return Err(StoreError::Refused(format!(
                        "kolom {}.{} berjenis {} di sumber tetapi {} di tujuan",
                        a.name,
                        c.name,
                        c.class.label(),
                        d.class.label()
                    )))
                }
                None => {
                    return Err(StoreError::Refused(format!(
                        "kolom {}.{} tidak ada di basis data tujuan",
                        a.name, c.name
                    )))
                }
            }
        }
        if let Some(extra) = b
            .columns
            .iter()
            .find(|d| !a.columns.iter().any(|c| c.name == d.name))
        {
            return Err(StoreError::Refused(format!(
                "kolom {}.{} tidak ada di basis data sumber",
                b.name, extra.name
            )));
        }
    }
    Ok(())
}

/// SQLite's triggers of a table, as written (`CREATE TRIGGER …`), to drop for the copy and restore after it: the
/// audit log refuses deletion (needed by `replace`), and the per-row generation counters would run once per row.
async fn sqlite_triggers(
    tx: &mut Transaction<'_, Any>,
    tables: &[Table],
) -> Result<Vec<(String, String)>, StoreError> {
    let mut triggers = Vec::new();
    for t in tables {
        let rows = sqlx::query(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1 ORDER BY name",
        )
        .bind(&t.name)
        .fetch_all(&mut **tx)
        .await?;
        for r in rows {
            triggers.push((r.try_get(0)?, r.try_get(1)?));
        }
    }
    Ok(triggers)
}

async fn insert(
    tx: &mut Transaction<'_, Any>,
    table: &Table,
    rows: &mut Vec<Vec<Value>>,
) -> Result<(), StoreError> {
    let columns: Vec<String> = table.columns.iter().map(|c| quoted(&c.name)).collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES {}",
        quoted(&table.name),
        columns.join(", "),
        placeholders(rows.len(), columns.len())
    );
    let mut query = sqlx::query(&sql);
    for row in rows.drain(..) {
        for value in row {
            query = match value {
                Value::Integer(v) => query.bind(v),
                Value::Real(v) => query.bind(v),
                Value::Text(v) => query.bind(v),
                Value::Bytes(v) => query.bind(v),
            };
        }
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// Moves the target's id generators past the copied ids.
async fn reset_sequences(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    tables: &[Table],
) -> Result<(), StoreError> {
    match backend {
        Backend::Postgres => {
            for t in tables {
                for c in t.columns.iter().filter(|c| c.serial) {
                    sqlx::query(&format!(
                        "SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX({col}), 0) + 1, false) FROM {table}",
                        col = quoted(&c.name),
                        table = quoted(&t.name)
                    ))
                    .bind(quoted(&t.name))
                    .bind(&c.name)
                    .execute(&mut **tx)
                    .await?;
                }
            }
        }
        Backend::Sqlite => {
            // AUTOINCREMENT tables keep their highest id in sqlite_sequence, which exists only when there is one.
            let has_sequence: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'",
            )
            .fetch_one(&mut **tx)
            .await?;
            if has_sequence == 0 {
                return Ok(());
            }
            for t in tables {
                sqlx::query(&format!(
                    "UPDATE sqlite_sequence SET seq = (SELECT COALESCE(MAX(rowid), 0) FROM {}) WHERE name = $1",
                    quoted(&t.name)
                ))
                .bind(&t.name)
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    Ok(())
}

impl Store {
    /// Copies every table of this store into `target`, which must be empty unless `replace` (its rows are then
    /// removed first, in the same transaction). Progress is reported as rows copied of the total. Returns the row
    /// count of every table, checked equal on both sides before the target commits.
    pub async fn copy_to(
        &self,
        target: &Store,
        replace: bool,
        progress: &(dyn Fn(u64, u64) + Sync),
    ) -> Result<Vec<CopiedTable>, StoreError> {
        // One snapshot of the source, whatever is written to it meanwhile.
        let mut src = match self.backend() {
            Backend::Sqlite => self.pool.begin().await?,
            Backend::Postgres => {
                self.pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?
            }
        };
        let mut dst = begin_write(&target.pool, target.backend()).await?;
        let (from_versions, to_versions) = (
            migrate::applied(&mut src).await?,
            migrate::applied(&mut dst).await?,
        );
        if from_versions != to_versions {
            return Err(StoreError::Refused(format!(
                "versi skema berbeda: sumber sampai migrasi {}, tujuan sampai migrasi {}; buka keduanya dengan program versi yang sama",
                from_versions.last().unwrap_or(&0),
                to_versions.last().unwrap_or(&0)
            )));
        }
        let source_tables = dependency_order(tables(&mut src, self.backend()).await?)?;
        let target_tables = tables(&mut dst, target.backend()).await?;
        check_same(&source_tables, &target_tables)?;

        let mut source_rows = Vec::with_capacity(source_tables.len());
        for t in &source_tables {
            source_rows.push(count(&mut src, &t.name).await?);
        }
        let mut filled = Vec::new();
        for t in &source_tables {
            let n = count(&mut dst, &t.name).await?;
            if n > 0 {
                filled.push(format!("{} ({n} baris)", t.name));
            }
        }
        if !filled.is_empty() && !replace {
            return Err(StoreError::Refused(format!(
                "basis data tujuan tidak kosong: {}; tidak ada yang disalin. Gunakan --replace untuk menggantinya",
                filled.join(", ")
            )));
        }

        let triggers = match target.backend() {
            Backend::Sqlite => sqlite_triggers(&mut dst, &target_tables).await?,
            Backend::Postgres => Vec::new(),
        };
        for (name, _) in &triggers {
            sqlx::query(&format!("DROP TRIGGER {}", quoted(name)))
                .execute(&mut *dst)
                .await?;
        }
        if !filled.is_empty() {
            match target.backend() {
                // TRUNCATE skips the row triggers (the audit log's refusal of deletion) and empties all at once.
                Backend::Postgres => {
                    let names: Vec<String> =
                        source_tables.iter().map(|t| quoted(&t.name)).collect();
                    sqlx::query(&format!("TRUNCATE {}", names.join(", ")))
                        .execute(&mut *dst)
                        .await?;
                }
                Backend::Sqlite => {
                    for t in source_tables.iter().rev() {
                        sqlx::query(&format!("DELETE FROM {}", quoted(&t.name)))
                            .execute(&mut *dst)
                            .await?;
                    }
                }
            }
        }

        let total: u64 = source_rows.iter().sum();
        let mut done = 0;
        progress(done, total);
        for t in &source_tables {
            let columns: Vec<String> = t.columns.iter().map(|c| quoted(&c.name)).collect();
            let order = if t.key.is_empty() {
                String::new()
            } else {
                let key: Vec<String> = t.key.iter().map(|k| quoted(k)).collect();
                format!(" ORDER BY {}", key.join(", "))
            };
            let sql = format!(
                "SELECT {} FROM {}{order}",
                columns.join(", "),
                quoted(&t.name)
            );
            let per_batch = (MAX_PARAMETERS / t.columns.len().max(1)).clamp(1, MAX_BATCH_ROWS);
            let mut batch: Vec<Vec<Value>> = Vec::with_capacity(per_batch);
            let mut bytes = 0;
            let mut rows = sqlx::query(&sql).fetch(&mut *src);
            while let Some(row) = rows.try_next().await? {
                let values = t
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| Value::read(&row, i, c.class))
                    .collect::<Result<Vec<_>, _>>()?;
                bytes += values.iter().map(Value::size).sum::<usize>();
                batch.push(values);
                if batch.len() >= per_batch || bytes >= MAX_BATCH_BYTES {
                    done += batch.len() as u64;
                    insert(&mut dst, t, &mut batch).await?;
                    bytes = 0;
                    progress(done, total);
                }
            }
            drop(rows);
            if !batch.is_empty() {
                done += batch.len() as u64;
                insert(&mut dst, t, &mut batch).await?;
                progress(done, total);
            }
        }

        reset_sequences(&mut dst, target.backend(), &target_tables).await?;
        for (_, sql) in &triggers {
            sqlx::raw_sql(sql).execute(&mut *dst).await?;
        }
        sqlx::query("UPDATE data_generation SET n = n + 1 WHERE id = 1")
            .execute(&mut *dst)
            .await?;

        let mut copied = Vec::with_capacity(source_tables.len());
        for (t, &expected) in source_tables.iter().zip(&source_rows) {
            let rows = count(&mut dst, &t.name).await?;
            if rows != expected {
                return Err(StoreError::Corrupt(format!(
                    "tabel {}: {expected} baris di sumber tetapi {rows} di tujuan; tidak ada yang disimpan",
                    t.name
                )));
            }
            copied.push(CopiedTable {
                table: t.name.clone(),
                rows,
            });
        }
        dst.commit().await?;
        src.rollback().await?;
        Ok(copied)
    }
}
