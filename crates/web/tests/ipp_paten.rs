//! The IPP and PATEN pages: the reference's IPP (official 3,68 over the computed 3,26) and IKPP 8,54; values the
//! evaluator enters change the IPP, its band and the IKPP shown; the PATEN checklist kept by the unit with uploaded
//! evidence and the score given by the evaluator; who may write which, CSRF, and the audit log.

use axum::http::StatusCode;
use kinerja_domain::model::{IppEvaluation, PatenEvaluation, Record};
use kinerja_storage::{Editing, Keyed, Repository};

use crate::common::http::{get, post, send, sign_in, upload, Browser, PDF};
use crate::common::{site, Site, USERS};

/// The version of the unit-year's record of a kind, empty without one.
async fn version_of<T: Record>(s: &Site) -> String {
    let all: Vec<Keyed<T>> = s.store.records::<T>("ngoro", Some(2024)).await.unwrap();
    all.first()
        .map(|k| k.record.version.to_string())
        .unwrap_or_default()
}

async fn paten(s: &Site) -> PatenEvaluation {
    let all: Vec<Keyed<PatenEvaluation>> = s
        .store
        .records::<PatenEvaluation>("ngoro", Some(2024))
        .await
        .unwrap();
    all.into_iter().next().expect("a PATEN record").record.value
}

/// The IPP form with every aspect at `aspect` and the official value `official`.
fn ipp_form<'a>(
    b: &'a Browser,
    version: &'a str,
    aspect: &'a str,
    official: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![("csrf", b.csrf.as_str()), ("version", version)];
    for name in [
        "kebijakan_pelayanan",
        "profesionalisme_sdm",
        "sarana_prasarana",
        "sistem_informasi",
        "konsultasi_pengaduan",
        "inovasi",
    ] {
        form.push((name, aspect));
    }
    form.extend([
        ("resmi", official),
        ("tanggal", "2024-09-17"),
        ("sumber", "KemenPANRB"),
    ]);
    form
}

/// The text of the element with this id up to its closing tag.
fn part<'a>(body: &'a str, id: &str, close: &str) -> &'a str {
    let start = body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("#{id} in {body}"));
    let rest = &body[start..];
    &rest[..rest.find(close).unwrap()]
}

#[tokio::test]
async fn entered_ipp_values_change_the_ipp_and_the_ikpp_shown() {
    let s = site().await;
    let ev = sign_in(&s.app, "inspektorat").await;
    let path = "/unit/ngoro/2024/ipp";
    // The reference: aspects weighted 24/25/18/11/10/12 sum to 3,26; the official 3,68 counts (B Baik); with the
    // IKM 97,17 the IKPP is 8,54 (A).
    let page = send(&s.app, get(path, &ev.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("bobot aspek PermenPANRB 29/2022"));
    let summary = part(&page.body, "ipp", "</dl>");
    for text in ["3,26", "3,68", "0,42", "B (Baik)"] {
        assert!(summary.contains(text), "{text} in {summary}");
    }
    let ikpp = part(&page.body, "ikpp", "</section>");
    for text in ["97,17", "8,54", "A (Sangat Berkualitas)"] {
        assert!(ikpp.contains(text), "{text} in {ikpp}");
    }
    assert!(page.body.contains("Simpan nilai IPP"));
    // The unit dashboard links both pages.
    let dashboard = send(&s.app, get("/unit/ngoro/2024", &ev.cookie)).await;
    for link in [
        "href=\"/unit/ngoro/2024/ipp\"",
        "href=\"/unit/ngoro/2024/paten\"",
    ] {
        assert!(dashboard.body.contains(link), "{link}");
    }

    // Every aspect 4,6 and no official value: the computed 4,60 counts, A Pelayanan Prima; IKPP 4,8585 + 4,6.
    let v = version_of::<IppEvaluation>(&s).await;
    let answer = send(
        &s.app,
        post(path, &ev.cookie, &ipp_form(&ev, &v, "4,6", "")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let page = send(&s.app, get(answer.location(), &ev.cookie)).await;
    assert!(page.body.contains("Nilai evaluasi IPP disimpan."));
    let summary = part(&page.body, "ipp", "</dl>");
    assert!(
        summary.contains("4,60") && summary.contains("A (Pelayanan Prima)"),
        "{summary}"
    );
    let ikpp = part(&page.body, "ikpp", "</section>");
    assert!(
        ikpp.contains("9,46") && ikpp.contains("A (Sangat Berkualitas)"),
        "{ikpp}"
    );

    // An official 4,00 wins over the computed 4,60: B Baik, IKPP 8,86.
    let v = version_of::<IppEvaluation>(&s).await;
    let answer = send(
        &s.app,
        post(path, &ev.cookie, &ipp_form(&ev, &v, "4,6", "4,00")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let page = send(&s.app, get(path, &ev.cookie)).await;
    let summary = part(&page.body, "ipp", "</dl>");
    assert!(
        summary.contains("B (Baik)") && summary.contains("-0,60"),
        "{summary}"
    );
    assert!(part(&page.body, "ikpp", "</section>").contains("8,86"));
    // Out of the scale: refused with the field named, nothing written.
    let v = version_of::<IppEvaluation>(&s).await;
    let answer = send(
        &s.app,
        post(path, &ev.cookie, &ipp_form(&ev, &v, "5,5", "")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer
            .body
            .contains("Kebijakan Pelayanan: &#39;5,5&#39; harus angka 0 sampai 5,00")
            || answer
                .body
                .contains("Kebijakan Pelayanan: '5,5' harus angka 0 sampai 5,00"),
        "{}",
        answer.body
    );
    assert_eq!(version_of::<IppEvaluation>(&s).await, v);
    // A stale version is a conflict.
    let answer = send(&s.app, post(path, &ev.cookie, &ipp_form(&ev, "1", "3", ""))).await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert_eq!(version_of::<IppEvaluation>(&s).await, v);

    // Both saves are audited under the evaluator's name.
    let log = s.store.audit_log(20).await.unwrap();
    let ipp: Vec<(&str, &str)> = log
        .iter()
        .filter(|e| e.kind == "ipp")
        .map(|e| (e.actor.as_str(), e.action.as_str()))
        .collect();
    assert_eq!(ipp, [("inspektorat", "ubah"), ("inspektorat", "ubah")]);
}

#[tokio::test]
async fn only_evaluators_and_admins_enter_ipp_and_csrf_is_required() {
    let s = site().await;
    let mut browsers = Vec::new();
    for (username, _, _) in USERS {
        browsers.push(sign_in(&s.app, username).await);
    }
    const SEE: StatusCode = StatusCode::SEE_OTHER;
    const NO: StatusCode = StatusCode::FORBIDDEN;
    // (admin, op-ngoro, op-pmd, camat, inspektorat, pembaca)
    let expected = [SEE, NO, NO, NO, SEE, NO];
    for (i, b) in browsers.iter().enumerate() {
        let v = version_of::<IppEvaluation>(&s).await;
        let form = ipp_form(b, &v, "3", "");
        let answer = send(&s.app, post("/unit/ngoro/2024/ipp", &b.cookie, &form)).await;
        assert_eq!(answer.status, expected[i], "POST ipp as {}", USERS[i].0);
        // The form is offered only to those who may write.
        let page = send(&s.app, get("/unit/ngoro/2024/ipp", &b.cookie)).await;
        if page.status == StatusCode::OK {
            assert_eq!(
                page.body.contains("Simpan nilai IPP"),
                expected[i] == SEE,
                "{}",
                USERS[i].0
            );
        }
    }
    // A reader of another unit cannot reach this one's page at all.
    let reader = &browsers[5];
    let page = send(&s.app, get("/unit/ngoro/2024/ipp", &reader.cookie)).await;
    assert_eq!(page.status, NO);
    let page = send(&s.app, get("/unit/ngoro-pmd/2024/paten", &reader.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Simpan persyaratan") && !page.body.contains("Simpan nilai PATEN"));
    // Without the session's CSRF token nothing is written, whoever posts.
    let admin = &browsers[0];
    let before = version_of::<IppEvaluation>(&s).await;
    for csrf in ["", "0000"] {
        let v = before.clone();
        let mut form = ipp_form(admin, &v, "1", "");
        form[0] = ("csrf", csrf);
        let answer = send(&s.app, post("/unit/ngoro/2024/ipp", &admin.cookie, &form)).await;
        assert_eq!(answer.status, NO, "csrf {csrf:?}");
        let form = [
            ("csrf", csrf),
            ("version", ""),
            ("uraian", "Maklumat pelayanan"),
        ];
        let answer = send(
            &s.app,
            post("/unit/ngoro/2024/paten/persyaratan", &admin.cookie, &form),
        )
        .await;
        assert_eq!(answer.status, NO, "csrf {csrf:?}");
    }
    assert_eq!(version_of::<IppEvaluation>(&s).await, before);
    assert_eq!(version_of::<PatenEvaluation>(&s).await, "");
}

#[tokio::test]
async fn the_unit_keeps_the_paten_checklist_and_the_evaluator_gives_the_score() {
    let s = site().await;
    let op = sign_in(&s.app, "op-ngoro").await;
    let ev = sign_in(&s.app, "inspektorat").await;
    let camat = sign_in(&s.app, "camat").await;
    let path = "/unit/ngoro/2024/paten";
    let page = send(&s.app, get(path, &op.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Belum ada persyaratan."));
    assert!(page.body.contains("Tambah persyaratan") && !page.body.contains("Simpan nilai PATEN"));

    // The operator adds two requirements, one fulfilled with a document's title as evidence.
    let add = "/unit/ngoro/2024/paten/persyaratan";
    let first = [
        ("csrf", op.csrf.as_str()),
        ("version", ""),
        ("nomor", ""),
        (
            "uraian",
            "Standar pelayanan dan maklumat pelayanan dipajang",
        ),
        ("terpenuhi", "ya"),
        ("catatan", "Maklumat ditandatangani Camat"),
        ("bukti", "SK Camat tentang Standar Pelayanan"),
    ];
    let answer = send(&s.app, post(add, &op.cookie, &first)).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let v = version_of::<PatenEvaluation>(&s).await;
    let second = [
        ("csrf", op.csrf.as_str()),
        ("version", v.as_str()),
        ("nomor", ""),
        ("uraian", "Area parkir khusus pengguna layanan"),
        ("catatan", "Belum tersedia"),
    ];
    let answer = send(&s.app, post(add, &op.cookie, &second)).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    // The same requirement again is refused, naming it.
    let v = version_of::<PatenEvaluation>(&s).await;
    let again = [
        ("csrf", op.csrf.as_str()),
        ("version", v.as_str()),
        ("nomor", ""),
        ("uraian", " Area parkir khusus pengguna layanan "),
    ];
    let answer = send(&s.app, post(add, &op.cookie, &again)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("sudah ada"), "{}", answer.body);

    // A PDF uploaded as evidence of the second requirement, which is then ticked.
    let fields = [
        ("csrf", op.csrf.as_str()),
        ("version", v.as_str()),
        ("nomor", "1"),
        ("title", "Foto area parkir"),
    ];
    let answer = send(
        &s.app,
        upload(
            "/unit/ngoro/2024/paten/bukti",
            &op.cookie,
            &fields,
            ("parkir.pdf", "application/pdf", PDF),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    // Not a PDF, PNG or JPEG by its bytes: refused, nothing attached.
    let v = version_of::<PatenEvaluation>(&s).await;
    let fields = [
        ("csrf", op.csrf.as_str()),
        ("version", v.as_str()),
        ("nomor", "1"),
        ("title", "Bukan PDF"),
    ];
    let answer = send(
        &s.app,
        upload(
            "/unit/ngoro/2024/paten/bukti",
            &op.cookie,
            &fields,
            ("x.pdf", "application/pdf", b"<html>"),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let p = paten(&s).await;
    assert_eq!(p.requirements.len(), 2);
    let file = p.requirements[1].evidence[0]
        .file
        .clone()
        .expect("stored file");
    assert_eq!(p.requirements[1].evidence.len(), 1);
    assert!(p.requirements[0].fulfilled && !p.requirements[1].fulfilled);
    let page = send(&s.app, get(path, &camat.cookie)).await;
    let figures = part(&page.body, "nilai", "</dl>");
    assert!(figures.contains("1 dari 2"), "{figures}");
    assert!(page.body.contains(&format!("/bukti/ngoro/{file}")));
    assert!(page.body.contains("Foto area parkir"));

    // The evaluator gives the score; the operator and the camat may not.
    let v = version_of::<PatenEvaluation>(&s).await;
    for (b, expected) in [
        (&op, StatusCode::FORBIDDEN),
        (&camat, StatusCode::FORBIDDEN),
        (&ev, StatusCode::SEE_OTHER),
    ] {
        let form = [
            ("csrf", b.csrf.as_str()),
            ("version", v.as_str()),
            ("nilai", "94,48"),
            ("tanggal", "2024-11-20"),
            ("sumber", "Tim Penilai PATEN Kabupaten Jombang"),
        ];
        let answer = send(&s.app, post(path, &b.cookie, &form)).await;
        assert_eq!(answer.status, expected, "{}", answer.body);
    }
    // And the evaluator does not keep the unit's checklist.
    let v = version_of::<PatenEvaluation>(&s).await;
    let form = [
        ("csrf", ev.csrf.as_str()),
        ("version", v.as_str()),
        ("uraian", "Lain"),
    ];
    let answer = send(&s.app, post(add, &ev.cookie, &form)).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let page = send(&s.app, get(path, &ev.cookie)).await;
    let figures = part(&page.body, "nilai", "</dl>");
    assert!(
        figures.contains("94,48") && figures.contains("20 November 2024"),
        "{figures}"
    );
    assert!(page.body.contains("Simpan nilai PATEN") && !page.body.contains("Tambah persyaratan"));
    // An out-of-range score is refused with the field named.
    let form = [
        ("csrf", ev.csrf.as_str()),
        ("version", v.as_str()),
        ("nilai", "120"),
    ];
    let answer = send(&s.app, post(path, &ev.cookie, &form)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("Nilai PATEN"), "{}", answer.body);

    // Removing a requirement keeps the other with its evidence.
    let v = version_of::<PatenEvaluation>(&s).await;
    let form = [
        ("csrf", op.csrf.as_str()),
        ("version", v.as_str()),
        ("nomor", "0"),
        ("hapus", "ya"),
    ];
    let answer = send(&s.app, post(add, &op.cookie, &form)).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let p = paten(&s).await;
    assert_eq!(p.requirements.len(), 1);
    assert_eq!(
        p.requirements[0].evidence[0].file.as_deref(),
        Some(file.as_str())
    );
    assert_eq!(p.score.map(|v| v.to_string()).as_deref(), Some("94.48"));

    // Every change is in the audit log under its author.
    let log = s.store.audit_log(30).await.unwrap();
    let mut actors: Vec<&str> = log
        .iter()
        .filter(|e| e.kind == "paten")
        .map(|e| e.actor.as_str())
        .collect();
    actors.reverse();
    assert_eq!(
        actors,
        [
            "op-ngoro",
            "op-ngoro",
            "op-ngoro",
            "inspektorat",
            "op-ngoro"
        ]
    );
}
