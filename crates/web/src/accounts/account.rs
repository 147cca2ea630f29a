//! The signed-in user's own account (`/akun`): their API tokens for the JSON API (made with the secret shown once,
//! listed, revoked) and their password (changed with the old one). Also what the admin's user pages share with
//! it: the new-password fields and their check, and the notices after a redirect.

use crate::http::failure::{refusal, Failure};
use crate::http::format;
use crate::http::layout;
use crate::http::ratelimit::ClientIp;
use crate::http::session::{checked_password, see_other, start_session, throttled, Posted, Signed};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_storage::{Accounts, ApiToken, Session, MAX_TOKEN_DAYS, MIN_PASSWORD_CHARS};
use maud::{html, Markup};
use serde::Deserialize;

/// The notice of a page reached by a redirect, by code, so that the page only ever says its own fixed sentences
/// and never text taken from the address.
#[derive(Deserialize)]
pub(crate) struct Said {
    pesan: Option<String>,
}

impl Said {
    pub(crate) fn among(&self, known: &[(&str, &'static str)]) -> Option<&'static str> {
        let code = self.pesan.as_deref()?;
        known
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, text)| *text)
    }
}

/// A notice that something was done, or why a form was refused.
pub(crate) fn notice(done: Option<&str>, refused: Option<&str>) -> Markup {
    html! {
        @if let Some(text) = done { p.ok role="status" { (text) } }
        @if let Some(text) = refused { p.alert role="alert" { (text) } }
    }
}

/// The fields of a new password, typed twice.
pub(crate) fn new_password_fields() -> Markup {
    html! {
        label for="password" { "Kata sandi baru" }
        input #password name="password" type="password" autocomplete="new-password" required
            minlength=(MIN_PASSWORD_CHARS);
        label for="again" { "Ulangi kata sandi baru" }
        input #again name="again" type="password" autocomplete="new-password" required
            minlength=(MIN_PASSWORD_CHARS);
        p.hint { "Sekurang-kurangnya " (MIN_PASSWORD_CHARS) " karakter." }
    }
}

/// The new password, when it was typed the same twice.
pub(crate) fn repeated<'a>(password: &'a str, again: &str) -> Result<&'a str, String> {
    if password == again {
        Ok(password)
    } else {
        Err("Kata sandi baru dan ulangannya tidak sama. Ketik keduanya lagi.".into())
    }
}

/// The notice after a token is revoked, here and on the admin's list of tokens.
pub(crate) const REVOKED: (&str, &str) = (
    "dicabut",
    "Token dicabut: permintaan dengan token itu kini ditolak.",
);

const NOTICES: &[(&str, &str)] = &[
    REVOKED,
    (
        "sandi",
        "Kata sandi diganti. Sesi lain akun ini telah diakhiri dan semua token API-nya dicabut.",
    ),
];

/// What the page says besides its content.
enum Say {
    Nothing,
    Done(&'static str),
    /// The token form was refused: why, and the name typed.
    TokenRefused(String, String),
    PasswordRefused(String),
}

pub(crate) async fn page(
    State(state): State<AppState>,
    Signed(session): Signed,
    Query(said): Query<Said>,
) -> Result<Markup, Failure> {
    let say = said.among(NOTICES).map_or(Say::Nothing, Say::Done);
    render(&state, &session, say).await
}

async fn render(state: &AppState, session: &Session, say: Say) -> Result<Markup, Failure> {
    let user = &session.user;
    let tokens = state.store.api_tokens(&user.username).await?;
    let (done, token_refused, token_name, password_refused) = match &say {
        Say::Nothing => (None, None, "", None),
        Say::Done(text) => (Some(*text), None, "", None),
        Say::TokenRefused(why, name) => (None, Some(why.as_str()), name.as_str(), None),
        Say::PasswordRefused(why) => (None, None, "", Some(why.as_str())),
    };
    let body = html! {
        h1 { "Akun saya" }
        (notice(done, None))
        dl.figures {
            dt { "Nama pengguna" } dd { (user.username) }
            dt { "Nama tampilan" } dd { (user.display_name) }
            dt { "Peran" } dd { (user.role.label()) }
            dt { "Unit" } dd {
                @if user.units.is_empty() { "Semua unit" } @else { (user.units.join(", ")) }
            }
        }
        h2 { "Token API" }
        p.hint {
            "Token API dipakai sistem lain untuk membaca dan mengisi data lewat API JSON (" code { "/api/v1" }
            "), dengan hak yang sama dengan akun ini. Kirim pada setiap permintaan sebagai header "
            code { "Authorization: Bearer <token>" } ". Token hanya ditampilkan sekali, saat dibuat."
        }
        @if tokens.is_empty() {
            p { "Belum ada token." }
        } @else {
            (token_table(session, &tokens, Owners::Own))
        }
        form.stacked method="post" action="/akun/token" {
            input type="hidden" name="csrf" value=(session.csrf);
            (notice(None, token_refused))
            label for="name" { "Nama token (untuk apa atau sistem mana)" }
            input #name name="name" required maxlength="100" value=(token_name);
            label for="days" { "Masa berlaku" }
            select #days name="days" {
                option value="30" { "30 hari" }
                option value="90" selected { "90 hari" }
                option value="365" { "365 hari" }
                option value="" { "Sampai dicabut" }
            }
            button type="submit" { "Buat token" }
        }
        h2 { "Ganti kata sandi" }
        form.stacked method="post" action="/akun/sandi" {
            input type="hidden" name="csrf" value=(session.csrf);
            (notice(None, password_refused))
            label for="old_password" { "Kata sandi lama" }
            input #old_password name="old_password" type="password" autocomplete="current-password" required;
            (new_password_fields())
            button type="submit" { "Ganti kata sandi" }
        }
        p.hint { "Mengganti kata sandi mengakhiri semua sesi lain akun ini dan mencabut semua token API-nya." }
    };
    Ok(layout::page("Akun saya", session, body))
}

/// Whose tokens a table lists: the user's own (revoked on `/akun`), or everyone's, with their owners (revoked on
/// the admin's list).
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Owners {
    Own,
    Everyone,
}

/// API tokens with what is known of each — never the secret — and a button that revokes it.
pub(crate) fn token_table(session: &Session, tokens: &[ApiToken], owners: Owners) -> Markup {
    let revoke = match owners {
        Owners::Own => "/akun/token/cabut",
        Owners::Everyone => "/token-api/cabut",
    };
    html! {
        table {
            thead { tr {
                th { "Nama" } @if owners == Owners::Everyone { th { "Pemilik" } }
                th { "Kode" } th { "Dibuat" } th { "Terakhir dipakai" } th { "Berlaku sampai" } th {}
            } }
            tbody {
                @for t in tokens {
                    tr {
                        td { (t.name) }
                        @if owners == Owners::Everyone {
                            td { a href={ "/pengguna/" (t.username) } { (t.username) } }
                        }
                        td { code { (t.id) } }
                        td { (format::stamp(&t.created_at)) }
                        td { (t.last_used_at.map_or_else(|| "Belum pernah".to_string(), format::moment)) }
                        td { (t.expires_at.map_or_else(|| "Sampai dicabut".to_string(), format::moment)) }
                        td {
                            form.inline method="post" action=(revoke) {
                                input type="hidden" name="csrf" value=(session.csrf);
                                input type="hidden" name="id" value=(t.id);
                                button type="submit" { "Cabut" }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct NewToken {
    #[serde(default)]
    name: String,
    #[serde(default)]
    days: String,
}

/// Makes a token and shows it, this once: only its hash is kept.
pub(crate) async fn create_token(
    State(state): State<AppState>,
    posted: Posted<NewToken>,
) -> Result<Response, Failure> {
    let Posted { session, form } = posted;
    let me = &session.user.username;
    let days = match form.days.trim() {
        "" => None,
        text => match text.parse::<u32>() {
            Ok(days) => Some(days),
            Err(_) => {
                let why = format!(
                    "Masa berlaku: tulis jumlah hari 1–{MAX_TOKEN_DAYS}, atau kosongkan agar berlaku sampai dicabut."
                );
                return refused(&state, &session, Say::TokenRefused(why, form.name)).await;
            }
        },
    };
    let made = match refusal(state.store.create_api_token(me, &form.name, days, me).await)? {
        Ok(made) => made,
        Err(why) => return refused(&state, &session, Say::TokenRefused(why, form.name)).await,
    };
    let body = html! {
        h1 { "Token API dibuat" }
        p.ok role="status" {
            "Token “" (made.info.name) "” dibuat. Salin sekarang: token ini tidak disimpan dan tidak dapat "
            "ditampilkan lagi."
        }
        pre.token { (made.token) }
        p { "Kirim pada setiap permintaan ke API JSON sebagai header:" }
        pre.token { "Authorization: Bearer " (made.token) }
        p {
            "Berlaku sampai: "
            (made.info.expires_at.map_or_else(|| "dicabut".to_string(), format::moment))
            ". Kode token untuk mencabutnya: " code { (made.info.id) } "."
        }
        p { a href="/akun" { "Kembali ke akun saya" } }
    };
    Ok(layout::page("Token API dibuat", &session, body).into_response())
}

async fn refused(state: &AppState, session: &Session, say: Say) -> Result<Response, Failure> {
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        render(state, session, say).await?,
    )
        .into_response())
}

/// The form that revokes a token: its [`ApiToken::id`].
#[derive(Deserialize)]
pub(crate) struct Revoke {
    #[serde(default)]
    pub id: String,
}

/// Revokes one of the user's own tokens; another user's token is not found here.
pub(crate) async fn revoke_token(
    State(state): State<AppState>,
    posted: Posted<Revoke>,
) -> Result<Response, Failure> {
    let Posted { session, form } = posted;
    let me = &session.user.username;
    let own = state.store.api_tokens(me).await?;
    if !own.iter().any(|t| t.id == form.id) || !state.store.revoke_api_token(&form.id, me).await? {
        return Err(Failure::NotFound(
            "Token itu tidak ada di akun Anda (mungkin sudah dicabut).".into(),
        ));
    }
    Ok(see_other("/akun?pesan=dicabut"))
}

#[derive(Deserialize)]
pub(crate) struct PasswordChange {
    #[serde(default)]
    old_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    again: String,
}

/// Changes the user's password given the old one. Every session of the user ends, so this browser gets a new one.
pub(crate) async fn change_password(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    posted: Posted<PasswordChange>,
) -> Result<Response, Failure> {
    let Posted { session, form } = posted;
    let me = &session.user.username;
    let new = match repeated(&form.password, &form.again) {
        Ok(new) => new,
        Err(why) => return refused(&state, &session, Say::PasswordRefused(why)).await,
    };
    // Checked as a sign-in, so that guessing here is slowed like guessing there.
    let why = match checked_password(&state, ip, me, &form.old_password).await? {
        Ok(Some(_)) => None,
        Ok(None) => Some("Kata sandi lama salah.".to_string()),
        Err(wait) => Some(throttled(wait)),
    };
    if let Some(why) = why {
        return refused(&state, &session, Say::PasswordRefused(why)).await;
    }
    if let Err(why) = refusal(state.store.set_password(me, new, me).await)? {
        return refused(&state, &session, Say::PasswordRefused(why)).await;
    }
    start_session(&state, me, "/akun?pesan=sandi").await
}
