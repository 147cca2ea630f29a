//! The AKIP evaluation's life over HTTP: the LKE reached from the dashboard with the system's suggestions beside the
//! self-assessment, a recommendation made from the LHE, its action planned, flagged overdue on the dashboard,
//! completed with an uploaded evidence file, and printed in the LKjIP's Matriks Tindak Lanjut.

use axum::http::StatusCode;
use kinerja_domain::model::Recommendation;
use kinerja_storage::{file_id, Editing, Keyed, Repository};
use kinerja_web::Settings;

use crate::docx::docx_text;

use crate::common;
use crate::common::http::{get, post, section, send, sign_in, upload, PDF};
use crate::common::{site_on, HandClock, Site};

const PAGE: &str = "/unit/ngoro/2024/rekomendasi";
const ID: &str = "rek-ngoro-2024-1";
const ACTION: &str = "Menyusun kertas kerja pengukuran kinerja triwulanan";
const TITLE: &str = "Kertas kerja pengukuran TW I 2025";

async fn recommendation(s: &Site) -> Keyed<Recommendation> {
    let all: Vec<Keyed<Recommendation>> = s
        .store
        .records::<Recommendation>("ngoro", None)
        .await
        .unwrap();
    all.into_iter()
        .find(|k| k.record.value.id == ID)
        .expect("the new recommendation")
}

#[tokio::test]
async fn a_recommendation_from_the_lhe_is_completed_with_an_uploaded_file_and_reported() {
    let clock = HandClock::at("2025-02-03");
    let s = site_on(Settings::default(), clock.clone()).await;

    // The evaluator reaches the LKE from the dashboard and sees what the data answers.
    let ev = sign_in(&s.app, "inspektorat").await;
    let dashboard = send(&s.app, get("/unit/ngoro/2024", &ev.cookie)).await;
    assert!(dashboard.body.contains("href=\"/unit/ngoro/2024/lke\""));
    let lke = send(&s.app, get("/unit/ngoro/2024/lke", &ev.cookie)).await;
    assert_eq!(lke.status, StatusCode::OK);
    assert!(lke.body.contains(
        "Saran sistem: <strong>Y</strong> — LKjIP tahun 2024 ditetapkan 2 Januari 2025 (sebelum batas 28 Februari \
         2025)."
    ));
    assert!(lke
        .body
        .contains("Saran sistem: <strong>T</strong> — Realisasi triwulanan tahun 2024"));

    // The Inspektorat writes the LHE's recommendation.
    let made = send(
        &s.app,
        post(
            PAGE,
            &ev.cookie,
            &[
                ("csrf", ev.csrf.as_str()),
                ("evaluation", "lhe_akip"),
                ("source", "LHE AKIP No. X.700/564/415.15/2024"),
                ("component", "pengukuran"),
                (
                    "text",
                    "Menyusun kertas kerja pengukuran kinerja setiap triwulan",
                ),
            ],
        ),
    )
    .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);

    // The operator plans the action, due at the end of March.
    let op = sign_in(&s.app, "op-ngoro").await;
    let version = recommendation(&s).await.record.version.to_string();
    let mut plan = vec![
        ("csrf", op.csrf.as_str()),
        ("id", ID),
        ("version", version.as_str()),
        ("nomor", ""),
        ("action", ACTION),
        ("target", "1 dokumen"),
        ("due", "2025-03-31"),
        ("responsible", "Kasubbag Program dan Evaluasi"),
    ];
    let aksi = format!("{PAGE}/aksi");
    let planned = send(&s.app, post(&aksi, &op.cookie, &plan)).await;
    assert_eq!(planned.status, StatusCode::SEE_OTHER, "{}", planned.body);

    // After the due date the dashboard flags it.
    clock.set("2025-04-02");
    let op = sign_in(&s.app, "op-ngoro").await;
    let dashboard = send(&s.app, get("/unit/ngoro/2024", &op.cookie)).await;
    let late = section(&dashboard, "tindak-lanjut");
    assert!(
        late.contains("1 rencana aksi tindak lanjut melewati batas waktu (hari ini 2 April 2025)"),
        "{late}"
    );
    assert!(late.contains(ACTION));

    // The evidence is a file: something that is not a PDF, PNG or JPEG is refused and nothing is attached.
    let bukti = format!("{PAGE}/bukti");
    let version = recommendation(&s).await.record.version.to_string();
    let fields = [
        ("csrf", op.csrf.as_str()),
        ("id", ID),
        ("version", version.as_str()),
        ("nomor", "0"),
        ("title", TITLE),
    ];
    let refused = send(
        &s.app,
        upload(
            &bukti,
            &op.cookie,
            &fields,
            ("kertas.pdf", "application/pdf", b"<html>bukan pdf</html>"),
        ),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(refused.body.contains("bukan PDF, PNG atau JPEG"));
    assert!(section(&refused, ID).contains("action=\"/unit/ngoro/2024/rekomendasi/bukti\""));
    assert!(recommendation(&s).await.record.value.actions[0]
        .evidence
        .is_empty());
    let bytes = [PDF, b"% kertas kerja TW I\n"].concat();
    let attached = send(
        &s.app,
        upload(
            &bukti,
            &op.cookie,
            &fields,
            ("kertas kerja.pdf", "application/pdf", &bytes),
        ),
    )
    .await;
    assert_eq!(attached.status, StatusCode::SEE_OTHER, "{}", attached.body);
    let stored = recommendation(&s).await;
    let evidence = &stored.record.value.actions[0].evidence;
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0].title, TITLE);
    assert_eq!(evidence[0].file.as_deref(), Some(file_id(&bytes).as_str()));
    // The same form again is stale: the record moved on.
    let stale = send(
        &s.app,
        upload(
            &bukti,
            &op.cookie,
            &fields,
            ("kertas kerja.pdf", "application/pdf", &bytes),
        ),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);

    // The page links the file; readers of the unit download it, another unit's operator does not.
    let link = format!("/bukti/ngoro/{}", file_id(&bytes));
    let back = attached.location().split('#').next().unwrap_or_default();
    let page = send(&s.app, get(back, &op.cookie)).await;
    assert!(page.body.contains("Bukti diunggah."));
    assert!(
        section(&page, ID).contains(&format!("<a href=\"{link}\">{TITLE}</a> (PDF,")),
        "{}",
        section(&page, ID)
    );
    let camat = sign_in(&s.app, "camat").await;
    let file = send(&s.app, get(&link, &camat.cookie)).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.bytes, bytes);
    let other = sign_in(&s.app, "op-pmd").await;
    let file = send(&s.app, get(&link, &other.cookie)).await;
    assert_eq!(file.status, StatusCode::FORBIDDEN);

    // Done with its completion date: the uploaded file is its evidence, and the flag goes.
    let version = stored.record.version.to_string();
    plan[0] = ("csrf", op.csrf.as_str());
    plan[2] = ("version", version.as_str());
    plan[3] = ("nomor", "0");
    plan.extend([("status", "done"), ("completed", "2025-04-02")]);
    let done = send(&s.app, post(&aksi, &op.cookie, &plan)).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let dashboard = send(&s.app, get("/unit/ngoro/2024", &op.cookie)).await;
    assert!(section(&dashboard, "tindak-lanjut")
        .contains("Tidak ada rencana aksi tindak lanjut yang melewati batas waktu"));

    // The LKjIP's matrix prints the action, its status and its evidence.
    let docx = send(&s.app, get("/unit/ngoro/2024/lkjip.docx", &op.cookie)).await;
    assert_eq!(docx.status, StatusCode::OK);
    let text = docx_text(&docx.bytes);
    let matrix = &text[text
        .find("Matriks Tindak Lanjut Hasil Evaluasi SAKIP")
        .expect("the matrix")..];
    let row = &matrix[matrix.find(ACTION).expect("the action in the matrix")..];
    assert!(
        row.starts_with(&format!(
            "{ACTION} 1 dokumen 31 Maret 2025 Kasubbag Program dan Evaluasi Sudah dilaksanakan (2 April 2025), \
             melewati batas waktu {TITLE}"
        )),
        "{}",
        &row[..row.len().min(400)]
    );
}

async fn akip_version(s: &Site) -> String {
    let all: Vec<Keyed<kinerja_domain::model::AkipEvaluation>> = s
        .store
        .records::<kinerja_domain::model::AkipEvaluation>("ngoro", Some(2024))
        .await
        .unwrap();
    all[0].record.version.to_string()
}

/// The LHE form with the reference's field scores and `evaluasi` as the field score of Evaluasi.
fn lhe_form<'a>(csrf: &'a str, version: &'a str, evaluasi: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("version", version),
        ("nomor", "X.700/564/415.15/2024"),
        ("tanggal", "2024-12-16"),
        ("resmi", "80,15"),
        ("perencanaan", "16,65"),
        ("pengukuran", "13,13"),
        ("pelaporan", "11,09"),
        ("evaluasi", evaluasi),
    ]
}

/// The LHE's identity and the field scores are the evaluator's, checked, blended (0,8 × LKE + 0,2 × lapangan in
/// the reference rules) and audited.
#[tokio::test]
async fn the_evaluator_records_the_lhe_and_the_field_scores() {
    let s = common::site().await;
    let ev = sign_in(&s.app, "inspektorat").await;
    let page = send(&s.app, get("/unit/ngoro/2024/lke", &ev.cookie)).await;
    let lhe = section(&page, "lhe");
    assert!(lhe.contains("X.700/564/415.15/2024") && lhe.contains("16 Agustus 2024"));
    assert!(lhe.contains("Nilai komponen = 0,8 × LKE + 0,2 × evaluasi lapangan"));
    assert!(
        lhe.contains("value=\"16.65\"") || lhe.contains("value=\"16,65\""),
        "{lhe}"
    );
    assert!(page.body.contains("80,15"));

    let path = "/unit/ngoro/2024/lke/lhe";
    let v = akip_version(&s).await;
    // The unit's operator does not write the evaluator's part.
    let op = sign_in(&s.app, "op-ngoro").await;
    let denied = send(
        &s.app,
        post(path, &op.cookie, &lhe_form(&op.csrf, &v, "20")),
    )
    .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    // A field score above the component's weight, or a date that is none, is refused with the field named.
    let mut bad = lhe_form(&ev.csrf, &v, "26");
    bad[3] = ("tanggal", "16-12-2024");
    let refused = send(&s.app, post(path, &ev.cookie, &bad)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let said = refused.body.replace("&#39;", "'");
    assert!(
        said.contains("Evaluasi lapangan Evaluasi Akuntabilitas Kinerja Internal: '26' harus angka 0 sampai 25,00"),
        "{said}"
    );
    assert!(said.contains("Tanggal LHE: '16-12-2024' bukan tanggal"));
    assert_eq!(akip_version(&s).await, v);

    // A field score for Evaluasi: 0,8 × 20,16 + 0,2 × 20 = 20,128; total 80,118 → 80,12, still A.
    let saved = send(
        &s.app,
        post(path, &ev.cookie, &lhe_form(&ev.csrf, &v, "20")),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = send(&s.app, get(saved.location(), &ev.cookie)).await;
    assert!(page
        .body
        .contains("Identitas LHE dan nilai evaluasi lapangan disimpan."));
    assert!(section(&page, "lhe").contains("16 Desember 2024"));
    assert!(
        page.body.contains("20,13") && page.body.contains("80,12"),
        "{}",
        page.body
    );
    assert!(page.body.contains("A (Memuaskan)"));
    // Cleared again: the reference's 80,15.
    let v2 = akip_version(&s).await;
    let saved = send(&s.app, post(path, &ev.cookie, &lhe_form(&ev.csrf, &v2, ""))).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let page = send(&s.app, get("/unit/ngoro/2024/lke", &ev.cookie)).await;
    assert!(page.body.contains("80,15"));
    // A stale version changes nothing.
    let stale = send(
        &s.app,
        post(path, &ev.cookie, &lhe_form(&ev.csrf, &v, "20")),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    // Both saves are audited under the evaluator's name.
    let log = s.store.audit_log(10).await.unwrap();
    let actors: Vec<&str> = log
        .iter()
        .filter(|e| e.kind == "akip")
        .map(|e| e.actor.as_str())
        .collect();
    assert_eq!(actors, ["inspektorat", "inspektorat"]);
}
