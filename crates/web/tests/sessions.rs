//! Signing in and out: the same refusal for every failure, failures slowing their address (never locking the
//! account), the session cookie, pages without a session, the CSRF token every form carries, and the sign-in rate
//! limit per client address (behind a trusted proxy, by its header).

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::header::RETRY_AFTER;
use axum::http::{Request, StatusCode};
use kinerja_storage::{Accounts, Repository};
use kinerja_web::{Limit, Settings, SignInFailureLimits};
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
async fn sign_in_refuses_alike() {
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
    // A few failures lock nothing.
    for _ in 0..4 {
        try_sign_in(&s.app, "op-ngoro", "kata-sandi-yang-salah").await;
    }
    sign_in(&s.app, "op-ngoro").await;
}

/// Failures budgets small enough to spend in a test, refilled too slowly to matter while it runs; attempts
/// themselves not limited.
fn failure_budgets(trust_proxy: bool) -> Settings {
    Settings {
        trust_proxy,
        sign_in_limit: Limit {
            burst: 1000,
            every: Duration::from_secs(3600),
        },
        sign_in_failures: SignInFailureLimits {
            per_address: Limit {
                burst: 5,
                every: Duration::from_secs(3600),
            },
            per_account: Limit {
                burst: 3,
                every: Duration::from_secs(3600),
            },
        },
        ..Settings::default()
    }
}

const SLOWED: &str = "Terlalu banyak kata sandi salah dari alamat Anda";

#[tokio::test]
async fn failed_sign_ins_slow_their_address_and_never_lock_the_owner_out() {
    let s = site_with(failure_budgets(false)).await;
    let (x, y) = (address("192.0.2.1"), address("192.0.2.2"));
    for _ in 0..3 {
        let wrong = try_sign_in_from(&s.app, &x, "admin", "tebakan-penyerang").await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    // Address x is refused the account now, the right password included, and told how long to wait.
    let slowed = try_sign_in_from(&s.app, &x, "admin", PASSWORD).await;
    assert_eq!(slowed.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(slowed.body.contains(SLOWED), "{}", slowed.body);
    assert!(slowed.body.contains("menit"));
    let retry: u64 = slowed.headers[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&retry), "{retry}");
    assert!(slowed
        .cookies()
        .iter()
        .all(|c| !c.starts_with("kinerja_sesi")));
    // The owner, at another address, signs in at once: the account is not locked.
    let owner = try_sign_in_from(&s.app, &y, "admin", PASSWORD).await;
    assert_eq!(owner.status, StatusCode::SEE_OTHER);
    // From x, other accounts have their own budget until x's own is spent: a success costs nothing.
    let other = try_sign_in_from(&s.app, &x, "camat", PASSWORD).await;
    assert_eq!(other.status, StatusCode::SEE_OTHER);
    for _ in 0..2 {
        let wrong = try_sign_in_from(&s.app, &x, "tidak-ada", "tebakan").await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    let spent = try_sign_in_from(&s.app, &x, "camat", PASSWORD).await;
    assert_eq!(spent.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(spent.body.contains(SLOWED));
    assert_eq!(
        try_sign_in_from(&s.app, &y, "camat", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );

    // Guessing the old password on /akun spends the same budget, and is told the same.
    let camat = sign_in(&s.app, "camat").await;
    let change = |old: &str| {
        let mut request = post(
            "/akun/sandi",
            &camat.cookie,
            &[
                ("csrf", camat.csrf.as_str()),
                ("old_password", old),
                ("password", "kata-sandi-baru-sekali"),
                ("again", "kata-sandi-baru-sekali"),
            ],
        );
        address("198.51.100.7")(&mut request);
        request
    };
    for _ in 0..3 {
        let wrong = send(&s.app, change("salah-salah-salah")).await;
        assert!(wrong.body.contains("Kata sandi lama salah"));
    }
    let slowed = send(&s.app, change(PASSWORD)).await;
    assert!(slowed.body.contains(SLOWED), "{}", slowed.body);
    assert!(s.store.login("camat", PASSWORD).await.unwrap().is_some());
}

#[tokio::test]
async fn behind_a_trusted_proxy_failures_slow_the_forwarded_address() {
    let s = site_with(failure_budgets(true)).await;
    let via_proxy = |client: &'static str| {
        move |r: &mut Request<Body>| {
            address("10.0.0.1")(r);
            r.headers_mut()
                .insert("x-forwarded-for", client.parse().unwrap());
        }
    };
    for _ in 0..3 {
        try_sign_in_from(&s.app, via_proxy("203.0.113.1"), "admin", "tebakan").await;
    }
    let slowed = try_sign_in_from(&s.app, via_proxy("203.0.113.1"), "admin", PASSWORD).await;
    assert_eq!(slowed.status, StatusCode::TOO_MANY_REQUESTS);
    // The owner behind the same proxy, at another address, is not the attacker.
    let owner = try_sign_in_from(&s.app, via_proxy("203.0.113.2"), "admin", PASSWORD).await;
    assert_eq!(owner.status, StatusCode::SEE_OTHER);
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
