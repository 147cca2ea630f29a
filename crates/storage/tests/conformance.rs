//! One conformance suite for every backend: each test runs on a fresh SQLite file and on a fresh PostgreSQL
//! schema. PostgreSQL is found at `KINERJA_TEST_POSTGRES` (default `postgres://root@127.0.0.1:5432/test`); when it
//! is unreachable the PostgreSQL half is skipped with a message, except under `CI=true`, where that is a failure.

use kinerja_domain::measure::measure;
use kinerja_domain::model::{Dataset, Narrative, Realisation, Section, Target, TargetValue, Unit};
use kinerja_domain::Decimal;
use kinerja_storage::{
    file_id, Accounts, ApiToken, AuditEntry, AuditScope, Clock, Edit, Editing, Files, NewFile,
    NewUser, OpenOptions, Repository, Role, ServiceSpec, Store, StoreError, Survey, UserChange,
    Writer, LAST_USED_STEP, MAX_TOKEN_DAYS, SESSION_SECONDS,
};
use kinerja_test_support::{reference, unique, TempDir};
use sqlx::any::AnyPoolOptions;
use sqlx::Executor;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

mod survey;
use survey::*;

/// A fresh store, plus what a test needs to reach the same database directly.
struct Fresh {
    store: Store,
    raw_url: String,
    schema: Option<String>,
    _dir: Option<TempDir>,
}

async fn fresh_sqlite() -> Fresh {
    let dir = TempDir::new("kinerja_sqlite");
    let file = dir.path().join("uji.db");
    let url = format!("sqlite://{}", file.display());
    let store = Store::open(
        &url,
        OpenOptions {
            create: true,
            ..OpenOptions::default()
        },
    )
    .await
    .expect("sqlite opens");
    Fresh {
        store,
        raw_url: url,
        schema: None,
        _dir: Some(dir),
    }
}

pub(crate) fn postgres_url() -> String {
    std::env::var("KINERJA_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://root@127.0.0.1:5432/test".to_string())
}

async fn fresh_postgres() -> Option<Fresh> {
    let url = postgres_url();
    let schema = unique("kinerja_uji");
    match Store::open(
        &url,
        OpenOptions {
            schema: Some(schema.clone()),
            ..OpenOptions::default()
        },
    )
    .await
    {
        Ok(store) => Some(Fresh {
            store,
            raw_url: url,
            schema: Some(schema),
            _dir: None,
        }),
        Err(e) => {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("PostgreSQL tidak dapat dihubungi di {url} (CI=true, tidak boleh dilewati): {e}");
            }
            eprintln!("PostgreSQL dilewati: {e}");
            None
        }
    }
}

impl Fresh {
    /// A direct connection to the same database, bypassing the store.
    async fn raw(&self) -> sqlx::AnyPool {
        raw(&self.raw_url, self.schema.as_deref()).await
    }

    /// The same database opened again, with another clock.
    async fn reopen(&self, clock: Arc<dyn Clock>) -> Store {
        Store::open(
            &self.raw_url,
            OpenOptions {
                schema: self.schema.clone(),
                clock,
                ..OpenOptions::default()
            },
        )
        .await
        .unwrap()
    }

    async fn finish(self) {
        self.store.close().await;
        if let Some(schema) = &self.schema {
            let pool = AnyPoolOptions::new()
                .max_connections(1)
                .connect(&self.raw_url)
                .await
                .unwrap();
            pool.execute(format!("DROP SCHEMA \"{schema}\" CASCADE").as_str())
                .await
                .unwrap();
        }
    }
}

/// A direct connection to a database (and PostgreSQL schema), bypassing the store.
pub(crate) async fn raw(url: &str, schema: Option<&str>) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    let schema = schema.map(str::to_string);
    AnyPoolOptions::new()
        .max_connections(1)
        .after_connect(move |conn, _| {
            let schema = schema.clone();
            Box::pin(async move {
                if let Some(s) = schema {
                    conn.execute(format!("SET search_path TO \"{s}\"").as_str())
                        .await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await
        .unwrap()
}

/// Runs a test body on SQLite and on PostgreSQL.
macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let f = super::fresh_sqlite().await;
                    super::$name(&f).await;
                    f.finish().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(f) = super::fresh_postgres().await {
                        super::$name(&f).await;
                        f.finish().await;
                    }
                }
            )*
        }
    };
}

conformance!(
    reference_round_trips_exactly,
    golden_figures_equal_those_from_the_dataset,
    reimport_updates_instead_of_duplicating,
    invalid_import_writes_nothing,
    second_writer_gets_a_conflict,
    concurrent_writers_one_wins,
    every_change_is_audited_and_the_log_is_append_only,
    the_audit_log_is_read_within_its_scope,
    positional_groups_are_replaced_whole,
    reopening_applies_no_migration_twice,
    users_are_created_with_checks_and_audited_without_secrets,
    sessions_are_made_found_and_ended,
    failed_sign_ins_lock_no_account,
    unit_realisations_carry_their_versions,
    single_records_are_edited_within_their_unit,
    a_units_import_changes_only_that_unit,
    an_import_makes_only_the_changes_its_writer_may,
    a_unit_read_again_after_a_change_elsewhere_is_the_new_one,
    records_kept_in_order_are_added_changed_and_removed,
    api_tokens_are_made_found_and_revoked,
    api_tokens_expire_after_their_days,
    api_tokens_end_with_the_password_and_record_their_last_use,
    users_are_listed_and_changed_with_the_checks_of_creation,
    the_last_active_admin_stays,
    deactivating_a_user_ends_their_sessions_and_tokens,
    evidence_files_are_stored_once_and_attached_with_a_version,
    survey_services_are_made_changed_and_audited,
    survey_responses_are_committed_in_batches_and_read_back,
    survey_duplicates_codes_and_closed_services_are_refused,
    survey_results_are_read_counted_and_followed_up,
    survey_imports_are_stored_whole_counted_and_audited,
);

fn no_progress(_: usize, _: usize) {}

async fn reference_round_trips_exactly(f: &Fresh) {
    let summary = f
        .store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    assert!(summary.inserted > 1000, "{summary:?}");
    assert_eq!(&f.store.load_all().await.unwrap(), reference());
    let unit = f.store.load_unit("ngoro").await.unwrap();
    assert_eq!(unit.indicators.len(), reference().indicators.len());
    assert_eq!(
        f.store.units().await.unwrap().len(),
        reference().units.len()
    );
}

async fn golden_figures_equal_those_from_the_dataset(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let from_store = measure(&f.store.load_unit("ngoro").await.unwrap(), "ngoro", 2024).unwrap();
    let from_dataset = measure(reference(), "ngoro", 2024).unwrap();
    assert_eq!(
        serde_json::to_string(&from_store).unwrap(),
        serde_json::to_string(&from_dataset).unwrap()
    );
}

fn with_realisation(value: &str) -> Dataset {
    let mut d = reference().clone();
    let r = d
        .realisations
        .iter_mut()
        .find(|r| r.indicator == "ip-paten" && r.year == 2024)
        .unwrap();
    r.value = value.parse().unwrap();
    d
}

async fn reimport_updates_instead_of_duplicating(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let again = f
        .store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    assert_eq!((again.inserted, again.updated, again.removed), (0, 0, 0));
    let changed = f
        .store
        .import(&with_realisation("95.10"), "uji", &no_progress)
        .await
        .unwrap();
    assert_eq!(
        (changed.inserted, changed.updated, changed.removed),
        (0, 1, 0)
    );
    let loaded = f.store.load_all().await.unwrap();
    assert_eq!(loaded.realisations.len(), reference().realisations.len());
    let r = f
        .store
        .realisation("ip-paten", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.value.value, "95.10".parse::<Decimal>().unwrap());
    assert_eq!(r.version, 2);
    // A partial dataset (only a realisation) merges into what is stored.
    let partial = Dataset {
        realisations: vec![Realisation {
            value: "96".parse().unwrap(),
            ..r.value.clone()
        }],
        ..Dataset::default()
    };
    let s = f.store.import(&partial, "uji", &no_progress).await.unwrap();
    assert_eq!(s.updated, 1);
    assert_eq!(
        f.store.load_all().await.unwrap().indicators.len(),
        reference().indicators.len()
    );
}

async fn invalid_import_writes_nothing(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let mut bad = with_realisation("1");
    bad.realisations[0].indicator = "tidak-ada".into();
    match f.store.import(&bad, "uji", &no_progress).await {
        Err(StoreError::Invalid(e)) => {
            assert!(e.to_string().contains("'tidak-ada' tidak ditemukan"), "{e}")
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_eq!(&f.store.load_all().await.unwrap(), reference());
    assert!(f
        .store
        .audit_log(10_000)
        .await
        .unwrap()
        .iter()
        .all(|a| a.action == "tambah"));
}

async fn second_writer_gets_a_conflict(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let a = f
        .store
        .realisation("ip-paten", 2024, None)
        .await
        .unwrap()
        .unwrap();
    let b = a.clone();
    let first = Realisation {
        value: "95".parse().unwrap(),
        ..a.value.clone()
    };
    assert_eq!(
        f.store
            .save_realisation(&first, Some(a.version), "operator-a")
            .await
            .unwrap(),
        a.version + 1
    );
    let second = Realisation {
        value: "93".parse().unwrap(),
        ..b.value.clone()
    };
    match f
        .store
        .save_realisation(&second, Some(b.version), "operator-b")
        .await
    {
        Err(StoreError::Conflict {
            expected, actual, ..
        }) => assert_eq!((expected, actual), (b.version, b.version + 1)),
        other => panic!("expected a conflict, got {other:?}"),
    }
    let now = f
        .store
        .realisation("ip-paten", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.value.value, "95".parse::<Decimal>().unwrap());
    // Creating one that exists already, or updating one that does not, are conflicts too.
    assert!(matches!(
        f.store.save_realisation(&second, None, "b").await,
        Err(StoreError::Conflict { .. })
    ));
    let new = Realisation {
        quarter: Some(2),
        ..second.clone()
    };
    assert!(matches!(
        f.store.save_realisation(&new, Some(1), "b").await,
        Err(StoreError::Conflict { .. })
    ));
    assert_eq!(f.store.save_realisation(&new, None, "b").await.unwrap(), 1);
    let fifth = Realisation {
        quarter: Some(5),
        ..second
    };
    assert!(matches!(
        f.store.save_realisation(&fifth, None, "b").await,
        Err(StoreError::Invalid(_))
    ));
}

async fn concurrent_writers_one_wins(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let read = f
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    let store = Arc::new(f.store.clone());
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let store = store.clone();
            let r = Realisation {
                value: Decimal::from(70 + i),
                ..read.value.clone()
            };
            let version = read.version;
            tokio::spawn(async move {
                store
                    .save_realisation(&r, Some(version), &format!("penulis-{i}"))
                    .await
            })
        })
        .collect();
    let mut ok = 0;
    let mut conflicts = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(StoreError::Conflict { .. }) => conflicts += 1,
            Err(e) => panic!("unexpected error: {e}"),
        }
    }
    assert_eq!((ok, conflicts), (1, 7));
    let log = f.store.audit_log(5).await.unwrap();
    assert_eq!(
        log.iter()
            .filter(|a| a.kind == "realisation" && a.action == "ubah")
            .count(),
        1
    );
}

async fn every_change_is_audited_and_the_log_is_append_only(f: &Fresh) {
    let summary = f
        .store
        .import(reference(), "admin", &no_progress)
        .await
        .unwrap();
    let read = f
        .store
        .realisation("iku-ikpp", 2024, None)
        .await
        .unwrap()
        .unwrap();
    let changed = Realisation {
        value: "8.60".parse().unwrap(),
        ..read.value.clone()
    };
    f.store
        .save_realisation(&changed, Some(read.version), "operator")
        .await
        .unwrap();
    let log = f.store.audit_log(100_000).await.unwrap();
    assert_eq!(log.len(), summary.inserted + 1);
    let last = &log[0];
    assert_eq!(
        (
            last.actor.as_str(),
            last.action.as_str(),
            last.kind.as_str()
        ),
        ("operator", "ubah", "realisation")
    );
    assert!(last.old.as_deref().unwrap().contains("\"8.54\""));
    assert!(last.new.as_deref().unwrap().contains("\"8.60\""));
    assert!(!last.at.is_empty());
    let raw = f.raw().await;
    assert!(raw
        .execute("UPDATE audit SET actor = 'pemalsu'")
        .await
        .is_err());
    assert!(raw.execute("DELETE FROM audit").await.is_err());
    raw.close().await;
    assert_eq!(
        f.store.audit_log(100_000).await.unwrap().len(),
        summary.inserted + 1
    );
}

/// Every entry names the unit it is about (or none), account events are marked, and a scope filters in the query.
async fn the_audit_log_is_read_within_its_scope(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let user = NewUser {
        username: "eval-pmd".into(),
        display_name: "Evaluator PMD".into(),
        role: Role::Evaluator,
        units: vec!["ngoro-pmd".into()],
    };
    f.store
        .create_user(&user, "kata-sandi-panjang-sekali", "admin")
        .await
        .unwrap();
    f.store.create_session("eval-pmd").await.unwrap();
    f.store
        .create_api_token("eval-pmd", "skrip", None, "eval-pmd")
        .await
        .unwrap();
    let read = f
        .store
        .realisation("iku-ikpp", 2024, None)
        .await
        .unwrap()
        .unwrap();
    f.store
        .save_realisation(&read.value, Some(read.version), "op")
        .await
        .unwrap();
    let texts = f
        .store
        .records::<Narrative>("ngoro", Some(2024))
        .await
        .unwrap();
    let removed = texts.first().expect("a narrative of ngoro");
    f.store
        .delete_record::<Narrative>(
            Writer::Installation,
            "ngoro",
            &removed.key,
            removed.record.version,
            "op",
        )
        .await
        .unwrap();
    f.store
        .create_service(
            "ngoro-pmd",
            &ServiceSpec {
                name: "Surat Pengantar".into(),
                population: None,
                requires_code: false,
                active: true,
            },
            "op",
        )
        .await
        .unwrap();

    let everything = f.store.audit_log(100_000).await.unwrap();
    let account = |e: &AuditEntry| ["user", "session", "api_token"].contains(&e.kind.as_str());
    let of_unit = |e: &AuditEntry, unit: &str| e.unit.as_deref() == Some(unit);
    // What each entry is about: the realisation and its unit, the deleted record's unit, the service's unit.
    assert!(everything
        .iter()
        .any(|e| e.kind == "realisation" && of_unit(e, "ngoro")));
    assert!(everything
        .iter()
        .any(|e| e.kind == "narrative" && e.action == "hapus" && of_unit(e, "ngoro")));
    assert!(everything
        .iter()
        .any(|e| e.kind == "survey_service" && of_unit(e, "ngoro-pmd")));
    assert!(everything
        .iter()
        .any(|e| e.kind == "pemda" && e.unit.is_none()));
    assert_eq!(
        everything.iter().filter(|e| account(e)).count(),
        3,
        "the user, the session, the token"
    );
    assert!(everything
        .iter()
        .filter(|e| account(e))
        .all(|e| e.unit.is_none()));

    let all_data = f
        .store
        .audit_log_in(&AuditScope::AllData, 100_000)
        .await
        .unwrap();
    let expected: Vec<&AuditEntry> = everything.iter().filter(|e| !account(e)).collect();
    assert_eq!(all_data.iter().collect::<Vec<_>>(), expected);

    let pmd = f
        .store
        .audit_log_in(&AuditScope::Units(vec!["ngoro-pmd".into()]), 100_000)
        .await
        .unwrap();
    let expected: Vec<&AuditEntry> = everything
        .iter()
        .filter(|e| of_unit(e, "ngoro-pmd"))
        .collect();
    // The unit itself, its service; nothing of ngoro, of the pemda or of an account.
    assert_eq!(expected.len(), 2, "{expected:?}");
    assert_eq!(pmd.iter().collect::<Vec<_>>(), expected);
    let two = f
        .store
        .audit_log_in(
            &AuditScope::Units(vec!["ngoro-pmd".into(), "ngoro".into()]),
            100_000,
        )
        .await
        .unwrap();
    assert_eq!(
        two.len(),
        everything
            .iter()
            .filter(|e| of_unit(e, "ngoro-pmd") || of_unit(e, "ngoro"))
            .count()
    );
    // The limit counts the entries the scope sees, newest first.
    let newest = f
        .store
        .audit_log_in(&AuditScope::Units(vec!["ngoro-pmd".into()]), 1)
        .await
        .unwrap();
    assert_eq!(newest[0].kind, "survey_service");
    assert!(f
        .store
        .audit_log_in(&AuditScope::Units(Vec::new()), 100)
        .await
        .unwrap()
        .is_empty());
}

async fn positional_groups_are_replaced_whole(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let mut d = reference().clone();
    let first = d
        .narratives
        .iter()
        .position(|n| n.unit == "ngoro" && n.year == 2024)
        .unwrap();
    let kept = d.narratives[first].clone();
    d.narratives
        .retain(|n| !(n.unit == "ngoro" && n.year == 2024));
    d.narratives.push(kept);
    let s = f.store.import(&d, "uji", &no_progress).await.unwrap();
    assert_eq!(s.removed, reference().narratives.len() - 1);
    assert_eq!(f.store.load_all().await.unwrap().narratives.len(), 1);
}

async fn reopening_applies_no_migration_twice(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let again = f.reopen(Arc::new(kinerja_storage::SystemClock)).await;
    assert_eq!(&again.load_all().await.unwrap(), reference());
    again.close().await;
}

#[tokio::test]
async fn a_mistyped_sqlite_path_is_refused_not_created() {
    let dir = TempDir::new("kinerja_typo");
    let file = dir.path().join("kinerja.db");
    let url = format!("sqlite://{}", file.display());
    match Store::open(&url, OpenOptions::default()).await {
        Err(StoreError::Open(m)) => assert!(m.contains("tidak ada"), "{m}"),
        Err(e) => panic!("expected Open error, got {e}"),
        Ok(_) => panic!("a missing file must not be created silently"),
    }
    assert!(!file.exists());
    assert!(Store::open("mysql://x", OpenOptions::default())
        .await
        .is_err());
    let store = Store::open(
        &url,
        OpenOptions {
            create: true,
            ..OpenOptions::default()
        },
    )
    .await
    .unwrap();
    store.close().await;
    assert!(file.exists());
}

/// A clock the test moves by hand.
struct HandClock(AtomicI64);

impl HandClock {
    fn new() -> Arc<HandClock> {
        Arc::new(HandClock(AtomicI64::new(1_735_806_600)))
    }
    fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for HandClock {
    fn seconds(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

const PASSWORD: &str = "kata-sandi-uji-panjang";

fn operator(username: &str) -> NewUser {
    NewUser {
        username: username.into(),
        display_name: "Operator Ngoro".into(),
        role: Role::Operator,
        units: vec!["ngoro".into()],
    }
}

/// No audit entry holds a secret: not the password, its hash, or a session token.
async fn assert_audit_has_no(store: &Store, secrets: &[&str]) {
    for entry in store.audit_log(100_000).await.unwrap() {
        let text = format!("{entry:?}");
        for secret in secrets {
            assert!(!text.contains(secret), "audit leaks a secret: {text}");
        }
        assert!(!text.contains("$argon2"), "audit holds a hash: {text}");
    }
}

async fn users_are_created_with_checks_and_audited_without_secrets(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let user = f
        .store
        .create_user(&operator("operator.ngoro"), PASSWORD, "admin")
        .await
        .unwrap();
    assert_eq!(
        (user.role, user.units.as_slice(), user.active),
        (Role::Operator, &["ngoro".to_string()][..], true)
    );
    assert_eq!(
        f.store.user("operator.ngoro").await.unwrap().as_ref(),
        Some(&user)
    );
    let refused = |r: Result<_, StoreError>| match r {
        Err(StoreError::Refused(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert!(refused(
        f.store
            .create_user(&operator("operator.ngoro"), PASSWORD, "admin")
            .await
    )
    .contains("sudah dipakai"));
    assert!(refused(
        f.store
            .create_user(&operator("pendek"), "sebelas-chr", "admin")
            .await
    )
    .contains("12 karakter"));
    let no_unit = NewUser {
        units: vec![],
        ..operator("tanpa-unit")
    };
    assert!(refused(f.store.create_user(&no_unit, PASSWORD, "admin").await).contains("unit"));
    let unknown_unit = NewUser {
        units: vec!["tidak-ada".into()],
        ..operator("unit-asing")
    };
    assert!(matches!(
        f.store.create_user(&unknown_unit, PASSWORD, "admin").await,
        Err(StoreError::NotFound { .. })
    ));
    let sneaky = NewUser {
        username: "x'; DROP TABLE app_user; --".into(),
        ..operator("x")
    };
    assert!(refused(f.store.create_user(&sneaky, PASSWORD, "admin").await).contains("tidak sah"));
    assert!(f.store.user("tanpa-unit").await.unwrap().is_none());

    assert!(signs_in(&f.store, "operator.ngoro", PASSWORD).await);
    assert!(!signs_in(&f.store, "operator.ngoro", "kata-sandi-yang-salah").await);
    assert!(!signs_in(&f.store, "tidak-ada", PASSWORD).await);
    f.store
        .set_password("operator.ngoro", "kata-sandi-baru-panjang", "admin")
        .await
        .unwrap();
    assert!(!signs_in(&f.store, "operator.ngoro", PASSWORD).await);
    assert!(signs_in(&f.store, "operator.ngoro", "kata-sandi-baru-panjang").await);

    let log = f.store.audit_log(10).await.unwrap();
    let created = log
        .iter()
        .find(|a| a.kind == "user" && a.action == "tambah")
        .unwrap();
    assert_eq!(
        (created.actor.as_str(), created.key.as_str()),
        ("admin", "operator.ngoro")
    );
    assert!(created.new.as_deref().unwrap().contains("\"operator\""));
    assert_audit_has_no(&f.store, &[PASSWORD, "kata-sandi-baru-panjang"]).await;
}

/// The reference data and an operator of Ngoro, in a store whose clock the test moves.
async fn with_operator(f: &Fresh) -> (Store, Arc<HandClock>) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let clock = HandClock::new();
    let store = f.reopen(clock.clone()).await;
    store
        .create_user(&operator("operator.ngoro"), PASSWORD, "admin")
        .await
        .unwrap();
    (store, clock)
}

async fn sessions_are_made_found_and_ended(f: &Fresh) {
    let (store, clock) = with_operator(f).await;
    let made = store.create_session("operator.ngoro").await.unwrap();
    assert_eq!(made.token.len(), 64);
    assert_eq!(made.session.expires_at, clock.seconds() + SESSION_SECONDS);
    let found = store.session(&made.token).await.unwrap().unwrap();
    assert_eq!(found, made.session);
    assert_eq!(found.user.units, vec!["ngoro".to_string()]);
    assert!(store.session("bukan-token").await.unwrap().is_none());
    let other = store.create_session("operator.ngoro").await.unwrap();
    assert_ne!(
        (&other.token, &other.session.csrf),
        (&made.token, &made.session.csrf)
    );

    assert!(store.delete_session(&made.token).await.unwrap());
    assert!(!store.delete_session(&made.token).await.unwrap());
    assert!(store.session(&made.token).await.unwrap().is_none());
    assert!(store.session(&other.token).await.unwrap().is_some());
    clock.advance(SESSION_SECONDS);
    assert!(store.session(&other.token).await.unwrap().is_none());
    assert!(matches!(
        store.create_session("tidak-ada").await,
        Err(StoreError::NotFound { .. })
    ));

    let log = store.audit_log(10).await.unwrap();
    assert_eq!(
        log.iter()
            .filter(|a| a.kind == "session")
            .map(|a| a.action.as_str())
            .collect::<Vec<_>>(),
        ["hapus", "tambah", "tambah"]
    );
    assert_audit_has_no(&store, &[PASSWORD, &made.token, &other.token]).await;
    store.close().await;
}

/// Wrong passwords, however many, lock no account and write nothing: the owner's right password still signs in.
/// (The web layer slows the address the failures come from.)
async fn failed_sign_ins_lock_no_account(f: &Fresh) {
    let (store, _clock) = with_operator(f).await;
    let before = store.audit_log(100_000).await.unwrap();
    for _ in 0..8 {
        assert!(!signs_in(&store, "operator.ngoro", "salah-salah-salah").await);
    }
    assert!(signs_in(&store, "operator.ngoro", PASSWORD).await);
    assert_eq!(store.audit_log(100_000).await.unwrap(), before);
    store.close().await;
}

async fn signs_in(store: &Store, username: &str, password: &str) -> bool {
    store.login(username, password).await.unwrap().is_some()
}

async fn unit_realisations_carry_their_versions(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let all = f.store.unit_realisations("ngoro", 2024).await.unwrap();
    let expected = reference()
        .realisations
        .iter()
        .filter(|r| r.year == 2024)
        .count();
    assert_eq!(all.len(), expected);
    assert!(all.iter().all(|v| v.version == 1 && v.updated_by == "uji"));
    let read = all
        .iter()
        .find(|v| v.value.indicator == "iku-akip")
        .unwrap();
    let tw4 = Realisation {
        quarter: Some(4),
        ..read.value.clone()
    };
    f.store
        .save_realisation(&tw4, None, "operator")
        .await
        .unwrap();
    let again = f.store.unit_realisations("ngoro", 2024).await.unwrap();
    assert_eq!(again.len(), expected + 1);
    let saved = again.iter().find(|v| v.value.quarter == Some(4)).unwrap();
    assert_eq!((saved.version, saved.updated_by.as_str()), (1, "operator"));
    assert!(f
        .store
        .unit_realisations("ngoro-pmd", 2024)
        .await
        .unwrap()
        .is_empty());
}

async fn api_tokens_are_made_found_and_revoked(f: &Fresh) {
    let (store, clock) = with_operator(f).await;
    let made = store
        .create_api_token("operator.ngoro", "  Aplikasi SIPD  ", None, "admin")
        .await
        .unwrap();
    assert_eq!(made.token.len(), 64);
    assert_eq!(
        (made.info.name.as_str(), made.info.id.len()),
        ("Aplikasi SIPD", 16)
    );
    let user = store.api_token_user(&made.token).await.unwrap().unwrap();
    assert_eq!(user.username, "operator.ngoro");
    assert!(store.api_token_user("bukan-token").await.unwrap().is_none());
    // A session token is not an API token, nor the other way round.
    let session = store.create_session("operator.ngoro").await.unwrap();
    assert!(store
        .api_token_user(&session.token)
        .await
        .unwrap()
        .is_none());
    assert!(store.session(&made.token).await.unwrap().is_none());

    let other = store
        .create_api_token("operator.ngoro", "Dasbor", None, "admin")
        .await
        .unwrap();
    assert_ne!(other.token, made.token);
    assert_eq!(
        store.api_tokens("operator.ngoro").await.unwrap().len(),
        2,
        "both tokens listed"
    );
    assert!(matches!(
        store
            .create_api_token("operator.ngoro", "  ", None, "admin")
            .await,
        Err(StoreError::Refused(_))
    ));
    assert!(matches!(
        store
            .create_api_token("tidak-ada", "x", None, "admin")
            .await,
        Err(StoreError::NotFound { .. })
    ));

    assert!(store
        .revoke_api_token(&made.info.id, "admin")
        .await
        .unwrap());
    assert!(!store
        .revoke_api_token(&made.info.id, "admin")
        .await
        .unwrap());
    assert!(!store.revoke_api_token("%", "admin").await.unwrap());
    assert!(store.api_token_user(&made.token).await.unwrap().is_none());
    assert!(store.api_token_user(&other.token).await.unwrap().is_some());
    // The one left, used just now.
    assert_eq!(
        store.api_tokens("operator.ngoro").await.unwrap(),
        vec![ApiToken {
            last_used_at: Some(clock.seconds()),
            ..other.info.clone()
        }]
    );

    let log = store.audit_log(20).await.unwrap();
    assert_eq!(
        log.iter()
            .filter(|a| a.kind == "api_token")
            .map(|a| (a.action.as_str(), a.actor.as_str()))
            .collect::<Vec<_>>(),
        [("hapus", "admin"), ("tambah", "admin"), ("tambah", "admin")]
    );
    let full_hash = |t: &str| {
        use sha2::Digest;
        sha2::Sha256::digest(t.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    assert_audit_has_no(
        &store,
        &[
            &made.token,
            &other.token,
            &full_hash(&made.token),
            &full_hash(&other.token),
        ],
    )
    .await;
    store.close().await;
}

/// A new password ends the tokens made under the old one, whoever sets it; a token's last use is kept to the
/// minute, and the admin's list holds every user's tokens.
async fn api_tokens_end_with_the_password_and_record_their_last_use(f: &Fresh) {
    let (store, clock) = with_operator(f).await;
    store
        .create_user(&admin("admin.pemda"), PASSWORD, "uji")
        .await
        .unwrap();
    let mine = store
        .create_api_token("operator.ngoro", "SIPD", None, "operator.ngoro")
        .await
        .unwrap();
    let admins = store
        .create_api_token("admin.pemda", "Dasbor", Some(30), "admin.pemda")
        .await
        .unwrap();
    assert_eq!(mine.info.last_used_at, None);
    let last_used = |store: Store| async move {
        store.api_tokens("operator.ngoro").await.unwrap()[0].last_used_at
    };
    assert!(store.api_token_user(&mine.token).await.unwrap().is_some());
    let first = clock.seconds();
    assert_eq!(last_used(store.clone()).await, Some(first));
    clock.advance(LAST_USED_STEP - 1);
    store.api_token_user(&mine.token).await.unwrap().unwrap();
    assert_eq!(
        last_used(store.clone()).await,
        Some(first),
        "not rewritten within a minute"
    );
    clock.advance(1);
    store.api_token_user(&mine.token).await.unwrap().unwrap();
    assert_eq!(last_used(store.clone()).await, Some(clock.seconds()));
    let all = store.all_api_tokens().await.unwrap();
    assert_eq!(
        all.iter()
            .map(|t| (t.username.as_str(), t.name.as_str()))
            .collect::<Vec<_>>(),
        [("admin.pemda", "Dasbor"), ("operator.ngoro", "SIPD")]
    );
    assert_eq!(all[0], admins.info);

    // The owner's own change, then an admin's reset: each revokes what was made before it.
    store
        .set_password(
            "operator.ngoro",
            "kata-sandi-baru-panjang",
            "operator.ngoro",
        )
        .await
        .unwrap();
    assert!(store.api_token_user(&mine.token).await.unwrap().is_none());
    assert!(store.api_tokens("operator.ngoro").await.unwrap().is_empty());
    assert!(store.api_token_user(&admins.token).await.unwrap().is_some());
    let again = store
        .create_api_token("operator.ngoro", "SIPD baru", None, "operator.ngoro")
        .await
        .unwrap();
    store
        .set_password("operator.ngoro", "kata-sandi-setelan-admin", "admin.pemda")
        .await
        .unwrap();
    assert!(store.api_token_user(&again.token).await.unwrap().is_none());
    let reset = store.audit_log(1).await.unwrap().remove(0);
    assert_eq!(
        (reset.kind.as_str(), reset.actor.as_str()),
        ("user", "admin.pemda")
    );
    assert!(reset.new.unwrap().contains("\"token_dicabut\":1"));
    store.close().await;
}

async fn api_tokens_expire_after_their_days(f: &Fresh) {
    let (store, clock) = with_operator(f).await;
    let made = store
        .create_api_token("operator.ngoro", "Sementara", Some(30), "admin")
        .await
        .unwrap();
    assert_eq!(made.info.expires_at, Some(clock.seconds() + 30 * 86_400));
    assert_eq!(
        store.api_tokens("operator.ngoro").await.unwrap(),
        vec![made.info.clone()]
    );
    clock.advance(30 * 86_400 - 1);
    assert!(store.api_token_user(&made.token).await.unwrap().is_some());
    clock.advance(1);
    assert!(store.api_token_user(&made.token).await.unwrap().is_none());
    for days in [0, MAX_TOKEN_DAYS + 1] {
        assert!(
            matches!(
                store
                    .create_api_token("operator.ngoro", "x", Some(days), "admin")
                    .await,
                Err(StoreError::Refused(_))
            ),
            "{days} days"
        );
    }
    store.close().await;
}

fn change_of(user: &kinerja_storage::User) -> UserChange {
    UserChange {
        display_name: user.display_name.clone(),
        role: user.role,
        units: user.units.clone(),
        active: user.active,
    }
}

fn admin(username: &str) -> NewUser {
    NewUser {
        username: username.into(),
        display_name: "Admin Pemda".into(),
        role: Role::AdminPemda,
        units: vec![],
    }
}

async fn users_are_listed_and_changed_with_the_checks_of_creation(f: &Fresh) {
    let (store, _clock) = with_operator(f).await;
    store
        .create_user(&admin("admin.pemda"), PASSWORD, "uji")
        .await
        .unwrap();
    store
        .create_user(&operator("a.operator"), PASSWORD, "uji")
        .await
        .unwrap();
    let users = store.users().await.unwrap();
    assert_eq!(
        users
            .iter()
            .map(|u| u.username.as_str())
            .collect::<Vec<_>>(),
        ["a.operator", "admin.pemda", "operator.ngoro"]
    );
    for user in &users {
        assert_eq!(
            store.user(&user.username).await.unwrap().as_ref(),
            Some(user)
        );
    }

    let operator = store.user("operator.ngoro").await.unwrap().unwrap();
    let camat = UserChange {
        display_name: "  Camat Ngoro ".into(),
        role: Role::Pimpinan,
        units: vec!["ngoro-pmd".into(), "ngoro".into(), "ngoro".into()],
        active: true,
    };
    let changed = store
        .update_user("operator.ngoro", &camat, "admin.pemda")
        .await
        .unwrap();
    assert_eq!(
        (
            changed.display_name.as_str(),
            changed.role,
            changed.units.as_slice()
        ),
        (
            "Camat Ngoro",
            Role::Pimpinan,
            &["ngoro".to_string(), "ngoro-pmd".to_string()][..]
        )
    );
    assert_eq!(
        store.user("operator.ngoro").await.unwrap(),
        Some(changed.clone())
    );
    // The password is untouched.
    assert!(signs_in(&store, "operator.ngoro", PASSWORD).await);

    let refused = |r: Result<_, StoreError>| match r {
        Err(StoreError::Refused(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    };
    let base = change_of(&changed);
    let no_unit = UserChange {
        units: vec![],
        ..base.clone()
    };
    assert!(refused(
        store
            .update_user("operator.ngoro", &no_unit, "admin.pemda")
            .await
    )
    .contains("sekurang-kurangnya satu unit"));
    let admin_with_unit = UserChange {
        role: Role::AdminPemda,
        ..base.clone()
    };
    assert!(refused(
        store
            .update_user("operator.ngoro", &admin_with_unit, "admin.pemda")
            .await
    )
    .contains("semua unit"));
    let nameless = UserChange {
        display_name: "   ".into(),
        ..base.clone()
    };
    assert!(refused(
        store
            .update_user("operator.ngoro", &nameless, "admin.pemda")
            .await
    )
    .contains("nama tampilan"));
    let unknown_unit = UserChange {
        units: vec!["ngoro".into(), "tidak-ada".into()],
        ..base.clone()
    };
    assert!(matches!(
        store
            .update_user("operator.ngoro", &unknown_unit, "admin.pemda")
            .await,
        Err(StoreError::NotFound { kind, key }) if kind == "unit" && key == "tidak-ada"
    ));
    assert!(matches!(
        store.update_user("tidak-ada", &base, "admin.pemda").await,
        Err(StoreError::NotFound { .. })
    ));
    // Nothing refused was half-written.
    assert_eq!(store.user("operator.ngoro").await.unwrap(), Some(changed));

    let log = store.audit_log(100).await.unwrap();
    let changes: Vec<_> = log
        .iter()
        .filter(|a| a.kind == "user" && a.action == "ubah" && a.actor == "admin.pemda")
        .collect();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].key, "operator.ngoro");
    assert!(changes[0].old.as_deref().unwrap().contains("\"operator\""));
    assert!(changes[0].new.as_deref().unwrap().contains("\"pimpinan\""));
    // Saving what is already stored changes nothing and says nothing.
    store
        .update_user("operator.ngoro", &base, "admin.pemda")
        .await
        .unwrap();
    assert_eq!(store.audit_log(100).await.unwrap().len(), log.len());
    assert_eq!(operator.username, "operator.ngoro");
    assert_audit_has_no(&store, &[PASSWORD]).await;
    store.close().await;
}

async fn the_last_active_admin_stays(f: &Fresh) {
    let (store, _clock) = with_operator(f).await;
    let first = store
        .create_user(&admin("admin.satu"), PASSWORD, "uji")
        .await
        .unwrap();
    let inactive = UserChange {
        active: false,
        ..change_of(&first)
    };
    let demoted = UserChange {
        role: Role::Evaluator,
        ..change_of(&first)
    };
    for change in [&inactive, &demoted] {
        assert!(matches!(
            store.update_user("admin.satu", change, "admin.satu").await,
            Err(StoreError::Refused(m)) if m.contains("satu-satunya admin pemda aktif")
        ));
    }
    // With a second admin, the first may go.
    store
        .create_user(&admin("admin.dua"), PASSWORD, "admin.satu")
        .await
        .unwrap();
    store
        .update_user("admin.satu", &demoted, "admin.dua")
        .await
        .unwrap();
    let last = store.user("admin.dua").await.unwrap().unwrap();
    assert!(store
        .update_user(
            "admin.dua",
            &UserChange {
                active: false,
                ..change_of(&last)
            },
            "admin.dua"
        )
        .await
        .is_err());
    store.close().await;
}

async fn deactivating_a_user_ends_their_sessions_and_tokens(f: &Fresh) {
    let (store, _clock) = with_operator(f).await;
    store
        .create_user(&admin("admin.pemda"), PASSWORD, "uji")
        .await
        .unwrap();
    let session = store.create_session("operator.ngoro").await.unwrap();
    let token = store
        .create_api_token("operator.ngoro", "SIPD", None, "operator.ngoro")
        .await
        .unwrap();
    let user = store.user("operator.ngoro").await.unwrap().unwrap();
    let off = UserChange {
        active: false,
        ..change_of(&user)
    };
    let changed = store
        .update_user("operator.ngoro", &off, "admin.pemda")
        .await
        .unwrap();
    assert!(!changed.active);
    assert!(store.session(&session.token).await.unwrap().is_none());
    assert!(store.api_token_user(&token.token).await.unwrap().is_none());
    assert!(store.api_tokens("operator.ngoro").await.unwrap().is_empty());
    assert!(!signs_in(&store, "operator.ngoro", PASSWORD).await);
    assert!(matches!(
        store.create_session("operator.ngoro").await,
        Err(StoreError::NotFound { .. })
    ));
    // Active again: signing in works, but nothing of before comes back to life.
    store
        .update_user("operator.ngoro", &change_of(&user), "admin.pemda")
        .await
        .unwrap();
    assert!(store.session(&session.token).await.unwrap().is_none());
    assert!(store.api_token_user(&token.token).await.unwrap().is_none());
    assert!(signs_in(&store, "operator.ngoro", PASSWORD).await);

    let log = store.audit_log(100).await.unwrap();
    let deactivated = log
        .iter()
        .find(|a| {
            a.kind == "user"
                && a.new
                    .as_deref()
                    .is_some_and(|n| n.contains("\"active\":false"))
        })
        .unwrap();
    let new = deactivated.new.as_deref().unwrap();
    assert!(
        new.contains("\"sesi_diakhiri\":1") && new.contains("\"token_dicabut\":1"),
        "{new}"
    );
    assert_audit_has_no(&store, &[PASSWORD, &session.token, &token.token]).await;
    store.close().await;
}

async fn evidence_files_are_stored_once_and_attached_with_a_version(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    // Every byte value, so that BLOB and BYTEA are seen to keep them all.
    let bytes: Vec<u8> = b"%PDF-1.7\n".iter().copied().chain(0..=255).collect();
    let pdf = NewFile {
        name: "../Laporan \"TW IV\".pdf",
        media_type: "application/pdf",
        bytes: &bytes,
    };
    let read = f
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    let (stored, version) = f
        .store
        .attach_evidence(&read.value, read.version, " LHE AKIP ", &pdf, "operator")
        .await
        .unwrap();
    assert_eq!(version, read.version + 1);
    assert_eq!(stored.id, file_id(&bytes));
    assert_eq!(
        (
            stored.unit.as_str(),
            stored.name.as_str(),
            stored.size,
            stored.uploaded_by.as_str()
        ),
        (
            "ngoro",
            "Laporan _TW IV_.pdf",
            bytes.len() as i64,
            "operator"
        )
    );
    let now = f
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.version, version);
    assert_eq!(now.value.value, read.value.value, "the value is kept");
    let added = now.value.evidence.last().unwrap();
    assert_eq!(
        (added.title.as_str(), added.file.as_deref()),
        ("LHE AKIP", Some(stored.id.as_str()))
    );
    let (info, content) = f.store.file("ngoro", &stored.id).await.unwrap().unwrap();
    assert_eq!((info, content), (stored.clone(), bytes.clone()));
    assert_eq!(
        f.store.evidence_files(&now.value).await.unwrap(),
        vec![stored.clone()]
    );
    // The attachment is an audited change of the realisation.
    let log = f.store.audit_log(1).await.unwrap();
    assert_eq!(
        (log[0].kind.as_str(), log[0].action.as_str()),
        ("realisation", "ubah")
    );
    assert!(log[0].new.as_deref().unwrap().contains(&stored.id));

    // The same bytes again, under another name and another quarter: stored once, the first name kept.
    let again = NewFile {
        name: "salinan.pdf",
        ..pdf
    };
    let tw4 = Realisation {
        quarter: Some(4),
        evidence: vec![],
        ..read.value.clone()
    };
    f.store
        .save_realisation(&tw4, None, "operator")
        .await
        .unwrap();
    let (second, _) = f
        .store
        .attach_evidence(&tw4, 1, "LHE AKIP", &again, "admin")
        .await
        .unwrap();
    assert_eq!(second, stored);
    let raw = f.raw().await;
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM evidence_file")
        .fetch_one(&raw)
        .await
        .unwrap();
    assert_eq!(rows, 1);
    // Attaching a file the evidence already names changes nothing.
    let (_, unchanged) = f
        .store
        .attach_evidence(&now.value, now.version, "lagi", &pdf, "operator")
        .await
        .unwrap();
    assert_eq!(unchanged, now.version);

    // A stale version is a conflict, and the realisation keeps its evidence.
    let png = NewFile {
        name: "foto.png",
        media_type: "image/png",
        bytes: b"\x89PNG\r\n\x1a\n",
    };
    assert!(matches!(
        f.store
            .attach_evidence(&read.value, read.version, "Foto", &png, "admin")
            .await,
        Err(StoreError::Conflict { .. })
    ));
    let after = f
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after, now);

    // A unit sees only its own files; another unit storing the same bytes gets its own copy.
    assert!(f
        .store
        .file("ngoro-pmd", &stored.id)
        .await
        .unwrap()
        .is_none());
    let theirs = f
        .store
        .store_file("ngoro-pmd", &pdf, "op-pmd")
        .await
        .unwrap();
    assert_eq!(
        (theirs.id.as_str(), theirs.unit.as_str()),
        (stored.id.as_str(), "ngoro-pmd")
    );
    assert!(f.store.file("ngoro", "0").await.unwrap().is_none());
    assert!(matches!(
        f.store.store_file("tidak-ada", &pdf, "admin").await,
        Err(StoreError::NotFound { .. })
    ));
    // Evidence that names no stored file (typed into a workbook) lists nothing.
    let typed = Realisation {
        evidence: vec![kinerja_domain::model::Evidence {
            title: "SK".into(),
            file: Some("sk.pdf".into()),
        }],
        ..read.value.clone()
    };
    assert!(f.store.evidence_files(&typed).await.unwrap().is_empty());
}

/// An edit by the installation (the write rules' own tests are the domain's and the web's import matrix).
fn edit<'a>(unit: &'a str, key: Option<&'a str>, version: Option<i64>) -> Edit<'a> {
    Edit {
        writer: Writer::Installation,
        unit,
        key,
        expected_version: version,
    }
}

async fn single_records_are_edited_within_their_unit(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let targets = f
        .store
        .records::<Target>("ngoro", Some(2024))
        .await
        .unwrap();
    let akip = targets
        .iter()
        .find(|t| t.record.value.indicator == "iku-akip" && t.record.value.quarter.is_none())
        .unwrap();
    assert_eq!(akip.key, "iku-akip|2024|");
    let changed = Target {
        value: TargetValue::Single("82".parse().unwrap()),
        ..akip.record.value.clone()
    };
    let v = akip.record.version;
    // Through another unit's address: refused, whatever the version.
    assert!(matches!(
        f.store
            .save_record(edit("ngoro-pmd", None, Some(v)), &changed, "op")
            .await,
        Err(StoreError::Refused(_))
    ));
    let (key, version) = f
        .store
        .save_record(edit("ngoro", None, Some(v)), &changed, "op")
        .await
        .unwrap();
    assert_eq!((key.as_str(), version), ("iku-akip|2024|", v + 1));
    let data = f.store.load_unit("ngoro").await.unwrap();
    assert!(data.targets.contains(&changed));
    // The same edit again, read at the old version: a conflict, and the stored value stays.
    assert!(matches!(
        f.store
            .save_record(edit("ngoro", None, Some(v)), &akip.record.value, "op")
            .await,
        Err(StoreError::Conflict { .. })
    ));
    // A fifth quarter leaves the data invalid; a target of an indicator that does not exist is no unit's.
    let fifth = Target {
        quarter: Some(5),
        ..changed.clone()
    };
    assert!(matches!(
        f.store
            .save_record(edit("ngoro", None, None), &fifth, "op")
            .await,
        Err(StoreError::Invalid(_))
    ));
    let orphan = Target {
        indicator: "tidak-ada".into(),
        ..changed.clone()
    };
    assert!(matches!(
        f.store
            .save_record(edit("ngoro", None, None), &orphan, "op")
            .await,
        Err(StoreError::Refused(_))
    ));
    // The pemda record is not a unit's to change.
    assert!(matches!(
        f.store
            .save_record(
                edit("ngoro", None, None),
                reference().pemda.as_ref().unwrap(),
                "op"
            )
            .await,
        Err(StoreError::Refused(_))
    ));
    // Every unit's data validates on its own, so each can be edited.
    for unit in &reference().units {
        let stored = f.store.records::<Unit>(&unit.code, None).await.unwrap();
        let version = stored[0].record.version;
        f.store
            .save_record(edit(&unit.code, None, Some(version)), unit, "op")
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", unit.code));
    }
    let audit = f.store.audit_log(20).await.unwrap();
    assert!(audit
        .iter()
        .any(|a| a.kind == "target" && a.action == "ubah" && a.actor == "op"));
}

async fn records_kept_in_order_are_added_changed_and_removed(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let before = f
        .store
        .records::<Narrative>("ngoro", Some(2024))
        .await
        .unwrap();
    let text = Narrative {
        unit: "ngoro".into(),
        year: 2024,
        section: Section::Kesimpulan,
        subject: None,
        title: None,
        text: "Paragraf tambahan.".into(),
    };
    let (key, version) = f
        .store
        .save_record(edit("ngoro", None, None), &text, "op")
        .await
        .unwrap();
    assert_eq!(
        (key.as_str(), version),
        (format!("ngoro|2024|{}", before.len() + 1).as_str(), 1)
    );
    // Another unit's writer cannot take the record over through its key, even with a body of its own unit.
    let taken = Narrative {
        unit: "ngoro-pmd".into(),
        ..text.clone()
    };
    assert!(matches!(
        f.store
            .save_record(edit("ngoro-pmd", Some(&key), Some(1)), &taken, "op")
            .await,
        Err(StoreError::Refused(_))
    ));
    let edited = Narrative {
        text: "Paragraf yang diperbaiki.".into(),
        ..text.clone()
    };
    f.store
        .save_record(edit("ngoro", Some(&key), Some(1)), &edited, "op")
        .await
        .unwrap();
    let after = f
        .store
        .records::<Narrative>("ngoro", Some(2024))
        .await
        .unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after.last().unwrap().record.value, edited);
    assert!(matches!(
        f.store
            .delete_record::<Narrative>(Writer::Installation, "ngoro", &key, 1, "op")
            .await,
        Err(StoreError::Conflict { .. })
    ));
    assert!(matches!(
        f.store
            .delete_record::<Narrative>(Writer::Installation, "ngoro-pmd", &key, 2, "op")
            .await,
        Err(StoreError::Refused(_))
    ));
    f.store
        .delete_record::<Narrative>(Writer::Installation, "ngoro", &key, 2, "op")
        .await
        .unwrap();
    assert_eq!(
        f.store
            .records::<Narrative>("ngoro", Some(2024))
            .await
            .unwrap()
            .len(),
        before.len()
    );
    let actions: Vec<String> = f
        .store
        .audit_log(3)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(actions, ["hapus", "ubah", "tambah"]);
}

async fn a_units_import_changes_only_that_unit(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    // The whole reference, one realisation of ngoro changed: allowed for ngoro, refused for another unit.
    let changed = with_realisation("96.5");
    let units = ["ngoro".to_string(), "ngoro-pmd".to_string()];
    let operator = Writer::User {
        role: Role::Operator,
        units: &units,
    };
    assert!(matches!(
        f.store
            .import_as(operator, Some("ngoro-pmd"), &changed, "op", &no_progress)
            .await,
        Err(StoreError::Refused(_))
    ));
    let now = f
        .store
        .realisation("ip-paten", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(now.value.value, "96.5".parse::<Decimal>().unwrap());
    let summary = f
        .store
        .import_as(operator, Some("ngoro"), &changed, "op", &no_progress)
        .await
        .unwrap();
    assert_eq!(
        (summary.inserted, summary.updated, summary.removed),
        (0, 1, 0)
    );
    let now = f
        .store
        .realisation("ip-paten", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.value.value, "96.5".parse::<Decimal>().unwrap());
}

/// The write rules hold on both backends: an operator's import does not set the official AKIP, nobody's import
/// changes a locked PK (the installation's included), and a refusal writes nothing at all.
async fn an_import_makes_only_the_changes_its_writer_may(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let before = f.store.load_all().await.unwrap();
    let mut raised = with_realisation("96.5");
    let akip = raised
        .akip
        .iter_mut()
        .find(|e| e.unit == "ngoro" && e.year == 2024);
    akip.unwrap().official = Some("99.99".parse().unwrap());
    let units = ["ngoro".to_string()];
    let operator = Writer::User {
        role: Role::Operator,
        units: &units,
    };
    let refused = f
        .store
        .import_as(operator, Some("ngoro"), &raised, "op", &no_progress)
        .await;
    let Err(StoreError::Refused(why)) = refused else {
        panic!("{refused:?}");
    };
    assert!(
        why.contains("Evaluasi AKIP (LKE) 'ngoro|2024': nilai resmi AKIP"),
        "{why}"
    );
    assert!(!why.contains("Realisasi"), "{why}");
    let mut locked = reference().clone();
    let pk = locked
        .agreements
        .iter_mut()
        .find(|a| a.unit == "ngoro" && a.version == 1);
    pk.unwrap().place = Some("Tempat lain".into());
    let refused = f.store.import(&locked, "uji", &no_progress).await;
    let Err(StoreError::Refused(why)) = refused else {
        panic!("{refused:?}");
    };
    assert!(
        why.contains("PK 'ngoro|2024|1': PK versi 1 sudah dikunci"),
        "{why}"
    );
    assert_eq!(f.store.load_all().await.unwrap(), before);
}

/// The unit cache never serves what another writer — another process on the same database — has changed since.
async fn a_unit_read_again_after_a_change_elsewhere_is_the_new_one(f: &Fresh) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let first = f.store.unit_snapshot("ngoro").await.unwrap();
    let again = f.store.unit_snapshot("ngoro").await.unwrap();
    assert!(Arc::ptr_eq(&first, &again), "unchanged data is read once");
    let other = f.reopen(Arc::new(kinerja_storage::SystemClock)).await;
    let current = other
        .realisation("ip-paten", 2024, None)
        .await
        .unwrap()
        .unwrap();
    let changed = Realisation {
        value: "91".parse().unwrap(),
        ..current.value.clone()
    };
    other
        .save_realisation(&changed, Some(current.version), "lain")
        .await
        .unwrap();
    let after = f.store.load_unit("ngoro").await.unwrap();
    assert!(after.realisations.contains(&changed));
    // An import elsewhere is seen too.
    other
        .import(&with_realisation("92"), "lain", &no_progress)
        .await
        .unwrap();
    let after = f.store.unit_snapshot("ngoro").await.unwrap();
    assert!(after.realisations.iter().any(|r| r.indicator == "ip-paten"
        && r.year == 2024
        && r.value == "92".parse::<Decimal>().unwrap()));
    other.close().await;
}
