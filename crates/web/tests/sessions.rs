//! Signing in and out: the same refusal for every failure and the lockout, the session cookie, pages without a
//! session, the CSRF token every form carries, and the sign-in rate limit per client address (behind a trusted
//! proxy, by its header).

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::header::RETRY_AFTER;
use axum::http::{Request, StatusCode};
use kinerja_storage::{Accounts, Repository};
use kinerja_web::{Limit, Settings};
use std::net::SocketAddr;
use std::time::Duration;

use crate::common::http::{get, post, send, sign_in, try_sign_in, try_sign_in_from, Answer};
use crate::common::{site, site_with, PASSWORD};

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
