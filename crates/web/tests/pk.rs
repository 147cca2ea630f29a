//! The Perjanjian Kinerja's workflow: a new version with its reason, the draft edited by the operator, approved and
//! locked by the unit's pimpinan only.

use axum::http::StatusCode;
use kinerja_storage::Repository;

use crate::common::http::{get, pk_draft_form, pk_step, post, send, sign_in};
use crate::common::site;

#[tokio::test]
async fn the_pk_is_revised_with_a_reason_approved_and_locked_by_its_pimpinan() {
    let s = site().await;
    let op = sign_in(&s.app, "op-ngoro").await;
    let camat = sign_in(&s.app, "camat").await;
    let admin = sign_in(&s.app, "admin").await;
    let in_force = |d: &kinerja_domain::model::Dataset| {
        let a = d.agreement_in_force("ngoro", 2024).unwrap();
        (a.version, a.status)
    };
    use kinerja_domain::model::AgreementStatus::{Approved, Locked};

    // The reference PK is locked: nobody edits it, a change needs a new version with its reason.
    let page = send(&s.app, get("/unit/ngoro/2024/pk", &op.cookie)).await;
    assert!(page.body.contains("Dikunci"), "{}", page.body);
    assert!(!page.body.contains("Simpan draf"));
    let no_reason = pk_step(&s.app, &op, "versi-baru", &[("reason", " ")]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("alasan perubahan"));
    let revised = pk_step(
        &s.app,
        &op,
        "versi-baru",
        &[("reason", "Pergeseran anggaran")],
    )
    .await;
    assert_eq!(revised.status, StatusCode::SEE_OTHER, "{}", revised.body);
    let data = s.store.load_unit("ngoro").await.unwrap();
    assert_eq!(
        in_force(&data),
        (1, Locked),
        "a draft does not replace the signed PK"
    );

    // The operator edits the draft; a bad target is refused with where and what, nothing written.
    let draft = send(&s.app, get("/unit/ngoro/2024/pk", &op.cookie)).await;
    assert!(draft.body.contains("Simpan draf"));
    let form = pk_draft_form(&draft, &op);
    let with = |t0: &str| {
        let mut f = form.clone();
        f.iter_mut().find(|(k, _)| k == "t-0").unwrap().1 = t0.to_string();
        f
    };
    let bad = with("delapan");
    let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let answer = send(&s.app, post("/unit/ngoro/2024/pk/ubah", &op.cookie, &bad)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("Lampiran 1 baris 1"),
        "{}",
        answer.body
    );
    let good = with("82");
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let answer = send(&s.app, post("/unit/ngoro/2024/pk/ubah", &op.cookie, &good)).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    // The same form again carries a stale version: a conflict.
    let answer = send(&s.app, post("/unit/ngoro/2024/pk/ubah", &op.cookie, &good)).await;
    assert_eq!(answer.status, StatusCode::CONFLICT);

    // Only the unit's pimpinan approves and locks: not the operator who drafted it, not the admin.
    for b in [&op, &admin] {
        assert_eq!(
            pk_step(&s.app, b, "setujui", &[]).await.status,
            StatusCode::FORBIDDEN
        );
    }
    assert_eq!(
        pk_step(&s.app, &camat, "kunci", &[]).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        pk_step(&s.app, &camat, "setujui", &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let data = s.store.load_unit("ngoro").await.unwrap();
    assert_eq!(in_force(&data), (2, Approved));
    // Approved: no longer editable by the operator.
    let answer = send(&s.app, post("/unit/ngoro/2024/pk/ubah", &op.cookie, &good)).await;
    assert_ne!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(
        pk_step(&s.app, &camat, "kunci", &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let data = s.store.load_unit("ngoro").await.unwrap();
    assert_eq!(in_force(&data), (2, Locked));
    let pk = data.agreement_in_force("ngoro", 2024).unwrap();
    assert_eq!(pk.reason.as_deref(), Some("Pergeseran anggaran"));
    assert_eq!(
        pk.targets[0].target,
        kinerja_domain::model::TargetValue::Single("82".parse().unwrap())
    );
    assert!(data
        .agreements
        .iter()
        .any(|a| a.version == 1 && a.status == Locked));
    let log = s.store.audit_log(10).await.unwrap();
    assert!(log.iter().filter(|e| e.kind == "agreement").count() >= 4);
    // The page lists both versions, the newest in force.
    let page = send(&s.app, get("/unit/ngoro/2024/pk", &camat.cookie)).await;
    assert!(page.body.contains("Versi 2</a> (berlaku)"), "{}", page.body);
}
