//! The IKM survey (PermenPANRB 14/2017, domain.md §5) in typed tables rather than in `record`, because responses
//! come from the public in large numbers (migration 0004 documents every column):
//!
//! - `survey_service`: the services (jenis layanan) a unit surveys. Each has a random public code, the last part
//!   of its survey address `/survei/{code}`; an optional population (service users a year, for the
//!   Krejcie–Morgan sample size); whether a respondent needs a one-time visit code; whether it is active (an
//!   inactive service takes no responses; those it has stay). Created and changed by staff, audited.
//! - `survey_visit_code`: one-time codes a unit prints on queue tickets, per service.
//! - `survey_response`: one row per respondent, a column per answer, read back as [`StoredResponse`] with its
//!   answers as domain [`Scores`].
//!
//! Responses are written only through a [`SurveyWriter`]: one task per application server takes submissions from
//! a channel and commits whatever has queued up in one transaction (group commit), on a connection of its own
//! that on SQLite syncs every commit to disk. A submitter hears back only after its batch is committed, so nothing
//! acknowledged is lost; a failed commit fails every submission of its batch. Inside the batch each submission is
//! checked against its service (exists, active), its visit code (each used once) and recent submissions (the
//! same client with the same answers within the duplicate window). Submissions are not in the audit log: they
//! change nothing that was there, and the log would be mostly them.

use crate::accounts::{hex, random_text, random_token};
use crate::error::StoreError;
use crate::store::{placeholders, write_audit, Backend, Change, Store};
use hmac::{Hmac, Mac};
use kinerja_domain::date::Date;
use kinerja_domain::model::{Choice, Education, Element, Occupation, Response, Scores, Sex};
use kinerja_domain::survey_results::{MonthlyTallies, Respondent, ServiceResponses};
use serde_json::json;
use sha2::Sha256;
use sqlx::any::AnyRow;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, Connection as _, Executor as _, Row as _};
use std::collections::{HashMap, HashSet};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot, OnceCell};

/// Longest service name, in characters.
pub const MAX_SERVICE_NAME_CHARS: usize = 200;
/// Longest saran, in characters.
pub const MAX_SARAN_CHARS: usize = kinerja_domain::model::MAX_SARAN_CHARS;
/// Most visit codes made at once (a roll of queue tickets).
pub const MAX_VISIT_CODES: usize = 500;

/// Public codes: lowercase letters and digits without look-alikes (i, l, o, 0, 1); twelve of them carry 59 bits,
/// far beyond guessing through the rate limits.
const SERVICE_CODE_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const SERVICE_CODE_CHARS: usize = 12;
/// Visit codes are typed from a ticket: capitals and digits without look-alikes, eight of them (40 bits).
const VISIT_CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const VISIT_CODE_CHARS: usize = 8;

/// Submissions committed together at most; 20 parameters each stays far below both backends' limits.
const MAX_BATCH: usize = 256;
/// Submissions waiting for the writer at most; further submitters wait their turn to queue.
const QUEUE: usize = 4 * MAX_BATCH;
/// The `app_secret` row keying the client hashes.
const CLIENT_KEY: &str = "survey_client";

/// A service a unit surveys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub id: i64,
    pub unit: String,
    pub name: String,
    /// The random public code: the survey is at `/survei/{code}`.
    pub code: String,
    /// Service users in a year, for the sample size; `None` when not known.
    pub population: Option<i64>,
    /// Only a respondent holding an unused visit code may answer.
    pub requires_code: bool,
    pub active: bool,
}

/// What staff set of a service, on creation and on change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSpec {
    pub name: String,
    pub population: Option<i64>,
    pub requires_code: bool,
    pub active: bool,
}

/// A visit code and whether it was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitCode {
    pub code: String,
    /// Unix seconds of the response that used it.
    pub used_at: Option<i64>,
}

/// A submission of the public form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewResponse {
    /// The service's id.
    pub service: i64,
    pub sex: Sex,
    pub age: Option<u8>,
    pub education: Option<Education>,
    pub occupation: Option<Occupation>,
    pub scores: Scores,
    pub saran: Option<String>,
    /// The visit code typed or scanned; spaces, dashes and case do not matter. Ignored unless the service
    /// requires one.
    pub visit_code: Option<String>,
    /// Whom the submission came from (the web passes the client's address key). Only a keyed hash of it together
    /// with the answers is stored, to recognise the same answers sent twice.
    pub client: String,
}

/// What became of a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submitted {
    /// Stored and committed.
    Stored,
    /// The same client sent the same answers for the same service within the duplicate window: not stored again.
    Duplicate,
    /// The service requires a visit code, and this one is missing, unknown for the service, or already used.
    VisitCodeRefused,
    /// No such service, or it is not active.
    ServiceClosed,
}

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

/// Services, visit codes and the reading of responses. Responses are written through [`SurveyWriter`].
#[allow(async_fn_in_trait)] // used through generics, never as a trait object
pub trait Survey {
    /// Adds a service to a unit with a fresh public code. Refuses an unknown unit, an empty or overlong name, a
    /// name the unit already uses, a population below 1.
    async fn create_service(
        &self,
        unit: &str,
        spec: &ServiceSpec,
        actor: &str,
    ) -> Result<Service, StoreError>;
    /// Changes a service of the unit, with the checks of creation; its code stays.
    async fn update_service(
        &self,
        unit: &str,
        id: i64,
        spec: &ServiceSpec,
        actor: &str,
    ) -> Result<Service, StoreError>;
    /// A unit's services, by name.
    async fn services(&self, unit: &str) -> Result<Vec<Service>, StoreError>;
    /// A service of the unit; `None` for another unit's.
    async fn service(&self, unit: &str, id: i64) -> Result<Option<Service>, StoreError>;
    /// The service a public code belongs to, active or not.
    async fn service_by_code(&self, code: &str) -> Result<Option<Service>, StoreError>;
    /// Makes `count` (1 to [`MAX_VISIT_CODES`]) fresh visit codes for a service of the unit and returns them.
    async fn create_visit_codes(
        &self,
        unit: &str,
        service: i64,
        count: usize,
        actor: &str,
    ) -> Result<Vec<String>, StoreError>;
    /// The visit codes of a service of the unit, newest first.
    async fn visit_codes(&self, unit: &str, service: i64) -> Result<Vec<VisitCode>, StoreError>;
    async fn count_responses(&self, query: &ResponseQuery) -> Result<i64, StoreError>;
    /// The responses, in the order they were stored.
    async fn responses(&self, query: &ResponseQuery) -> Result<Vec<StoredResponse>, StoreError>;
    /// At most `limit` of the responses stored after the response `after` (0: from the first), in the order they
    /// were stored: an export of a million responses reads them batch by batch.
    async fn responses_after(
        &self,
        query: &ResponseQuery,
        after: i64,
        limit: u32,
    ) -> Result<Vec<StoredResponse>, StoreError>;
    /// A unit's services with their respondents of a year, as the results analysis
    /// ([`kinerja_domain::survey_results::analyse`]) reads them: only the columns it counts, the month cut from the
    /// date by the database, the codes read without keeping them.
    async fn survey_year(&self, unit: &str, year: i32)
        -> Result<Vec<ServiceResponses>, StoreError>;
    /// The responses of the query that carry a saran, newest first.
    async fn sarans(&self, query: &ResponseQuery) -> Result<Vec<Saran>, StoreError>;
    /// Stores responses read from a file (paper forms, another survey application) for the unit's services, named
    /// by `service`, all in one transaction or none, with one audit entry counting them per service; `progress`
    /// hears (stored, total). Refuses a response of another unit, an unknown service, an answer outside 1–4 and a
    /// saran over [`MAX_SARAN_CHARS`]. Identical responses are all stored: each is a form. Returns how many.
    async fn import_responses(
        &self,
        unit: &str,
        responses: &[Response],
        actor: &str,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<usize, StoreError>;
    /// Writes the unit's follow-up of a saran (empty clears it), audited. Refuses a response of another unit's
    /// service and a follow-up longer than [`MAX_SARAN_CHARS`].
    async fn set_follow_up(
        &self,
        unit: &str,
        response: i64,
        text: &str,
        actor: &str,
    ) -> Result<(), StoreError>;
}

const SERVICE_COLUMNS: &str = "id, unit, name, code, population, requires_code, active";

fn service_of(row: &AnyRow) -> Service {
    Service {
        id: row.get("id"),
        unit: row.get("unit"),
        name: row.get("name"),
        code: row.get("code"),
        population: row.get("population"),
        requires_code: row.get::<i64, _>("requires_code") != 0,
        active: row.get::<i64, _>("active") != 0,
    }
}

fn service_audit(s: &Service) -> String {
    json!({
        "unit": s.unit,
        "name": s.name,
        "code": s.code,
        "population": s.population,
        "requires_code": s.requires_code,
        "active": s.active,
    })
    .to_string()
}

/// The trimmed name of a valid spec.
fn checked_spec(spec: &ServiceSpec) -> Result<&str, StoreError> {
    let name = spec.name.trim();
    if name.is_empty() || name.chars().count() > MAX_SERVICE_NAME_CHARS {
        return Err(StoreError::Refused(format!(
            "nama layanan wajib diisi, paling panjang {MAX_SERVICE_NAME_CHARS} karakter"
        )));
    }
    if spec.population.is_some_and(|p| p < 1) {
        return Err(StoreError::Refused(
            "populasi pengguna layanan harus bilangan bulat lebih dari 0, atau dikosongkan".into(),
        ));
    }
    Ok(name)
}

async fn require_unit(conn: &mut AnyConnection, unit: &str) -> Result<(), StoreError> {
    let known: Option<String> =
        sqlx::query_scalar("SELECT key FROM record WHERE kind = 'unit' AND key = $1")
            .bind(unit)
            .fetch_optional(conn)
            .await?;
    match known {
        Some(_) => Ok(()),
        None => Err(StoreError::NotFound {
            kind: "unit".into(),
            key: unit.to_string(),
        }),
    }
}

async fn name_taken(
    conn: &mut AnyConnection,
    unit: &str,
    name: &str,
    except: Option<i64>,
) -> Result<(), StoreError> {
    let other: Option<i64> =
        sqlx::query_scalar("SELECT id FROM survey_service WHERE unit = $1 AND name = $2")
            .bind(unit)
            .bind(name)
            .fetch_optional(conn)
            .await?;
    match other {
        Some(id) if Some(id) != except => Err(StoreError::Refused(format!(
            "layanan '{name}' sudah ada di unit ini"
        ))),
        _ => Ok(()),
    }
}

async fn service_in(
    conn: &mut AnyConnection,
    unit: &str,
    id: i64,
) -> Result<Option<Service>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {SERVICE_COLUMNS} FROM survey_service WHERE unit = $1 AND id = $2"
    ))
    .bind(unit)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.as_ref().map(service_of))
}

fn no_service(id: i64) -> StoreError {
    StoreError::NotFound {
        kind: "layanan".into(),
        key: id.to_string(),
    }
}

/// A visit code as stored: capitals, without the spaces and dashes it may be printed or typed with.
fn normalised_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
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

const SCORE_COLUMNS: [&str; 9] = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"];

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

fn borrowed_choice<T: Choice>(row: &AnyRow, column: &str) -> Result<Option<T>, StoreError> {
    row.try_get::<Option<&str>, _>(column)?
        .map(|code| {
            T::from_code(code)
                .ok_or_else(|| StoreError::Corrupt(format!("{column} '{code}' tidak dikenal")))
        })
        .transpose()
}

/// The `month` column the analysis queries cut from the response date.
fn month_of(row: &AnyRow) -> Result<u8, StoreError> {
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

impl Store {
    /// The query's responses after the response `after`, in id order, at most `limit`.
    async fn read_responses(
        &self,
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
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(response_of)
            .collect()
    }
}

impl Survey for Store {
    async fn create_service(
        &self,
        unit: &str,
        spec: &ServiceSpec,
        actor: &str,
    ) -> Result<Service, StoreError> {
        let name = checked_spec(spec)?;
        let code = random_text(SERVICE_CODE_ALPHABET, SERVICE_CODE_CHARS)?;
        let now = self.clock.now();
        let mut tx = self.write_transaction().await?;
        require_unit(&mut tx, unit).await?;
        name_taken(&mut tx, unit, name, None).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO survey_service (unit, name, code, population, requires_code, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(unit)
        .bind(name)
        .bind(&code)
        .bind(spec.population)
        .bind(i64::from(spec.requires_code))
        .bind(i64::from(spec.active))
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        let made = Service {
            id,
            unit: unit.to_string(),
            name: name.to_string(),
            code,
            population: spec.population,
            requires_code: spec.requires_code,
            active: spec.active,
        };
        let body = service_audit(&made);
        let key = id.to_string();
        let change = Change {
            action: "tambah",
            kind: "survey_service",
            key: &key,
            old: None,
            new: Some(&body),
        };
        write_audit(&mut tx, &now, actor, &[change]).await?;
        tx.commit().await?;
        Ok(made)
    }

    async fn update_service(
        &self,
        unit: &str,
        id: i64,
        spec: &ServiceSpec,
        actor: &str,
    ) -> Result<Service, StoreError> {
        let name = checked_spec(spec)?;
        let now = self.clock.now();
        let mut tx = self.write_transaction().await?;
        let old = service_in(&mut tx, unit, id)
            .await?
            .ok_or_else(|| no_service(id))?;
        name_taken(&mut tx, unit, name, Some(id)).await?;
        let new = Service {
            name: name.to_string(),
            population: spec.population,
            requires_code: spec.requires_code,
            active: spec.active,
            ..old.clone()
        };
        if new == old {
            return Ok(old);
        }
        sqlx::query(
            "UPDATE survey_service SET name = $1, population = $2, requires_code = $3, active = $4 WHERE id = $5",
        )
        .bind(name)
        .bind(spec.population)
        .bind(i64::from(spec.requires_code))
        .bind(i64::from(spec.active))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let (before, after) = (service_audit(&old), service_audit(&new));
        let key = id.to_string();
        let change = Change {
            action: "ubah",
            kind: "survey_service",
            key: &key,
            old: Some(&before),
            new: Some(&after),
        };
        write_audit(&mut tx, &now, actor, &[change]).await?;
        tx.commit().await?;
        Ok(new)
    }

    async fn services(&self, unit: &str) -> Result<Vec<Service>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {SERVICE_COLUMNS} FROM survey_service WHERE unit = $1 ORDER BY name, id"
        ))
        .bind(unit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(service_of).collect())
    }

    async fn service(&self, unit: &str, id: i64) -> Result<Option<Service>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        service_in(&mut conn, unit, id).await
    }

    async fn service_by_code(&self, code: &str) -> Result<Option<Service>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {SERVICE_COLUMNS} FROM survey_service WHERE code = $1"
        ))
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(service_of))
    }

    async fn create_visit_codes(
        &self,
        unit: &str,
        service: i64,
        count: usize,
        actor: &str,
    ) -> Result<Vec<String>, StoreError> {
        if !(1..=MAX_VISIT_CODES).contains(&count) {
            return Err(StoreError::Refused(format!(
                "jumlah kode kunjungan 1 sampai {MAX_VISIT_CODES} sekali buat"
            )));
        }
        let mut codes = HashSet::with_capacity(count);
        while codes.len() < count {
            codes.insert(random_text(VISIT_CODE_ALPHABET, VISIT_CODE_CHARS)?);
        }
        let now = self.clock.now();
        let mut tx = self.write_transaction().await?;
        service_in(&mut tx, unit, service)
            .await?
            .ok_or_else(|| no_service(service))?;
        let codes: Vec<String> = codes.into_iter().collect();
        let mut made = Vec::with_capacity(count);
        for chunk in codes.chunks(MAX_BATCH) {
            // A code that happens to exist already is skipped rather than failing the roll.
            let sql = format!(
                "INSERT INTO survey_visit_code (service, code, created_at) VALUES {} \
                 ON CONFLICT (service, code) DO NOTHING RETURNING code",
                placeholders(chunk.len(), 3)
            );
            let mut q = sqlx::query_scalar::<_, String>(&sql);
            for code in chunk {
                q = q.bind(service).bind(code.clone()).bind(now.clone());
            }
            made.extend(q.fetch_all(&mut *tx).await?);
        }
        let body = json!({ "jumlah": made.len() }).to_string();
        let key = service.to_string();
        let change = Change {
            action: "tambah",
            kind: "survey_visit_code",
            key: &key,
            old: None,
            new: Some(&body),
        };
        write_audit(&mut tx, &now, actor, &[change]).await?;
        tx.commit().await?;
        made.sort();
        Ok(made)
    }

    async fn visit_codes(&self, unit: &str, service: i64) -> Result<Vec<VisitCode>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.code, c.used_at FROM survey_visit_code c \
             JOIN survey_service s ON s.id = c.service \
             WHERE s.unit = $1 AND c.service = $2 ORDER BY c.created_at DESC, c.code",
        )
        .bind(unit)
        .bind(service)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| VisitCode {
                code: r.get("code"),
                used_at: r.get("used_at"),
            })
            .collect())
    }

    async fn count_responses(&self, query: &ResponseQuery) -> Result<i64, StoreError> {
        let sql = format!(
            "SELECT COUNT(*) FROM survey_response {}",
            response_filter(query)
        );
        let row = filtered(&sql, query)?.fetch_one(&self.pool).await?;
        Ok(row.get(0))
    }

    async fn responses(&self, query: &ResponseQuery) -> Result<Vec<StoredResponse>, StoreError> {
        self.read_responses(query, 0, None).await
    }

    async fn responses_after(
        &self,
        query: &ResponseQuery,
        after: i64,
        limit: u32,
    ) -> Result<Vec<StoredResponse>, StoreError> {
        self.read_responses(query, after, Some(limit)).await
    }

    async fn sarans(&self, query: &ResponseQuery) -> Result<Vec<Saran>, StoreError> {
        let sql = format!(
            "SELECT id, service, submitted_on, saran, follow_up, follow_up_by, follow_up_at FROM survey_response \
             {} AND saran IS NOT NULL ORDER BY id DESC",
            response_filter(query)
        );
        filtered(&sql, query)?
            .fetch_all(&self.pool)
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

    async fn set_follow_up(
        &self,
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
        let now = self.clock.now();
        let mut tx = self.write_transaction().await?;
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
        .bind(self.clock.seconds())
        .bind(response)
        .execute(&mut *tx)
        .await?;
        let key = response.to_string();
        let change = Change {
            action: "ubah",
            kind: "tindak_lanjut_saran",
            key: &key,
            old: old.as_deref(),
            new,
        };
        write_audit(&mut tx, &now, actor, &[change]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn import_responses(
        &self,
        unit: &str,
        responses: &[Response],
        actor: &str,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<usize, StoreError> {
        let ids: HashMap<String, i64> = self
            .services(unit)
            .await?
            .into_iter()
            .map(|s| (s.name, s.id))
            .collect();
        let scores: Vec<Scores> = responses.iter().map(Response::scores).collect();
        let seconds = self.clock.seconds();
        let mut rows = Vec::with_capacity(responses.len());
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for (i, r) in responses.iter().enumerate() {
            let at = || format!("respons ke-{}", i + 1);
            if r.unit != unit {
                return Err(StoreError::Refused(format!(
                    "{}: milik unit '{}', bukan unit '{unit}'",
                    at(),
                    r.unit
                )));
            }
            let service = *ids.get(&r.service).ok_or_else(|| {
                StoreError::Refused(format!(
                    "{}: layanan '{}' tidak ada di unit '{unit}'",
                    at(),
                    r.service
                ))
            })?;
            check_answers(&scores[i], r.saran.as_deref()).map_err(|e| match e {
                StoreError::Refused(why) => StoreError::Refused(format!("{}: {why}", at())),
                other => other,
            })?;
            *counts.entry(r.service.as_str()).or_default() += 1;
            rows.push(Row {
                service,
                unit,
                date: r.date,
                at: seconds,
                sex: r.sex,
                age: r.age,
                education: r.education,
                occupation: r.occupation,
                scores: &scores[i],
                saran: r.saran.as_deref(),
                // No client: an imported form was sent by no one the duplicate check could recognise.
                client_hash: None,
            });
        }
        let now = self.clock.now();
        let mut tx = self.write_transaction().await?;
        require_unit(&mut tx, unit).await?;
        progress(0, rows.len());
        let mut done = 0;
        for chunk in rows.chunks(MAX_BATCH) {
            insert(&mut tx, chunk).await?;
            add_to_tally(
                &mut tx,
                chunk.iter().map(|r| Counted {
                    service: r.service,
                    unit,
                    date: r.date,
                    sex: r.sex,
                    scores: r.scores,
                }),
            )
            .await?;
            done += chunk.len();
            progress(done, rows.len());
        }
        let body = json!({ "jumlah": rows.len(), "per_layanan": counts }).to_string();
        let change = Change {
            action: "tambah",
            kind: "survey_response",
            key: unit,
            old: None,
            new: Some(&body),
        };
        write_audit(&mut tx, &now, actor, &[change]).await?;
        tx.commit().await?;
        Ok(rows.len())
    }

    async fn survey_year(
        &self,
        unit: &str,
        year: i32,
    ) -> Result<Vec<ServiceResponses>, StoreError> {
        let services = self.services(unit).await?;
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
            .fetch_all(&self.pool)
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
}

/// How stored responses reach measurement (the dashboard, the LKjIP's IKM table, `kinerja measure`): a unit's
/// snapshot carries its responses counted per service, year and month (`Dataset::survey_tallies`), read from the
/// running counts of `survey_tally` (migration 0007, kept by [`add_to_tally`] in every transaction that stores
/// responses), so the snapshot stays small and quick however many responses there are and measure
/// picks the months of the rules' period itself. The snapshot is kept under the record generation together with
/// the unit's last response id ([`Store::last_response`]): a new response renews only its own unit's snapshot,
/// instead of moving the generation every unit's snapshot depends on at every submission.
impl Store {
    /// The id of the unit's newest response; 0 without any (migration 0006 indexes it).
    pub(crate) async fn last_response(&self, unit: &str) -> Result<i64, StoreError> {
        let last: Option<i64> =
            sqlx::query_scalar("SELECT MAX(id) FROM survey_response WHERE unit = $1")
                .bind(unit)
                .fetch_one(&self.pool)
                .await?;
        Ok(last.unwrap_or(0))
    }

    /// The unit's stored responses counted per service, year and month.
    pub(crate) async fn survey_tallies(
        &self,
        unit: &str,
    ) -> Result<Vec<MonthlyTallies>, StoreError> {
        let sql = format!(
            "SELECT service, year, month, sex, n, {} FROM survey_tally WHERE unit = $1 ORDER BY service, year",
            tally_columns().join(", ")
        );
        let rows = sqlx::query(&sql).bind(unit).fetch_all(&self.pool).await?;
        let names: HashMap<i64, String> = self
            .services(unit)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        let mut tallies: Vec<MonthlyTallies> = Vec::new();
        for row in &rows {
            let service: i64 = row.try_get("service")?;
            let year = i32::try_from(row.try_get::<i64, _>("year")?)
                .map_err(|_| StoreError::Corrupt("tahun respons di luar batas".into()))?;
            let name = names.get(&service).ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "respons untuk layanan {service} yang bukan milik unit {unit}"
                ))
            })?;
            let month = month_of(row)?;
            let at = match tallies
                .iter()
                .position(|t| t.service == *name && t.year == year)
            {
                Some(at) => at,
                None => {
                    tallies.push(MonthlyTallies {
                        unit: unit.to_string(),
                        year,
                        service: name.clone(),
                        ..MonthlyTallies::default()
                    });
                    tallies.len() - 1
                }
            };
            let count = |column: &str| -> Result<u64, StoreError> {
                let n: i64 = row.try_get(column)?;
                u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("{column} {n} negatif")))
            };
            let t = &mut tallies[at];
            let m = usize::from(month - 1);
            let n = count("n")?;
            t.months[m].respondents += n;
            if borrowed_choice::<Sex>(row, "sex")? == Some(Sex::Male) {
                t.male[m] += n;
            }
            for (e, column) in SCORE_COLUMNS.iter().enumerate() {
                for score in 1..=4 {
                    t.months[m].counts[e][score - 1] += count(&tally_column(column, score))?;
                }
            }
        }
        Ok(tallies)
    }
}

/// Refuses an answer outside 1–4 and a saran over [`MAX_SARAN_CHARS`].
fn check_answers(scores: &Scores, saran: Option<&str>) -> Result<(), StoreError> {
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

/// A submission ready for the writer: checked, its visit code normalised, its client hashed.
struct Pending {
    response: NewResponse,
    visit_code: Option<String>,
    client_hash: String,
}

struct Job {
    pending: Pending,
    reply: oneshot::Sender<Result<Submitted, StoreError>>,
}

struct Started {
    jobs: mpsc::Sender<Job>,
    /// The key of the client hashes, shared by every server of the database through `app_secret`.
    key: String,
}

/// The one way responses are written: see the module's documentation. Cheap to share; its task starts with the
/// first submission and ends when the writer is dropped.
pub struct SurveyWriter {
    store: Store,
    duplicate_window: Duration,
    started: OnceCell<Started>,
}

impl SurveyWriter {
    /// A writer for the store. The same client sending the same answers for a service again within
    /// `duplicate_window` is refused as a duplicate; a zero window turns the check off.
    pub fn new(store: Store, duplicate_window: Duration) -> SurveyWriter {
        SurveyWriter {
            store,
            duplicate_window,
            started: OnceCell::new(),
        }
    }

    /// Stores a response, answering once it is committed (or refused). Refuses, before it is queued, an answer
    /// outside 1–4 and a saran over [`MAX_SARAN_CHARS`].
    pub async fn submit(&self, response: NewResponse) -> Result<Submitted, StoreError> {
        check_answers(&response.scores, response.saran.as_deref())?;
        let started = self.started.get_or_try_init(|| self.start()).await?;
        let pending = Pending {
            visit_code: response.visit_code.as_deref().map(normalised_code),
            client_hash: client_hash(&started.key, &response)?,
            response,
        };
        let (reply, answer) = oneshot::channel();
        let stopped = || StoreError::Database("penulis survei berhenti".into());
        started
            .jobs
            .send(Job { pending, reply })
            .await
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }

    async fn start(&self) -> Result<Started, StoreError> {
        let key = self.store.secret(CLIENT_KEY).await?;
        let (jobs, queue) = mpsc::channel(QUEUE);
        tokio::spawn(write_loop(self.store.clone(), self.duplicate_window, queue));
        Ok(Started { jobs, key })
    }
}

impl Store {
    /// A secret of the database, made on first use; every server of the database reads the same.
    async fn secret(&self, name: &str) -> Result<String, StoreError> {
        sqlx::query(
            "INSERT INTO app_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(random_token()?)
        .execute(&self.pool)
        .await?;
        Ok(
            sqlx::query_scalar("SELECT value FROM app_secret WHERE name = $1")
                .bind(name)
                .fetch_one(&self.pool)
                .await?,
        )
    }
}

/// A keyed hash (HMAC-SHA-256, 128 bits kept) of the client with everything it answered: equal for the same
/// answers from the same client, and without the key no way back to the address.
fn client_hash(key: &str, r: &NewResponse) -> Result<String, StoreError> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes())
        .map_err(|e| StoreError::Database(e.to_string()))?;
    let scores: Vec<String> = r
        .scores
        .0
        .iter()
        .map(|s| s.map(|v| v.to_string()).unwrap_or_default())
        .collect();
    let fields = [
        r.client.clone(),
        r.service.to_string(),
        r.sex.code().to_string(),
        r.age.map(|a| a.to_string()).unwrap_or_default(),
        r.education
            .map(Choice::code)
            .unwrap_or_default()
            .to_string(),
        r.occupation
            .map(Choice::code)
            .unwrap_or_default()
            .to_string(),
        scores.join(","),
        r.saran.clone().unwrap_or_default(),
    ];
    for field in fields {
        mac.update(field.as_bytes());
        mac.update(&[0]);
    }
    Ok(hex(&mac.finalize().into_bytes()[..16]))
}

async fn write_loop(store: Store, duplicate_window: Duration, mut queue: mpsc::Receiver<Job>) {
    let mut connection = None;
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let conn = match connection.take() {
            Some(c) => Ok(c),
            None => writer_connection(&store).await,
        };
        let result = match conn {
            Ok(mut conn) => {
                let result = write_batch(&store, duplicate_window, &mut conn, &batch).await;
                // A failure may be the connection's own: the next batch takes a fresh one.
                if result.is_ok() {
                    connection = Some(conn);
                }
                result
            }
            Err(e) => Err(e),
        };
        match result {
            Ok(outcomes) => {
                for (job, outcome) in batch.drain(..).zip(outcomes) {
                    // A submitter that went away (its client hung up) has nothing to hear.
                    let _ = job.reply.send(Ok(outcome));
                }
            }
            Err(e) => {
                let message = match e {
                    StoreError::Database(m) => m,
                    other => other.to_string(),
                };
                for job in batch.drain(..) {
                    let _ = job.reply.send(Err(StoreError::Database(message.clone())));
                }
            }
        }
    }
}

/// The writer's own connection. On SQLite it syncs every commit to disk (`synchronous = FULL`; the pool's
/// `NORMAL` could lose the last commits on a power cut), which group commit makes cheap; it is closed, not
/// returned to the pool, when the writer lets go of it.
async fn writer_connection(store: &Store) -> Result<PoolConnection<Any>, StoreError> {
    let mut conn = store.pool.acquire().await?;
    conn.close_on_drop();
    if store.backend() == Backend::Sqlite {
        conn.execute("PRAGMA synchronous = FULL").await?;
    }
    Ok(conn)
}

/// What the batch needs to know of an active service.
struct Open {
    unit: String,
    requires_code: bool,
}

/// Checks and stores a batch in one transaction: an outcome per job, in order.
async fn write_batch(
    store: &Store,
    duplicate_window: Duration,
    conn: &mut AnyConnection,
    batch: &[Job],
) -> Result<Vec<Submitted>, StoreError> {
    let now = store.clock.seconds();
    // Dated like deadlines, by the calendar of WIB.
    let date = store.clock.today();
    // As `Store::write_transaction`: SQLite takes the write lock at the start.
    let mut tx = match store.backend() {
        Backend::Sqlite => conn.begin_with("BEGIN IMMEDIATE").await?,
        Backend::Postgres => conn.begin().await?,
    };
    let ids: HashSet<i64> = batch.iter().map(|j| j.pending.response.service).collect();
    let sql = format!(
        "SELECT id, unit, requires_code FROM survey_service WHERE active = 1 AND id IN ({})",
        list(1, ids.len())
    );
    let mut q = sqlx::query(&sql);
    for id in &ids {
        q = q.bind(*id);
    }
    let open: HashMap<i64, Open> = q
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| {
            let open = Open {
                unit: r.get("unit"),
                requires_code: r.get::<i64, _>("requires_code") != 0,
            };
            (r.get("id"), open)
        })
        .collect();
    let checking = !duplicate_window.is_zero();
    // The hashes of the window: those stored before this batch, then those of the batch as they are accepted.
    let mut seen: HashSet<String> = HashSet::new();
    if checking {
        let window = i64::try_from(duplicate_window.as_secs()).unwrap_or(i64::MAX);
        let sql = format!(
            "SELECT client_hash FROM survey_response WHERE submitted_at >= $1 AND client_hash IN ({})",
            list(2, batch.len())
        );
        let mut q = sqlx::query_scalar::<_, String>(&sql).bind(now.saturating_sub(window));
        for job in batch {
            q = q.bind(job.pending.client_hash.clone());
        }
        seen.extend(q.fetch_all(&mut *tx).await?);
    }
    let mut outcomes = Vec::with_capacity(batch.len());
    let mut stored: Vec<(&Pending, &str)> = Vec::with_capacity(batch.len());
    for job in batch {
        let p = &job.pending;
        let outcome = match open.get(&p.response.service) {
            None => Submitted::ServiceClosed,
            Some(service) => {
                if checking && seen.contains(&p.client_hash) {
                    Submitted::Duplicate
                } else if service.requires_code && !use_visit_code(&mut tx, p, now).await? {
                    Submitted::VisitCodeRefused
                } else {
                    seen.insert(p.client_hash.clone());
                    stored.push((p, service.unit.as_str()));
                    Submitted::Stored
                }
            }
        };
        outcomes.push(outcome);
    }
    if !stored.is_empty() {
        let rows: Vec<Row> = stored
            .iter()
            .map(|&(p, unit)| Row {
                service: p.response.service,
                unit,
                date,
                at: now,
                sex: p.response.sex,
                age: p.response.age,
                education: p.response.education,
                occupation: p.response.occupation,
                scores: &p.response.scores,
                saran: p.response.saran.as_deref(),
                client_hash: Some(&p.client_hash),
            })
            .collect();
        insert(&mut tx, &rows).await?;
        let counted = stored.iter().map(|&(p, unit)| Counted {
            service: p.response.service,
            unit,
            date,
            sex: p.response.sex,
            scores: &p.response.scores,
        });
        add_to_tally(&mut tx, counted).await?;
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// `$first,…` for `count` parameters.
fn list(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Marks the submission's visit code used; `false` when it has none, or none unused for the service.
async fn use_visit_code(
    tx: &mut sqlx::Transaction<'_, Any>,
    p: &Pending,
    now: i64,
) -> Result<bool, StoreError> {
    let Some(code) = &p.visit_code else {
        return Ok(false);
    };
    let done = sqlx::query(
        "UPDATE survey_visit_code SET used_at = $1 WHERE service = $2 AND code = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(p.response.service)
    .bind(code)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

const INSERT_COLUMNS: &str =
    "service, unit, year, submitted_on, submitted_at, sex, age, education, occupation, \
     u1, u2, u3, u4, u5, u6, u7, u8, u9, saran, client_hash";

/// A row of `survey_response` as written, from a submission or an import.
struct Row<'a> {
    service: i64,
    unit: &'a str,
    /// The day it counts in.
    date: Date,
    /// Unix seconds it was stored.
    at: i64,
    sex: Sex,
    age: Option<u8>,
    education: Option<Education>,
    occupation: Option<Occupation>,
    scores: &'a Scores,
    saran: Option<&'a str>,
    client_hash: Option<&'a str>,
}

/// Inserts at most [`MAX_BATCH`] rows.
async fn insert(tx: &mut sqlx::Transaction<'_, Any>, rows: &[Row<'_>]) -> Result<(), StoreError> {
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

/// The column of `survey_tally` counting the answers `score` to the element of `column` ("u3", 4 → "u3_4").
fn tally_column(column: &str, score: usize) -> String {
    format!("{column}_{score}")
}

fn tally_columns() -> Vec<String> {
    SCORE_COLUMNS
        .iter()
        .flat_map(|c| (1..=4).map(move |score| tally_column(c, score)))
        .collect()
}

/// What a stored response adds to the running counts.
pub(crate) struct Counted<'a> {
    pub service: i64,
    pub unit: &'a str,
    pub date: Date,
    pub sex: Sex,
    pub scores: &'a Scores,
}

/// Adds responses being stored to `survey_tally`, in the transaction that stores them: summed per service, year,
/// month and sex first, so a batch of hundreds is a few upserts.
pub(crate) async fn add_to_tally<'a>(
    tx: &mut sqlx::Transaction<'_, Any>,
    responses: impl IntoIterator<Item = Counted<'a>>,
) -> Result<(), StoreError> {
    type Key<'a> = (i64, &'a str, i32, u8, &'static str);
    let mut sums: HashMap<Key<'a>, [i64; 37]> = HashMap::new();
    for r in responses {
        let key = (
            r.service,
            r.unit,
            r.date.year(),
            r.date.month(),
            r.sex.code(),
        );
        let counts = sums.entry(key).or_insert([0; 37]);
        counts[0] += 1;
        for (e, score) in r.scores.0.iter().enumerate() {
            if let Some(score) = score {
                counts[1 + e * 4 + usize::from(score - 1)] += 1;
            }
        }
    }
    if sums.is_empty() {
        return Ok(());
    }
    let columns = tally_columns();
    let added: Vec<String> = std::iter::once("n".to_string())
        .chain(columns.iter().cloned())
        .map(|c| format!("{c} = survey_tally.{c} + excluded.{c}"))
        .collect();
    let sql = format!(
        "INSERT INTO survey_tally (service, unit, year, month, sex, n, {}) VALUES {} \
         ON CONFLICT (service, year, month, sex) DO UPDATE SET {}",
        columns.join(", "),
        placeholders(sums.len(), 42),
        added.join(", ")
    );
    let mut q = sqlx::query(&sql);
    for ((service, unit, year, month, sex), counts) in sums {
        q = q
            .bind(service)
            .bind(unit.to_string())
            .bind(i64::from(year))
            .bind(i64::from(month))
            .bind(sex);
        for n in counts {
            q = q.bind(n);
        }
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visit_codes_are_read_as_printed_or_typed() {
        assert_eq!(normalised_code(" abcd-ef23 "), "ABCDEF23");
        assert_eq!(normalised_code("AB CD EF 23"), "ABCDEF23");
    }

    #[test]
    fn codes_use_their_whole_alphabet_only() {
        let code = random_text(VISIT_CODE_ALPHABET, 400).unwrap();
        assert_eq!(code.len(), 400);
        assert!(code.bytes().all(|b| VISIT_CODE_ALPHABET.contains(&b)));
        let public = random_text(SERVICE_CODE_ALPHABET, SERVICE_CODE_CHARS).unwrap();
        assert_eq!(public.len(), SERVICE_CODE_CHARS);
        assert!(public.bytes().all(|b| SERVICE_CODE_ALPHABET.contains(&b)));
    }

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

    #[test]
    fn client_hashes_differ_by_client_and_answers() {
        let r = NewResponse {
            service: 1,
            sex: Sex::Female,
            age: Some(30),
            education: None,
            occupation: None,
            scores: Scores([Some(4); 9]),
            saran: None,
            visit_code: None,
            client: "192.0.2.1".into(),
        };
        let h = client_hash("k", &r).unwrap();
        assert_eq!(h.len(), 32);
        assert_eq!(h, client_hash("k", &r).unwrap());
        assert_ne!(h, client_hash("other key", &r).unwrap());
        let other_client = NewResponse {
            client: "192.0.2.2".into(),
            ..r.clone()
        };
        assert_ne!(h, client_hash("k", &other_client).unwrap());
        let mut other_answer = r.clone();
        other_answer.scores.0[8] = Some(3);
        assert_ne!(h, client_hash("k", &other_answer).unwrap());
    }
}
