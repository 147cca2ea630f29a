//! Users, managed by the admin pemda only, and each user's own password and API tokens.

use axum::body::Body;
use axum::http::header::AUTHORIZATION;
use axum::http::{Request, StatusCode};
use kinerja_storage::{Accounts, Repository, Role};

use crate::common::http::{
    browser_of, get, new_user, post, send, sign_in, sign_in_with, try_sign_in,
};
use crate::common::{site, PASSWORD};

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
