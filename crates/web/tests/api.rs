//! The JSON API driven in-process over a fresh SQLite database holding the reference data (Kecamatan Ngoro 2024),
//! with one user and one API token per role.

use axum::body::Body;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, WWW_AUTHENTICATE};
use axum::http::{Method, Request, StatusCode};
use axum::Router;
use kinerja_domain::measure::measure;
use kinerja_storage::{Accounts, Repository, Store};
use serde_json::{json, Value};
use std::collections::HashMap;
use tower::ServiceExt;

use crate::common;
use crate::common::USERS;

/// The shared site, with one API token per user.
struct Site {
    app: Router,
    store: Store,
    /// username → API token
    tokens: HashMap<&'static str, String>,
    _site: common::Site,
}

async fn site() -> Site {
    let base = common::site().await;
    let mut tokens = HashMap::new();
    for (username, _, _) in USERS {
        let made = base
            .store
            .create_api_token(username, "uji", None, "uji")
            .await
            .unwrap();
        tokens.insert(*username, made.token);
    }
    Site {
        app: base.app.clone(),
        store: base.store.clone(),
        tokens,
        _site: base,
    }
}

struct Answer {
    status: StatusCode,
    www_authenticate: Option<String>,
    json: Value,
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let www_authenticate = response
        .headers()
        .get(WWW_AUTHENTICATE)
        .map(|v| v.to_str().unwrap().to_string());
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer {
        status,
        www_authenticate,
        json,
    }
}

fn get(path: &str, token: &str) -> Request<Body> {
    Request::get(path)
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
}

fn put(path: &str, token: &str, body: &Value) -> Request<Body> {
    Request::put(path)
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

const ANNUAL: &str = "/api/v1/units/ngoro/2024/realisations/iku-akip";

#[tokio::test]
async fn without_a_valid_token_the_api_answers_401_and_cookies_do_not_count() {
    let s = site().await;
    let bare = Request::get("/api/v1/units").body(Body::empty()).unwrap();
    let answer = send(&s.app, bare).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.www_authenticate.as_deref(), Some("Bearer"));
    assert!(answer.json["galat"].as_str().unwrap().contains("Token API"));
    for token in ["bukan-token", ""] {
        let answer = send(&s.app, get("/api/v1/units", token)).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{token:?}");
    }
    // A live browser session in a cookie does not authorise the API, for reading or writing.
    let session = s.store.create_session("admin").await.unwrap();
    let cookie = format!("kinerja_sesi={}", session.token);
    let by_cookie = Request::get("/api/v1/units")
        .header(COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        send(&s.app, by_cookie).await.status,
        StatusCode::UNAUTHORIZED
    );
    let write_by_cookie = Request::put(ANNUAL)
        .header(COOKIE, &cookie)
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(json!({ "value": "1" }).to_string()))
        .unwrap();
    assert_eq!(
        send(&s.app, write_by_cookie).await.status,
        StatusCode::UNAUTHORIZED
    );
    // Nor does a session token sent as a bearer token.
    let answer = send(&s.app, get("/api/v1/units", &session.token)).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_revoked_token_is_refused() {
    let s = site().await;
    let made = s
        .store
        .create_api_token("op-ngoro", "sementara", None, "admin")
        .await
        .unwrap();
    assert_eq!(
        send(&s.app, get("/api/v1/units", &made.token)).await.status,
        StatusCode::OK
    );
    assert!(s
        .store
        .revoke_api_token(&made.info.id, "admin")
        .await
        .unwrap());
    let answer = send(&s.app, get("/api/v1/units", &made.token)).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    // The other token of the same user still works.
    assert_eq!(
        send(&s.app, get("/api/v1/units", &s.tokens["op-ngoro"]))
            .await
            .status,
        StatusCode::OK
    );
}

/// Who reads which route is in the authorisation matrix (`authorisation.rs`), with the pages.
#[tokio::test]
async fn only_admins_and_the_units_operators_write_and_each_lists_the_units_they_read() {
    let s = site().await;
    const OK: StatusCode = StatusCode::OK;
    const NO: StatusCode = StatusCode::FORBIDDEN;
    // Only admins and the unit's operators write; the refusal comes before the body is read.
    let puts = [OK, OK, NO, NO, NO, NO];
    for (i, (username, _, _)) in USERS.iter().enumerate() {
        let version = s
            .store
            .realisation("iku-akip", 2024, None)
            .await
            .unwrap()
            .unwrap()
            .version;
        let body = json!({ "value": "80.2", "version": version });
        let answer = send(&s.app, put(ANNUAL, &s.tokens[username], &body)).await;
        assert_eq!(answer.status, puts[i], "PUT as {username}: {}", answer.json);
    }

    // The unit list is what each user may read.
    let codes = |json: &Value| -> Vec<String> {
        json.as_array()
            .unwrap()
            .iter()
            .map(|u| u["code"].as_str().unwrap().to_string())
            .collect()
    };
    let all = codes(
        &send(&s.app, get("/api/v1/units", &s.tokens["admin"]))
            .await
            .json,
    );
    assert!(all.contains(&"ngoro".to_string()) && all.contains(&"ngoro-pmd".to_string()));
    let pembaca = codes(
        &send(&s.app, get("/api/v1/units", &s.tokens["pembaca"]))
            .await
            .json,
    );
    assert_eq!(pembaca, ["ngoro-pmd"]);
}

#[tokio::test]
async fn the_measurement_is_the_domain_measurement_with_decimals_as_strings() {
    let s = site().await;
    let answer = send(
        &s.app,
        get("/api/v1/units/ngoro/2024/measurement", &s.tokens["camat"]),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    let data = s.store.load_unit("ngoro").await.unwrap();
    let expected = serde_json::to_value(measure(&data, "ngoro", 2024).unwrap()).unwrap();
    assert_eq!(answer.json, expected);
    assert!(
        answer.json["iku"]["average"]["value"].is_string(),
        "{}",
        answer.json["iku"]["average"]
    );

    for path in [
        "/api/v1/units/tidak-ada/2024/measurement",
        "/api/v1/units/ngoro/20x4/measurement",
        "/api/v1/units/tidak-ada/2024/realisations",
    ] {
        let answer = send(&s.app, get(path, &s.tokens["admin"])).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert!(answer.json["galat"].is_string(), "{path}: {}", answer.json);
    }
}

#[tokio::test]
async fn realisations_are_saved_with_their_version_and_conflicts_answer_409() {
    let s = site().await;
    let list = send(
        &s.app,
        get(
            "/api/v1/units/ngoro/2024/realisations",
            &s.tokens["op-ngoro"],
        ),
    )
    .await;
    assert_eq!(list.status, StatusCode::OK);
    let annual = list
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"] == "iku-akip" && r["quarter"].is_null())
        .unwrap()
        .clone();
    assert_eq!(
        (&annual["value"], &annual["version"]),
        (&json!("80.15"), &json!(1))
    );

    let op = &s.tokens["op-ngoro"];
    let saved = send(
        &s.app,
        put(
            ANNUAL,
            op,
            &json!({ "value": "80.5", "note": "final", "version": 1 }),
        ),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.json);
    assert_eq!(
        (
            &saved.json["value"],
            &saved.json["version"],
            &saved.json["updated_by"]
        ),
        (&json!("80.5"), &json!(2), &json!("op-ngoro"))
    );
    // The measurement follows.
    let m = send(&s.app, get("/api/v1/units/ngoro/2024/measurement", op)).await;
    let data = s.store.load_unit("ngoro").await.unwrap();
    assert_eq!(
        m.json,
        serde_json::to_value(measure(&data, "ngoro", 2024).unwrap()).unwrap()
    );

    // A writer still at version 1 loses nothing and learns the current value and version.
    let stale = send(
        &s.app,
        put(
            ANNUAL,
            &s.tokens["admin"],
            &json!({ "value": "79", "version": 1 }),
        ),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.json);
    assert_eq!(
        (
            &stale.json["current"]["value"],
            &stale.json["current"]["version"]
        ),
        (&json!("80.5"), &json!(2))
    );
    assert!(stale.json["galat"]
        .as_str()
        .unwrap()
        .contains("sudah diubah"));
    let stored = s
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.value.value.to_string(), stored.version),
        ("80.5".into(), 2)
    );

    // A new quarter is created without a version.
    let q4 = send(
        &s.app,
        put(ANNUAL, op, &json!({ "quarter": 4, "value": "81" })),
    )
    .await;
    assert_eq!(
        (q4.status, &q4.json["quarter"], &q4.json["version"]),
        (StatusCode::OK, &json!(4), &json!(1))
    );

    // Bad bodies and unknown indicators are refused in Indonesian.
    for body in [
        json!({ "quarter": 5, "value": "1" }),
        json!({ "value": "abc" }),
        json!({ "nilai": "1" }),
    ] {
        let answer = send(&s.app, put(ANNUAL, op, &body)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
        assert!(answer.json["galat"].is_string());
    }
    let other = send(
        &s.app,
        put(
            "/api/v1/units/ngoro/2024/realisations/tidak-ada",
            op,
            &json!({ "value": "1" }),
        ),
    )
    .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    // No token secret reaches the audit log.
    for entry in s.store.audit_log(100_000).await.unwrap() {
        let text = format!("{entry:?}");
        for token in s.tokens.values() {
            assert!(!text.contains(token.as_str()), "{text}");
        }
    }
}

/// Every documented operation is served, and every method the API serves on a documented path is documented.
#[tokio::test]
async fn the_openapi_document_matches_the_routes() {
    let s = site().await;
    let answer = send(
        &s.app,
        Request::get("/api/v1/openapi.json")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    let doc = answer.json;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let paths = doc["paths"].as_object().unwrap();
    assert_eq!(paths.len(), 8);
    for (path, operations) in paths {
        assert!(path.starts_with("/api/v1/"), "{path}");
        let concrete = path
            .replace("{code}", "ngoro")
            .replace("{year}", "2024")
            .replace("{indicator}", "iku-akip");
        for method in [
            Method::GET,
            Method::PUT,
            Method::POST,
            Method::DELETE,
            Method::PATCH,
        ] {
            let documented = operations.get(method.as_str().to_lowercase()).is_some();
            let request = Request::builder()
                .method(method.clone())
                .uri(&concrete)
                .header(AUTHORIZATION, format!("Bearer {}", s.tokens["admin"]))
                .header(CONTENT_TYPE, "application/json")
                .body(Body::from(
                    json!({ "value": "80.15", "version": 1 }).to_string(),
                ))
                .unwrap();
            let status = send(&s.app, request).await.status;
            let served =
                status != StatusCode::METHOD_NOT_ALLOWED && status != StatusCode::NOT_FOUND;
            assert_eq!(served, documented, "{method} {path}: {status}");
        }
        // Every reference resolves.
        for op in operations.as_object().unwrap().values() {
            check_refs(op, &doc);
        }
    }
}

fn check_refs(value: &Value, doc: &Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                let pointer = r.strip_prefix('#').unwrap();
                let target = doc
                    .pointer(pointer)
                    .unwrap_or_else(|| panic!("{r} not found"));
                check_refs(target, doc);
            }
            map.values().for_each(|v| check_refs(v, doc));
        }
        Value::Array(items) => items.iter().for_each(|v| check_refs(v, doc)),
        _ => {}
    }
}

#[tokio::test]
async fn early_warning_and_reviu_are_the_domains() {
    let s = site().await;
    let token = &s.tokens["op-ngoro"];
    // The reference has annual values only: nothing to project yet.
    let before = send(&s.app, get("/api/v1/units/ngoro/2024/monitoring", token)).await;
    assert_eq!(before.status, StatusCode::OK);
    assert!(before.json["as_of"].is_null());
    let version = s
        .store
        .realisation("iku-akip", 2024, Some(1))
        .await
        .unwrap()
        .map(|v| v.version);
    assert!(version.is_none());
    let body = json!({ "quarter": 1, "value": "70" });
    let answer = send(&s.app, put(ANNUAL, token, &body)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    let data = s.store.load_unit("ngoro").await.unwrap();
    let expected = kinerja_domain::monitoring::monitor(&data, "ngoro", 2024, None).unwrap();
    let after = send(&s.app, get("/api/v1/units/ngoro/2024/monitoring", token)).await;
    assert_eq!(after.json["as_of"], 1);
    assert_eq!(after.json, serde_json::to_value(&expected).unwrap());
    let review = send(&s.app, get("/api/v1/units/ngoro/2024/review", token)).await;
    let expected = kinerja_domain::review::review(&data, "ngoro", 2024).unwrap();
    assert_eq!(review.json, serde_json::to_value(&expected).unwrap());
}
