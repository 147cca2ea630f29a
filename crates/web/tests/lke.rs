//! The LKE page: both grades side by side, the reference's 80,15 A, and who writes which side.

use axum::http::StatusCode;
use kinerja_domain::model::{AkipComponent, AkipEvaluation, Grade};
use kinerja_storage::{Editing, Keyed};

use crate::common::http::{get, post, send, sign_in};
use crate::common::{site, Site, USERS};

async fn evaluation(s: &Site) -> Keyed<AkipEvaluation> {
    let all: Vec<Keyed<AkipEvaluation>> = s
        .store
        .records::<AkipEvaluation>("ngoro", Some(2024))
        .await
        .unwrap();
    all.into_iter()
        .find(|k| k.record.value.year == 2024)
        .expect("the reference AKIP record")
}

#[tokio::test]
async fn each_side_grades_only_its_own_column_with_versions() {
    let s = site().await;
    let mut browsers = Vec::new();
    for (username, _, _) in USERS {
        browsers.push(sign_in(&s.app, username).await);
    }
    // The reference as recorded: 80,15, predicate A.
    let page = send(&s.app, get("/unit/ngoro/2024/lke", &browsers[0].cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("80,15"), "{}", page.body);
    assert!(page.body.contains("A (Memuaskan)"));
    assert!(page.body.contains("Perencanaan Kinerja"));

    const SEE: StatusCode = StatusCode::SEE_OTHER;
    const NO: StatusCode = StatusCode::FORBIDDEN;
    // (side, admin, op-ngoro, op-pmd, camat, inspektorat, pembaca)
    let sides: [(&str, [StatusCode; 6]); 2] = [
        ("mandiri", [SEE, SEE, NO, NO, NO, NO]),
        ("evaluator", [SEE, NO, NO, NO, SEE, NO]),
    ];
    for (side, expected) in sides {
        for (i, b) in browsers.iter().enumerate() {
            let version = evaluation(&s).await.record.version.to_string();
            let form = [
                ("csrf", b.csrf.as_str()),
                ("version", version.as_str()),
                ("pihak", side),
                ("kriteria", "4.c.1"),
                ("nilai", if side == "mandiri" { "AA" } else { "B" }),
                ("catatan", "catatan"),
                ("bukti", "SK Tim Evaluasi"),
            ];
            let answer = send(&s.app, post("/unit/ngoro/2024/lke", &b.cookie, &form)).await;
            assert_eq!(answer.status, expected[i], "{side} as {}", USERS[i].0);
        }
    }
    let e = evaluation(&s).await.record.value;
    let evaluasi = e
        .components
        .iter()
        .find(|c| c.component == AkipComponent::Evaluasi)
        .unwrap();
    let c = evaluasi
        .criteria
        .iter()
        .find(|c| c.criterion == "4.c.1")
        .unwrap();
    assert_eq!((c.self_grade, c.grade), (Some(Grade::AA), Some(Grade::B)));
    assert_eq!(c.evidence.len(), 1);
    // The evaluator's grade now scores Evaluasi: 25 × 50% × 70% = 8,75 instead of the recorded 20,16.
    let page = send(&s.app, get("/unit/ngoro/2024/lke", &browsers[4].cookie)).await;
    assert!(page.body.contains("8,75"), "{}", page.body);

    // A stale version is a conflict and changes nothing.
    let admin = &browsers[0];
    let before = evaluation(&s).await;
    let form = [
        ("csrf", admin.csrf.as_str()),
        ("version", "1"),
        ("pihak", "evaluator"),
        ("kriteria", "4.c.1"),
        ("nilai", "AA"),
    ];
    let answer = send(&s.app, post("/unit/ngoro/2024/lke", &admin.cookie, &form)).await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert_eq!(evaluation(&s).await.record.version, before.record.version);
    // An unknown criterion or grade is refused.
    let version = before.record.version.to_string();
    for (k, g) in [("9.z.9", "A"), ("4.c.1", "Z")] {
        let form = [
            ("csrf", admin.csrf.as_str()),
            ("version", version.as_str()),
            ("pihak", "evaluator"),
            ("kriteria", k),
            ("nilai", g),
        ];
        let answer = send(&s.app, post("/unit/ngoro/2024/lke", &admin.cookie, &form)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{k} {g}");
    }
}
