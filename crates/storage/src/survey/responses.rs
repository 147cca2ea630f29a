//! The stored responses: read by query (unit, year, months, service), their saran followed up, and written as rows
//! by the writer and the import alike.

use super::services;
use crate::error::StoreError;
use crate::sql::{placeholders, write_audit, Change};
use crate::store::Store;
use kinerja_domain::date::Date;
use kinerja_domain::model::{Choice, Education, Element, Occupation, Scores, Sex};
use kinerja_domain::survey_results::{Respondent, ServiceResponses};
use sqlx::any::AnyRow;
use sqlx::{Any, Row as _};
use std::collections::HashMap;

/// Longest saran, in characters.
pub const MAX_SARAN_CHARS: usize = kinerja_domain::model::MAX_SARAN_CHARS;

/// Submissions committed together at most; 20 parameters each stays far below both backends' limits.
pub(super) const MAX_BATCH: usize = 256;

/// A stored response, in the compact form computations read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub id: i64,
    pub service: i64,
    /// Unix seconds.
    pub submitted_at: i64,
    /// The date in WIB ([`crate::Clock::today`]): it decides the year and the period the response counts in.
    pub date: Date,
    pub sex: Sex,
    pub age: Option<u8>,
    pub education: Option<Education>,
    pub occupation: Option<Occupation>,
    pub scores: Scores,
    pub saran: Option<String>,
    /// The unit's follow-up of the saran.
    pub follow_up: Option<String>,
}

/// A saran of a respondent and the unit's follow-up of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saran {
    /// The response's id.
    pub id: i64,
    pub service: i64,
    pub date: Date,
    pub saran: String,
    pub follow_up: Option<String>,
    /// Who wrote the follow-up last, and when (Unix seconds).
    pub follow_up_by: Option<String>,
    pub follow_up_at: Option<i64>,
}

/// Which responses: those to a unit's services (or one of them) dated in some months of a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseQuery {
    pub unit: String,
    pub year: i32,
    /// First and last month, 1–12: `(1, 12)` the year, `(4, 6)` TW II, `(7, 12)` semester II.
    pub months: (u8, u8),
    pub service: Option<i64>,
}

impl ResponseQuery {
    /// A unit's responses of a whole year, to every service.
    pub fn year(unit: &str, year: i32) -> ResponseQuery {
        ResponseQuery {
            unit: unit.to_string(),
            year,
            months: (1, 12),
            service: None,
        }
    }
}

/// The first and last date of the query's months, as stored text. The last is the month's 31st whatever its
/// length: as text it still sorts after every real day of the month and before the next month.
fn date_bounds(q: &ResponseQuery) -> Result<(String, String), StoreError> {
    let (first, last) = q.months;
    if !(1..=12).contains(&first) || !(first..=12).contains(&last) {
        return Err(StoreError::Refused(format!(
            "bulan {first}–{last} tidak sah: seharusnya dua bulan 1–12, yang pertama tidak setelah yang kedua"
        )));
    }
    Ok((
        format!("{:04}-{first:02}-01", q.year),
        format!("{:04}-{last:02}-31", q.year),
    ))
}

/// `select` (ending in [`response_filter`]) with the query's parameters bound.
fn filtered<'q>(
    select: &'q str,
    q: &ResponseQuery,
) -> Result<sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>, StoreError> {
    let (from, to) = date_bounds(q)?;
    let query = sqlx::query(select)
        .bind(q.unit.clone())
        .bind(i64::from(q.year))
        .bind(from)
        .bind(to);
    Ok(match q.service {
        Some(id) => query.bind(id),
        None => query,
    })
}

/// The `WHERE` clause choosing a query's responses.
fn response_filter(q: &ResponseQuery) -> &'static str {
    if q.service.is_some() {
        "WHERE unit = $1 AND year = $2 AND submitted_on BETWEEN $3 AND $4 AND service = $5"
    } else {
        "WHERE unit = $1 AND year = $2 AND submitted_on BETWEEN $3 AND $4"
    }
}

pub(super) const SCORE_COLUMNS: [&str; 9] = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"];

fn choice<T: Choice>(row: &AnyRow, column: &str) -> Result<Option<T>, StoreError> {
    row.get::<Option<String>, _>(column)
        .map(|code| {
            T::from_code(&code)
                .ok_or_else(|| StoreError::Corrupt(format!("{column} '{code}' tidak dikenal")))
        })
        .transpose()
}

fn small(row: &AnyRow, column: &str) -> Result<Option<u8>, StoreError> {
    row.get::<Option<i64>, _>(column)
        .map(|v| {
            u8::try_from(v).map_err(|_| StoreError::Corrupt(format!("{column} {v} di luar batas")))
        })
        .transpose()
}

pub(super) fn borrowed_choice<T: Choice>(
    row: &AnyRow,
    column: &str,
) -> Result<Option<T>, StoreError> {
    row.try_get::<Option<&str>, _>(column)?
        .map(|code| {
            T::from_code(code)
                .ok_or_else(|| StoreError::Corrupt(format!("{column} '{code}' tidak dikenal")))
        })
        .transpose()
}

/// The `month` column the analysis queries cut from the response date.
pub(super) fn month_of(row: &AnyRow) -> Result<u8, StoreError> {
    small(row, "month")?
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| StoreError::Corrupt("bulan respons tidak sah".into()))
}

fn respondent_of(row: &AnyRow) -> Result<Respondent, StoreError> {
    let mut scores = Scores::default();
    for (slot, column) in scores.0.iter_mut().zip(SCORE_COLUMNS) {
        *slot = small(row, column)?;
    }
    Ok(Respondent {
        month: month_of(row)?,
        sex: borrowed_choice(row, "sex")?
            .ok_or_else(|| StoreError::Corrupt("sex kosong".into()))?,
        age: small(row, "age")?,
        education: borrowed_choice(row, "education")?,
        occupation: borrowed_choice(row, "occupation")?,
        scores,
    })
}

fn response_of(row: &AnyRow) -> Result<StoredResponse, StoreError> {
    let mut scores = Scores::default();
    for (slot, column) in scores.0.iter_mut().zip(SCORE_COLUMNS) {
        *slot = small(row, column)?;
    }
    let on: String = row.get("submitted_on");
    Ok(StoredResponse {
        id: row.get("id"),
        service: row.get("service"),
        submitted_at: row.get("submitted_at"),
        date: on
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("tanggal respons '{on}' tidak sah")))?,
        sex: choice(row, "sex")?.ok_or_else(|| StoreError::Corrupt("sex kosong".into()))?,
        age: small(row, "age")?,
        education: choice(row, "education")?,
        occupation: choice(row, "occupation")?,
        scores,
        saran: row.get("saran"),
        follow_up: row.get("follow_up"),
    })
}

/// The query's responses after the response `after`, in id order, at most `limit`.
pub(super) async fn read(
    store: &Store,
    query: &ResponseQuery,
    after: i64,
    limit: Option<u32>,
) -> Result<Vec<StoredResponse>, StoreError> {
    // Both numbers are Rust integers: written into the statement, they cannot inject anything.
    let limit = limit.map_or_else(String::new, |n| format!(" LIMIT {n}"));
    let sql = format!(
        "SELECT id, service, submitted_at, submitted_on, sex, age, education, occupation, {}, saran, \
         follow_up FROM survey_response {} AND id > {after} ORDER BY id{limit}",
        SCORE_COLUMNS.join(", "),
        response_filter(query)
    );
    filtered(&sql, query)?
        .fetch_all(&store.pool)
        .await?
        .iter()
        .map(response_of)
        .collect()
}

pub(super) async fn count(store: &Store, query: &ResponseQuery) -> Result<i64, StoreError> {
    let sql = format!(
        "SELECT COUNT(*) FROM survey_response {}",
        response_filter(query)
    );
    let row = filtered(&sql, query)?.fetch_one(&store.pool).await?;
    Ok(row.get(0))
}

pub(super) async fn sarans(store: &Store, query: &ResponseQuery) -> Result<Vec<Saran>, StoreError> {
    let sql = format!(
        "SELECT id, service, submitted_on, saran, follow_up, follow_up_by, follow_up_at FROM survey_response \
         {} AND saran IS NOT NULL ORDER BY id DESC",
        response_filter(query)
    );
    filtered(&sql, query)?
        .fetch_all(&store.pool)
        .await?
        .iter()
        .map(|row| {
            let on: String = row.try_get("submitted_on")?;
            Ok(Saran {
                id: row.try_get("id")?,
                service: row.try_get("service")?,
                date: on.parse().map_err(|_| {
                    StoreError::Corrupt(format!("tanggal respons '{on}' tidak sah"))
                })?,
                saran: row.try_get("saran")?,
                follow_up: row.try_get("follow_up")?,
                follow_up_by: row.try_get("follow_up_by")?,
                follow_up_at: row.try_get("follow_up_at")?,
            })
        })
        .collect()
}

pub(super) async fn set_follow_up(
    store: &Store,
    unit: &str,
    response: i64,
    text: &str,
    actor: &str,
) -> Result<(), StoreError> {
    let text = text.trim();
    if text.chars().count() > MAX_SARAN_CHARS {
        return Err(StoreError::Refused(format!(
            "tindak lanjut saran paling banyak {MAX_SARAN_CHARS} karakter"
        )));
    }
    let new = (!text.is_empty()).then_some(text);
    let now = store.clock.now();
    let mut tx = store.write_transaction().await?;
    let row = sqlx::query("SELECT follow_up FROM survey_response WHERE id = $1 AND unit = $2")
        .bind(response)
        .bind(unit)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            kind: "respons survei".into(),
            key: response.to_string(),
        })?;
    let old: Option<String> = row.try_get("follow_up")?;
    if old.as_deref() == new {
        return Ok(());
    }
    sqlx::query(
        "UPDATE survey_response SET follow_up = $1, follow_up_by = $2, follow_up_at = $3 WHERE id = $4",
    )
    .bind(new)
    .bind(actor)
    .bind(store.clock.seconds())
    .bind(response)
    .execute(&mut *tx)
    .await?;
    let key = response.to_string();
    let change = Change {
        action: "ubah",
        kind: "tindak_lanjut_saran",
        key: &key,
        unit: Some(unit),
        old: old.as_deref(),
        new,
    };
    write_audit(&mut tx, &now, actor, &[change]).await?;
    tx.commit().await?;
    Ok(())
}

pub(super) async fn survey_year(
    store: &Store,
    unit: &str,
    year: i32,
) -> Result<Vec<ServiceResponses>, StoreError> {
    let services = services::list(store, unit).await?;
    let at: HashMap<i64, usize> = services
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let mut result: Vec<ServiceResponses> = services
        .into_iter()
        .map(|s| ServiceResponses {
            name: s.name,
            population: s.population.and_then(|p| u64::try_from(p).ok()),
            respondents: Vec::new(),
        })
        .collect();
    let sql = format!(
        "SELECT service, CAST(substr(submitted_on, 6, 2) AS INTEGER) AS month, sex, age, education, \
         occupation, {} FROM survey_response WHERE unit = $1 AND year = $2",
        SCORE_COLUMNS.join(", ")
    );
    let rows = sqlx::query(&sql)
        .bind(unit)
        .bind(i64::from(year))
        .fetch_all(&store.pool)
        .await?;
    for row in &rows {
        let service: i64 = row.try_get("service")?;
        let Some(&i) = at.get(&service) else {
            return Err(StoreError::Corrupt(format!(
                "respons untuk layanan {service} yang bukan milik unit {unit}"
            )));
        };
        result[i].respondents.push(respondent_of(row)?);
    }
    Ok(result)
}

/// Refuses an answer outside 1–4 and a saran over [`MAX_SARAN_CHARS`].
pub(super) fn check_answers(scores: &Scores, saran: Option<&str>) -> Result<(), StoreError> {
    if let Some(e) = Element::ALL
        .iter()
        .find(|e| scores.get(**e).is_some_and(|s| !(1..=4).contains(&s)))
    {
        return Err(StoreError::Refused(format!(
            "jawaban {} harus 1, 2, 3 atau 4",
            e.code()
        )));
    }
    if saran.is_some_and(|s| s.chars().count() > MAX_SARAN_CHARS) {
        return Err(StoreError::Refused(format!(
            "saran paling panjang {MAX_SARAN_CHARS} karakter"
        )));
    }
    Ok(())
}

const INSERT_COLUMNS: &str =
    "service, unit, year, submitted_on, submitted_at, sex, age, education, occupation, \
     u1, u2, u3, u4, u5, u6, u7, u8, u9, saran, client_hash";

/// A row of `survey_response` as written, from a submission or an import.
pub(super) struct Row<'a> {
    pub(super) service: i64,
    pub(super) unit: &'a str,
    /// The day it counts in.
    pub(super) date: Date,
    /// Unix seconds it was stored.
    pub(super) at: i64,
    pub(super) sex: Sex,
    pub(super) age: Option<u8>,
    pub(super) education: Option<Education>,
    pub(super) occupation: Option<Occupation>,
    pub(super) scores: &'a Scores,
    pub(super) saran: Option<&'a str>,
    pub(super) client_hash: Option<&'a str>,
}

/// Inserts at most [`MAX_BATCH`] rows.
pub(super) async fn insert(
    tx: &mut sqlx::Transaction<'_, Any>,
    rows: &[Row<'_>],
) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO survey_response ({INSERT_COLUMNS}) VALUES {}",
        placeholders(rows.len(), 20)
    );
    let mut q = sqlx::query(&sql);
    for r in rows {
        q = q
            .bind(r.service)
            .bind(r.unit.to_string())
            .bind(i64::from(r.date.year()))
            .bind(r.date.to_string())
            .bind(r.at)
            .bind(r.sex.code())
            .bind(r.age.map(i16::from))
            .bind(r.education.map(Choice::code))
            .bind(r.occupation.map(Choice::code));
        for e in Element::ALL {
            q = q.bind(r.scores.get(e).map(i16::from));
        }
        q = q
            .bind(r.saran.map(str::to_string))
            .bind(r.client_hash.map(str::to_string));
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_checked_and_bound_by_text() {
        let mut q = ResponseQuery::year("u", 2024);
        assert_eq!(
            date_bounds(&q).unwrap(),
            ("2024-01-01".to_string(), "2024-12-31".to_string())
        );
        q.months = (4, 6);
        assert_eq!(date_bounds(&q).unwrap().1, "2024-06-31");
        for bad in [(0, 3), (4, 3), (1, 13)] {
            q.months = bad;
            assert!(date_bounds(&q).is_err(), "{bad:?}");
        }
    }
}
