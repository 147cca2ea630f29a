//! Planning: indicators, targets and pagu, changed by the unit's own operator only.

use axum::http::StatusCode;
use kinerja_storage::Repository;

use crate::common::http::{get, post, send, sign_in, Browser};
use crate::common::site;

#[tokio::test]
async fn planning_changes_indicators_targets_and_pagu_of_the_own_unit_only() {
    let s = site().await;
    let op = sign_in(&s.app, "op-ngoro").await;
    let other = sign_in(&s.app, "op-pmd").await;
    let camat = sign_in(&s.app, "camat").await;
    let path = "/unit/ngoro/2024/rencana/indikator/iku-akip";
    let page = send(&s.app, get(path, &op.cookie)).await;
    assert!(page.body.contains("Simpan indikator"));
    // Read-only for the pimpinan: the form is shown disabled, and a post is refused.
    let read_only = send(&s.app, get(path, &camat.cookie)).await;
    assert!(read_only.body.contains("<fieldset disabled"));
    let version = page.field("version");
    let fields = |decimals: &'static str, end_target: &'static str| {
        vec![
            ("csrf", op.csrf.clone()),
            ("version", version.clone()),
            ("name", "Nilai Evaluasi AKIP Kecamatan Ngoro".to_string()),
            ("satuan", "nilai".to_string()),
            ("polarity", "positive".to_string()),
            ("aggregation", "last_value".to_string()),
            ("formula", "Nilai LHE tahun n".to_string()),
            ("decimals", decimals.to_string()),
            ("end_target", end_target.to_string()),
            ("index", "akip".to_string()),
        ]
    };
    let as_pairs = |f: &[(&'static str, String)]| -> Vec<(&'static str, String)> { f.to_vec() };
    let send_form = |f: Vec<(&'static str, String)>, cookie: String| {
        let app = s.app.clone();
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            send(&app, post(path, &cookie, &pairs)).await
        }
    };
    let bad = send_form(as_pairs(&fields("tujuh", "delapan")), op.cookie.clone()).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("Jumlah desimal &#39;tujuh&#39;")
            || bad.body.contains("Jumlah desimal 'tujuh'"),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("Target akhir"));
    let mut as_camat = fields("1", "80");
    as_camat[0].1 = camat.csrf.clone();
    assert_eq!(
        send_form(as_camat, camat.cookie.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    let ok = send_form(as_pairs(&fields("1", "70 – 90")), op.cookie.clone()).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let data = s.store.load_unit("ngoro").await.unwrap();
    let akip = data.indicator("iku-akip").unwrap();
    assert_eq!(
        (akip.decimals, akip.formula.as_deref()),
        (1, Some("Nilai LHE tahun n"))
    );
    assert!(matches!(
        akip.end_target,
        Some(kinerja_domain::model::TargetValue::Range { .. })
    ));
    // The same form again: its version is stale.
    let stale = send_form(as_pairs(&fields("2", "80")), op.cookie.clone()).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);

    // A TW II target is set, refused when not a number, and removed when emptied.
    let target = |b: &Browser, unit: &str, value: &str, version: &str| {
        let form = [
            ("csrf", b.csrf.clone()),
            ("indicator", "iku-akip".to_string()),
            ("period", "2".to_string()),
            ("version", version.to_string()),
            ("value", value.to_string()),
        ];
        let app = s.app.clone();
        let cookie = b.cookie.clone();
        let url = format!("/unit/{unit}/2024/rencana/target");
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            send(&app, post(&url, &cookie, &pairs)).await
        }
    };
    assert_eq!(
        target(&op, "ngoro", "40,5", "").await.status,
        StatusCode::SEE_OTHER
    );
    let tw2 = |d: &kinerja_domain::model::Dataset| {
        d.targets
            .iter()
            .find(|t| t.indicator == "iku-akip" && t.year == 2024 && t.quarter == Some(2))
            .map(|t| t.value)
    };
    assert_eq!(
        tw2(&s.store.load_unit("ngoro").await.unwrap()),
        Some(kinerja_domain::model::TargetValue::Single(
            "40.5".parse().unwrap()
        ))
    );
    let wrong = target(&op, "ngoro", "empat puluh", "1").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Target TW II"));
    // Another unit's operator: refused through either address.
    assert_eq!(
        target(&other, "ngoro", "1", "1").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        target(&other, "ngoro-pmd", "1", "1").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        target(&op, "ngoro", "", "1").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(tw2(&s.store.load_unit("ngoro").await.unwrap()), None);

    // A new indicator under a program, and its id taken a second time.
    let new = |id: &str| {
        let form = [
            ("csrf", op.csrf.clone()),
            ("owner", "p-penunjang".to_string()),
            ("id", id.to_string()),
            (
                "name",
                "Persentase dokumen perencanaan tepat waktu".to_string(),
            ),
            ("satuan", "%".to_string()),
        ];
        let app = s.app.clone();
        let cookie = op.cookie.clone();
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            send(
                &app,
                post("/unit/ngoro/2024/rencana/indikator", &cookie, &pairs),
            )
            .await
        }
    };
    let made = new("ind-perencanaan").await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    assert_eq!(
        made.location(),
        "/unit/ngoro/2024/rencana/indikator/ind-perencanaan?hasil=indikator"
    );
    assert_eq!(
        new("ind-perencanaan").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        new("Bukan Kode!").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let plan = send(&s.app, get("/unit/ngoro/2024/rencana", &op.cookie)).await;
    assert!(plan
        .body
        .contains("Persentase dokumen perencanaan tepat waktu"));

    // A pagu revision: the highest one is in force, and the measurement follows.
    let before =
        kinerja_domain::measure::measure(&s.store.load_unit("ngoro").await.unwrap(), "ngoro", 2024)
            .unwrap()
            .budget
            .total
            .pagu
            .unwrap();
    let form = [
        ("csrf", op.csrf.as_str()),
        ("node", "p-pelayanan"),
        ("label", "perubahan"),
        ("amount", "Rp 8.195.000"),
    ];
    let answer = send(
        &s.app,
        post("/unit/ngoro/2024/rencana/pagu", &op.cookie, &form),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let after =
        kinerja_domain::measure::measure(&s.store.load_unit("ngoro").await.unwrap(), "ngoro", 2024)
            .unwrap()
            .budget
            .total
            .pagu
            .unwrap();
    assert_eq!(after - before, "1000000".parse().unwrap());
}
