//! The web application driven in-process (tower `oneshot`) over a fresh SQLite database holding the reference
//! data (Kecamatan Ngoro 2024) and one user per role.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{Request, StatusCode};
use kinerja_domain::model::{AkipEvaluation, Narrative, Recommendation};
use kinerja_storage::{
    file_id, Accounts, Editing, Files, Keyed, NewFile, NewUser, Repository, Role, ServiceSpec,
    Survey,
};
use kinerja_web::{Limit, Settings};
use std::net::SocketAddr;
use std::time::Duration;

mod common;

use common::http::{
    browser_of, field_in, get, new_user, pairs, pk_draft_form, pk_step, post, send, sign_in,
    sign_in_with, try_sign_in, try_sign_in_from, upload, upload_fields, Answer, Browser, PDF,
};
use common::{site, site_on, site_with, HandClock, Site, PASSWORD, USERS};

/// A request as it arrives over a connection from that address (what `serve` gives every request).
fn address(ip: &'static str) -> impl Fn(&mut Request<Body>) {
    move |request| {
        let peer = SocketAddr::new(ip.parse().unwrap(), 40_000);
        request.extensions_mut().insert(ConnectInfo(peer));
    }
}

const REFUSED: &str = "Nama pengguna atau kata sandi salah";

#[tokio::test]
async fn sign_in_refuses_alike_and_locks_after_five_failures() {
    let s = site().await;
    let unknown = try_sign_in(&s.app, "tidak-ada", PASSWORD).await;
    let wrong = try_sign_in(&s.app, "op-ngoro", "kata-sandi-yang-salah").await;
    for answer in [&unknown, &wrong] {
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert!(answer.body.contains(REFUSED), "{}", answer.body);
        assert!(answer
            .cookies()
            .iter()
            .all(|c| !c.starts_with("kinerja_sesi")));
    }
    // The same page either way, apart from the form's own token and the name typed back.
    let strip = |a: &Answer, name: &str| {
        a.body
            .replace(&a.field("csrf"), "")
            .replace(&format!("value=\"{name}\""), "")
    };
    assert_eq!(strip(&unknown, "tidak-ada"), strip(&wrong, "op-ngoro"));

    for _ in 0..4 {
        try_sign_in(&s.app, "op-ngoro", "kata-sandi-yang-salah").await;
    }
    // Five failures in a row: the right password is refused too, with the same words.
    let locked = try_sign_in(&s.app, "op-ngoro", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::UNAUTHORIZED);
    assert!(locked.body.contains(REFUSED));
    assert!(s
        .store
        .user("op-ngoro")
        .await
        .unwrap()
        .unwrap()
        .locked_until
        .is_some());
    // Others are not affected.
    sign_in(&s.app, "camat").await;
}

#[tokio::test]
async fn session_cookies_are_http_only_strict_and_secure_behind_tls() {
    let s = site().await;
    let answer = try_sign_in(&s.app, "admin", PASSWORD).await;
    assert_eq!(
        (answer.status, answer.location()),
        (StatusCode::SEE_OTHER, "/")
    );
    let session = answer
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("kinerja_sesi="))
        .unwrap();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"));
    assert!(!session.contains("Secure"));
    for header in [
        "content-security-policy",
        "x-frame-options",
        "x-content-type-options",
    ] {
        assert!(answer.headers.contains_key(header), "{header}");
    }
    let csp = answer.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && !csp.contains("script-src"));
    assert_eq!(answer.headers["x-frame-options"], "DENY");

    let secure = site_with(Settings {
        secure_cookies: true,
        ..Settings::default()
    })
    .await;
    let answer = try_sign_in(&secure.app, "admin", PASSWORD).await;
    assert!(answer
        .cookies()
        .iter()
        .all(|c| c.contains("Secure") && c.contains("HttpOnly")));
    assert!(answer.headers.contains_key("strict-transport-security"));
}

#[tokio::test]
async fn without_a_session_pages_lead_to_sign_in() {
    let s = site().await;
    for path in [
        "/",
        "/pemda/2024",
        "/pemda/2024/rekap.xlsx",
        "/unit/ngoro/2024",
        "/unit/ngoro/2024/realisasi",
        "/unit/ngoro/2024/lkjip.pdf",
        "/bukti/ngoro/0123",
        "/audit",
        "/pengguna",
        "/pengguna/admin",
        "/akun",
    ] {
        let answer = send(&s.app, get(path, "")).await;
        assert_eq!(
            (answer.status, answer.location()),
            (StatusCode::SEE_OTHER, "/masuk"),
            "{path}"
        );
        let forged = send(&s.app, get(path, "kinerja_sesi=palsu")).await;
        assert_eq!(forged.status, StatusCode::SEE_OTHER, "{path}");
    }
    let answer = send(
        &s.app,
        post("/unit/ngoro/2024/realisasi", "", &[("value", "1")]),
    )
    .await;
    assert_eq!(answer.location(), "/masuk");
    assert_eq!(
        send(&s.app, get("/aset/kinerja.css", "")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn forms_without_the_session_token_are_refused() {
    let s = site().await;
    let b = sign_in(&s.app, "op-ngoro").await;
    let entry = |csrf: &'static str| {
        vec![
            ("csrf", csrf),
            ("indicator", "iku-akip"),
            ("period", "4"),
            ("version", ""),
            ("value", "80"),
        ]
    };
    for csrf in ["", "0000"] {
        let answer = send(
            &s.app,
            post("/unit/ngoro/2024/realisasi", &b.cookie, &entry(csrf)),
        )
        .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "csrf {csrf:?}");
        assert!(answer.body.contains("Token keamanan formulir"));
    }
    assert!(s
        .store
        .realisation("iku-akip", 2024, Some(4))
        .await
        .unwrap()
        .is_none());
    // Another session's token does not do either.
    let other = sign_in(&s.app, "admin").await;
    let form = [
        ("csrf", other.csrf.as_str()),
        ("indicator", "iku-akip"),
        ("period", "4"),
        ("value", "80"),
    ];
    let answer = send(&s.app, post("/unit/ngoro/2024/realisasi", &b.cookie, &form)).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    // Signing out needs the token too.
    let answer = send(&s.app, post("/keluar", &b.cookie, &[])).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    // The sign-in form needs its cookie and field to match.
    let answer = send(
        &s.app,
        post(
            "/masuk",
            "kinerja_masuk=abc",
            &[
                ("csrf", "abd"),
                ("username", "admin"),
                ("password", PASSWORD),
            ],
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    // With the token, signing out ends the session.
    let answer = send(
        &s.app,
        post("/keluar", &b.cookie, &[("csrf", b.csrf.as_str())]),
    )
    .await;
    assert_eq!(answer.location(), "/masuk");
    assert_eq!(
        send(&s.app, get("/unit/ngoro/2024", &b.cookie))
            .await
            .location(),
        "/masuk"
    );
}

/// Every route × every role, on the operator's own unit (ngoro) and another (ngoro-pmd).
#[tokio::test]
async fn every_route_checks_role_and_unit() {
    let s = site().await;
    const OK: StatusCode = StatusCode::OK;
    const NO: StatusCode = StatusCode::FORBIDDEN;
    let stored = s
        .store
        .store_file(
            "ngoro",
            &NewFile {
                name: "sk.pdf",
                media_type: "application/pdf",
                bytes: PDF,
            },
            "uji",
        )
        .await
        .unwrap();
    let evidence = format!("/bukti/ngoro/{}", stored.id);
    let ktp = s
        .store
        .create_service("ngoro", &service_spec("KTP"), "uji")
        .await
        .unwrap();
    let service = format!("/unit/ngoro/2024/layanan/{}", ktp.id);
    let (poster, svg, codes) = (
        format!("{service}/cetak"),
        format!("{service}/qr.svg"),
        format!("{service}/kode"),
    );
    let (png, poster_pdf) = (format!("{service}/qr.png"), format!("{service}/poster.pdf"));
    // (path, admin, op-ngoro, op-pmd, camat, inspektorat, pembaca)
    let gets: &[(&str, [StatusCode; 6])] = &[
        (evidence.as_str(), [OK, OK, NO, OK, OK, NO]),
        // The roll-up: only who reads every unit (the admin, an evaluator of the whole pemda).
        ("/pemda/2024", [OK, NO, NO, NO, OK, NO]),
        ("/pemda/2024/rekap.xlsx", [OK, NO, NO, NO, OK, NO]),
        ("/unit/ngoro/2024", [OK, OK, NO, OK, OK, NO]),
        ("/unit/ngoro-pmd/2024", [OK, NO, OK, NO, OK, OK]),
        ("/unit/ngoro/2024/realisasi", [OK, OK, NO, NO, NO, NO]),
        ("/unit/ngoro-pmd/2024/realisasi", [OK, NO, OK, NO, NO, NO]),
        ("/unit/ngoro/2024/lkjip.xlsx", [OK, OK, NO, OK, OK, NO]),
        ("/unit/ngoro/2024/pk", [OK, OK, NO, OK, OK, NO]),
        ("/unit/ngoro/2024/rencana", [OK, OK, NO, OK, OK, NO]),
        ("/unit/ngoro/2024/reviu", [OK, OK, NO, OK, OK, NO]),
        ("/unit/ngoro/2024/narasi", [OK, OK, NO, OK, OK, NO]),
        ("/unit/ngoro-pmd/2024/narasi", [OK, NO, OK, NO, OK, OK]),
        ("/unit/ngoro/2024/impor", [OK, OK, NO, NO, NO, NO]),
        ("/unit/ngoro/data.xlsx", [OK, OK, NO, OK, OK, NO]),
        ("/templat.xlsx", [OK, OK, OK, OK, OK, OK]),
        ("/unit/ngoro-pmd/2024/rencana", [OK, NO, OK, NO, OK, OK]),
        (
            "/unit/ngoro/2024/rencana/indikator/iku-akip",
            [OK, OK, NO, OK, OK, NO],
        ),
        ("/unit/ngoro-pmd/2024/pk", [OK, NO, OK, NO, OK, OK]),
        ("/unit/ngoro/2024/rekomendasi", [OK, OK, NO, OK, OK, NO]),
        ("/unit/ngoro-pmd/2024/rekomendasi", [OK, NO, OK, NO, OK, OK]),
        ("/unit/ngoro/2024/lke", [OK, OK, NO, OK, OK, NO]),
        ("/unit/ngoro-pmd/2024/lke", [OK, NO, OK, NO, OK, OK]),
        ("/unit/ngoro/2024/ipp", [OK, OK, NO, OK, OK, NO]),
        ("/unit/ngoro-pmd/2024/ipp", [OK, NO, OK, NO, OK, OK]),
        ("/unit/ngoro/2024/paten", [OK, OK, NO, OK, OK, NO]),
        ("/unit/ngoro-pmd/2024/paten", [OK, NO, OK, NO, OK, OK]),
        ("/unit/ngoro/2024/pk.pdf?versi=1", [OK, OK, NO, OK, OK, NO]),
        ("/unit/ngoro/2024/layanan", [OK, OK, NO, OK, OK, NO]),
        ("/unit/ngoro-pmd/2024/layanan", [OK, NO, OK, NO, OK, OK]),
        ("/unit/ngoro/2024/ikm", [OK, OK, NO, OK, OK, NO]),
        (
            "/unit/ngoro-pmd/2024/ikm?periode=tw2",
            [OK, NO, OK, NO, OK, OK],
        ),
        ("/unit/ngoro/2024/ikm/laporan.pdf", [OK, OK, NO, OK, OK, NO]),
        (
            "/unit/ngoro/2024/ikm/laporan.docx?bobot=lama",
            [OK, OK, NO, OK, OK, NO],
        ),
        (
            "/unit/ngoro-pmd/2024/ikm/ikm.xlsx?periode=tw2",
            [OK, NO, OK, NO, OK, OK],
        ),
        (poster.as_str(), [OK, OK, NO, OK, OK, NO]),
        (svg.as_str(), [OK, OK, NO, OK, OK, NO]),
        (png.as_str(), [OK, OK, NO, OK, OK, NO]),
        (poster_pdf.as_str(), [OK, OK, NO, OK, OK, NO]),
        (codes.as_str(), [OK, OK, NO, NO, NO, NO]),
        ("/unit/ngoro/2024/layanan/impor", [OK, OK, NO, NO, NO, NO]),
        ("/unit/ngoro/survei-templat.xlsx", [OK, OK, NO, NO, NO, NO]),
        ("/unit/ngoro/survei-contoh.csv", [OK, OK, NO, NO, NO, NO]),
        ("/audit", [OK, NO, NO, NO, OK, NO]),
        ("/pengguna", [OK, NO, NO, NO, NO, NO]),
        ("/pengguna/op-ngoro", [OK, NO, NO, NO, NO, NO]),
        ("/akun", [OK, OK, OK, OK, OK, OK]),
    ];
    let mut browsers = Vec::new();
    for (username, _, _) in USERS {
        browsers.push(sign_in(&s.app, username).await);
    }
    for (path, expected) in gets {
        for (i, b) in browsers.iter().enumerate() {
            let answer = send(&s.app, get(path, &b.cookie)).await;
            assert_eq!(answer.status, expected[i], "GET {path} as {}", USERS[i].0);
        }
    }
    // Saving a realisation: only the admin and the unit's own operator. The value differs per user so that no
    // accepted save conflicts with an earlier one.
    let allowed = [true, true, false, false, false, false];
    for (i, b) in browsers.iter().enumerate() {
        let current = s
            .store
            .realisation("iku-akip", 2024, None)
            .await
            .unwrap()
            .unwrap();
        let version = current.version.to_string();
        let value = format!("{}", 70 + i);
        let form = [
            ("csrf", b.csrf.as_str()),
            ("indicator", "iku-akip"),
            ("period", "tahunan"),
            ("version", version.as_str()),
            ("value", value.as_str()),
        ];
        let answer = send(&s.app, post("/unit/ngoro/2024/realisasi", &b.cookie, &form)).await;
        let expected = if allowed[i] {
            StatusCode::SEE_OTHER
        } else {
            NO
        };
        assert_eq!(answer.status, expected, "POST as {}", USERS[i].0);
        // Uploading evidence likewise; each file differs, so each accepted upload makes a new version.
        let version = s
            .store
            .realisation("iku-akip", 2024, None)
            .await
            .unwrap()
            .unwrap()
            .version
            .to_string();
        let fields = [
            ("csrf", b.csrf.as_str()),
            ("indicator", "iku-akip"),
            ("period", "tahunan"),
            ("version", version.as_str()),
            ("title", "Bukti"),
        ];
        let bytes = [PDF, value.as_bytes()].concat();
        let answer = send(
            &s.app,
            upload(
                "/unit/ngoro/2024/realisasi/bukti",
                &b.cookie,
                &fields,
                ("b.pdf", "application/pdf", &bytes),
            ),
        )
        .await;
        assert_eq!(answer.status, expected, "upload as {}", USERS[i].0);
    }
    let attached = s
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    let titles: Vec<&str> = attached
        .value
        .evidence
        .iter()
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(
        titles.len(),
        3,
        "the reference's, the admin's and op-ngoro's: {titles:?}"
    );
    // An operator cannot write another unit's indicator through the address of its own unit.
    let op_pmd = &browsers[2];
    let form = [
        ("csrf", op_pmd.csrf.as_str()),
        ("indicator", "iku-akip"),
        ("period", "1"),
        ("value", "1"),
    ];
    let answer = send(
        &s.app,
        post("/unit/ngoro-pmd/2024/realisasi", &op_pmd.cookie, &form),
    )
    .await;
    assert_eq!(answer.status, NO);
    assert!(s
        .store
        .realisation("iku-akip", 2024, Some(1))
        .await
        .unwrap()
        .is_none());
    let fields = [
        ("csrf", op_pmd.csrf.as_str()),
        ("indicator", "iku-akip"),
        ("period", "tahunan"),
        ("version", "1"),
        ("title", "Bukti"),
    ];
    let answer = send(
        &s.app,
        upload(
            "/unit/ngoro-pmd/2024/realisasi/bukti",
            &op_pmd.cookie,
            &fields,
            ("b.pdf", "application/pdf", PDF),
        ),
    )
    .await;
    assert_eq!(answer.status, NO);
    // Adding a narrative likewise.
    for (i, b) in browsers.iter().enumerate() {
        let form = [
            ("csrf", b.csrf.as_str()),
            ("section", "kesimpulan"),
            ("text", "Teks uji."),
        ];
        let answer = send(
            &s.app,
            post("/unit/ngoro/2024/narasi/simpan", &b.cookie, &form),
        )
        .await;
        let expected = if allowed[i] {
            StatusCode::SEE_OTHER
        } else {
            NO
        };
        assert_eq!(answer.status, expected, "POST narasi as {}", USERS[i].0);
        // Adding a survey service, changing one and making its visit codes likewise.
        let name = format!("Layanan {i}");
        let writes = [
            (
                "/unit/ngoro/2024/layanan".to_string(),
                vec![("nama", name.as_str())],
            ),
            (service.clone(), vec![("nama", "KTP"), ("aktif", "ya")]),
            (codes.clone(), vec![("jumlah", "2")]),
        ];
        for (path, fields) in writes {
            let mut form = vec![("csrf", b.csrf.as_str())];
            form.extend(fields);
            let answer = send(&s.app, post(&path, &b.cookie, &form)).await;
            assert_eq!(answer.status, expected, "POST {path} as {}", USERS[i].0);
        }
    }
    assert_eq!(s.store.services("ngoro").await.unwrap().len(), 3);
    assert_eq!(s.store.visit_codes("ngoro", ktp.id).await.unwrap().len(), 4);
    // Writing a recommendation: the admin and the Inspektorat, on either unit; planning its follow-up: the admin
    // and the unit's own operator.
    let recommends = [true, false, false, false, true, false];
    for unit in ["ngoro", "ngoro-pmd"] {
        for (i, b) in browsers.iter().enumerate() {
            let form = [
                ("csrf", b.csrf.as_str()),
                ("evaluation", "lhe_akip"),
                ("text", "Rekomendasi uji."),
            ];
            let path = format!("/unit/{unit}/2024/rekomendasi");
            let answer = send(&s.app, post(&path, &b.cookie, &form)).await;
            let expected = if recommends[i] {
                StatusCode::SEE_OTHER
            } else {
                NO
            };
            assert_eq!(answer.status, expected, "POST {path} as {}", USERS[i].0);
        }
    }
    for (i, b) in browsers.iter().enumerate() {
        let version = recommendation_version(&s, "ngoro", "rek-2024-1").await;
        let form = [
            ("csrf", b.csrf.as_str()),
            ("id", "rek-2024-1"),
            ("version", version.as_str()),
            ("action", "Rencana aksi uji"),
        ];
        let answer = send(
            &s.app,
            post("/unit/ngoro/2024/rekomendasi/aksi", &b.cookie, &form),
        )
        .await;
        let expected = if allowed[i] {
            StatusCode::SEE_OTHER
        } else {
            NO
        };
        assert_eq!(answer.status, expected, "POST aksi as {}", USERS[i].0);
    }
    // Another unit's operator does not reach ngoro's recommendation through the address of their own unit.
    let version = recommendation_version(&s, "ngoro", "rek-2024-1").await;
    let form = [
        ("csrf", op_pmd.csrf.as_str()),
        ("id", "rek-2024-1"),
        ("version", version.as_str()),
        ("action", "Rencana aksi lain"),
    ];
    let answer = send(
        &s.app,
        post(
            "/unit/ngoro-pmd/2024/rekomendasi/aksi",
            &op_pmd.cookie,
            &form,
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(
        recommendation_version(&s, "ngoro", "rek-2024-1").await,
        version
    );
    // Uploading a file as an action's evidence: the admin and the unit's own operator; another unit's operator does
    // not reach it through the address of their own unit.
    for (i, b) in browsers.iter().enumerate() {
        let version = recommendation_version(&s, "ngoro", "rek-2024-1").await;
        let fields = [
            ("csrf", b.csrf.as_str()),
            ("id", "rek-2024-1"),
            ("version", version.as_str()),
            ("nomor", "0"),
            ("title", "Notulen"),
        ];
        let bytes = [PDF, b.csrf.as_bytes()].concat();
        let path = if i == 2 {
            "/unit/ngoro-pmd/2024/rekomendasi/bukti"
        } else {
            "/unit/ngoro/2024/rekomendasi/bukti"
        };
        let answer = send(
            &s.app,
            upload(
                path,
                &b.cookie,
                &fields,
                ("n.pdf", "application/pdf", &bytes),
            ),
        )
        .await;
        let expected = match i {
            0 | 1 => StatusCode::SEE_OTHER,
            2 => StatusCode::NOT_FOUND,
            _ => NO,
        };
        assert_eq!(answer.status, expected, "upload {path} as {}", USERS[i].0);
    }
    // Recording the LHE and the field scores: the admin and the Inspektorat.
    for (i, b) in browsers.iter().enumerate() {
        let all: Vec<Keyed<AkipEvaluation>> =
            s.store.records("akip", "ngoro", Some(2024)).await.unwrap();
        let version = all[0].record.version.to_string();
        let form = [
            ("csrf", b.csrf.as_str()),
            ("version", version.as_str()),
            ("nomor", "X.700/564/415.15/2024"),
            ("perencanaan", "16,65"),
        ];
        let answer = send(&s.app, post("/unit/ngoro/2024/lke/lhe", &b.cookie, &form)).await;
        let expected = if recommends[i] {
            StatusCode::SEE_OTHER
        } else {
            NO
        };
        assert_eq!(answer.status, expected, "POST lke/lhe as {}", USERS[i].0);
    }
    // Creating a user: only the admin, although every form carries its session's token.
    for (i, b) in browsers.iter().enumerate() {
        let username = format!("baru-{i}");
        let form = [
            ("csrf", b.csrf.as_str()),
            ("username", username.as_str()),
            ("display_name", "Baru"),
            ("role", "read_only"),
            ("password", PASSWORD),
            ("again", PASSWORD),
        ];
        let answer = send(&s.app, post("/pengguna", &b.cookie, &form)).await;
        let expected = if i == 0 { StatusCode::SEE_OTHER } else { NO };
        assert_eq!(answer.status, expected, "POST /pengguna as {}", USERS[i].0);
    }
    // The roll-up lists every unit to who reads them all; a unit's user is sent home to the unit instead.
    let overview = send(&s.app, get("/pemda/2024", &browsers[0].cookie)).await;
    for unit in [
        "Seksi Pemberdayaan Masyarakat dan Desa<",
        "Kecamatan Ngoro<",
    ] {
        assert!(overview.body.contains(unit), "{unit}");
    }
    let home = send(&s.app, get("/", &browsers[1].cookie)).await;
    assert_eq!(home.location(), "/unit/ngoro/2024");
}

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

/// The form for one indicator and period, cut out of the entry page.
fn cell<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page.find(&format!("id=\"{id}\"")).unwrap();
    &page[start..start + page[start..].find("</form>").unwrap()]
}

#[tokio::test]
async fn realisations_are_saved_with_their_version_and_conflicts_lose_nothing() {
    let s = site().await;
    let a = sign_in(&s.app, "op-ngoro").await;
    let b = sign_in(&s.app, "admin").await;
    let path = "/unit/ngoro/2024/realisasi";
    let page_a = send(&s.app, get(path, &a.cookie)).await;
    let page_b = send(&s.app, get(path, &b.cookie)).await;
    let annual_a = cell(&page_a.body, "r-iku-akip-tahunan");
    assert!(
        annual_a.contains("Tersimpan: 80,15 (versi 1, uji)"),
        "{annual_a}"
    );
    let version_a = field_in(annual_a, "version");
    let version_b = field_in(cell(&page_b.body, "r-iku-akip-tahunan"), "version");
    assert_eq!((version_a.as_str(), version_b.as_str()), ("1", "1"));
    // TW IV is empty: an empty version creates it.
    assert!(cell(&page_a.body, "r-iku-akip-4").contains("Belum diisi"));
    assert_eq!(field_in(cell(&page_a.body, "r-iku-akip-4"), "version"), "");

    let save = |browser: &Browser, version: &str, value: &str| {
        post(
            path,
            &browser.cookie,
            &[
                ("csrf", browser.csrf.as_str()),
                ("indicator", "iku-akip"),
                ("period", "tahunan"),
                ("version", version),
                ("value", value),
                ("note", "hasil evaluasi <b>final</b>"),
            ],
        )
    };
    let saved = send(&s.app, save(&a, &version_a, "80,5")).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(saved.location().starts_with(path));
    let after = send(&s.app, get(saved.location(), &a.cookie)).await;
    let annual = cell(&after.body, "r-iku-akip-tahunan");
    assert!(
        annual.contains("Tersimpan: 80,5 (versi 2, op-ngoro)"),
        "{annual}"
    );
    assert!(annual.contains("Tersimpan."));
    assert!(annual.contains("hasil evaluasi &lt;b&gt;final&lt;/b&gt;"));
    // The dashboard follows: 80,5 / 81 = 99,38%, one decimal.
    let dashboard = send(&s.app, get("/unit/ngoro/2024", &a.cookie)).await;
    assert!(dashboard.body.contains("99,4%"));

    // The admin still holds version 1: a conflict, shown with the operator's value, the typed value kept.
    let conflict = send(&s.app, save(&b, &version_b, "79,9")).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    let annual = cell(&conflict.body, "r-iku-akip-tahunan");
    assert!(annual.contains("sudah diubah oleh op-ngoro"), "{annual}");
    assert!(annual.contains("menjadi 80,5 (versi 2)"), "{annual}");
    assert!(annual.contains("value=\"79,9\""), "{annual}");
    assert_eq!(field_in(annual, "version"), "2");
    let stored = s
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.version, stored.value.value.to_string()),
        (2, "80.5".into())
    );
    // Saving again from the refreshed form is deliberate and succeeds.
    let again = send(&s.app, save(&b, "2", "79,9")).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);

    // Indonesian decimals are read as such: 80,150 is eighty and fifteen hundredths.
    let decimal = send(&s.app, save(&a, "3", "80,150")).await;
    assert_eq!(decimal.status, StatusCode::SEE_OTHER);
    assert_eq!(
        s.store
            .realisation("iku-akip", 2024, None)
            .await
            .unwrap()
            .unwrap()
            .value
            .value,
        "80.15".parse().unwrap()
    );
    // Words and ambiguous numbers are refused with the value kept.
    for (typed, says) in [("delapan puluh", "bukan angka"), ("1.000", "meragukan")] {
        let answer = send(&s.app, save(&a, "4", typed)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{typed}");
        let annual = cell(&answer.body, "r-iku-akip-tahunan");
        assert!(annual.contains(says), "{annual}");
        assert!(annual.contains(&format!("value=\"{typed}\"")), "{annual}");
    }
    // Every save is in the audit log, under the user's name.
    let log = s.store.audit_log(20).await.unwrap();
    let actors: Vec<&str> = log
        .iter()
        .filter(|e| e.kind == "realisation")
        .map(|e| e.actor.as_str())
        .collect();
    assert_eq!(actors, ["op-ngoro", "admin", "op-ngoro"]);
    let audit = send(&s.app, get("/audit", &b.cookie)).await;
    assert!(audit.body.contains("iku-akip|2024|"));
    assert!(!audit.body.contains("<b>final"));
}

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

#[tokio::test]
async fn names_are_escaped_on_every_page() {
    let s = site().await;
    let payload = "<script>alert('x')</script>";
    s.store
        .create_user(
            &NewUser {
                username: "penyusup".into(),
                display_name: payload.into(),
                role: Role::AdminPemda,
                units: vec![],
            },
            PASSWORD,
            "uji",
        )
        .await
        .unwrap();
    let b = sign_in(&s.app, "penyusup").await;
    for path in [
        "/pemda/2024",
        "/unit/ngoro/2024",
        "/unit/ngoro/2024/realisasi",
        "/unit/ngoro/2024/narasi",
        "/audit",
        "/pengguna",
        "/pengguna/penyusup",
        "/akun",
    ] {
        let page = send(&s.app, get(path, &b.cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.contains("<script"), "{path}");
        assert!(page.body.contains("&lt;script&gt;"), "{path}");
    }
}

const ENTRY: &str = "/unit/ngoro/2024/realisasi";
const UPLOAD: &str = "/unit/ngoro/2024/realisasi/bukti";

#[tokio::test]
async fn evidence_is_uploaded_listed_and_downloaded_as_it_was() {
    let s = site().await;
    let b = sign_in(&s.app, "op-ngoro").await;
    let page = send(&s.app, get(ENTRY, &b.cookie)).await;
    // Only a stored realisation takes evidence: TW IV is empty.
    assert!(!cell(&page.body, "r-iku-akip-4").contains("multipart"));
    assert!(page.body.contains("paling besar 5 MiB"));
    let fields = upload_fields(&page.body, "r-iku-akip-tahunan", "LHE AKIP <2024>");
    let answer = send(
        &s.app,
        upload(
            UPLOAD,
            &b.cookie,
            &pairs(&fields),
            ("scan/lhe akip.pdf", "application/octet-stream", PDF),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let after = send(&s.app, get(answer.location(), &b.cookie)).await;
    let id = file_id(PDF);
    let link = format!("href=\"/bukti/ngoro/{id}\"");
    assert!(after.body.contains("Bukti diunggah."), "{}", after.body);
    let listed = format!("{link}>LHE AKIP &lt;2024&gt;</a> (PDF, {} B)", PDF.len());
    assert!(after.body.contains(&listed), "{}", after.body);
    // The reference's evidence, a title without a file, is listed too.
    assert!(after.body.contains("LHE SAKIP No. X.700/564/415.15/2024"));
    // The attachment is a new version of the realisation, audited under the uploader's name.
    let stored = s
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.version, stored.updated_by.as_str()),
        (2, "op-ngoro")
    );
    let log = s.store.audit_log(1).await.unwrap();
    assert!(log[0].new.as_deref().unwrap().contains(&id));

    let path = format!("/bukti/ngoro/{id}");
    for reader in ["op-ngoro", "camat", "inspektorat", "admin"] {
        let r = sign_in(&s.app, reader).await;
        let file = send(&s.app, get(&path, &r.cookie)).await;
        assert_eq!(file.status, StatusCode::OK, "{reader}");
        assert_eq!(file.bytes, PDF, "{reader}");
        assert_eq!(file.headers[CONTENT_TYPE], "application/pdf");
        assert_eq!(
            file.headers["content-disposition"],
            "attachment; filename=\"lhe akip.pdf\""
        );
        assert_eq!(file.headers["x-content-type-options"], "nosniff");
    }
    for stranger in ["op-pmd", "pembaca"] {
        let r = sign_in(&s.app, stranger).await;
        assert_eq!(
            send(&s.app, get(&path, &r.cookie)).await.status,
            StatusCode::FORBIDDEN
        );
    }
    // Another unit's address does not reach this unit's file.
    let missing = send(&s.app, get(&format!("/bukti/ngoro-pmd/{id}"), &b.cookie)).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    let admin = sign_in(&s.app, "admin").await;
    let missing = send(
        &s.app,
        get(&format!("/bukti/ngoro-pmd/{id}"), &admin.cookie),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // A stale version: a conflict, nothing attached, the cell offering the version now.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let answer = send(
        &s.app,
        upload(
            UPLOAD,
            &b.cookie,
            &pairs(&fields),
            ("foto.png", "image/png", png),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert!(
        answer.body.contains("sudah diubah oleh op-ngoro"),
        "{}",
        answer.body
    );
    assert_eq!(
        upload_fields(&answer.body, "r-iku-akip-tahunan", "")[3].1,
        "2"
    );
    let again = s
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again, stored);
}

#[tokio::test]
async fn evidence_of_another_kind_or_too_large_is_refused_and_nothing_is_stored() {
    let s = site_with(Settings {
        max_evidence_bytes: 1024,
        ..Settings::default()
    })
    .await;
    let b = sign_in(&s.app, "op-ngoro").await;
    let page = send(&s.app, get(ENTRY, &b.cookie)).await;
    assert!(page.body.contains("paling besar 1 KiB"));
    let fields = upload_fields(&page.body, "r-iku-akip-tahunan", "LHE");
    let text = b"Ini hanya teks, bukan PDF.\n";
    let too_large = [PDF, &[b' '; 1024]].concat();
    let far_too_large = [PDF, &vec![b' '; 200 * 1024]].concat();
    let cases: [(&str, &str, &[u8], StatusCode, &str); 4] = [
        (
            "lhe.pdf",
            "application/pdf",
            text,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "bukan PDF, PNG atau JPEG",
        ),
        (
            "halaman.pdf",
            "application/pdf",
            b"<html><script>alert(1)</script>",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "PDF, PNG atau JPEG",
        ),
        (
            "besar.pdf",
            "application/pdf",
            &too_large,
            StatusCode::PAYLOAD_TOO_LARGE,
            "paling besar 1 KiB",
        ),
        // Over the route's body limit: refused while reading.
        (
            "besar.pdf",
            "application/pdf",
            &far_too_large,
            StatusCode::PAYLOAD_TOO_LARGE,
            "Berkas terlalu besar",
        ),
    ];
    for (name, declared, bytes, status, says) in cases {
        let answer = send(
            &s.app,
            upload(UPLOAD, &b.cookie, &pairs(&fields), (name, declared, bytes)),
        )
        .await;
        assert_eq!(answer.status, status, "{name}");
        assert!(answer.body.contains(says), "{name}: {}", answer.body);
        assert!(
            s.store
                .file("ngoro", &file_id(bytes))
                .await
                .unwrap()
                .is_none(),
            "{name}"
        );
    }
    // Without the session's token nothing is read further.
    let mut forged = fields.clone();
    forged[0].1 = "0000".into();
    let answer = send(
        &s.app,
        upload(
            UPLOAD,
            &b.cookie,
            &pairs(&forged),
            ("lhe.pdf", "application/pdf", PDF),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(answer.body.contains("Token keamanan formulir"));
    // Another unit's operator may not upload here.
    let other = sign_in(&s.app, "op-pmd").await;
    let mut theirs = fields.clone();
    theirs[0].1 = other.csrf.clone();
    let answer = send(
        &s.app,
        upload(
            UPLOAD,
            &other.cookie,
            &pairs(&theirs),
            ("lhe.pdf", "application/pdf", PDF),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(s
        .store
        .file("ngoro", &file_id(PDF))
        .await
        .unwrap()
        .is_none());
    let stored = s
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.version, 1);
}

#[tokio::test]
async fn the_admin_creates_a_user_who_can_then_sign_in() {
    let s = site().await;
    let admin = sign_in(&s.app, "admin").await;
    let list = send(&s.app, get("/pengguna", &admin.cookie)).await;
    for text in [
        "Pengguna op-ngoro",
        "Operator unit",
        "Kecamatan Ngoro",
        "name=\"unit\" value=\"ngoro-pmd\"",
        "minlength=\"12\"",
    ] {
        assert!(list.body.contains(text), "{text} missing");
    }
    assert!(send(&s.app, get("/pemda/2024", &admin.cookie))
        .await
        .body
        .contains("href=\"/pengguna\""));

    let password = "kata-sandi-operator-baru";
    // Refusals name the field and keep what was typed, never the password.
    let cases = [
        (
            new_user(&admin, "op-baru", "operator", &[], password),
            "sekurang-kurangnya satu unit",
        ),
        (
            new_user(&admin, "op-baru", "operator", &["ngoro"], "pendek"),
            "sekurang-kurangnya 12 karakter",
        ),
        (
            new_user(&admin, "op-baru", "operator", &["tidak-ada"], password),
            "Unit 'tidak-ada' tidak ditemukan",
        ),
        (
            new_user(&admin, "op-baru", "root", &["ngoro"], password),
            "Peran 'root' tidak dikenal",
        ),
        (
            new_user(&admin, "op-ngoro", "operator", &["ngoro"], password),
            "sudah dipakai",
        ),
        (
            new_user(&admin, "Op Baru", "operator", &["ngoro"], password),
            "huruf kecil",
        ),
    ];
    for (form, says) in &cases {
        let answer = send(&s.app, post("/pengguna", &admin.cookie, form)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{says}");
        assert!(answer.body.contains(says), "{says}: {}", answer.body);
        assert!(!answer.body.contains(password), "{says}");
    }
    let mut mismatch = new_user(&admin, "op-baru", "operator", &["ngoro"], password);
    mismatch.retain(|(n, _)| *n != "again");
    mismatch.push(("again", "kata-sandi-lain-sekali"));
    let answer = send(&s.app, post("/pengguna", &admin.cookie, &mismatch)).await;
    assert!(answer.body.contains("tidak sama"));
    assert!(answer.body.contains("value=\"op-baru\""));
    assert!(answer.body.contains("value=\"ngoro\" checked"));
    assert!(s.store.user("op-baru").await.unwrap().is_none());

    let form = new_user(
        &admin,
        "op-baru",
        "operator",
        &["ngoro", "ngoro-pmd"],
        password,
    );
    let made = send(&s.app, post("/pengguna", &admin.cookie, &form)).await;
    assert_eq!(
        (made.status, made.location()),
        (StatusCode::SEE_OTHER, "/pengguna/op-baru?pesan=dibuat")
    );
    let page = send(&s.app, get(made.location(), &admin.cookie)).await;
    assert!(page.body.contains("Pengguna dibuat"));
    let user = s.store.user("op-baru").await.unwrap().unwrap();
    assert_eq!(
        (user.role, user.units.as_slice()),
        (
            Role::Operator,
            &["ngoro".to_string(), "ngoro-pmd".to_string()][..]
        )
    );
    let created = s.store.audit_log(5).await.unwrap();
    assert!(created
        .iter()
        .any(|e| e.kind == "user" && e.actor == "admin" && e.key == "op-baru"));

    let operator = sign_in_with(&s.app, "op-baru", password).await;
    let entry = send(
        &s.app,
        get("/unit/ngoro-pmd/2024/realisasi", &operator.cookie),
    )
    .await;
    assert_eq!(entry.status, StatusCode::OK);
    // The admin sets a new password; the old one no longer opens the account.
    let reset = send(
        &s.app,
        post(
            "/pengguna/op-baru/sandi",
            &admin.cookie,
            &[
                ("csrf", admin.csrf.as_str()),
                ("password", "kata-sandi-setelan-admin"),
                ("again", "kata-sandi-setelan-admin"),
            ],
        ),
    )
    .await;
    assert_eq!(reset.location(), "/pengguna/op-baru?pesan=sandi");
    assert_eq!(
        send(&s.app, get("/unit/ngoro/2024", &operator.cookie))
            .await
            .location(),
        "/masuk"
    );
    assert_eq!(
        try_sign_in(&s.app, "op-baru", password).await.status,
        StatusCode::UNAUTHORIZED
    );
    sign_in_with(&s.app, "op-baru", "kata-sandi-setelan-admin").await;
}

#[tokio::test]
async fn a_deactivated_users_session_stops_working() {
    let s = site().await;
    let admin = sign_in(&s.app, "admin").await;
    let operator = sign_in(&s.app, "op-ngoro").await;
    assert_eq!(
        send(&s.app, get("/unit/ngoro/2024", &operator.cookie))
            .await
            .status,
        StatusCode::OK
    );
    let page = send(&s.app, get("/pengguna/op-ngoro", &admin.cookie)).await;
    assert!(page.body.contains("name=\"active\" value=\"1\" checked"));
    // The form without the "active" box: the account is switched off.
    let form = [
        ("csrf", admin.csrf.as_str()),
        ("display_name", "Operator Ngoro"),
        ("role", "operator"),
        ("unit", "ngoro"),
    ];
    let answer = send(&s.app, post("/pengguna/op-ngoro", &admin.cookie, &form)).await;
    assert_eq!(
        (answer.status, answer.location()),
        (StatusCode::SEE_OTHER, "/pengguna/op-ngoro?pesan=disimpan")
    );
    assert_eq!(
        send(&s.app, get("/unit/ngoro/2024", &operator.cookie))
            .await
            .location(),
        "/masuk"
    );
    assert_eq!(
        try_sign_in(&s.app, "op-ngoro", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    let list = send(&s.app, get("/pengguna", &admin.cookie)).await;
    assert!(list.body.contains("Nonaktif"));
    // The last active admin cannot switch themself off.
    let own = [
        ("csrf", admin.csrf.as_str()),
        ("display_name", "Admin"),
        ("role", "admin_pemda"),
    ];
    let answer = send(&s.app, post("/pengguna/admin", &admin.cookie, &own)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("satu-satunya admin pemda aktif"));
    assert!(s.store.user("admin").await.unwrap().unwrap().active);
    let unknown = send(&s.app, get("/pengguna/tidak-ada", &admin.cookie)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_non_admin_cannot_manage_users_even_with_a_valid_form_token() {
    let s = site().await;
    let operator = sign_in(&s.app, "op-ngoro").await;
    let csrf = operator.csrf.as_str();
    let before = s.store.audit_log(1000).await.unwrap().len();
    let attempts: [(&str, Vec<(&str, &str)>); 3] = [
        (
            "/pengguna",
            new_user(&operator, "kaki-tangan", "admin_pemda", &[], PASSWORD),
        ),
        (
            "/pengguna/op-ngoro",
            vec![
                ("csrf", csrf),
                ("display_name", "Operator"),
                ("role", "admin_pemda"),
                ("active", "1"),
            ],
        ),
        (
            "/pengguna/admin/sandi",
            vec![
                ("csrf", csrf),
                ("password", "diambil-alih-panjang"),
                ("again", "diambil-alih-panjang"),
            ],
        ),
    ];
    for (path, form) in &attempts {
        let answer = send(&s.app, post(path, &operator.cookie, form)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{path}");
    }
    assert!(s.store.user("kaki-tangan").await.unwrap().is_none());
    let me = s.store.user("op-ngoro").await.unwrap().unwrap();
    assert_eq!(me.role, Role::Operator);
    assert_eq!(s.store.audit_log(1000).await.unwrap().len(), before);
    sign_in(&s.app, "admin").await;
    // No link leads there either.
    let page = send(&s.app, get("/akun", &operator.cookie)).await;
    assert!(!page.body.contains("href=\"/pengguna\""));
}

#[tokio::test]
async fn a_password_change_needs_the_old_password_and_ends_other_sessions() {
    let s = site().await;
    let here = sign_in(&s.app, "op-ngoro").await;
    let elsewhere = sign_in(&s.app, "op-ngoro").await;
    let new = "kata-sandi-baru-sekali";
    let change = |old: &'static str, password: &'static str, again: &'static str| {
        post(
            "/akun/sandi",
            &here.cookie,
            &[
                ("csrf", here.csrf.as_str()),
                ("old_password", old),
                ("password", password),
                ("again", again),
            ],
        )
    };
    for (request, says) in [
        (
            change("salah-salah-salah", new, new),
            "Kata sandi lama salah",
        ),
        (
            change(PASSWORD, new, "kata-sandi-lain-sekali"),
            "tidak sama",
        ),
        (change(PASSWORD, "pendek", "pendek"), "12 karakter"),
    ] {
        let answer = send(&s.app, request).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{says}");
        assert!(answer.body.contains(says), "{says}");
    }
    assert_eq!(
        try_sign_in(&s.app, "op-ngoro", new).await.status,
        StatusCode::UNAUTHORIZED
    );

    let changed = send(&s.app, change(PASSWORD, new, new)).await;
    assert_eq!(
        (changed.status, changed.location()),
        (StatusCode::SEE_OTHER, "/akun?pesan=sandi")
    );
    // This browser carries on in a new session; every other session has ended.
    let renewed = browser_of(&s.app, &changed).await;
    let page = send(&s.app, get(changed.location(), &renewed.cookie)).await;
    assert!(page.body.contains("Kata sandi diganti"));
    for old in [&here, &elsewhere] {
        let answer = send(&s.app, get("/akun", &old.cookie)).await;
        assert_eq!(answer.location(), "/masuk");
    }
    assert_eq!(
        try_sign_in(&s.app, "op-ngoro", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    sign_in_with(&s.app, "op-ngoro", new).await;
    let log = format!("{:?}", s.store.audit_log(1000).await.unwrap());
    assert!(!log.contains(new) && !log.contains(PASSWORD));
}

#[tokio::test]
async fn own_api_tokens_are_shown_once_and_revoked() {
    let s = site().await;
    let b = sign_in(&s.app, "op-ngoro").await;
    let form = [
        ("csrf", b.csrf.as_str()),
        ("name", "Aplikasi <SIPD>"),
        ("days", "30"),
    ];
    let made = send(&s.app, post("/akun/token", &b.cookie, &form)).await;
    assert_eq!(made.status, StatusCode::OK);
    assert_eq!(made.headers["cache-control"], "no-store");
    let token = made
        .body
        .split("Authorization: Bearer ")
        .nth(1)
        .map(|rest| rest[..64].to_string())
        .unwrap_or_else(|| panic!("no token in {}", made.body));
    assert!(made.body.contains("Aplikasi &lt;SIPD&gt;"));
    let api = |token: &str| {
        Request::get("/api/v1/units")
            .header(AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(send(&s.app, api(&token)).await.status, StatusCode::OK);

    let page = send(&s.app, get("/akun", &b.cookie)).await;
    assert!(page.body.contains("Aplikasi &lt;SIPD&gt;"));
    assert!(!page.body.contains(&token), "shown once only");
    let id = s.store.api_tokens("op-ngoro").await.unwrap()[0].id.clone();
    assert!(page.body.contains(&id));
    // Refusals name the field.
    for (name, days, says) in [
        ("", "30", "Nama token wajib diisi"),
        ("x", "tiga puluh", "Masa berlaku"),
        ("x", "0", "Masa berlaku token 1"),
    ] {
        let form = [("csrf", b.csrf.as_str()), ("name", name), ("days", days)];
        let answer = send(&s.app, post("/akun/token", &b.cookie, &form)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{says}");
        assert!(answer.body.contains(says), "{says}: {}", answer.body);
    }

    // Someone else's token is not theirs to revoke.
    let other = sign_in(&s.app, "camat").await;
    let form = [("csrf", other.csrf.as_str()), ("id", id.as_str())];
    let answer = send(&s.app, post("/akun/token/cabut", &other.cookie, &form)).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(send(&s.app, api(&token)).await.status, StatusCode::OK);

    let form = [("csrf", b.csrf.as_str()), ("id", id.as_str())];
    let answer = send(&s.app, post("/akun/token/cabut", &b.cookie, &form)).await;
    assert_eq!(answer.location(), "/akun?pesan=dicabut");
    assert_eq!(
        send(&s.app, api(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// Ten sign-ins an hour: slow enough that no refill happens while the test runs, however slowly it runs.
const TEN_AN_HOUR: Limit = Limit {
    burst: 10,
    every: Duration::from_secs(360),
};

#[tokio::test]
async fn sign_in_attempts_are_limited_per_client_address() {
    let s = site_with(Settings {
        sign_in_limit: TEN_AN_HOUR,
        ..Settings::default()
    })
    .await;
    for _ in 0..10 {
        let answer = try_sign_in_from(&s.app, address("192.0.2.1"), "tidak-ada", "salah").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    let refused = try_sign_in_from(&s.app, address("192.0.2.1"), "admin", PASSWORD).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    // Whole seconds until the next attempt is allowed: at most one interval.
    let retry: u64 = refused.headers[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=360).contains(&retry), "{retry}");
    assert!(refused.body.contains("Terlalu banyak percobaan"));
    assert!(refused
        .cookies()
        .iter()
        .all(|c| !c.starts_with("kinerja_sesi")));
    // A header naming another client changes nothing without a trusted proxy.
    let forged = try_sign_in_from(
        &s.app,
        |r| {
            address("192.0.2.1")(r);
            r.headers_mut()
                .insert("x-forwarded-for", "203.0.113.9".parse().unwrap());
        },
        "admin",
        PASSWORD,
    )
    .await;
    assert_eq!(forged.status, StatusCode::TOO_MANY_REQUESTS);
    // Another address is served; the form itself is never limited.
    let other = try_sign_in_from(&s.app, address("192.0.2.2"), "admin", PASSWORD).await;
    assert_eq!(other.status, StatusCode::SEE_OTHER);
    // An IPv6 client is counted per /64.
    for _ in 0..10 {
        try_sign_in_from(&s.app, address("2001:db8:0:1::1"), "tidak-ada", "salah").await;
    }
    let hopped = try_sign_in_from(&s.app, address("2001:db8:0:1::2"), "admin", PASSWORD).await;
    assert_eq!(hopped.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn behind_a_trusted_proxy_clients_are_told_apart_by_its_header() {
    let s = site_with(Settings {
        trust_proxy: true,
        sign_in_limit: Limit {
            burst: 1,
            ..TEN_AN_HOUR
        },
        ..Settings::default()
    })
    .await;
    let via_proxy = |client: &'static str| {
        move |r: &mut Request<Body>| {
            address("10.0.0.1")(r);
            let header = format!("198.51.100.200, {client}");
            r.headers_mut()
                .insert("x-forwarded-for", header.parse().unwrap());
        }
    };
    let first = try_sign_in_from(&s.app, via_proxy("203.0.113.1"), "admin", PASSWORD).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let again = try_sign_in_from(&s.app, via_proxy("203.0.113.1"), "admin", PASSWORD).await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
    // Only the address the proxy appended counts: what the client wrote before it does not.
    let other = try_sign_in_from(&s.app, via_proxy("203.0.113.2"), "admin", PASSWORD).await;
    assert_eq!(other.status, StatusCode::SEE_OTHER);
}

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

const NARRATIVES: &str = "/unit/ngoro/2024/narasi";

async fn narratives(s: &Site) -> Vec<Keyed<Narrative>> {
    s.store
        .records("narrative", "ngoro", Some(2024))
        .await
        .unwrap()
}

/// The part of the narrative page that shows the stored text `key`: its notices and forms.
fn text_part<'a>(page: &'a str, key: &str) -> &'a str {
    let at = page
        .find(&format!("name=\"key\" value=\"{key}\""))
        .unwrap_or_else(|| panic!("no text {key} in {page}"));
    let start = page[..at].rfind("<article").unwrap();
    &page[start..start + page[start..].find("</article>").unwrap()]
}

#[tokio::test]
async fn narratives_are_edited_per_section_with_their_versions() {
    let s = site().await;
    let op = sign_in(&s.app, "op-ngoro").await;
    let admin = sign_in(&s.app, "admin").await;
    let camat = sign_in(&s.app, "camat").await;
    let dashboard = send(&s.app, get("/unit/ngoro/2024", &camat.cookie)).await;
    assert!(dashboard.body.contains("href=\"/unit/ngoro/2024/narasi\""));

    // Every section in report order, titled as the LKjIP prints it; texts about an indicator under its name.
    let page = send(&s.app, get(NARRATIVES, &op.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let at = |text: &str| {
        page.body
            .find(text)
            .unwrap_or_else(|| panic!("{text} missing"))
    };
    assert!(at("id=\"bagian-kata_pengantar\"") < at("id=\"bagian-capaian_kinerja\""));
    assert!(at("id=\"bagian-capaian_kinerja\"") < at("id=\"bagian-kesimpulan\""));
    assert!(page
        .body
        .contains("3.1.5 Analisis atas Capaian Kinerja — Faktor penunjang"));
    let about_akip = "Tentang Indikator: Nilai Evaluasi AKIP Kecamatan Ngoro";
    assert!(page.body.contains(about_akip));
    // The pimpinan reads the same texts, without a form.
    let read = send(&s.app, get(NARRATIVES, &camat.cookie)).await;
    assert!(read.body.contains(about_akip));
    assert!(!read.body.contains("/narasi/simpan"));

    // A new text: the browser's CRLF lines are stored as lines, and the page says so in the text's section.
    let simpan = format!("{NARRATIVES}/simpan");
    let added = send(
        &s.app,
        post(
            &simpan,
            &op.cookie,
            &[
                ("csrf", op.csrf.as_str()),
                ("section", "kesimpulan"),
                ("subject", "iku-akip"),
                ("title", " Catatan  akhir "),
                ("text", "Paragraf satu.\r\n\r\n- butir a\r\n- butir b\r\n"),
            ],
        ),
    )
    .await;
    assert_eq!(
        (added.status, added.location()),
        (
            StatusCode::SEE_OTHER,
            "/unit/ngoro/2024/narasi?hasil=ditambah&bagian=kesimpulan#bagian-kesimpulan"
        )
    );
    let shown = send(&s.app, get(added.location(), &op.cookie)).await;
    assert!(shown.body.contains("Teks ditambahkan."));
    let texts = narratives(&s).await;
    let new = texts.last().unwrap();
    let n = &new.record.value;
    assert_eq!(
        (n.text.as_str(), n.title.as_deref(), n.subject.as_deref()),
        (
            "Paragraf satu.\n\n- butir a\n- butir b",
            Some("Catatan akhir"),
            Some("iku-akip")
        )
    );
    let key = new.key.clone();

    // Two writers hold version 1. The second to save gets the first one's text, with their own still typed.
    let edit = |b: &Browser, version: &str, text: &str| {
        let form = [
            ("csrf", b.csrf.as_str()),
            ("key", key.as_str()),
            ("version", version),
            ("section", "kesimpulan"),
            ("text", text),
        ];
        post(&simpan, &b.cookie, &form)
    };
    let first = send(&s.app, edit(&op, "1", "Teks operator.")).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let second = send(&s.app, edit(&admin, "1", "Teks admin.")).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    let part = text_part(&second.body, &key);
    assert!(part.contains("sudah diubah oleh op-ngoro"), "{part}");
    assert!(part.contains("Teks operator."), "{part}");
    assert!(part.contains(">Teks admin.</textarea>"), "{part}");
    assert_eq!(field_in(part, "version"), "2");
    assert_eq!(
        narratives(&s).await.last().unwrap().record.value.text,
        "Teks operator."
    );
    // Saving again from the refreshed form is deliberate and succeeds.
    let again = send(&s.app, edit(&admin, "2", "Teks admin.")).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);

    // Refused with the reason, the typed text kept: empty, too long, about something not in the unit's plan.
    let long = "x".repeat(20_001);
    for (text, says) in [
        (" \r\n ", "Teks kosong"),
        (long.as_str(), "paling banyak 20.000"),
    ] {
        let answer = send(&s.app, edit(&op, "3", text)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{says}");
        let part = text_part(&answer.body, &key);
        assert!(part.contains(says) && part.contains(text.trim()), "{says}");
    }
    let unknown = [
        ("csrf", op.csrf.as_str()),
        ("section", "kesimpulan"),
        ("subject", "tidak-ada"),
        ("text", "Teks tentang sesuatu yang tidak ada."),
    ];
    let answer = send(&s.app, post(&simpan, &op.cookie, &unknown)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("bukan id indikator"),
        "{}",
        answer.body
    );
    assert!(answer
        .body
        .contains(">Teks tentang sesuatu yang tidak ada.</textarea>"));
    let unknown_section = [
        ("csrf", op.csrf.as_str()),
        ("section", "bab_v"),
        ("text", "x"),
    ];
    let answer = send(&s.app, post(&simpan, &op.cookie, &unknown_section)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);

    // Another unit's operator can neither write through this unit's address nor reach its text through their own.
    let pmd = sign_in(&s.app, "op-pmd").await;
    let form = [
        ("csrf", pmd.csrf.as_str()),
        ("key", key.as_str()),
        ("version", "3"),
        ("section", "kesimpulan"),
        ("text", "Diambil alih."),
    ];
    let answer = send(&s.app, post(&simpan, &pmd.cookie, &form)).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    for action in ["simpan", "hapus"] {
        let path = format!("/unit/ngoro-pmd/2024/narasi/{action}");
        let answer = send(&s.app, post(&path, &pmd.cookie, &form)).await;
        assert_eq!(answer.status, StatusCode::CONFLICT, "{action}");
    }
    let kept = narratives(&s).await;
    let kept = kept.last().unwrap();
    assert_eq!(
        (
            kept.key.as_str(),
            kept.record.version,
            kept.record.value.text.as_str()
        ),
        (key.as_str(), 3, "Teks admin.")
    );

    // Removing: a stale version is refused, the current one removes it, and then there is nothing to remove.
    let delete = |version: &str| {
        let form = [
            ("csrf", op.csrf.as_str()),
            ("key", key.as_str()),
            ("version", version),
            ("section", "kesimpulan"),
        ];
        post(&format!("{NARRATIVES}/hapus"), &op.cookie, &form)
    };
    let stale = send(&s.app, delete("2")).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(text_part(&stale.body, &key).contains("Teks belum dihapus"));
    let removed = send(&s.app, delete("3")).await;
    assert_eq!(
        (removed.status, removed.location()),
        (
            StatusCode::SEE_OTHER,
            "/unit/ngoro/2024/narasi?hasil=dihapus&bagian=kesimpulan#bagian-kesimpulan"
        )
    );
    assert_eq!(narratives(&s).await.len(), texts.len() - 1);
    let gone = send(&s.app, delete("3")).await;
    assert_eq!(gone.status, StatusCode::CONFLICT);
    assert!(gone.body.contains("sudah dihapus pengguna lain"));

    // Every change is in the audit log, under its writer.
    let log = s.store.audit_log(10).await.unwrap();
    let changes: Vec<(&str, &str)> = log
        .iter()
        .filter(|e| e.kind == "narrative")
        .map(|e| (e.action.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(
        changes,
        [
            ("hapus", "op-ngoro"),
            ("ubah", "admin"),
            ("ubah", "op-ngoro"),
            ("tambah", "op-ngoro")
        ]
    );
}

/// The stored version of a unit's recommendation, as its forms carry it.
async fn recommendation_version(s: &Site, unit: &str, id: &str) -> String {
    let all: Vec<Keyed<Recommendation>> =
        s.store.records("recommendation", unit, None).await.unwrap();
    all.iter()
        .find(|k| k.record.value.id == id)
        .map(|k| k.record.version.to_string())
        .unwrap_or_else(|| panic!("no recommendation {id}"))
}

/// The section of a page with that id, up to its end.
fn section<'a>(page: &'a Answer, id: &str) -> &'a str {
    let start = page
        .body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no {id} in {}", page.body));
    let rest = &page.body[start..];
    &rest[..rest.find("</section>").unwrap()]
}

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

fn service_spec(name: &str) -> ServiceSpec {
    ServiceSpec {
        name: name.into(),
        population: None,
        requires_code: false,
        active: true,
    }
}

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
