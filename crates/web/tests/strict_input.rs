//! Input read strictly: every error of the API is its JSON error (out-of-range values are 400, never the nearest
//! value; axum's own refusals too), a document of a year without data is not found, and free text is stored
//! without control characters.

use axum::body::Body;
use axum::http::header::{ALLOW, AUTHORIZATION, CONTENT_TYPE};
use axum::http::{Method, Request, StatusCode};
use kinerja_storage::{Accounts, Repository, ResponseQuery, Survey};
use serde_json::Value;

use crate::common::http::{get, pairs, post, send, sign_in, Answer};
use crate::common::{service_spec, site, Site};
use crate::survey::{valid, with};

async fn admin_token(s: &Site) -> String {
    s.store
        .create_api_token("admin", "uji", None, "uji")
        .await
        .unwrap()
        .token
}

fn api(method: Method, path: &str, token: &str, body: Vec<u8>) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .unwrap()
}

/// The API's error: its status, and the message of its JSON body (which must be one).
fn galat(answer: &Answer, what: &str) -> String {
    let content_type = answer.headers[CONTENT_TYPE].to_str().unwrap();
    assert!(
        content_type.starts_with("application/json"),
        "{what}: {content_type} {}",
        answer.body
    );
    let json: Value = serde_json::from_str(&answer.body).unwrap();
    json["galat"]
        .as_str()
        .unwrap_or_else(|| panic!("{what}: {}", answer.body))
        .to_string()
}

#[tokio::test]
async fn the_api_refuses_out_of_range_quarters_with_its_json_error() {
    let s = site().await;
    let token = admin_token(&s).await;
    let monitoring = "/api/v1/units/ngoro/2024/monitoring";
    for tw in ["0", "9", "255", "256", "-1", "abc", "", "1.5", "%FF"] {
        let path = format!("{monitoring}?tw={tw}");
        let answer = send(&s.app, api(Method::GET, &path, &token, vec![])).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}");
        let why = galat(&answer, &path);
        assert!(
            why.starts_with("Parameter tw: triwulan harus 1, 2, 3 atau 4"),
            "{path}: {why}"
        );
    }
    for tw in 1..=4 {
        let path = format!("{monitoring}?tw={tw}");
        let answer = send(&s.app, api(Method::GET, &path, &token, vec![])).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        let json: Value = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(json["as_of"], tw, "{path}");
    }
    // Without tw: the latest quarter entered, as before.
    let latest = send(&s.app, api(Method::GET, monitoring, &token, vec![])).await;
    assert_eq!(latest.status, StatusCode::OK);
}

#[tokio::test]
async fn no_api_route_answers_an_error_that_is_not_json() {
    let s = site().await;
    let token = admin_token(&s).await;
    let put_path = "/api/v1/units/ngoro/2024/realisations/iku-akip";
    let cases: Vec<(Method, &str, Vec<u8>, StatusCode)> = vec![
        // A parameter given twice: axum's own query refusal.
        (
            Method::GET,
            "/api/v1/pemda/2024?urut=iku&urut=akip",
            vec![],
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::GET,
            "/api/v1/units/ngoro/2024/monitoring?tw=1&tw=2",
            vec![],
            StatusCode::BAD_REQUEST,
        ),
        // A path segment that is not UTF-8.
        (
            Method::GET,
            "/api/v1/units/%FF/2024/measurement",
            vec![],
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::PUT,
            "/api/v1/units/ngoro/2024/realisations/%FF",
            b"{}".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        // A quarter out of range in the body, a body that is not JSON, a body over the limit.
        (
            Method::PUT,
            put_path,
            br#"{"quarter": 256, "value": "1"}"#.to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::PUT,
            put_path,
            br#"{"quarter": 0, "value": "1"}"#.to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::PUT,
            put_path,
            b"\xff\xfe".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::PUT,
            put_path,
            vec![b' '; 3 * 1024 * 1024],
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        // A method the route does not serve, an address that is not one.
        (
            Method::POST,
            "/api/v1/units",
            vec![],
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            Method::DELETE,
            put_path,
            vec![],
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            Method::GET,
            "/api/v1/tidak-ada",
            vec![],
            StatusCode::NOT_FOUND,
        ),
        (Method::GET, "/api/v2/units", vec![], StatusCode::NOT_FOUND),
        // A year that is not one stays "not found", as on the pages.
        (
            Method::GET,
            "/api/v1/pemda/99999",
            vec![],
            StatusCode::NOT_FOUND,
        ),
    ];
    for (method, path, body, status) in cases {
        let what = format!("{method} {path}");
        let answer = send(&s.app, api(method, path, &token, body)).await;
        assert_eq!(answer.status, status, "{what}: {}", answer.body);
        assert!(!galat(&answer, &what).is_empty(), "{what}");
        if status == StatusCode::METHOD_NOT_ALLOWED {
            assert!(answer.headers.contains_key(ALLOW), "{what}");
        }
    }
    // Without a token, still JSON.
    let bare = Request::get("/api/v1/units/ngoro/2024/monitoring?tw=256")
        .body(Body::empty())
        .unwrap();
    let answer = send(&s.app, bare).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    galat(&answer, "no token");
    // The pages keep their own HTML errors.
    let page = send(&s.app, get("/tidak-ada", "")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.headers[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
}

#[tokio::test]
async fn documents_of_a_year_without_data_are_not_found() {
    let s = site().await;
    let admin = sign_in(&s.app, "admin").await;
    for file in [
        "lkjip.pdf",
        "lkjip.docx",
        "lkjip.xlsx",
        "pk.pdf",
        "pk.docx",
        "lhe.pdf",
        "lhe.docx",
    ] {
        for year in ["1900", "2999"] {
            let path = format!("/unit/ngoro/{year}/{file}");
            let answer = send(&s.app, get(&path, &admin.cookie)).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
            assert!(
                answer.body.contains("tidak punya data tahun"),
                "{path}: {}",
                answer.body
            );
            assert!(answer.headers[CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html"));
        }
    }
    // The year of the reference data is served as before.
    let lkjip = send(&s.app, get("/unit/ngoro/2024/lkjip.xlsx", &admin.cookie)).await;
    assert_eq!(lkjip.status, StatusCode::OK);
}

/// NUL, ESC (a terminal colour), the right-to-left override, a C1 control and a Windows line end.
const HOSTILE: &str = "Antrean\u{0} lama\u{1b}[31m,\r\nloket \u{202e}cepat\u{85} ditambah";
const CLEAN: &str = "Antrean lama[31m,\nloket cepat ditambah";

#[tokio::test]
async fn a_saran_is_stored_and_shown_without_control_characters() {
    let s = site().await;
    let ktp = s
        .store
        .create_service("ngoro", &service_spec("KTP"), "uji")
        .await
        .unwrap();
    let form = with(&valid(), "saran", HOSTILE);
    let answer = send(
        &s.app,
        post(&format!("/survei/{}", ktp.code), "", &pairs(&form)),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let year = s.store.today().year();
    let sarans = s
        .store
        .sarans(&ResponseQuery::year("ngoro", year))
        .await
        .unwrap();
    assert_eq!(sarans.len(), 1);
    assert_eq!(sarans[0].saran, CLEAN);
    let op = sign_in(&s.app, "op-ngoro").await;
    let page = send(&s.app, get(&format!("/unit/ngoro/{year}/ikm"), &op.cookie)).await;
    assert!(page.body.contains("loket cepat ditambah"), "{}", page.body);
    for control in ['\u{0}', '\u{1b}', '\u{202e}', '\u{85}', '\r'] {
        assert!(!page.body.contains(control), "{control:?} shown");
    }
}

#[tokio::test]
async fn forms_store_names_and_narratives_without_control_characters() {
    let s = site().await;
    let admin = sign_in(&s.app, "admin").await;
    // A name: the survey service's, through the unit's form.
    let added = send(
        &s.app,
        post(
            "/unit/ngoro/2024/layanan",
            &admin.cookie,
            &[
                ("csrf", admin.csrf.as_str()),
                ("nama", "KTP\u{202e}fdp.exe\u{0}"),
            ],
        ),
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let names: Vec<String> = s
        .store
        .services("ngoro")
        .await
        .unwrap()
        .into_iter()
        .map(|x| x.name)
        .collect();
    assert_eq!(names, ["KTPfdp.exe"]);
    // The audit log holds what was stored.
    let entry = s.store.audit_log(1).await.unwrap().remove(0);
    assert!(!entry.new.unwrap().contains('\u{202e}'));
}
