//! The reviu page: the findings of the domain's reviu on the stored data.

use axum::http::StatusCode;
use kinerja_storage::Repository;

use crate::common::http::{get, send, sign_in};
use crate::common::site;

#[tokio::test]
async fn the_reviu_lists_the_reference_reports_mistakes() {
    let s = site().await;
    let b = sign_in(&s.app, "inspektorat").await;
    let page = send(&s.app, get("/unit/ngoro/2024/reviu", &b.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let data = s.store.load_unit("ngoro").await.unwrap();
    let r = kinerja_domain::review::review(&data, "ngoro", 2024).unwrap();
    assert!(r.counts.galat > 0);
    let summary = format!(
        "{} temuan: {} galat, {} peringatan, {} catatan.",
        r.findings.len(),
        r.counts.galat,
        r.counts.peringatan,
        r.counts.catatan
    );
    assert!(page.body.contains(&summary), "{summary}");
    for f in &r.findings {
        assert!(page.body.contains(f.code.as_str()), "{}", f.code);
    }
}
