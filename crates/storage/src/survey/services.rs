//! The services (jenis layanan) a unit surveys: created and changed by staff, audited, each with its public code.

use crate::accounts::random_text;
use crate::error::StoreError;
use crate::sql::{write_audit, Change};
use crate::store::Store;
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row as _};

/// Longest service name, in characters.
pub const MAX_SERVICE_NAME_CHARS: usize = 200;

/// Public codes: lowercase letters and digits without look-alikes (i, l, o, 0, 1); twelve of them carry 59 bits,
/// far beyond guessing through the rate limits.
pub(super) const SERVICE_CODE_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
pub(super) const SERVICE_CODE_CHARS: usize = 12;

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

pub(super) async fn require_unit(conn: &mut AnyConnection, unit: &str) -> Result<(), StoreError> {
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

pub(super) async fn service_in(
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

pub(super) fn no_service(id: i64) -> StoreError {
    StoreError::NotFound {
        kind: "layanan".into(),
        key: id.to_string(),
    }
}

pub(super) async fn create(
    store: &Store,
    unit: &str,
    spec: &ServiceSpec,
    actor: &str,
) -> Result<Service, StoreError> {
    let name = checked_spec(spec)?;
    let code = random_text(SERVICE_CODE_ALPHABET, SERVICE_CODE_CHARS)?;
    let now = store.clock.now();
    let mut tx = store.write_transaction().await?;
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
        unit: Some(unit),
        old: None,
        new: Some(&body),
    };
    write_audit(&mut tx, &now, actor, &[change]).await?;
    tx.commit().await?;
    Ok(made)
}

pub(super) async fn update(
    store: &Store,
    unit: &str,
    id: i64,
    spec: &ServiceSpec,
    actor: &str,
) -> Result<Service, StoreError> {
    let name = checked_spec(spec)?;
    let now = store.clock.now();
    let mut tx = store.write_transaction().await?;
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
        unit: Some(unit),
        old: Some(&before),
        new: Some(&after),
    };
    write_audit(&mut tx, &now, actor, &[change]).await?;
    tx.commit().await?;
    Ok(new)
}

pub(super) async fn list(store: &Store, unit: &str) -> Result<Vec<Service>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {SERVICE_COLUMNS} FROM survey_service WHERE unit = $1 ORDER BY name, id"
    ))
    .bind(unit)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows.iter().map(service_of).collect())
}

pub(super) async fn one(store: &Store, unit: &str, id: i64) -> Result<Option<Service>, StoreError> {
    let mut conn = store.pool.acquire().await?;
    service_in(&mut conn, unit, id).await
}

pub(super) async fn by_code(store: &Store, code: &str) -> Result<Option<Service>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {SERVICE_COLUMNS} FROM survey_service WHERE code = $1"
    ))
    .bind(code)
    .fetch_optional(&store.pool)
    .await?;
    Ok(row.as_ref().map(service_of))
}
