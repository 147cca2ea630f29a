//! One record of any kind, read and written on its own with its version: what the planning pages, the PK workflow
//! and the narrative editor change. A write names the unit it is made for; the store checks that the record
//! belongs to that unit (the unit of an indicator's target is the indicator's, and so on), validates the unit's
//! data with the change applied, and writes it with an audit entry in one transaction — or writes nothing.

use crate::error::StoreError;
use crate::records::{self, Row};
use crate::store::{write_audit, Change, Store, Versioned};
use kinerja_interchange::{record_kind, DatasetError, DatasetErrors, RecordKind};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use sqlx::Row as _;

/// A stored record with its key (the natural key, or `unit|year|n` for kinds kept in order).
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<T> {
    pub key: String,
    pub record: Versioned<T>,
}

/// Where a record is written, and against which version.
#[derive(Debug, Clone, Copy)]
pub struct Edit<'a> {
    /// The unit the writer is authorised for; the record must belong to it.
    pub unit: &'a str,
    /// A kind of `kinerja_interchange::RECORD_KINDS`.
    pub kind: &'a str,
    /// The record being changed, for kinds kept in order (narratives); `None` adds one. Records of kinds with a
    /// natural key are found by it.
    pub key: Option<&'a str>,
    /// The version the record was read at; `None` for a new record.
    pub expected_version: Option<i64>,
}

#[allow(async_fn_in_trait)] // used through generics, never as a trait object
pub trait Editing {
    /// The records of a kind that belong to a unit (and a year, for kinds that have one), in stored order.
    async fn records<T: DeserializeOwned>(
        &self,
        kind: &str,
        unit: &str,
        year: Option<i32>,
    ) -> Result<Vec<Keyed<T>>, StoreError>;
    /// Adds or changes one record; returns its key and new version. A stale `expected_version` is a conflict, a
    /// record of another unit is refused, a change that leaves the unit's data invalid is refused with the
    /// validator's messages; in each case nothing is written.
    async fn save_record<T: Serialize + Sync>(
        &self,
        edit: Edit<'_>,
        record: &T,
        actor: &str,
    ) -> Result<(String, i64), StoreError>;
    /// Removes one record read at `expected_version`, if the unit's data stays valid without it.
    async fn delete_record(
        &self,
        unit: &str,
        kind: &str,
        key: &str,
        expected_version: i64,
        actor: &str,
    ) -> Result<(), StoreError>;
}

fn kind_of(name: &str) -> Result<&'static RecordKind, StoreError> {
    record_kind(name)
        .filter(|k| !matches!(k.name, "pemda" | "rules"))
        .ok_or_else(|| {
            StoreError::Refused(format!("jenis data '{name}' tidak dapat diubah per unit"))
        })
}

fn not_of_unit(kind: &str, key: &str, unit: &str) -> StoreError {
    StoreError::Refused(format!("data {kind} '{key}' bukan milik unit {unit}"))
}

fn invalid(kind: &str, message: String) -> StoreError {
    StoreError::Invalid(DatasetErrors(vec![DatasetError {
        file: kind.to_string(),
        line: None,
        column: None,
        path: None,
        message,
    }]))
}

/// A unit's stored rows, read inside the write transaction: the pemda, its rules, every unit, and what belongs to
/// the unit — enough to validate the unit's data.
async fn unit_rows(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    unit: &str,
) -> Result<Vec<(String, String, String)>, StoreError> {
    Ok(sqlx::query(
        "SELECT kind, key, body FROM record WHERE unit = $1 OR unit IS NULL OR kind = 'unit' ORDER BY kind, seq",
    )
    .bind(unit)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|r| (r.get("kind"), r.get("key"), r.get("body")))
    .collect())
}

/// Validates the unit's rows with one record replaced (`Some`) or removed (`None`), and returns the row the
/// record becomes, checked to belong to `unit`.
fn check_change(
    rows: Vec<(String, String, String)>,
    unit: &str,
    kind: &RecordKind,
    key: &str,
    body: Option<&str>,
) -> Result<Option<Row>, StoreError> {
    let mut found = false;
    let mut merged: Vec<(String, String)> = Vec::with_capacity(rows.len() + 1);
    for (k, rk, b) in rows {
        if k == kind.name && rk == key {
            found = true;
            if let Some(new) = body {
                merged.push((k, new.to_string()));
            }
        } else {
            merged.push((k, b));
        }
    }
    if !found {
        if let Some(new) = body {
            merged.push((kind.name.to_string(), new.to_string()));
        }
    }
    let dataset = records::dataset_of(merged)?;
    // Whose record it is comes first: through another unit's address the answer is "not yours", not a list of
    // references that unit's data cannot resolve.
    let row = match body {
        Some(new) => {
            let value: Value =
                serde_json::from_str(new).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let row = records::row_of(&dataset, kind, &value, key)?;
            if row.unit.as_deref() != Some(unit) {
                return Err(not_of_unit(kind.name, key, unit));
            }
            Some(row)
        }
        None => None,
    };
    kinerja_interchange::validate(&dataset).map_err(StoreError::Invalid)?;
    Ok(row)
}

impl Editing for Store {
    async fn records<T: DeserializeOwned>(
        &self,
        kind: &str,
        unit: &str,
        year: Option<i32>,
    ) -> Result<Vec<Keyed<T>>, StoreError> {
        let kind = kind_of(kind)?;
        let sql = format!(
            "SELECT key, {} FROM record WHERE kind = $1 AND unit = $2{} ORDER BY seq",
            crate::store::VERSIONED,
            if year.is_some() { " AND year = $3" } else { "" }
        );
        let mut query = sqlx::query(&sql).bind(kind.name).bind(unit);
        if let Some(y) = year {
            query = query.bind(i64::from(y));
        }
        query
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| {
                Ok(Keyed {
                    key: row.get("key"),
                    record: crate::store::versioned(row)?,
                })
            })
            .collect()
    }

    async fn save_record<T: Serialize + Sync>(
        &self,
        edit: Edit<'_>,
        record: &T,
        actor: &str,
    ) -> Result<(String, i64), StoreError> {
        let kind = kind_of(edit.kind)?;
        let value = serde_json::to_value(record).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let body = serde_json::to_string(&value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let now = self.clock.now();
        let mut tx = self.write_transaction().await?;
        let key = if kind.positional() {
            match edit.key {
                Some(k) => k.to_string(),
                None => next_position(&mut tx, kind.name, &value, edit.unit).await?,
            }
        } else {
            let natural = kind.key_of(&value);
            if edit.key.is_some_and(|k| k != natural) {
                return Err(invalid(
                    kind.name,
                    format!("kunci data tidak boleh diubah ('{}' menjadi '{natural}'); tambahkan data baru", edit.key.unwrap_or_default()),
                ));
            }
            natural
        };
        // The key may name another unit's record (a key kept in order is taken as sent; a natural key need not
        // hold the unit): the writer may not take it over, whatever the new body says.
        let owner: Option<Option<String>> =
            sqlx::query_scalar("SELECT unit FROM record WHERE kind = $1 AND key = $2")
                .bind(kind.name)
                .bind(&key)
                .fetch_optional(&mut *tx)
                .await?;
        if owner.is_some_and(|o| o.as_deref() != Some(edit.unit)) {
            return Err(not_of_unit(kind.name, &key, edit.unit));
        }
        let rows = unit_rows(&mut tx, edit.unit).await?;
        let row = check_change(rows, edit.unit, kind, &key, Some(&body))?
            .ok_or_else(|| StoreError::Corrupt("baris hilang".into()))?;
        let version = write_versioned(&mut tx, &row, edit.expected_version, &now, actor).await?;
        tx.commit().await?;
        Ok((key, version))
    }

    async fn delete_record(
        &self,
        unit: &str,
        kind: &str,
        key: &str,
        expected_version: i64,
        actor: &str,
    ) -> Result<(), StoreError> {
        let kind = kind_of(kind)?;
        let now = self.clock.now();
        let mut tx = self.write_transaction().await?;
        let current =
            sqlx::query("SELECT body, version, unit FROM record WHERE kind = $1 AND key = $2")
                .bind(kind.name)
                .bind(key)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(current) = current else {
            return Err(StoreError::NotFound {
                kind: kind.name.into(),
                key: key.into(),
            });
        };
        let version: i64 = current.get("version");
        let owner: Option<String> = current.get("unit");
        if owner.as_deref() != Some(unit) {
            return Err(not_of_unit(kind.name, key, unit));
        }
        if version != expected_version {
            return Err(StoreError::Conflict {
                kind: kind.name.into(),
                key: key.into(),
                expected: expected_version,
                actual: version,
            });
        }
        let old: String = current.get("body");
        let rows = unit_rows(&mut tx, unit).await?;
        check_change(rows, unit, kind, key, None)?;
        sqlx::query("DELETE FROM record WHERE kind = $1 AND key = $2 AND version = $3")
            .bind(kind.name)
            .bind(key)
            .bind(version)
            .execute(&mut *tx)
            .await?;
        let change = Change {
            action: "hapus",
            kind: kind.name,
            key,
            old: Some(&old),
            new: None,
        };
        write_audit(&mut tx, &now, actor, &[change]).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The key of a new record of a kind kept in order: the next number in its unit-year.
async fn next_position(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    kind: &str,
    value: &Value,
    unit: &str,
) -> Result<String, StoreError> {
    let year = value.get("year").and_then(Value::as_i64);
    let prefix = format!("{unit}|{}|", year.unwrap_or_default());
    let keys: Vec<String> =
        sqlx::query_scalar("SELECT key FROM record WHERE kind = $1 AND unit = $2")
            .bind(kind)
            .bind(unit)
            .fetch_all(&mut **tx)
            .await?;
    let last = keys
        .iter()
        .filter_map(|k| k.strip_prefix(&prefix)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    Ok(format!("{prefix}{}", last + 1))
}

/// Inserts a new record (`expected_version` `None`) or updates the one read at that version, with its audit entry.
/// Returns the new version; a record that exists when none was expected, or has another version, is a conflict.
pub(crate) async fn write_versioned(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    row: &Row,
    expected_version: Option<i64>,
    now: &str,
    actor: &str,
) -> Result<i64, StoreError> {
    let current = sqlx::query("SELECT body, version FROM record WHERE kind = $1 AND key = $2")
        .bind(row.kind)
        .bind(&row.key)
        .fetch_optional(&mut **tx)
        .await?;
    let conflict = |actual: i64| StoreError::Conflict {
        kind: row.kind.into(),
        key: row.key.clone(),
        expected: expected_version.unwrap_or(0),
        actual,
    };
    let (version, old) = match (current, expected_version) {
        (None, None) => {
            let seq: i64 =
                sqlx::query_scalar("SELECT COALESCE(MAX(seq), -1) + 1 FROM record WHERE kind = $1")
                    .bind(row.kind)
                    .fetch_one(&mut **tx)
                    .await?;
            sqlx::query(
                "INSERT INTO record (kind, key, unit, year, seq, body, version, updated_at, updated_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8)",
            )
            .bind(row.kind)
            .bind(&row.key)
            .bind(row.unit.clone())
            .bind(row.year)
            .bind(seq)
            .bind(&row.body)
            .bind(now)
            .bind(actor)
            .execute(&mut **tx)
            .await?;
            (1, None)
        }
        (None, Some(_)) => return Err(conflict(0)),
        (Some(current), expected) => {
            let version: i64 = current.get("version");
            if expected != Some(version) {
                return Err(conflict(version));
            }
            let updated = sqlx::query(
                "UPDATE record SET body = $1, unit = $2, year = $3, version = version + 1, updated_at = $4, \
                 updated_by = $5 WHERE kind = $6 AND key = $7 AND version = $8",
            )
            .bind(&row.body)
            .bind(row.unit.clone())
            .bind(row.year)
            .bind(now)
            .bind(actor)
            .bind(row.kind)
            .bind(&row.key)
            .bind(version)
            .execute(&mut **tx)
            .await?;
            if updated.rows_affected() == 0 {
                return Err(conflict(version + 1));
            }
            (version + 1, Some(current.get::<String, _>("body")))
        }
    };
    let change = Change {
        action: if old.is_some() { "ubah" } else { "tambah" },
        kind: row.kind,
        key: &row.key,
        old: old.as_deref(),
        new: Some(&row.body),
    };
    write_audit(tx, now, actor, &[change]).await?;
    Ok(version)
}
