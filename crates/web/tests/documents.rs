//! The unit's documents downloaded from the stored data, and its workbook going out and coming back.

use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use kinerja_storage::Repository;

use crate::common::http::{get, send, sign_in, upload};
use crate::common::site;

#[tokio::test]
async fn documents_download_from_the_stored_data() {
    let s = site().await;
    let b = sign_in(&s.app, "op-ngoro").await;
    let pdf = send(&s.app, get("/unit/ngoro/2024/lkjip.pdf", &b.cookie)).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers[CONTENT_TYPE], "application/pdf");
    assert!(pdf.body.starts_with("%PDF"));
    assert!(pdf.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("lkjip-ngoro-2024.pdf"));
    let pk = send(&s.app, get("/unit/ngoro/2024/pk.pdf", &b.cookie)).await;
    assert_eq!(pk.status, StatusCode::OK);
    assert!(pk.body.starts_with("%PDF"));
    let docx = send(&s.app, get("/unit/ngoro/2024/lkjip.docx", &b.cookie)).await;
    assert!(docx.body.starts_with("PK"));
    let unknown = send(&s.app, get("/unit/ngoro/2024/lkjip.exe", &b.cookie)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[tokio::test]
async fn a_unit_workbook_goes_out_and_comes_back_changing_only_the_unit() {
    let s = site().await;
    let op = sign_in(&s.app, "op-ngoro").await;
    let out = send(&s.app, get("/unit/ngoro/data.xlsx", &op.cookie)).await;
    assert_eq!(out.status, StatusCode::OK);
    assert!(out.body.starts_with("PK"));
    let mut data = s.store.load_unit("ngoro").await.unwrap();
    let paten = data
        .realisations
        .iter_mut()
        .find(|r| r.indicator == "ip-paten" && r.year == 2024 && r.quarter.is_none())
        .unwrap();
    paten.value = "96,5".replace(',', ".").parse().unwrap();
    let workbook = kinerja_interchange::write_workbook(&data).unwrap();
    let fields = [("csrf", op.csrf.as_str())];
    let answer = send(
        &s.app,
        upload(
            "/unit/ngoro/2024/impor",
            &op.cookie,
            &fields,
            ("ngoro.xlsx", XLSX_TYPE, &workbook),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(
        answer
            .body
            .contains("Impor selesai: 0 data baru, 1 diperbarui"),
        "{}",
        answer.body
    );
    let stored = s
        .store
        .realisation("ip-paten", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.value.value, "96.5".parse().unwrap());
    assert_eq!(stored.updated_by, "op-ngoro");

    // The operator of another unit sending the same workbook changes nothing of ngoro.
    let other = sign_in(&s.app, "op-pmd").await;
    let mut changed = data.clone();
    changed
        .realisations
        .iter_mut()
        .find(|r| r.indicator == "ip-paten" && r.year == 2024 && r.quarter.is_none())
        .unwrap()
        .value = "1".parse().unwrap();
    let workbook = kinerja_interchange::write_workbook(&changed).unwrap();
    let fields = [("csrf", other.csrf.as_str())];
    let answer = send(
        &s.app,
        upload(
            "/unit/ngoro-pmd/2024/impor",
            &other.cookie,
            &fields,
            ("x.xlsx", XLSX_TYPE, &workbook),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert!(answer.body.contains("bukan milik unit ini"));
    let stored = s
        .store
        .realisation("ip-paten", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.value.value, "96.5".parse().unwrap());

    // Not a workbook: refused with the reason, nothing written.
    let fields = [("csrf", op.csrf.as_str())];
    let answer = send(
        &s.app,
        upload(
            "/unit/ngoro/2024/impor",
            &op.cookie,
            &fields,
            ("catatan.xlsx", XLSX_TYPE, b"bukan excel"),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("catatan.xlsx"), "{}", answer.body);
}
