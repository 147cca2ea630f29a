//! Evaluation recommendations: made from the LHE, followed up by the unit, and printed in the LKjIP.

use axum::http::StatusCode;
use kinerja_web::Settings;

use crate::common::http::{field_in, get, post, section, send, sign_in};
use crate::common::{recommendation_version, site_on, HandClock};

/// The rows of the LKjIP workbook's Matriks Tindak Lanjut, cell texts in order.
fn follow_up_matrix(xlsx: &[u8]) -> Vec<Vec<String>> {
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    calamine::Reader::worksheets(&mut book)
        .into_iter()
        .map(|(_, range)| {
            range
                .rows()
                .map(|row| row.iter().map(|c| c.to_string()).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        })
        // A table's sheet starts with its caption.
        .find(|rows| {
            rows.first()
                .and_then(|row| row.first())
                .is_some_and(|c| c.contains("Matriks Tindak Lanjut Hasil Evaluasi SAKIP"))
        })
        .expect("the matrix's sheet")
}

/// A recommendation's life: made from an LHE by the Inspektorat, an action planned by the unit's operator, flagged
/// overdue on the page and both dashboards once its due date has passed, completed with evidence, and printed in
/// the LKjIP's Matriks Tindak Lanjut.
#[tokio::test]
async fn a_recommendation_is_followed_up_from_the_lhe_to_the_lkjip_matrix() {
    const PAGE: &str = "/unit/ngoro/2024/rekomendasi";
    const ID: &str = "rek-ngoro-2024-1";
    const ACTION: &str = "Menyusun Berita Acara Pengukuran Kinerja TW I";
    let clock = HandClock::at("2025-02-03");
    let s = site_on(Settings::default(), clock.clone()).await;

    // The Inspektorat writes the recommendation of the LHE; the page refuses one without its text.
    let ev = sign_in(&s.app, "inspektorat").await;
    let page = send(&s.app, get(PAGE, &ev.cookie)).await;
    assert!(page.body.contains("Tambah rekomendasi"));
    assert!(page.body.contains("rek-2024-1"), "the reference's own");
    let mut form = vec![
        ("csrf", ev.csrf.as_str()),
        ("evaluation", "lhe_akip"),
        ("source", "LHE AKIP No. 700/123/415.15/2025"),
        ("component", "pengukuran"),
        ("text", " "),
    ];
    let refused = send(&s.app, post(PAGE, &ev.cookie, &form)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Teks rekomendasi wajib diisi"));
    form[4] = (
        "text",
        "Menyusun kertas kerja pengukuran kinerja setiap triwulan",
    );
    let made = send(&s.app, post(PAGE, &ev.cookie, &form)).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    assert_eq!(made.location(), format!("{PAGE}?hasil=rekomendasi#{ID}"));

    // The operator does not write recommendations, and plans the action.
    let op = sign_in(&s.app, "op-ngoro").await;
    let page = send(&s.app, get(PAGE, &op.cookie)).await;
    assert!(!page.body.contains("Tambah rekomendasi"));
    let mine = section(&page, ID);
    assert!(mine.contains("LHE AKIP — LHE AKIP No. 700/123/415.15/2025"));
    assert!(mine.contains("Pengukuran Kinerja"));
    assert!(mine.contains("Belum ada rencana aksi"));
    let denied = send(&s.app, post(PAGE, &op.cookie, &form)).await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    let version = field_in(mine, "version");
    let plan = [
        ("csrf", op.csrf.as_str()),
        ("id", ID),
        ("version", version.as_str()),
        ("nomor", ""),
        ("action", ACTION),
        ("target", "1 dokumen"),
        ("due", "2025-03-31"),
        (
            "responsible",
            "Kasubbag Keuangan, Penyusunan Program, dan Evaluasi",
        ),
    ];
    let aksi = format!("{PAGE}/aksi");
    let planned = send(&s.app, post(&aksi, &op.cookie, &plan)).await;
    assert_eq!(planned.status, StatusCode::SEE_OTHER, "{}", planned.body);
    // The same form again carries a version that is no longer the stored one.
    let stale = send(&s.app, post(&aksi, &op.cookie, &plan)).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);

    // Due today is not overdue.
    clock.set("2025-03-31");
    let op = sign_in(&s.app, "op-ngoro").await;
    let page = send(&s.app, get(PAGE, &op.cookie)).await;
    assert!(section(&page, ID).contains("Rekomendasi 5 — Dalam proses"));
    assert!(!section(&page, ID).contains("Terlambat"));
    let dashboard = send(&s.app, get("/unit/ngoro/2024", &op.cookie)).await;
    assert!(section(&dashboard, "tindak-lanjut")
        .contains("Tidak ada rencana aksi tindak lanjut yang melewati batas waktu"));

    // The day after, it is flagged on the page, the unit dashboard and the pemda overview.
    clock.set("2025-04-01");
    let op = sign_in(&s.app, "op-ngoro").await;
    let page = send(&s.app, get(PAGE, &op.cookie)).await;
    let mine = section(&page, ID);
    assert!(
        mine.contains("Rekomendasi 5 — <strong class=\"flag\">Terlambat"),
        "{mine}"
    );
    assert!(mine.contains("tr class=\"overdue\""));
    assert!(page.body.contains("1 rencana aksi melewati batas waktu"));
    let dashboard = send(&s.app, get("/unit/ngoro/2024", &op.cookie)).await;
    let late = section(&dashboard, "tindak-lanjut");
    assert!(
        late.contains("1 rencana aksi tindak lanjut melewati batas waktu (hari ini 1 April 2025)")
    );
    assert!(
        late.contains(ACTION) && late.contains("31 Maret 2025"),
        "{late}"
    );
    let admin = sign_in(&s.app, "admin").await;
    let overview = send(&s.app, get("/pemda/2024", &admin.cookie)).await;
    assert!(overview.body.contains("Tindak lanjut terlambat"));
    assert!(overview
        .body
        .contains(&format!("href=\"{PAGE}\">1 rencana aksi</a>")));

    // Done needs its completion date and evidence; then it is done, late, and no longer overdue.
    clock.set("2025-04-10");
    let op = sign_in(&s.app, "op-ngoro").await;
    let page = send(&s.app, get(PAGE, &op.cookie)).await;
    let version = field_in(section(&page, ID), "version");
    let mut done = vec![
        ("csrf", op.csrf.as_str()),
        ("id", ID),
        ("version", version.as_str()),
        ("nomor", "0"),
        ("action", ACTION),
        ("target", "1 dokumen"),
        ("due", "2025-03-31"),
        (
            "responsible",
            "Kasubbag Keuangan, Penyusunan Program, dan Evaluasi",
        ),
        ("status", "done"),
        ("completed", "2025-04-11"),
        ("evidence", ""),
    ];
    let refused = send(&s.app, post(&aksi, &op.cookie, &done)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Bukti wajib diisi"));
    assert!(refused
        .body
        .contains("Tanggal selesai 11 April 2025 belum tiba"));
    assert_eq!(recommendation_version(&s, "ngoro", ID).await, version);
    done[9] = ("completed", "2025-04-10");
    done[10] = (
        "evidence",
        "BA Pengukuran Kinerja TW I No. 700/45/415.15/2025",
    );
    let answer = send(&s.app, post(&aksi, &op.cookie, &done)).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    // Back to the page as a browser follows the redirect: without the fragment.
    let back = answer.location().split('#').next().unwrap_or_default();
    let page = send(&s.app, get(back, &op.cookie)).await;
    assert!(page.body.contains("Rencana aksi tindak lanjut disimpan."));
    let mine = section(&page, ID);
    assert!(mine.contains("Rekomendasi 5 — Selesai"));
    assert!(mine.contains("Sudah dilaksanakan (10 April 2025), melewati batas waktu"));
    assert!(mine.contains("BA Pengukuran Kinerja TW I No. 700/45/415.15/2025"));
    assert!(!mine.contains("tr class=\"overdue\""));
    let dashboard = send(&s.app, get("/unit/ngoro/2024", &op.cookie)).await;
    assert!(section(&dashboard, "tindak-lanjut")
        .contains("Tidak ada rencana aksi tindak lanjut yang melewati batas waktu"));

    // The LKjIP's matrix prints it from the stored record, beside the reference report's four.
    let xlsx = send(&s.app, get("/unit/ngoro/2024/lkjip.xlsx", &op.cookie)).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    let matrix = follow_up_matrix(&xlsx.bytes);
    let row = matrix
        .iter()
        .find(|row| row.iter().any(|c| c == ACTION))
        .unwrap_or_else(|| panic!("the action in {matrix:?}"));
    assert_eq!(
        row,
        &[
            "5",
            "Menyusun kertas kerja pengukuran kinerja setiap triwulan",
            ACTION,
            "1 dokumen",
            "31 Maret 2025",
            "Kasubbag Keuangan, Penyusunan Program, dan Evaluasi",
            "Sudah dilaksanakan (10 April 2025), melewati batas waktu",
            "BA Pengukuran Kinerja TW I No. 700/45/415.15/2025",
        ]
    );
}
