//! The survey's conformance cases (services, visit codes, responses through the group-commit writer), run on both
//! backends by `conformance!` like every other case.

use super::{no_progress, reference, Fresh, HandClock};
use kinerja_domain::model::{Education, Occupation, Scores, Sex};
use kinerja_storage::{
    NewResponse, Repository, ResponseQuery, ServiceSpec, Store, StoreError, StoredResponse,
    Submitted, Survey, SurveyWriter, MAX_SARAN_CHARS,
};
use std::sync::Arc;
use std::time::Duration;

const WINDOW: Duration = Duration::from_secs(600);

fn spec(name: &str) -> ServiceSpec {
    ServiceSpec {
        name: name.into(),
        population: None,
        requires_code: false,
        active: true,
    }
}

fn answers(client: &str, service: i64, score: u8) -> NewResponse {
    NewResponse {
        service,
        sex: Sex::Female,
        age: Some(34),
        education: Some(Education::SMA),
        occupation: Some(Occupation::Wirausaha),
        scores: Scores([Some(score); 9]),
        saran: None,
        visit_code: None,
        client: client.into(),
    }
}

fn refused<T: std::fmt::Debug>(r: Result<T, StoreError>) -> String {
    match r {
        Err(StoreError::Refused(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn with_reference(f: &Fresh) -> (Store, Arc<HandClock>) {
    f.store
        .import(reference(), "uji", &no_progress)
        .await
        .unwrap();
    let clock = HandClock::new();
    (f.reopen(clock.clone()).await, clock)
}

pub(crate) async fn survey_services_are_made_changed_and_audited(f: &Fresh) {
    let (store, _) = with_reference(f).await;
    let ktp = store
        .create_service(
            "ngoro",
            &ServiceSpec {
                population: Some(1200),
                ..spec("  KTP Elektronik ")
            },
            "admin",
        )
        .await
        .unwrap();
    assert_eq!(
        (ktp.name.as_str(), ktp.population, ktp.active),
        ("KTP Elektronik", Some(1200), true)
    );
    assert_eq!(ktp.code.len(), 12);
    let letter = store
        .create_service("ngoro", &spec("Surat Pindah"), "admin")
        .await
        .unwrap();
    assert_ne!(letter.code, ktp.code);
    assert!(refused(
        store
            .create_service("ngoro", &spec("KTP Elektronik"), "admin")
            .await
    )
    .contains("sudah ada"));
    refused(store.create_service("ngoro", &spec(" "), "admin").await);
    refused(
        store
            .create_service(
                "ngoro",
                &ServiceSpec {
                    population: Some(0),
                    ..spec("Nol")
                },
                "admin",
            )
            .await,
    );
    assert!(matches!(
        store
            .create_service("tidak-ada", &spec("KTP"), "admin")
            .await,
        Err(StoreError::NotFound { .. })
    ));
    // Another unit may use the same name.
    store
        .create_service("ngoro-pmd", &spec("KTP Elektronik"), "admin")
        .await
        .unwrap();

    let names: Vec<String> = store
        .services("ngoro")
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["KTP Elektronik", "Surat Pindah"]);
    assert_eq!(
        store.service_by_code(&ktp.code).await.unwrap(),
        Some(ktp.clone())
    );
    assert_eq!(store.service_by_code("tidakada").await.unwrap(), None);
    assert_eq!(store.service("ngoro-pmd", ktp.id).await.unwrap(), None);

    let changed = store
        .update_service(
            "ngoro",
            ktp.id,
            &ServiceSpec {
                name: "KTP-el".into(),
                population: None,
                requires_code: true,
                active: false,
            },
            "op",
        )
        .await
        .unwrap();
    assert_eq!(
        (
            changed.name.as_str(),
            changed.code.as_str(),
            changed.active,
            changed.requires_code
        ),
        ("KTP-el", ktp.code.as_str(), false, true)
    );
    assert!(refused(
        store
            .update_service("ngoro", ktp.id, &spec("Surat Pindah"), "op")
            .await
    )
    .contains("sudah ada"));
    // A service is changed only through its own unit.
    assert!(matches!(
        store
            .update_service("ngoro-pmd", ktp.id, &spec("Curian"), "op")
            .await,
        Err(StoreError::NotFound { .. })
    ));
    let log = store.audit_log(100).await.unwrap();
    let of_ktp: Vec<(&str, &str)> = log
        .iter()
        .filter(|e| e.kind == "survey_service" && e.key == ktp.id.to_string())
        .map(|e| (e.action.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(of_ktp, [("ubah", "op"), ("tambah", "admin")]);
    store.close().await;
}

pub(crate) async fn survey_responses_are_committed_in_batches_and_read_back(f: &Fresh) {
    let (store, _) = with_reference(f).await;
    let service = store
        .create_service("ngoro", &spec("KTP"), "admin")
        .await
        .unwrap();
    let other = store
        .create_service("ngoro", &spec("KK"), "admin")
        .await
        .unwrap();
    let writer = Arc::new(SurveyWriter::new(store.clone(), WINDOW));
    // Many submitters at once: each hears back after its batch is committed.
    let tasks: Vec<_> = (0..300)
        .map(|i| {
            let writer = writer.clone();
            let mut r = answers(
                &format!("10.0.{}.{}", i / 250, i % 250),
                service.id,
                1 + (i % 4) as u8,
            );
            if i % 3 == 0 {
                r.service = other.id;
            }
            if i == 7 {
                r.scores.0[3] = None;
                r.saran = Some("Antrean <panjang> & lambat".into());
                r.sex = Sex::Male;
                r.age = None;
                r.education = None;
                r.occupation = None;
            }
            tokio::spawn(async move { writer.submit(r).await })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap(), Submitted::Stored);
    }
    // HandClock: 2 January 2025.
    let year = ResponseQuery::year("ngoro", 2025);
    assert_eq!(store.count_responses(&year).await.unwrap(), 300);
    let of = |service: i64| ResponseQuery {
        service: Some(service),
        ..year.clone()
    };
    assert_eq!(store.count_responses(&of(other.id)).await.unwrap(), 100);
    assert_eq!(store.count_responses(&of(service.id)).await.unwrap(), 200);
    let january = ResponseQuery {
        months: (1, 1),
        ..year.clone()
    };
    assert_eq!(store.count_responses(&january).await.unwrap(), 300);
    for (unit, year, months) in [
        ("ngoro", 2025, (2, 12)),
        ("ngoro", 2024, (1, 12)),
        ("ngoro-pmd", 2025, (1, 12)),
    ] {
        let q = ResponseQuery {
            unit: unit.into(),
            year,
            months,
            service: None,
        };
        assert_eq!(store.count_responses(&q).await.unwrap(), 0, "{q:?}");
    }
    refused(
        store
            .count_responses(&ResponseQuery {
                months: (7, 6),
                ..year.clone()
            })
            .await,
    );

    let read = store.responses(&of(service.id)).await.unwrap();
    assert_eq!(read.len(), 200);
    assert!(read.windows(2).all(|w| w[0].id < w[1].id));
    // Read in batches of 64 after the last id read, the same responses come in the same order.
    let mut batched = Vec::new();
    loop {
        let after = batched.last().map_or(0, |r: &StoredResponse| r.id);
        let batch = store
            .responses_after(&of(service.id), after, 64)
            .await
            .unwrap();
        assert!(batch.len() <= 64);
        if batch.is_empty() {
            break;
        }
        batched.extend(batch);
    }
    assert_eq!(batched, read);
    let odd = read.iter().find(|r| r.saran.is_some()).unwrap();
    assert_eq!(
        (odd.sex, odd.age, odd.education, odd.occupation),
        (Sex::Male, None, None, None)
    );
    assert_eq!(odd.saran.as_deref(), Some("Antrean <panjang> & lambat"));
    assert_eq!(odd.scores.0[3], None);
    assert_eq!(odd.scores.0[0], Some(4));
    assert_eq!(odd.follow_up, None);
    assert_eq!(odd.date.to_string(), "2025-01-02");
    assert_eq!(odd.submitted_at, 1_735_806_600);
    let typical = read.iter().find(|r| r.saran.is_none()).unwrap();
    assert_eq!(
        (
            typical.sex,
            typical.age,
            typical.education,
            typical.occupation
        ),
        (
            Sex::Female,
            Some(34),
            Some(Education::SMA),
            Some(Occupation::Wirausaha)
        )
    );
    let total: usize = read
        .iter()
        .flat_map(|r| r.scores.0)
        .map(|s| usize::from(s.unwrap_or(0)))
        .sum();
    assert!(total > 0);

    // The running counts the writer kept in its batches equal the responses counted one by one.
    let snapshot = store.unit_snapshot("ngoro").await.unwrap();
    for (s, stored) in [(&service, 200), (&other, 100)] {
        let t = snapshot
            .survey_tallies
            .iter()
            .find(|t| t.service == s.name && t.year == 2025)
            .unwrap();
        let responses = store.responses(&of(s.id)).await.unwrap();
        assert_eq!(t.months[0].respondents, stored);
        assert!(t.months[1..].iter().all(|m| m.respondents == 0));
        let male = responses.iter().filter(|r| r.sex == Sex::Male).count();
        assert_eq!(t.male[0], male as u64);
        for e in 0..9 {
            for score in 1..=4u8 {
                let n = responses
                    .iter()
                    .filter(|r| r.scores.0[e] == Some(score))
                    .count();
                assert_eq!(t.months[0].counts[e][usize::from(score - 1)], n as u64);
            }
        }
    }
    drop(writer);
    store.close().await;
}

pub(crate) async fn survey_duplicates_codes_and_closed_services_are_refused(f: &Fresh) {
    let (store, clock) = with_reference(f).await;
    let service = store
        .create_service("ngoro", &spec("KTP"), "admin")
        .await
        .unwrap();
    let writer = SurveyWriter::new(store.clone(), WINDOW);
    let submit = |r: NewResponse| writer.submit(r);
    assert_eq!(
        submit(answers("a", service.id, 4)).await.unwrap(),
        Submitted::Stored
    );
    assert_eq!(
        submit(answers("a", service.id, 4)).await.unwrap(),
        Submitted::Duplicate
    );
    assert_eq!(
        submit(answers("b", service.id, 4)).await.unwrap(),
        Submitted::Stored
    );
    assert_eq!(
        submit(answers("a", service.id, 3)).await.unwrap(),
        Submitted::Stored
    );
    clock.advance(WINDOW.as_secs() as i64 + 1);
    assert_eq!(
        submit(answers("a", service.id, 4)).await.unwrap(),
        Submitted::Stored
    );
    // Twice in one batch: stored once.
    let (x, y) = tokio::join!(
        submit(answers("c", service.id, 2)),
        submit(answers("c", service.id, 2))
    );
    let mut both = [x.unwrap(), y.unwrap()];
    both.sort_by_key(|s| *s == Submitted::Duplicate);
    assert_eq!(both, [Submitted::Stored, Submitted::Duplicate]);
    let year = ResponseQuery::year("ngoro", 2025);
    let count = || store.count_responses(&year);
    assert_eq!(count().await.unwrap(), 5);

    // Refused before they are queued: nothing stored.
    let mut five = answers("d", service.id, 4);
    five.scores.0[2] = Some(5);
    assert!(refused(submit(five).await).contains("U3"));
    let mut long = answers("d", service.id, 4);
    long.saran = Some("x".repeat(MAX_SARAN_CHARS + 1));
    refused(submit(long).await);
    assert_eq!(
        submit(answers("d", 987_654, 4)).await.unwrap(),
        Submitted::ServiceClosed
    );

    // Visit codes: each accepted once, only for its service.
    let ticketed = store
        .create_service(
            "ngoro",
            &ServiceSpec {
                requires_code: true,
                ..spec("Surat")
            },
            "admin",
        )
        .await
        .unwrap();
    let codes = store
        .create_visit_codes("ngoro", ticketed.id, 3, "op")
        .await
        .unwrap();
    assert_eq!(codes.len(), 3);
    assert!(codes.iter().all(|c| c.len() == 8));
    let with_code = |client: &str, code: Option<&str>| NewResponse {
        visit_code: code.map(str::to_string),
        ..answers(client, ticketed.id, 3)
    };
    assert_eq!(
        submit(with_code("e", None)).await.unwrap(),
        Submitted::VisitCodeRefused
    );
    assert_eq!(
        submit(with_code("e", Some("ZZZZ-ZZZZ"))).await.unwrap(),
        Submitted::VisitCodeRefused
    );
    let typed = format!("{}-{}", &codes[0][..4], codes[0][4..].to_lowercase());
    assert_eq!(
        submit(with_code("e", Some(&typed))).await.unwrap(),
        Submitted::Stored
    );
    assert_eq!(
        submit(with_code("f", Some(&codes[0]))).await.unwrap(),
        Submitted::VisitCodeRefused
    );
    // A code of one service does not open another.
    let other_codes = store
        .create_visit_codes("ngoro", service.id, 1, "op")
        .await
        .unwrap();
    assert_eq!(
        submit(with_code("g", Some(&other_codes[0]))).await.unwrap(),
        Submitted::VisitCodeRefused
    );
    let listed = store.visit_codes("ngoro", ticketed.id).await.unwrap();
    assert_eq!(listed.len(), 3);
    assert_eq!(listed.iter().filter(|c| c.used_at.is_some()).count(), 1);
    assert!(store
        .visit_codes("ngoro-pmd", ticketed.id)
        .await
        .unwrap()
        .is_empty());
    refused(
        store
            .create_visit_codes("ngoro", ticketed.id, 0, "op")
            .await,
    );
    refused(
        store
            .create_visit_codes("ngoro", ticketed.id, 501, "op")
            .await,
    );
    assert!(matches!(
        store
            .create_visit_codes("ngoro-pmd", ticketed.id, 1, "op")
            .await,
        Err(StoreError::NotFound { .. })
    ));

    // A deactivated service takes nothing more.
    store
        .update_service(
            "ngoro",
            service.id,
            &ServiceSpec {
                active: false,
                ..spec("KTP")
            },
            "op",
        )
        .await
        .unwrap();
    assert_eq!(
        submit(answers("h", service.id, 1)).await.unwrap(),
        Submitted::ServiceClosed
    );
    assert_eq!(count().await.unwrap(), 6);
    drop(writer);
    store.close().await;
}

pub(crate) async fn survey_results_are_read_counted_and_followed_up(f: &Fresh) {
    let (store, clock) = with_reference(f).await;
    let a = store
        .create_service(
            "ngoro",
            &ServiceSpec {
                population: Some(50),
                ..spec("A")
            },
            "uji",
        )
        .await
        .unwrap();
    store
        .create_service("ngoro", &spec("B"), "uji")
        .await
        .unwrap();
    let writer = SurveyWriter::new(store.clone(), WINDOW);
    let first = NewResponse {
        saran: Some("Tambah kursi".into()),
        ..answers("a", a.id, 4)
    };
    assert_eq!(writer.submit(first).await.unwrap(), Submitted::Stored);
    let before = store.unit_snapshot("ngoro").await.unwrap();
    assert!(Arc::ptr_eq(
        &before,
        &store.unit_snapshot("ngoro").await.unwrap()
    ));
    // About four months on: May 2025, a man who left U9 unanswered.
    clock.advance(120 * 86_400);
    let mut second = answers("b", a.id, 2);
    second.sex = Sex::Male;
    second.scores.0[8] = None;
    assert_eq!(writer.submit(second).await.unwrap(), Submitted::Stored);

    let year = store.survey_year("ngoro", 2025).await.unwrap();
    assert_eq!(
        year.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["A", "B"]
    );
    assert_eq!(year[0].population, Some(50));
    let months: Vec<(u8, Sex, Option<u8>)> = year[0]
        .respondents
        .iter()
        .map(|r| (r.month, r.sex, r.scores.0[8]))
        .collect();
    assert_eq!(months, [(1, Sex::Female, Some(4)), (5, Sex::Male, None)]);
    assert_eq!(year[0].respondents[0].education, Some(Education::SMA));
    assert!(year[1].respondents.is_empty());

    // The new response renewed the unit's snapshot, which carries the responses counted.
    let after = store.unit_snapshot("ngoro").await.unwrap();
    assert!(!Arc::ptr_eq(&before, &after));
    let t = &after.survey_tallies;
    assert_eq!(t.len(), 1);
    assert_eq!((t[0].service.as_str(), t[0].year), ("A", 2025));
    assert_eq!(
        (t[0].months[0].respondents, t[0].months[4].respondents),
        (1, 1)
    );
    assert_eq!((t[0].male[0], t[0].male[4]), (0, 1));
    assert_eq!(t[0].months[4].counts[0], [0, 1, 0, 0]);
    assert_eq!(t[0].months[4].counts[8], [0, 0, 0, 0]);

    // The saran list and its follow-up, audited, within the unit only.
    let sarans = store
        .sarans(&ResponseQuery::year("ngoro", 2025))
        .await
        .unwrap();
    assert_eq!(sarans.len(), 1);
    let id = sarans[0].id;
    assert_eq!(sarans[0].saran, "Tambah kursi");
    store
        .set_follow_up("ngoro", id, "  Kursi ditambah  ", "op-ngoro")
        .await
        .unwrap();
    let written = store
        .sarans(&ResponseQuery::year("ngoro", 2025))
        .await
        .unwrap();
    assert_eq!(written[0].follow_up.as_deref(), Some("Kursi ditambah"));
    assert_eq!(written[0].follow_up_by.as_deref(), Some("op-ngoro"));
    assert!(written[0].follow_up_at.is_some());
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(
        (
            log[0].kind.as_str(),
            log[0].key.clone(),
            log[0].new.as_deref()
        ),
        (
            "tindak_lanjut_saran",
            id.to_string(),
            Some("Kursi ditambah")
        )
    );
    assert!(matches!(
        store.set_follow_up("ngoro-pmd", id, "x", "op-pmd").await,
        Err(StoreError::NotFound { .. })
    ));
    let long = "a".repeat(MAX_SARAN_CHARS + 1);
    assert!(
        refused(store.set_follow_up("ngoro", id, &long, "op-ngoro").await)
            .contains("paling banyak")
    );
    store
        .set_follow_up("ngoro", id, " ", "op-ngoro")
        .await
        .unwrap();
    let cleared = store
        .sarans(&ResponseQuery::year("ngoro", 2025))
        .await
        .unwrap();
    assert_eq!(cleared[0].follow_up, None);
}

/// One imported form (paper questionnaire) of 2024 to `service`.
fn form(service: &str, month: u8, score: u8) -> kinerja_domain::model::Response {
    use kinerja_domain::model::Element;
    kinerja_domain::model::Response {
        unit: "ngoro".into(),
        year: 2024,
        service: service.into(),
        date: kinerja_domain::date::Date::new(2024, month, 15).unwrap(),
        time_slot: None,
        sex: Sex::Male,
        age: None,
        education: None,
        occupation: Some(Occupation::Swasta),
        answers: Element::ALL.iter().map(|e| (*e, score)).collect(),
        saran: None,
    }
}

pub(crate) async fn survey_imports_are_stored_whole_counted_and_audited(f: &Fresh) {
    let (store, _) = with_reference(f).await;
    store
        .create_service("ngoro", &spec("KTP"), "admin")
        .await
        .unwrap();
    store
        .create_service("ngoro-pmd", &spec("Lain"), "admin")
        .await
        .unwrap();
    let count = || async {
        store
            .count_responses(&ResponseQuery::year("ngoro", 2024))
            .await
            .unwrap()
    };

    // Each refusal leaves nothing: the good forms before the bad one are not stored either.
    let good: Vec<_> = (0..5).map(|_| form("KTP", 3, 4)).collect();
    let with = |bad: kinerja_domain::model::Response| {
        let mut all = good.clone();
        all.push(bad);
        all
    };
    let mut out_of_range = form("KTP", 3, 4);
    out_of_range
        .answers
        .insert(kinerja_domain::model::Element::U3, 5);
    let mut long = form("KTP", 3, 4);
    long.saran = Some("x".repeat(MAX_SARAN_CHARS + 1));
    let mut other_unit = form("KTP", 3, 4);
    other_unit.unit = "ngoro-pmd".into();
    for (bad, expected) in [
        (
            form("Lain", 3, 4),
            "respons ke-6: layanan 'Lain' tidak ada di unit 'ngoro'",
        ),
        (
            out_of_range,
            "respons ke-6: jawaban U3 harus 1, 2, 3 atau 4",
        ),
        (long, "respons ke-6: saran paling panjang"),
        (
            other_unit,
            "respons ke-6: milik unit 'ngoro-pmd', bukan unit 'ngoro'",
        ),
    ] {
        let why = refused(
            store
                .import_responses("ngoro", &with(bad), "op", &no_progress)
                .await,
        );
        assert!(why.starts_with(expected), "{why}");
        assert_eq!(count().await, 0);
    }

    // More forms than one statement takes, identical ones included: all stored, counted, one audit entry.
    let mut forms: Vec<_> = (0..300)
        .map(|i| form("KTP", 1 + (i % 2) as u8, 4))
        .collect();
    forms.push(form("KTP", 2, 1));
    let seen = std::sync::Mutex::new(Vec::new());
    let stored = store
        .import_responses("ngoro", &forms, "op-ngoro", &|done, total| {
            seen.lock().unwrap().push((done, total))
        })
        .await
        .unwrap();
    assert_eq!(stored, 301);
    assert_eq!(count().await, 301);
    assert_eq!(
        seen.into_inner().unwrap(),
        [(0, 301), (256, 301), (301, 301)]
    );
    let snapshot = store.unit_snapshot("ngoro").await.unwrap();
    let t = &snapshot.survey_tallies;
    assert_eq!(t.len(), 1);
    assert_eq!(
        (t[0].months[0].respondents, t[0].months[1].respondents),
        (150, 151)
    );
    assert_eq!(t[0].male[1], 151);
    assert_eq!(t[0].months[1].counts[8], [1, 0, 0, 150]);
    let year = store.survey_year("ngoro", 2024).await.unwrap();
    assert_eq!(year[0].respondents.len(), 301);
    let audit = store.audit_log(1).await.unwrap();
    assert_eq!(
        (
            audit[0].action.as_str(),
            audit[0].kind.as_str(),
            audit[0].key.as_str(),
            audit[0].actor.as_str()
        ),
        ("tambah", "survey_response", "ngoro", "op-ngoro")
    );
    assert_eq!(
        audit[0].new.as_deref(),
        Some(r#"{"jumlah":301,"per_layanan":{"KTP":301}}"#)
    );
    // Imported forms carry no client: a form submitted online with the same answers is not a duplicate of them.
    let ktp = store.services("ngoro").await.unwrap()[0].clone();
    let writer = SurveyWriter::new(store.clone(), WINDOW);
    assert_eq!(
        writer.submit(answers("x", ktp.id, 4)).await.unwrap(),
        Submitted::Stored
    );
}
