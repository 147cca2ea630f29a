//! API tokens end with the password they were made under, and the admin sees and revokes every user's tokens.

use axum::body::Body;
use axum::http::header::AUTHORIZATION;
use axum::http::{Request, StatusCode};
use kinerja_storage::{Accounts, Repository};

use crate::common::http::{get, post, send, sign_in, sign_in_with};
use crate::common::{site, Site, PASSWORD};

/// What the API answers a token.
async fn api_status(s: &Site, token: &str) -> StatusCode {
    let request = Request::get("/api/v1/units")
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    send(&s.app, request).await.status
}

async fn token_of(s: &Site, username: &str, name: &str) -> (String, String) {
    let made = s
        .store
        .create_api_token(username, name, None, username)
        .await
        .unwrap();
    (made.token, made.info.id)
}

#[tokio::test]
async fn a_new_password_revokes_the_users_api_tokens() {
    let s = site().await;
    let (token, _) = token_of(&s, "op-ngoro", "SIPD").await;
    let (others, _) = token_of(&s, "camat", "Dasbor").await;
    assert_eq!(api_status(&s, &token).await, StatusCode::OK);

    // The owner changes their own password: the token made before it stops working.
    let op = sign_in(&s.app, "op-ngoro").await;
    let new = "kata-sandi-baru-sekali";
    let changed = send(
        &s.app,
        post(
            "/akun/sandi",
            &op.cookie,
            &[
                ("csrf", op.csrf.as_str()),
                ("old_password", PASSWORD),
                ("password", new),
                ("again", new),
            ],
        ),
    )
    .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    assert_eq!(api_status(&s, &token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(api_status(&s, &others).await, StatusCode::OK);
    assert!(s.store.api_tokens("op-ngoro").await.unwrap().is_empty());

    // An admin's reset: the same.
    let (token, _) = token_of(&s, "op-ngoro", "SIPD baru").await;
    assert_eq!(api_status(&s, &token).await, StatusCode::OK);
    let admin = sign_in(&s.app, "admin").await;
    let reset = send(
        &s.app,
        post(
            "/pengguna/op-ngoro/sandi",
            &admin.cookie,
            &[
                ("csrf", admin.csrf.as_str()),
                ("password", "kata-sandi-setelan-admin"),
                ("again", "kata-sandi-setelan-admin"),
            ],
        ),
    )
    .await;
    assert_eq!(reset.status, StatusCode::SEE_OTHER, "{}", reset.body);
    assert_eq!(api_status(&s, &token).await, StatusCode::UNAUTHORIZED);
    assert!(s.store.api_tokens("op-ngoro").await.unwrap().is_empty());
    let entry = s.store.audit_log(1).await.unwrap().remove(0);
    assert_eq!(
        (entry.kind.as_str(), entry.actor.as_str()),
        ("user", "admin")
    );
    assert!(entry.new.unwrap().contains("\"token_dicabut\":1"));
    sign_in_with(&s.app, "op-ngoro", "kata-sandi-setelan-admin").await;
}

#[tokio::test]
async fn the_admin_lists_and_revokes_every_users_tokens() {
    let s = site().await;
    let (sipd, sipd_id) = token_of(&s, "op-ngoro", "Aplikasi SIPD").await;
    let (dasbor, dasbor_id) = token_of(&s, "camat", "Dasbor Camat").await;
    assert_eq!(api_status(&s, &sipd).await, StatusCode::OK);
    let admin = sign_in(&s.app, "admin").await;

    let page = send(&s.app, get("/token-api", &admin.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let row = |id: &str| {
        let at = page.body.find(&format!("<code>{id}</code>")).unwrap();
        let start = page.body[..at].rfind("<tr>").unwrap();
        page.body[start..at + page.body[at..].find("</tr>").unwrap()].to_string()
    };
    let (sipd_row, dasbor_row) = (row(&sipd_id), row(&dasbor_id));
    for text in [
        "Aplikasi SIPD",
        "op-ngoro",
        "UTC",
        "Sampai dicabut",
        "Cabut",
    ] {
        assert!(sipd_row.contains(text), "{text} not in {sipd_row}");
    }
    // Used once (the request above): a moment; never used: said so.
    assert!(!sipd_row.contains("Belum pernah"), "{sipd_row}");
    assert!(dasbor_row.contains("Dasbor Camat") && dasbor_row.contains("camat"));
    assert!(dasbor_row.contains("Belum pernah"), "{dasbor_row}");
    // Never the secret.
    assert!(!page.body.contains(&sipd) && !page.body.contains(&dasbor));
    assert!(s.store.all_api_tokens().await.unwrap().len() >= 2);

    // The revoke form needs the session's token.
    let forged = send(
        &s.app,
        post(
            "/token-api/cabut",
            &admin.cookie,
            &[("id", sipd_id.as_str())],
        ),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(api_status(&s, &sipd).await, StatusCode::OK);

    let revoked = send(
        &s.app,
        post(
            "/token-api/cabut",
            &admin.cookie,
            &[("csrf", admin.csrf.as_str()), ("id", sipd_id.as_str())],
        ),
    )
    .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert_eq!(revoked.location(), "/token-api?pesan=dicabut");
    let after = send(&s.app, get(revoked.location(), &admin.cookie)).await;
    assert!(after.body.contains("Token dicabut"));
    assert!(!after.body.contains(&sipd_id));
    assert_eq!(api_status(&s, &sipd).await, StatusCode::UNAUTHORIZED);
    assert_eq!(api_status(&s, &dasbor).await, StatusCode::OK);
    let entry = s.store.audit_log(1).await.unwrap().remove(0);
    assert_eq!(
        (
            entry.kind.as_str(),
            entry.action.as_str(),
            entry.actor.as_str(),
            entry.key.as_str()
        ),
        ("api_token", "hapus", "admin", "op-ngoro")
    );

    // Revoked already, or never made: not found, nothing written.
    for id in [sipd_id.as_str(), "0123456789abcdef", "%"] {
        let again = send(
            &s.app,
            post(
                "/token-api/cabut",
                &admin.cookie,
                &[("csrf", admin.csrf.as_str()), ("id", id)],
            ),
        )
        .await;
        assert_eq!(again.status, StatusCode::NOT_FOUND, "{id}");
    }
    assert_eq!(s.store.audit_log(1).await.unwrap().remove(0).id, entry.id);
}
