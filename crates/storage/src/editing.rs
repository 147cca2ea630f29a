//! One record of any kind, read and written on its own with its version: what the planning pages, the PK workflow
//! and the narrative editor change. A write names the unit it is made for; the store checks that the record
//! belongs to that unit (the unit of an indicator's target is the indicator's, and so on), validates the unit's
//! data with the change applied, and writes it with an audit entry in one transaction — or writes nothing.

use crate::error::StoreError;
use crate::records::{self, Row};
use crate::sql::{versioned, write_audit, write_versioned, Change, Versioned, VERSIONED};
use crate::store::Store;
use kinerja_domain::record::kind::{unit_year_key, Record, RecordKind, PEMDA, RULES};
use kinerja_domain::write_rules::{self, Writer};
use kinerja_interchange::{DatasetError, DatasetErrors};
use serde_json::Value;
use sqlx::Row as _;

/// A stored record with its key (the natural key, or `unit|year|n` for kinds kept in order).
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<T> {
    pub key: String,
    pub record: Versioned<T>,
}

/// Where a record is written, by whom, and against which version.
#[derive(Debug, Clone, Copy)]
pub struct Edit<'a> {
    /// Who writes: the change must be one they may make on the unit (`write_rules`).
    pub writer: Writer<'a>,
    /// The unit the writer is authorised for; the record must belong to it.
    pub unit: &'a str,
    /// The record being changed, for kinds kept in order (narratives); `None` adds one. Records of kinds with a
    /// natural key are found by it.
    pub key: Option<&'a str>,
    /// The version the record was read at; `None` for a new record.
    pub expected_version: Option<i64>,
}

#[allow(async_fn_in_trait)] // used through generics, never as a trait object
pub trait Editing {
    /// The records of a kind that belong to a unit (and a year, for kinds that have one), in stored order.
    async fn records<T: Record>(
        &self,
        unit: &str,
        year: Option<i32>,
    ) -> Result<Vec<Keyed<T>>, StoreError>;
    /// The unit-year's one record of a kind keyed by unit and year (`akip`, `ipp`, `paten`), if there is one.
    async fn unit_year_record<T: Record>(
        &self,
        unit: &str,
        year: i32,
    ) -> Result<Option<Keyed<T>>, StoreError> {
        let key = unit_year_key(unit, year);
        let all: Vec<Keyed<T>> = self.records(unit, Some(year)).await?;
        Ok(all.into_iter().find(|k| k.key == key))
    }
    /// Adds or changes one record; returns its key and new version. A stale `expected_version` is a conflict, a
    /// record of another unit is refused, a change that leaves the unit's data invalid is refused with the
    /// validator's messages; in each case nothing is written.
    async fn save_record<T: Record + Sync>(
        &self,
        edit: Edit<'_>,
        record: &T,
        actor: &str,
    ) -> Result<(String, i64), StoreError>;
    /// Removes one record read at `expected_version`, if the writer may and the unit's data stays valid without it.
    async fn delete_record<T: Record>(
        &self,
        writer: Writer<'_>,
        unit: &str,
        key: &str,
        expected_version: i64,
        actor: &str,
    ) -> Result<(), StoreError>;
}

/// The kind of `T`, one that belongs to a unit (not the pemda or its rules).
fn kind_of<T: Record>() -> Result<&'static RecordKind, StoreError> {
    let kind = T::KIND;
    if [&PEMDA, &RULES].contains(&kind) {
        return Err(StoreError::Refused(format!(
            "jenis data '{}' tidak dapat diubah per unit",
            kind.name
        )));
    }
    Ok(kind)
}

fn not_of_unit(kind: &str, key: &str, unit: &str) -> StoreError {
    StoreError::Refused(format!("data {kind} '{key}' bukan milik unit {unit}"))
}

/// Refused when the writer may not make the change on the unit (`write_rules`).
fn forbidden(
    writer: Writer<'_>,
    unit: &str,
    kind: &RecordKind,
    key: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<(), StoreError> {
    match writer.refusal(unit, write_rules::needs(kind, before, after)) {
        Some(why) => Err(StoreError::Refused(format!(
            "{} '{key}': {why}",
            kind.label
        ))),
        None => Ok(()),
    }
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
    async fn records<T: Record>(
        &self,
        unit: &str,
        year: Option<i32>,
    ) -> Result<Vec<Keyed<T>>, StoreError> {
        let kind = kind_of::<T>()?;
        let sql = format!(
            "SELECT key, {} FROM record WHERE kind = $1 AND unit = $2{} ORDER BY seq",
            VERSIONED,
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
                    record: versioned(row)?,
                })
            })
            .collect()
    }

    async fn save_record<T: Record + Sync>(
        &self,
        edit: Edit<'_>,
        record: &T,
        actor: &str,
    ) -> Result<(String, i64), StoreError> {
        let kind = kind_of::<T>()?;
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
        let stored = sqlx::query("SELECT unit, body FROM record WHERE kind = $1 AND key = $2")
            .bind(kind.name)
            .bind(&key)
            .fetch_optional(&mut *tx)
            .await?;
        let old: Option<(Option<String>, String)> = stored.map(|r| (r.get("unit"), r.get("body")));
        if old
            .as_ref()
            .is_some_and(|(o, _)| o.as_deref() != Some(edit.unit))
        {
            return Err(not_of_unit(kind.name, &key, edit.unit));
        }
        forbidden(
            edit.writer,
            edit.unit,
            kind,
            &key,
            old.as_ref().map(|(_, b)| b.as_str()),
            Some(&body),
        )?;
        let rows = unit_rows(&mut tx, edit.unit).await?;
        let row = check_change(rows, edit.unit, kind, &key, Some(&body))?
            .ok_or_else(|| StoreError::Corrupt("baris hilang".into()))?;
        let version = write_versioned(&mut tx, &row, edit.expected_version, &now, actor).await?;
        tx.commit().await?;
        Ok((key, version))
    }

    async fn delete_record<T: Record>(
        &self,
        writer: Writer<'_>,
        unit: &str,
        key: &str,
        expected_version: i64,
        actor: &str,
    ) -> Result<(), StoreError> {
        let kind = kind_of::<T>()?;
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
        forbidden(writer, unit, kind, key, Some(&old), None)?;
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
            unit: Some(unit),
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
