//! The repository: one async trait, one implementation over SQLite and PostgreSQL.

use crate::cache::UnitCache;
use crate::clock::{Clock, SystemClock};
use crate::error::StoreError;
use crate::migrate;
use crate::records::{self, Row};
use crate::sql::{
    begin_write, placeholders, versioned, write_audit, write_versioned, Backend, Change, Versioned,
    BATCH, VERSIONED,
};
use kinerja_domain::model::{Dataset, Realisation, Unit};
use kinerja_domain::record::kind::record_kind;
use kinerja_domain::write_rules::{self, Writer};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row as _};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Once};

/// How to open a store.
#[derive(Clone)]
pub struct OpenOptions {
    /// Create the SQLite file when it does not exist (otherwise a mistyped path is refused).
    pub create: bool,
    /// PostgreSQL only: work inside this schema (created when missing), e.g. one per test.
    pub schema: Option<String>,
    pub clock: Arc<dyn Clock>,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            create: false,
            schema: None,
            clock: Arc::new(SystemClock),
        }
    }
}

/// One entry of the append-only audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    /// `tambah`, `ubah` or `hapus`.
    pub action: String,
    pub kind: String,
    pub key: String,
    /// The unit the changed record belongs to; `None` for the pemda's own records and for account events.
    pub unit: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// How much of the audit log a reader sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditScope {
    /// Every entry, account and sign-in events included.
    Everything,
    /// Every change of data, of every unit and of the pemda; no account or sign-in event.
    AllData,
    /// The changes of these units' data only.
    Units(Vec<String>),
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Everything the application stores, as domain types.
#[allow(async_fn_in_trait)] // used through generics, never as a trait object
pub trait Repository {
    /// Merges a dataset (whole or partial) into the store: records with the same key are updated, new ones
    /// added; records keyed by position (narratives, published figures, raw IKM responses) are replaced per
    /// unit-year. The result must validate as a whole, else nothing is written. One transaction.
    async fn import(
        &self,
        dataset: &Dataset,
        actor: &str,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<ImportSummary, StoreError>;
    /// As `import`, by a signed-in `writer`: every change must be one the writer may make (`write_rules`), and
    /// with a `unit`, every record it adds, changes or removes must belong to that unit (records of other units may
    /// be present unchanged, as in a workbook exported from the unit); else nothing is written. `import` itself
    /// writes as the installation (the command line).
    async fn import_as(
        &self,
        writer: Writer<'_>,
        unit: Option<&str>,
        dataset: &Dataset,
        actor: &str,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<ImportSummary, StoreError>;
    /// The whole pemda dataset.
    async fn load_all(&self) -> Result<Dataset, StoreError>;
    /// The pemda, its rules, every unit, and everything that belongs to one unit.
    async fn load_unit(&self, unit: &str) -> Result<Dataset, StoreError>;
    /// The same, shared: read once per change of the stored data and reused until the next one.
    async fn unit_snapshot(&self, unit: &str) -> Result<Arc<Dataset>, StoreError>;
    async fn units(&self) -> Result<Vec<Unit>, StoreError>;
    async fn realisation(
        &self,
        indicator: &str,
        year: i32,
        quarter: Option<u8>,
    ) -> Result<Option<Versioned<Realisation>>, StoreError>;
    /// Every realisation (annual and quarterly) of a unit's indicators in a year, with their versions.
    async fn unit_realisations(
        &self,
        unit: &str,
        year: i32,
    ) -> Result<Vec<Versioned<Realisation>>, StoreError>;
    /// Writes a realisation. `expected_version` is the version it was read at (`None` for a new one); a
    /// different stored version is a conflict and nothing is written.
    async fn save_realisation(
        &self,
        realisation: &Realisation,
        expected_version: Option<i64>,
        actor: &str,
    ) -> Result<i64, StoreError>;
    /// The latest audit entries a reader with `scope` sees, newest first.
    async fn audit_log_in(
        &self,
        scope: &AuditScope,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError>;
    /// The latest entries of the whole log, newest first.
    async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_log_in(&AuditScope::Everything, limit).await
    }
}

#[derive(Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
    pub(crate) clock: Arc<dyn Clock>,
    units_read: Arc<UnitCache>,
}

static DRIVERS: Once = Once::new();

impl Store {
    /// Opens `sqlite://PATH` or `postgres://…`, applying the embedded migrations.
    pub async fn open(url: &str, options: OpenOptions) -> Result<Store, StoreError> {
        DRIVERS.call_once(sqlx::any::install_default_drivers);
        let (backend, connect_url) = if let Some(path) = url.strip_prefix("sqlite://") {
            (Backend::Sqlite, sqlite_url(path, options.create)?)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_string())
        } else {
            return Err(StoreError::Open(format!(
                "alamat '{url}' tidak dikenal: gunakan sqlite://BERKAS.db atau postgres://PENGGUNA@HOST/BASISDATA"
            )));
        };
        if let (Backend::Postgres, Some(schema)) = (backend, &options.schema) {
            check_schema_name(schema)?;
            let pool = AnyPoolOptions::new()
                .max_connections(1)
                .connect(&connect_url)
                .await
                .map_err(open_error)?;
            pool.execute(format!("CREATE SCHEMA IF NOT EXISTS \"{schema}\"").as_str())
                .await?;
            pool.close().await;
        }
        let schema = options.schema.clone();
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 16 })
            .after_connect(move |conn, _| {
                let schema = schema.clone();
                Box::pin(async move {
                    match backend {
                        Backend::Sqlite => {
                            conn.execute("PRAGMA journal_mode = WAL").await?;
                            conn.execute("PRAGMA foreign_keys = ON").await?;
                            conn.execute("PRAGMA busy_timeout = 10000").await?;
                            conn.execute("PRAGMA synchronous = NORMAL").await?;
                        }
                        Backend::Postgres => {
                            // A plan per execution: the survey and record tables grow from empty while a
                            // server runs, and a generic plan cached while they were small (a scan) is kept as
                            // they grow wherever statistics lag (measured: 948 → 7 407 survey answers a second).
                            conn.execute("SET plan_cache_mode = force_custom_plan")
                                .await?;
                            if let Some(s) = schema {
                                conn.execute(format!("SET search_path TO \"{s}\"").as_str())
                                    .await?;
                            }
                        }
                    }
                    Ok(())
                })
            })
            .connect(&connect_url)
            .await
            .map_err(open_error)?;
        let store = Store {
            pool,
            backend,
            clock: options.clock,
            units_read: Arc::default(),
        };
        migrate::apply(&store.pool, backend).await?;
        Ok(store)
    }

    /// A transaction that will write: see [`begin_write`].
    pub(crate) async fn write_transaction(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
        Ok(begin_write(&self.pool, self.backend).await?)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Today by the store's clock (see [`Clock::today`]): what a deadline is measured against, so that tests that
    /// move the clock move it too.
    pub fn today(&self) -> kinerja_domain::date::Date {
        self.clock.today()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Whether the database answers and carries exactly the program's migrations, checksums included (what a
    /// readiness probe asks). An error means it did not answer.
    pub async fn migrations_current(&self) -> Result<bool, StoreError> {
        migrate::current(&self.pool, self.backend).await
    }

    async fn rows(&self, sql: &str, unit: Option<&str>) -> Result<Dataset, StoreError> {
        let mut query = sqlx::query(sql);
        if let Some(u) = unit {
            query = query.bind(u.to_string());
        }
        let rows = query.fetch_all(&self.pool).await?;
        records::dataset_of(
            rows.iter()
                .map(|r| (r.get::<String, _>("kind"), r.get::<String, _>("body"))),
        )
    }
}

fn open_error(e: sqlx::Error) -> StoreError {
    StoreError::Open(e.to_string())
}

fn check_schema_name(schema: &str) -> Result<(), StoreError> {
    if schema.is_empty()
        || !schema
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(StoreError::Open(format!(
            "nama skema '{schema}' tidak sah: hanya huruf, angka dan _"
        )));
    }
    Ok(())
}

/// A SQLite path is opened read-write; it is created only when asked, so a mistyped path is refused.
fn sqlite_url(path: &str, create: bool) -> Result<String, StoreError> {
    if path.is_empty() {
        return Err(StoreError::Open(
            "alamat sqlite:// tanpa nama berkas".into(),
        ));
    }
    let file = Path::new(path);
    if file.is_dir() {
        return Err(StoreError::Open(format!(
            "'{path}' adalah folder, bukan berkas basis data"
        )));
    }
    if !file.exists() {
        if !create {
            return Err(StoreError::Open(format!(
                "berkas basis data '{path}' tidak ada; periksa namanya, atau minta dibuat baru (--create)"
            )));
        }
        if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            if !parent.exists() {
                return Err(StoreError::Open(format!(
                    "folder '{}' tidak ada",
                    parent.display()
                )));
            }
        }
    }
    Ok(format!(
        "sqlite://{path}?mode={}",
        if create { "rwc" } else { "rw" }
    ))
}

const ORDER: &str = "ORDER BY kind, seq";

struct Existing {
    kind: String,
    key: String,
    unit: Option<String>,
    year: Option<i64>,
    seq: i64,
    body: String,
}

fn existing_of(row: &AnyRow) -> Existing {
    Existing {
        kind: row.get("kind"),
        key: row.get("key"),
        unit: row.get("unit"),
        year: row.get("year"),
        seq: row.get("seq"),
        body: row.get("body"),
    }
}

impl Store {
    /// The import by a writer, for the whole pemda (`scope` `None`) or one unit.
    async fn merge(
        &self,
        dataset: &Dataset,
        actor: &str,
        progress: &(dyn Fn(usize, usize) + Sync),
        (writer, scope): (Writer<'_>, Option<&str>),
    ) -> Result<ImportSummary, StoreError> {
        let now = self.clock.now();
        let mut tx = self.write_transaction().await?;
        let stored: Vec<Existing> = sqlx::query(&format!(
            "SELECT kind, key, unit, year, seq, body FROM record {ORDER}"
        ))
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(existing_of)
        .collect();
        let incoming = records::rows_of(dataset)?;

        // Merge in memory: stored records, with positional groups present in the import replaced whole,
        // overlaid by the imported records.
        let replaced_groups: HashSet<(&str, Option<String>, Option<i64>)> = incoming
            .iter()
            .filter(|r| record_kind(r.kind).is_some_and(|k| k.positional()))
            .map(|r| (r.kind, r.unit.clone(), r.year))
            .collect();
        let mut merged: Vec<(String, String, String)> =
            Vec::with_capacity(stored.len() + incoming.len());
        let mut position: HashMap<(String, String), usize> = HashMap::new();
        for e in &stored {
            let group = record_kind(&e.kind).map(|k| (k.name, e.unit.clone(), e.year));
            if group.is_some_and(|g| replaced_groups.contains(&g)) {
                continue;
            }
            position.insert((e.kind.clone(), e.key.clone()), merged.len());
            merged.push((e.kind.clone(), e.key.clone(), e.body.clone()));
        }
        for r in &incoming {
            match position.get(&(r.kind.to_string(), r.key.clone())) {
                Some(&i) => merged[i].2 = r.body.clone(),
                None => {
                    position.insert((r.kind.to_string(), r.key.clone()), merged.len());
                    merged.push((r.kind.to_string(), r.key.clone(), r.body.clone()));
                }
            }
        }
        let merged_dataset = records::dataset_of(merged.into_iter().map(|(k, _, b)| (k, b)))?;
        kinerja_interchange::validate(&merged_dataset).map_err(StoreError::Invalid)?;

        // Write the difference.
        let final_rows = records::rows_of(&merged_dataset)?;
        let before: HashMap<(&str, &str), &Existing> = stored
            .iter()
            .map(|e| ((e.kind.as_str(), e.key.as_str()), e))
            .collect();
        let mut summary = ImportSummary::default();
        let mut writes: Vec<&Row> = Vec::new();
        let mut audits: Vec<Change> = Vec::new();
        let mut kept: HashSet<(&str, &str)> = HashSet::new();
        for row in &final_rows {
            kept.insert((row.kind, row.key.as_str()));
            match before.get(&(row.kind, row.key.as_str())) {
                None => {
                    summary.inserted += 1;
                    writes.push(row);
                    audits.push(Change {
                        action: "tambah",
                        kind: row.kind,
                        key: &row.key,
                        unit: row.unit.as_deref(),
                        old: None,
                        new: Some(&row.body),
                    });
                }
                Some(old) if old.body != row.body => {
                    summary.updated += 1;
                    writes.push(row);
                    audits.push(Change {
                        action: "ubah",
                        kind: row.kind,
                        key: &row.key,
                        unit: row.unit.as_deref(),
                        old: Some(&old.body),
                        new: Some(&row.body),
                    });
                }
                Some(old) => {
                    summary.unchanged += 1;
                    if old.seq != row.seq || old.unit != row.unit || old.year != row.year {
                        writes.push(row);
                    }
                }
            }
        }
        let removed: Vec<&Existing> = stored
            .iter()
            .filter(|e| !kept.contains(&(e.kind.as_str(), e.key.as_str())))
            .collect();
        summary.removed = removed.len();
        for e in &removed {
            audits.push(Change {
                action: "hapus",
                kind: &e.kind,
                key: &e.key,
                unit: e.unit.as_deref(),
                old: Some(&e.body),
                new: None,
            });
        }
        if let Some(unit) = scope {
            let foreign = writes
                .iter()
                .filter(|r| r.unit.as_deref() != Some(unit))
                .map(|r| (r.kind, r.key.as_str()))
                .chain(
                    removed
                        .iter()
                        .filter(|e| e.unit.as_deref() != Some(unit))
                        .map(|e| (e.kind.as_str(), e.key.as_str())),
                )
                .next();
            if let Some((kind, key)) = foreign {
                return Err(StoreError::Refused(format!(
                    "impor untuk unit {unit} mengubah data {kind} '{key}' yang bukan milik unit ini; tidak ada yang disimpan"
                )));
            }
        }
        refuse_forbidden(writer, &before, &writes, &removed)?;
        let total = writes.len() + removed.len();
        progress(0, total);
        let mut done = 0;
        for chunk in writes.chunks(BATCH) {
            upsert(&mut tx, chunk, &now, actor).await?;
            done += chunk.len();
            progress(done, total);
        }
        for e in &removed {
            sqlx::query("DELETE FROM record WHERE kind = $1 AND key = $2")
                .bind(&e.kind)
                .bind(&e.key)
                .execute(&mut *tx)
                .await?;
            done += 1;
            progress(done, total);
        }
        write_audit(&mut tx, &now, actor, &audits).await?;
        tx.commit().await?;
        Ok(summary)
    }
}

impl Repository for Store {
    async fn import(
        &self,
        dataset: &Dataset,
        actor: &str,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<ImportSummary, StoreError> {
        self.merge(dataset, actor, progress, (Writer::Installation, None))
            .await
    }

    async fn import_as(
        &self,
        writer: Writer<'_>,
        unit: Option<&str>,
        dataset: &Dataset,
        actor: &str,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<ImportSummary, StoreError> {
        self.merge(dataset, actor, progress, (writer, unit)).await
    }

    async fn load_all(&self) -> Result<Dataset, StoreError> {
        self.rows(&format!("SELECT kind, body FROM record {ORDER}"), None)
            .await
    }

    async fn load_unit(&self, unit: &str) -> Result<Dataset, StoreError> {
        Ok(self.unit_snapshot(unit).await?.as_ref().clone())
    }

    async fn unit_snapshot(&self, unit: &str) -> Result<Arc<Dataset>, StoreError> {
        // The generation is read before the rows: rows read after it are at least as new, so what is kept under
        // it is never older than it says.
        let generation: i64 = sqlx::query_scalar("SELECT n FROM data_generation WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        // The survey responses come along counted (see `survey::survey_tallies`), renewed by the unit's last one.
        let stamp = (generation, self.last_response(unit).await?);
        if let Some(data) = self.units_read.get(unit, stamp) {
            return Ok(data);
        }
        let mut data = self
            .rows(
                &format!("SELECT kind, body FROM record WHERE unit = $1 OR unit IS NULL OR kind = 'unit' {ORDER}"),
                Some(unit),
            )
            .await?;
        data.survey_tallies = self.survey_tallies(unit).await?;
        let data = Arc::new(data);
        self.units_read.put(unit, stamp, data.clone());
        Ok(data)
    }

    async fn units(&self) -> Result<Vec<Unit>, StoreError> {
        Ok(self
            .rows(
                &format!("SELECT kind, body FROM record WHERE kind = 'unit' {ORDER}"),
                None,
            )
            .await?
            .units)
    }

    async fn realisation(
        &self,
        indicator: &str,
        year: i32,
        quarter: Option<u8>,
    ) -> Result<Option<Versioned<Realisation>>, StoreError> {
        let key = realisation_key(indicator, year, quarter);
        let row = sqlx::query(&format!(
            "SELECT {VERSIONED} FROM record WHERE kind = 'realisation' AND key = $1"
        ))
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(versioned).transpose()
    }

    async fn unit_realisations(
        &self,
        unit: &str,
        year: i32,
    ) -> Result<Vec<Versioned<Realisation>>, StoreError> {
        sqlx::query(&format!(
            "SELECT {VERSIONED} FROM record WHERE kind = 'realisation' AND unit = $1 AND year = $2 {ORDER}"
        ))
        .bind(unit)
        .bind(i64::from(year))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(versioned)
        .collect()
    }

    async fn save_realisation(
        &self,
        realisation: &Realisation,
        expected_version: Option<i64>,
        actor: &str,
    ) -> Result<i64, StoreError> {
        if let Some(q) = realisation.quarter {
            if !(1..=4).contains(&q) {
                return Err(StoreError::Invalid(kinerja_interchange::DatasetErrors(
                    vec![kinerja_interchange::DatasetError {
                        file: "realisasi".into(),
                        line: None,
                        column: None,
                        path: Some("quarter".into()),
                        message: format!("triwulan {q} tidak ada: seharusnya 1, 2, 3 atau 4"),
                    }],
                )));
            }
        }
        let now = self.clock.now();
        let body =
            serde_json::to_string(realisation).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut tx = self.write_transaction().await?;
        let unit: Option<Option<String>> =
            sqlx::query_scalar("SELECT unit FROM record WHERE kind = 'indicator' AND key = $1")
                .bind(&realisation.indicator)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(unit) = unit else {
            return Err(StoreError::NotFound {
                kind: "indikator".into(),
                key: realisation.indicator.clone(),
            });
        };
        let row = Row {
            kind: "realisation",
            key: realisation_key(
                &realisation.indicator,
                realisation.year,
                realisation.quarter,
            ),
            unit,
            year: Some(i64::from(realisation.year)),
            seq: 0,
            body,
        };
        let version = write_versioned(&mut tx, &row, expected_version, &now, actor).await?;
        tx.commit().await?;
        Ok(version)
    }

    async fn audit_log_in(
        &self,
        scope: &AuditScope,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        // The scope is applied here, in the query: a reader's page never holds a row it may not see.
        let (filter, units): (String, &[String]) = match scope {
            AuditScope::Everything => (String::new(), &[]),
            AuditScope::AllData => ("WHERE account = 0".into(), &[]),
            AuditScope::Units(units) if units.is_empty() => return Ok(Vec::new()),
            AuditScope::Units(units) => {
                let marks: Vec<String> = (1..=units.len()).map(|i| format!("${i}")).collect();
                (
                    format!("WHERE account = 0 AND unit IN ({})", marks.join(", ")),
                    units,
                )
            }
        };
        let sql = format!(
            "SELECT id, at, actor, action, kind, key, unit, old_body, new_body FROM audit {filter} \
             ORDER BY id DESC LIMIT ${}",
            units.len() + 1
        );
        let mut query = sqlx::query(&sql);
        for unit in units {
            query = query.bind(unit.clone());
        }
        let rows = query.bind(limit).fetch_all(&self.pool).await?;
        Ok(rows
            .iter()
            .map(|r| AuditEntry {
                id: r.get("id"),
                at: r.get("at"),
                actor: r.get("actor"),
                action: r.get("action"),
                kind: r.get("kind"),
                key: r.get("key"),
                unit: r.get("unit"),
                old: r.get("old_body"),
                new: r.get("new_body"),
            })
            .collect())
    }
}

/// Refuses the whole import when it holds a change the writer may not make (`write_rules`), naming each such
/// record by its kind and key; a change of a record's unit needs the rights on both units.
fn refuse_forbidden(
    writer: Writer<'_>,
    before: &HashMap<(&str, &str), &Existing>,
    writes: &[&Row],
    removed: &[&Existing],
) -> Result<(), StoreError> {
    let changes = writes
        .iter()
        .map(|r| {
            let old = before.get(&(r.kind, r.key.as_str()));
            let units = [old.and_then(|o| o.unit.as_deref()), r.unit.as_deref()];
            (
                r.kind,
                r.key.as_str(),
                units,
                old.map(|o| o.body.as_str()),
                Some(r.body.as_str()),
            )
        })
        .chain(removed.iter().map(|e| {
            let units = [e.unit.as_deref(), e.unit.as_deref()];
            (
                e.kind.as_str(),
                e.key.as_str(),
                units,
                Some(e.body.as_str()),
                None,
            )
        }));
    let mut refused = Vec::new();
    for (kind, key, units, old, new) in changes {
        let Some(kind) = record_kind(kind) else {
            continue;
        };
        let needs = write_rules::needs(kind, old, new);
        // A new record has no old unit: only the units it has count; a record of no unit (pemda, rules) is judged
        // as such.
        let mut units: Vec<&str> = units.iter().flatten().copied().collect();
        if units.is_empty() {
            units.push("");
        }
        units.dedup();
        if let Some(why) = units
            .into_iter()
            .find_map(|unit| writer.refusal(unit, needs.clone()))
        {
            refused.push(format!("- {} '{key}': {why}", kind.label));
        }
    }
    if refused.is_empty() {
        return Ok(());
    }
    const SHOWN: usize = 20;
    let more = refused.len().saturating_sub(SHOWN);
    refused.truncate(SHOWN);
    if more > 0 {
        refused.push(format!("- dan {more} perubahan lain yang juga tidak boleh"));
    }
    Err(StoreError::Refused(format!(
        "Impor ditolak, tidak ada yang disimpan: berkas ini mengubah data yang tidak boleh Anda ubah.\n{}",
        refused.join("\n")
    )))
}

fn realisation_key(indicator: &str, year: i32, quarter: Option<u8>) -> String {
    format!(
        "{indicator}|{year}|{}",
        quarter.map(|q| q.to_string()).unwrap_or_default()
    )
}

async fn upsert(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    rows: &[&Row],
    now: &str,
    actor: &str,
) -> Result<(), StoreError> {
    let mut sql = String::from(
        "INSERT INTO record (kind, key, unit, year, seq, body, version, updated_at, updated_by) VALUES ",
    );
    sql.push_str(&placeholders(rows.len(), 9));
    sql.push_str(
        " ON CONFLICT (kind, key) DO UPDATE SET unit = excluded.unit, year = excluded.year, seq = excluded.seq, \
         version = CASE WHEN record.body = excluded.body THEN record.version ELSE record.version + 1 END, \
         body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    );
    let mut q = sqlx::query(&sql);
    for r in rows {
        q = q
            .bind(r.kind.to_string())
            .bind(r.key.clone())
            .bind(r.unit.clone())
            .bind(r.year)
            .bind(r.seq)
            .bind(r.body.clone())
            .bind(1_i64)
            .bind(now.to_string())
            .bind(actor.to_string());
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

impl Store {
    /// The state of all stored data, as every process sharing the database sees it: the record generation
    /// (migration 0005) and the newest survey response. Equal stamps mean nothing any unit's figures depend on has
    /// changed, so what was computed from all units can be reused (the pemda roll-up).
    pub async fn data_stamp(&self) -> Result<(i64, i64), StoreError> {
        // One round trip: it is read on every roll-up request.
        let row = sqlx::query(
            "SELECT (SELECT n FROM data_generation WHERE id = 1) AS generation, \
             (SELECT MAX(id) FROM survey_response) AS newest",
        )
        .fetch_one(&self.pool)
        .await?;
        let generation: i64 = row.try_get("generation")?;
        let newest: Option<i64> = row.try_get("newest")?;
        Ok((generation, newest.unwrap_or(0)))
    }
}
