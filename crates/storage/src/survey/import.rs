//! Responses read from a file (paper forms, another survey application), stored in one transaction.

use super::responses::{check_answers, insert, Row, MAX_BATCH};
use super::services::{self, require_unit};
use super::tally::{add_to_tally, Counted};
use crate::error::StoreError;
use crate::sql::{write_audit, Change};
use crate::store::Store;
use kinerja_domain::model::{Response, Scores};
use serde_json::json;
use std::collections::HashMap;

pub(super) async fn import(
    store: &Store,
    unit: &str,
    responses: &[Response],
    actor: &str,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<usize, StoreError> {
    let ids: HashMap<String, i64> = services::list(store, unit)
        .await?
        .into_iter()
        .map(|s| (s.name, s.id))
        .collect();
    let scores: Vec<Scores> = responses.iter().map(Response::scores).collect();
    let seconds = store.clock.seconds();
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
    let now = store.clock.now();
    let mut tx = store.write_transaction().await?;
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
        unit: Some(unit),
        old: None,
        new: Some(&body),
    };
    write_audit(&mut tx, &now, actor, &[change]).await?;
    tx.commit().await?;
    Ok(rows.len())
}
