//! The survey services of a unit, managed on its page.

use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use kinerja_storage::Survey;
use kinerja_web::Settings;

use crate::common::http::{get, post, send, sign_in};
use crate::common::site_with;

#[tokio::test]
async fn survey_services_are_managed_on_the_unit_page() {
    let s = site_with(Settings {
        public_url: Some("https://survei.example.go.id/".into()),
        ..Settings::default()
    })
    .await;
    let op = sign_in(&s.app, "op-ngoro").await;
    let page = "/unit/ngoro/2024/layanan";
    let added = send(
        &s.app,
        post(
            page,
            &op.cookie,
            &[
                ("csrf", op.csrf.as_str()),
                ("nama", "KTP Elektronik"),
                ("populasi", "1.200"),
                ("wajib_kode", "ya"),
            ],
        ),
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let listed = send(&s.app, get(added.location(), &op.cookie)).await;
    let ktp = s.store.services("ngoro").await.unwrap().remove(0);
    let address = format!("https://survei.example.go.id/survei/{}", ktp.code);
    for text in [
        "Layanan ditambahkan.",
        "KTP Elektronik",
        "1.200",
        "Wajib",
        address.as_str(),
        "<svg",
        "Cetak poster",
    ] {
        assert!(listed.body.contains(text), "{text} not in {}", listed.body);
    }
    // Refused with the reason on the page, nothing written.
    for (fields, reason) in [
        (vec![("nama", "KTP Elektronik")], "sudah ada di unit ini"),
        (
            vec![("nama", "KK"), ("populasi", "banyak")],
            "Populasi 'banyak' tidak sah",
        ),
        (vec![("nama", " ")], "Nama layanan wajib diisi"),
    ] {
        let mut form = vec![("csrf", op.csrf.as_str())];
        form.extend(fields);
        let refused = send(&s.app, post(page, &op.cookie, &form)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains(reason), "{reason}: {}", refused.body);
    }
    assert_eq!(s.store.services("ngoro").await.unwrap().len(), 1);
    // Renamed and deactivated: the public form closes.
    let one = format!("{page}/{}", ktp.id);
    let changed = send(
        &s.app,
        post(
            &one,
            &op.cookie,
            &[("csrf", op.csrf.as_str()), ("nama", "KTP-el")],
        ),
    )
    .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    let now = s.store.service("ngoro", ktp.id).await.unwrap().unwrap();
    assert_eq!(
        (now.name.as_str(), now.active, now.requires_code),
        ("KTP-el", false, false)
    );
    let public = send(&s.app, get(&format!("/survei/{}", ktp.code), "")).await;
    assert_eq!(public.status, StatusCode::NOT_FOUND);
    assert!(public.body.contains("ditutup"));
    // Another unit's operator cannot reach it through the address of its own unit.
    let op_pmd = sign_in(&s.app, "op-pmd").await;
    let elsewhere = format!("/unit/ngoro-pmd/2024/layanan/{}", ktp.id);
    let answer = send(
        &s.app,
        post(
            &elsewhere,
            &op_pmd.cookie,
            &[("csrf", op_pmd.csrf.as_str()), ("nama", "Curian")],
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(
        s.store
            .service("ngoro", ktp.id)
            .await
            .unwrap()
            .unwrap()
            .name,
        "KTP-el"
    );
    // The poster and the SVG carry the public address.
    let poster = send(&s.app, get(&format!("{one}/cetak"), &op.cookie)).await;
    assert!(poster.body.contains(&address) && poster.body.contains("<svg"));
    let svg = send(&s.app, get(&format!("{one}/qr.svg"), &op.cookie)).await;
    assert_eq!(svg.headers.get(CONTENT_TYPE).unwrap(), "image/svg+xml");
    assert!(svg.body.starts_with("<svg") && svg.body.contains(&address));
    // A roll of visit codes, printed as tickets whose QR code fills the code in.
    let codes = format!("{one}/kode");
    let made = send(
        &s.app,
        post(
            &codes,
            &op.cookie,
            &[("csrf", op.csrf.as_str()), ("jumlah", "3")],
        ),
    )
    .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let tickets = send(&s.app, get(made.location(), &op.cookie)).await;
    assert_eq!(tickets.body.matches("class=\"ticket\"").count(), 3);
    let code = &s.store.visit_codes("ngoro", ktp.id).await.unwrap()[0].code;
    assert!(tickets
        .body
        .contains(&format!("{}-{}", &code[..4], &code[4..])));
    let refused = send(
        &s.app,
        post(
            &codes,
            &op.cookie,
            &[("csrf", op.csrf.as_str()), ("jumlah", "0")],
        ),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(s.store.visit_codes("ngoro", ktp.id).await.unwrap().len(), 3);
}
