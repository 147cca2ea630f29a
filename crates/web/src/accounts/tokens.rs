//! Every user's API tokens, for the admin pemda (`/token-api`): name, owner, when made, when last used, until when
//! valid — never the secret, which is not stored — each with a button that revokes it.

use crate::access::ManageUsers;
use crate::accounts::account::{notice, token_table, Owners, Revoke, Said, REVOKED};
use crate::http::failure::Failure;
use crate::http::guard::Granted;
use crate::http::layout;
use crate::http::session::{see_other, Posted};
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use kinerja_storage::Accounts;
use maud::{html, Markup};

const NOTICES: &[(&str, &str)] = &[REVOKED];

pub(crate) async fn list(
    State(state): State<AppState>,
    Granted(session, ..): Granted<ManageUsers>,
    Query(said): Query<Said>,
) -> Result<Markup, Failure> {
    let tokens = state.store.all_api_tokens().await?;
    let body = html! {
        h1 { "Token API semua pengguna" }
        (notice(said.among(NOTICES), None))
        p.hint {
            "Token dibuat pemiliknya di halaman Akun saya, atau dengan " code { "kinerja admin token" }
            ". Rahasia token tidak disimpan dan tidak dapat ditampilkan. Mengganti atau menyetel kata sandi "
            "seseorang mencabut semua tokennya. Waktu dalam UTC; terakhir dipakai dicatat per menit."
        }
        @if tokens.is_empty() {
            p { "Belum ada token." }
        } @else {
            (token_table(&session, &tokens, Owners::Everyone))
        }
        p { a href="/pengguna" { "Kembali ke daftar pengguna" } }
    };
    Ok(layout::page("Token API", &session, body))
}

/// Revokes any user's token, with the admin as the audit entry's actor.
pub(crate) async fn revoke(
    State(state): State<AppState>,
    Granted(session, ..): Granted<ManageUsers>,
    Posted { form, .. }: Posted<Revoke>,
) -> Result<Response, Failure> {
    if !state
        .store
        .revoke_api_token(&form.id, &session.user.username)
        .await?
    {
        return Err(Failure::NotFound(
            "Token itu tidak ada (mungkin sudah dicabut).".into(),
        ));
    }
    Ok(see_other("/token-api?pesan=dicabut"))
}
