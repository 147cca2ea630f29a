//! The public IKM survey form, driven in-process: what it shows, what it stores, what it refuses (and that a refusal
//! stores nothing), and its defences: rate limits, the honeypot, cross-site posts, duplicates and visit codes.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::header::RETRY_AFTER;
use axum::http::{Request, StatusCode};
use kinerja_storage::{ResponseQuery, Service, ServiceSpec, Store, Survey, MAX_SARAN_CHARS};
use kinerja_web::{Limit, Settings, SurveySettings};
use std::net::SocketAddr;
use std::time::Duration;

use crate::common::http::{get, pairs, post, send, Answer};
use crate::common::{site, site_with, Site};

/// Every answer given: all nine elements, the whole profile and a saran.
pub fn valid() -> Vec<(String, String)> {
    let mut form: Vec<(String, String)> = (1..=9).map(|i| (format!("u{i}"), "4".into())).collect();
    for (k, v) in [
        ("jenis_kelamin", "P"),
        ("usia", "30"),
        ("pendidikan", "S1"),
        ("pekerjaan", "PNS"),
        ("saran", "Pelayanan cepat, terima kasih."),
    ] {
        form.push((k.into(), v.into()));
    }
    form
}

pub fn with(form: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    let mut changed: Vec<(String, String)> =
        form.iter().filter(|(k, _)| k != name).cloned().collect();
    changed.push((name.into(), value.into()));
    changed
}

fn without(form: &[(String, String)], name: &str) -> Vec<(String, String)> {
    form.iter().filter(|(k, _)| k != name).cloned().collect()
}

async fn post_answers(app: &axum::Router, service: &Service, form: &[(String, String)]) -> Answer {
    send(app, answers_from(service, form, None)).await
}

/// The form posted to the service, from a client at `ip` (else from the one unknown client of in-process tests).
fn answers_from(service: &Service, form: &[(String, String)], ip: Option<&str>) -> Request<Body> {
    let mut request = post(&format!("/survei/{}", service.code), "", &pairs(form));
    if let Some(ip) = ip {
        let peer = SocketAddr::new(ip.parse().unwrap(), 40_000);
        request.extensions_mut().insert(ConnectInfo(peer));
    }
    request
}

async fn service(store: &Store, name: &str, requires_code: bool) -> Service {
    store
        .create_service(
            "ngoro",
            &ServiceSpec {
                name: name.into(),
                population: Some(1000),
                requires_code,
                active: true,
            },
            "uji",
        )
        .await
        .unwrap()
}

async fn stored(s: &Site) -> i64 {
    let year = s.store.today().year();
    s.store
        .count_responses(&ResponseQuery::year("ngoro", year))
        .await
        .unwrap()
}

/// The values of an attribute on every tag of a kind: `attributes(html, "input", "id")`.
fn tags<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    html.split(&format!("<{tag} "))
        .skip(1)
        .map(|rest| &rest[..rest.find('>').unwrap()])
        .collect()
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let marker = format!("{name}=\"");
    let start = tag.find(&marker)? + marker.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

#[tokio::test]
async fn the_form_labels_every_input_and_asks_the_nine_elements() {
    let s = site().await;
    let ktp = service(&s.store, "KTP Elektronik", true).await;
    let page = send(
        &s.app,
        get(&format!("/survei/{}?kode=ABCD-EFGH", ktp.code), ""),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = &page.body;
    assert!(html.contains("KTP Elektronik") && html.contains("Kecamatan Ngoro"));
    assert!(!html.contains("<script"));
    let mut controls = 0;
    for kind in ["input", "select", "textarea"] {
        for tag in tags(html, kind) {
            let id = attribute(tag, "id").unwrap_or_else(|| panic!("<{kind} {tag}> has no id"));
            assert!(
                html.contains(&format!("<label for=\"{id}\"")),
                "no label for {id}"
            );
            controls += 1;
        }
    }
    // 9 × 4 answers, 2 sexes, age, education, occupation, saran, visit code, honeypot.
    assert_eq!(controls, 36 + 2 + 6);
    // A fieldset with its legend per element, and for the sex.
    assert_eq!(html.matches("<fieldset").count(), 10);
    assert_eq!(html.matches("<legend").count(), 10);
    for text in [
        "U4. Biaya/Tarif",
        "Sangat mahal",
        "Cukup mahal",
        "Murah",
        "Gratis",
        "U9. Penanganan Pengaduan, Saran dan Masukan",
        "Sangat baik",
        "Tidak baik",
    ] {
        assert!(html.contains(text), "{text}");
    }
    // A ticket's QR code fills the visit code in.
    assert!(html.contains("name=\"kode\" value=\"ABCD-EFGH\""));
    let unknown = send(&s.app, get("/survei/tidakada", "")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_valid_submission_is_stored_and_counted() {
    let s = site().await;
    let ktp = service(&s.store, "KTP", false).await;
    // The profile beyond the sex may be left out.
    let mut form = without(
        &without(&without(&valid(), "usia"), "pendidikan"),
        "pekerjaan",
    );
    form = with(&form, "u4", "1");
    let answer = post_answers(&s.app, &ktp, &form).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.body.contains("Terima kasih"));
    assert_eq!(stored(&s).await, 1);
    let year = s.store.today().year();
    let read = s
        .store
        .responses(&ResponseQuery::year("ngoro", year))
        .await
        .unwrap();
    let mut expected = [Some(4); 9];
    expected[3] = Some(1);
    assert_eq!(read[0].scores.0, expected);
    assert_eq!(read[0].age, None);
    assert_eq!(
        read[0].saran.as_deref(),
        Some("Pelayanan cepat, terima kasih.")
    );
}

#[tokio::test]
async fn bad_submissions_are_refused_naming_the_field_and_nothing_is_stored() {
    let s = site().await;
    let ktp = service(&s.store, "KTP", false).await;
    let form = valid();
    let long = "a".repeat(MAX_SARAN_CHARS + 1);
    let cases: Vec<(Vec<(String, String)>, &str)> = vec![
        (without(&form, "u3"), "U3 Waktu Penyelesaian: belum dijawab"),
        (
            with(&form, "u5", "5"),
            "U5 Produk Spesifikasi Jenis Pelayanan: jawaban '5' tidak sah",
        ),
        (
            with(&form, "u1", "0"),
            "U1 Persyaratan: jawaban '0' tidak sah",
        ),
        (
            with(&form, "saran", &long),
            "Saran: paling panjang 2.000 karakter; isian Anda 2.001 karakter",
        ),
        (
            without(&form, "jenis_kelamin"),
            "Jenis kelamin: belum dipilih",
        ),
        (
            with(&form, "jenis_kelamin", "X"),
            "Jenis kelamin: pilihan 'X' tidak dikenal",
        ),
        (with(&form, "usia", "300"), "Usia: '300' tidak sah"),
        (
            with(&form, "pendidikan", "SMK"),
            "Pendidikan terakhir: pilihan 'SMK' tidak dikenal",
        ),
    ];
    for (sent, expected) in &cases {
        let answer = post_answers(&s.app, &ktp, sent).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{expected}"
        );
        assert!(
            answer.body.contains(expected),
            "{expected} not in {}",
            answer.body
        );
        // The form comes back with what was sent.
        assert!(answer.body.contains("checked"), "{expected}");
    }
    // An unknown service, a closed one, and a body over the limit.
    let mut missing = ktp.clone();
    missing.code = "tidakada".into();
    let unknown = post_answers(&s.app, &missing, &form).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.body.contains("Survei ini tidak ditemukan"));
    let closed = s
        .store
        .create_service(
            "ngoro",
            &ServiceSpec {
                name: "Ditutup".into(),
                population: None,
                requires_code: false,
                active: false,
            },
            "uji",
        )
        .await
        .unwrap();
    let answer = post_answers(&s.app, &closed, &form).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(answer.body.contains("ditutup"));
    let huge = with(&form, "saran", &"a".repeat(200_000));
    let oversized = post_answers(&s.app, &ktp, &huge).await;
    assert_eq!(oversized.status, StatusCode::BAD_REQUEST);
    assert!(oversized.body.contains("Isian terlalu panjang"));
    assert_eq!(stored(&s).await, 0);
}

#[tokio::test]
async fn posts_from_another_site_are_refused() {
    let s = site().await;
    let ktp = service(&s.store, "KTP", false).await;
    let sent = |headers: &[(&'static str, &str)]| {
        let mut r = answers_from(&ktp, &valid(), None);
        for (n, v) in headers {
            r.headers_mut().insert(*n, v.parse().unwrap());
        }
        r
    };
    for headers in [
        &[("sec-fetch-site", "cross-site")][..],
        &[
            ("host", "kinerja.example"),
            ("origin", "https://jahat.example"),
        ][..],
    ] {
        let answer = send(&s.app, sent(headers)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert!(answer
            .body
            .contains("hanya diterima dari formulir di situs ini"));
    }
    assert_eq!(stored(&s).await, 0);
    let same = [
        ("host", "kinerja.example"),
        ("origin", "https://kinerja.example"),
        ("sec-fetch-site", "same-origin"),
    ];
    assert_eq!(send(&s.app, sent(&same)).await.status, StatusCode::OK);
    assert_eq!(stored(&s).await, 1);
}

#[tokio::test]
async fn the_honeypot_is_thanked_and_dropped() {
    let s = site().await;
    let ktp = service(&s.store, "KTP", false).await;
    let answer = post_answers(
        &s.app,
        &ktp,
        &with(&valid(), "situs", "http://spam.example"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.contains("Terima kasih"));
    assert_eq!(stored(&s).await, 0);
}

#[tokio::test]
async fn the_same_answers_twice_are_stored_once() {
    let s = site().await;
    let ktp = service(&s.store, "KTP", false).await;
    assert_eq!(
        post_answers(&s.app, &ktp, &valid()).await.status,
        StatusCode::OK
    );
    let again = post_answers(&s.app, &ktp, &valid()).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("tidak dicatat dua kali"));
    // Someone else in the queue answering alike is another respondent.
    let other = answers_from(&ktp, &valid(), Some("192.0.2.8"));
    assert_eq!(send(&s.app, other).await.status, StatusCode::OK);
    assert_eq!(stored(&s).await, 2);
}

#[tokio::test]
async fn rate_limits_hold_per_client_and_per_service() {
    let per_minute = |burst| Limit {
        burst,
        every: Duration::from_secs(60),
    };
    let s = site_with(Settings {
        survey: SurveySettings {
            client_limit: per_minute(2),
            service_limit: per_minute(4),
            ..SurveySettings::default()
        },
        ..Settings::default()
    })
    .await;
    let ktp = service(&s.store, "KTP", false).await;
    let answer = |i: usize, ip: &str| {
        let form = with(&valid(), "usia", &(20 + i).to_string());
        answers_from(&ktp, &form, Some(ip))
    };
    for i in 0..2 {
        assert_eq!(
            send(&s.app, answer(i, "192.0.2.1")).await.status,
            StatusCode::OK
        );
    }
    let refused = send(&s.app, answer(2, "192.0.2.1")).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.headers.get(RETRY_AFTER).unwrap(), "60");
    assert!(refused.body.contains("Terlalu banyak percobaan"));
    // Other addresses go on, until the service's ceiling. It does not close the service: an address new to it
    // still answers once, while one that has answered waits although its own limits would let it through.
    for (i, ip, expected) in [
        (3, "192.0.2.2", StatusCode::OK),
        (4, "192.0.2.3", StatusCode::OK),
        (5, "192.0.2.4", StatusCode::OK),
        (6, "192.0.2.2", StatusCode::TOO_MANY_REQUESTS),
    ] {
        assert_eq!(send(&s.app, answer(i, ip)).await.status, expected, "{ip}");
    }
    assert_eq!(stored(&s).await, 5);
    // Another service has its own count.
    let kk = service(&s.store, "KK", false).await;
    let other = answers_from(&kk, &valid(), Some("192.0.2.5"));
    assert_eq!(send(&s.app, other).await.status, StatusCode::OK);
}

#[tokio::test]
async fn openings_of_the_form_are_limited_per_client() {
    let s = site_with(Settings {
        survey: SurveySettings {
            form_limit: Limit::per_minute(3),
            ..SurveySettings::default()
        },
        ..Settings::default()
    })
    .await;
    let ktp = service(&s.store, "KTP", false).await;
    let kk = service(&s.store, "KK", false).await;
    let open = |service: &Service, ip: &str| {
        let mut request = get(&format!("/survei/{}", service.code), "");
        let peer = SocketAddr::new(ip.parse().unwrap(), 40_000);
        request.extensions_mut().insert(ConnectInfo(peer));
        request
    };
    // The limit counts every service together: a client cannot escape it by opening another form.
    for service in [&ktp, &kk, &ktp] {
        assert_eq!(
            send(&s.app, open(service, "192.0.2.1")).await.status,
            StatusCode::OK
        );
    }
    let refused = send(&s.app, open(&kk, "192.0.2.1")).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.headers.get(RETRY_AFTER).unwrap(), "20");
    assert!(
        refused
            .body
            .contains("Terlalu banyak percobaan dalam waktu singkat. Tunggu 20 detik"),
        "{}",
        refused.body
    );
    // Another address still opens the form, and the refused client may still send its answers.
    let other = send(&s.app, open(&ktp, "192.0.2.2")).await;
    assert_eq!(other.status, StatusCode::OK);
    assert!(other.body.contains("Survei Kepuasan Masyarakat"));
    let sent = send(&s.app, answers_from(&ktp, &valid(), Some("192.0.2.1"))).await;
    assert_eq!(sent.status, StatusCode::OK);
}

#[tokio::test]
async fn visit_codes_are_required_and_accepted_once() {
    let s = site().await;
    let letter = service(&s.store, "Surat Pindah", true).await;
    let codes = s
        .store
        .create_visit_codes("ngoro", letter.id, 2, "uji")
        .await
        .unwrap();
    let missing = post_answers(&s.app, &letter, &valid()).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body.contains("Kode kunjungan: wajib diisi"));
    let typed = format!("{}-{}", &codes[0][..4], &codes[0][4..]);
    let accepted = post_answers(&s.app, &letter, &with(&valid(), "kode", &typed)).await;
    assert_eq!(accepted.status, StatusCode::OK);
    // The same ticket again, even with other answers: refused, the code named.
    let again = with(&with(&valid(), "kode", &codes[0]), "u2", "3");
    let refused = post_answers(&s.app, &letter, &again).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reason = format!(
        "kode '{}' tidak dikenal untuk layanan ini atau sudah dipakai",
        codes[0]
    );
    assert!(refused.body.contains(&reason), "{}", refused.body);
    assert_eq!(stored(&s).await, 1);
}

#[tokio::test]
async fn a_service_with_visit_codes_is_limited_by_its_tickets_not_by_address() {
    let s = site_with(Settings {
        survey: SurveySettings {
            address_limit: Limit::per_hour(1),
            block_limit: Limit::per_hour(1),
            service_limit: Limit::per_hour(1),
            busy_address_limit: Limit::per_hour(1),
            ..SurveySettings::default()
        },
        ..Settings::default()
    })
    .await;
    let counter = service(&s.store, "Loket Terpadu", true).await;
    let codes = s
        .store
        .create_visit_codes("ngoro", counter.id, 3, "uji")
        .await
        .unwrap();
    // One tablet at the counter, three respondents with their tickets: all stored.
    for (i, code) in codes.iter().enumerate() {
        let form = with(&with(&valid(), "kode", code), "usia", &(30 + i).to_string());
        let answer = send(&s.app, answers_from(&counter, &form, Some("192.0.2.9"))).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    }
    assert_eq!(stored(&s).await, 3);
    // A service without codes under the same limits takes one answer from that address.
    let open = service(&s.store, "Informasi", false).await;
    let first = send(&s.app, answers_from(&open, &valid(), Some("192.0.2.9"))).await;
    assert_eq!(first.status, StatusCode::OK);
    let form = with(&valid(), "usia", "41");
    let second = send(&s.app, answers_from(&open, &form, Some("192.0.2.9"))).await;
    assert_eq!(second.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(stored(&s).await, 4);
}
