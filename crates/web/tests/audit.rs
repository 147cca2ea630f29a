//! The audit log, read as narrowly as the data it describes: an evaluator of some units reads their entries only,
//! account and sign-in events are the admins'.

use axum::http::StatusCode;
use kinerja_storage::{Accounts, AuditScope, NewUser, Repository, Role};

use crate::common::http::{get, new_user, post, send, sign_in, Answer};
use crate::common::{site, Site, PASSWORD};

const ACCOUNT_KINDS: [&str; 3] = ["user", "session", "api_token"];

/// The rows of the log's table.
fn rows(page: &Answer) -> usize {
    let body = &page.body[page.body.find("<tbody>").expect("the log's table")..];
    body.matches("<tr>").count()
}

async fn add_service(s: &Site, operator: &str, unit: &str, name: &str) {
    let op = sign_in(&s.app, operator).await;
    let added = send(
        &s.app,
        post(
            &format!("/unit/{unit}/2024/layanan"),
            &op.cookie,
            &[("csrf", op.csrf.as_str()), ("nama", name)],
        ),
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
}

#[tokio::test]
async fn each_role_reads_the_audit_entries_it_may() {
    let s = site().await;
    s.store
        .create_user(
            &NewUser {
                username: "eval-pmd".into(),
                display_name: "Evaluator PMD".into(),
                role: Role::Evaluator,
                units: vec!["ngoro-pmd".into()],
            },
            PASSWORD,
            "uji",
        )
        .await
        .unwrap();
    add_service(&s, "op-ngoro", "ngoro", "Layanan Rahasia Ngoro").await;
    add_service(&s, "op-pmd", "ngoro-pmd", "Layanan Terbuka PMD").await;
    // An account event and sign-in events (every sign-in above, and these).
    let admin = sign_in(&s.app, "admin").await;
    let made = send(
        &s.app,
        post(
            "/pengguna",
            &admin.cookie,
            &new_user(&admin, "op-baru", "operator", &["ngoro"], PASSWORD),
        ),
    )
    .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);

    let page_of = |username: &'static str| {
        let app = s.app.clone();
        async move {
            let b = sign_in(&app, username).await;
            let page = send(&app, get("/audit", &b.cookie)).await;
            assert_eq!(page.status, StatusCode::OK, "{username}");
            page
        }
    };
    let no_account_event = |page: &Answer, who: &str| {
        for kind in ACCOUNT_KINDS {
            assert!(
                !page.body.contains(&format!("<td>{kind}</td>")),
                "{who} reads {kind} events"
            );
        }
        assert!(
            !page.body.contains("op-baru"),
            "{who} reads the new account"
        );
    };

    // The evaluator of ngoro-pmd: that unit's entries, exactly those of the scoped query, nothing else.
    let pmd = page_of("eval-pmd").await;
    assert!(pmd.body.contains("Layanan Terbuka PMD"));
    assert!(!pmd.body.contains("Layanan Rahasia Ngoro"));
    no_account_event(&pmd, "eval-pmd");
    let scoped = s
        .store
        .audit_log_in(&AuditScope::Units(vec!["ngoro-pmd".into()]), 1000)
        .await
        .unwrap();
    assert!(scoped
        .iter()
        .all(|e| e.unit.as_deref() == Some("ngoro-pmd")));
    assert_eq!(rows(&pmd), scoped.len());
    // None of ngoro's many entries (the reference import) is on the page.
    assert!(!pmd.body.contains("<td>ngoro|"));
    assert!(!pmd.body.contains("iku-"));

    // The evaluator of the whole pemda: every unit's changes, no account event.
    let all = page_of("inspektorat").await;
    assert!(all.body.contains("Layanan Terbuka PMD"));
    assert!(all.body.contains("Layanan Rahasia Ngoro"));
    no_account_event(&all, "inspektorat");

    // The admin: all of it.
    let everything = page_of("admin").await;
    for text in [
        "Layanan Terbuka PMD",
        "Layanan Rahasia Ngoro",
        "<td>user</td>",
        "<td>session</td>",
        "op-baru",
    ] {
        assert!(everything.body.contains(text), "admin misses {text}");
    }
    let newest = s.store.audit_log(200).await.unwrap();
    assert_eq!(rows(&everything), newest.len());

    // The roles that do not read the log at all.
    for username in ["op-ngoro", "op-pmd", "camat", "pembaca"] {
        let b = sign_in(&s.app, username).await;
        let refused = send(&s.app, get("/audit", &b.cookie)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{username}");
    }
}
