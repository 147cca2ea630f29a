//! The unit's dashboard: the figures as the rules format them, the charts, and the early warning.

use axum::http::StatusCode;

use crate::common::http::{get, post, send, sign_in};
use crate::common::site;

#[tokio::test]
async fn dashboard_shows_the_rules_formatted_capaian_and_charts() {
    let s = site().await;
    let b = sign_in(&s.app, "camat").await;
    let page = send(&s.app, get("/unit/ngoro/2024", &b.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    // The reference's rules print capaian with one decimal: 80,15 / 81 = 98,95% is shown as 99,0%.
    for text in [
        "Nilai Evaluasi AKIP Kecamatan Ngoro",
        "80,15",
        "99,0%",
        "103,9%",
        "Baik (Berhasil)",
        "Istimewa (Sangat Berhasil)",
        "Rp 3.063.438.646",
        "95,86%",
        "TW IV",
    ] {
        assert!(page.body.contains(text), "{text} missing");
    }
    assert_eq!(page.body.matches("<svg").count(), 2);
    assert!(page.body.contains("Capaian indikator program 2024"));
    assert!(!page.body.contains("<script"));
    // A pimpinan reads but does not enter.
    assert!(!page.body.contains("/realisasi\""));
    let unknown = send(&s.app, get("/unit/ngoro/abcd", &b.cookie)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_low_tw_ii_realisation_puts_the_indicator_on_the_early_warning_list() {
    let s = site().await;
    let op = sign_in(&s.app, "op-ngoro").await;
    let before = send(&s.app, get("/unit/ngoro/2024", &op.cookie)).await;
    assert!(!before.body.contains("Peringatan dini — sampai TW II"));
    // AKIP is a last-value indicator with target 81: TW I on target, TW II far below it.
    for (period, value) in [("1", "81"), ("2", "70,5")] {
        let form = [
            ("csrf", op.csrf.as_str()),
            ("indicator", "iku-akip"),
            ("period", period),
            ("version", ""),
            ("value", value),
        ];
        let answer = send(
            &s.app,
            post("/unit/ngoro/2024/realisasi", &op.cookie, &form),
        )
        .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    }
    let page = send(&s.app, get("/unit/ngoro/2024", &op.cookie)).await;
    let section = &page.body[page
        .body
        .find("peringatan-dini")
        .expect("early warning section")..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(
        section.contains("Peringatan dini — sampai TW II"),
        "{section}"
    );
    assert!(
        section.contains("1 dari 47 indikator diproyeksikan di bawah target"),
        "{section}"
    );
    assert!(
        section.contains("Nilai Evaluasi AKIP Kecamatan Ngoro"),
        "{section}"
    );
    assert!(
        section.contains("46 indikator belum lengkap realisasinya sampai TW II"),
        "{section}"
    );
    assert!(
        section.contains("proyeksi akhir tahun 70,5 (nilai triwulan terakhir) di bawah target 81: capaian proyeksi 87,0%"),
        "{section}"
    );
}
