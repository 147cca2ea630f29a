//! The group-commit writer of the public form's submissions (the survey module's documentation describes it).

use super::responses::{check_answers, insert, Row, MAX_BATCH};
use super::tally::{add_to_tally, Counted};
use super::visit_codes::{normalised_code, use_code};
use crate::accounts::{hex, random_token};
use crate::error::StoreError;
use crate::sql::Backend;
use crate::store::Store;
use hmac::{Hmac, Mac};
use kinerja_domain::model::{Choice, Education, Occupation, Scores, Sex};
use sha2::Sha256;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, Connection as _, Executor as _, Row as _};
use std::collections::{HashMap, HashSet};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot, OnceCell};

/// Submissions waiting for the writer at most; further submitters wait their turn to queue.
const QUEUE: usize = 4 * MAX_BATCH;
/// The `app_secret` row keying the client hashes.
const CLIENT_KEY: &str = "survey_client";

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

/// The one way responses are written: see the survey module's documentation. Cheap to share; its task starts with the
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
                } else if service.requires_code
                    && !use_code(&mut tx, p.response.service, p.visit_code.as_deref(), now).await?
                {
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

#[cfg(test)]
mod tests {
    use super::*;

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
