//! One-time visit codes a unit prints on queue tickets, per service; each is used by one submission.

use super::responses::MAX_BATCH;
use super::services::{no_service, service_in};
use crate::accounts::random_text;
use crate::error::StoreError;
use crate::sql::{placeholders, write_audit, Change};
use crate::store::Store;
use serde_json::json;
use sqlx::{Any, Row as _};
use std::collections::HashSet;

/// Most visit codes made at once (a roll of queue tickets).
pub const MAX_VISIT_CODES: usize = 500;

/// Visit codes are typed from a ticket: capitals and digits without look-alikes, eight of them (40 bits).
const VISIT_CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const VISIT_CODE_CHARS: usize = 8;

/// A visit code and whether it was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitCode {
    pub code: String,
    /// Unix seconds of the response that used it.
    pub used_at: Option<i64>,
}

/// A visit code as stored: capitals, without the spaces and dashes it may be printed or typed with.
pub(super) fn normalised_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

pub(super) async fn create(
    store: &Store,
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
    let now = store.clock.now();
    let mut tx = store.write_transaction().await?;
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
        unit: Some(unit),
        old: None,
        new: Some(&body),
    };
    write_audit(&mut tx, &now, actor, &[change]).await?;
    tx.commit().await?;
    made.sort();
    Ok(made)
}

pub(super) async fn list(
    store: &Store,
    unit: &str,
    service: i64,
) -> Result<Vec<VisitCode>, StoreError> {
    let rows = sqlx::query(
        "SELECT c.code, c.used_at FROM survey_visit_code c \
         JOIN survey_service s ON s.id = c.service \
         WHERE s.unit = $1 AND c.service = $2 ORDER BY c.created_at DESC, c.code",
    )
    .bind(unit)
    .bind(service)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| VisitCode {
            code: r.get("code"),
            used_at: r.get("used_at"),
        })
        .collect())
}

/// Marks a visit code of the service used; `false` when there is none, or none unused for the service.
pub(super) async fn use_code(
    tx: &mut sqlx::Transaction<'_, Any>,
    service: i64,
    code: Option<&str>,
    now: i64,
) -> Result<bool, StoreError> {
    let Some(code) = code else {
        return Ok(false);
    };
    let done = sqlx::query(
        "UPDATE survey_visit_code SET used_at = $1 WHERE service = $2 AND code = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(service)
    .bind(code)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::services::{SERVICE_CODE_ALPHABET, SERVICE_CODE_CHARS};

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
}
