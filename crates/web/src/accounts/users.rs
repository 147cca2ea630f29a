//! User management, for the admin pemda only: the list of users with a form to add one (`/pengguna`), and a page
//! per user (`/pengguna/{username}`) to change the display name, role, units and whether the account is active,
//! or to set a new password. Accounts are never deleted: deactivating keeps the name the audit log refers to.

use crate::access::ManageUsers;
use crate::accounts::account::{new_password_fields, notice, repeated, Said};
use crate::http::failure::{refusal, sentence, Failure};
use crate::http::guard::Granted;
use crate::http::layout;
use crate::http::session::{see_other, start_session, Posted};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_domain::model::Unit;
use kinerja_storage::{Accounts, NewUser, Repository, Role, Session, User, UserChange};
use maud::{html, Markup};
use serde::Deserialize;

/// A user form as posted. Its unit checkboxes repeat one field name, which a struct cannot take, so the fields
/// arrive as pairs.
type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

/// What the admin typed, given back when a form is refused so that nothing but the passwords is typed again.
#[derive(Default)]
struct Draft {
    username: String,
    display_name: String,
    role: String,
    units: Vec<String>,
    active: bool,
}

impl Draft {
    fn posted(fields: &Fields) -> Draft {
        Draft {
            username: field(fields, "username").trim().to_string(),
            display_name: field(fields, "display_name").to_string(),
            role: field(fields, "role").to_string(),
            units: fields
                .iter()
                .filter(|(n, _)| n == "unit")
                .map(|(_, v)| v.clone())
                .collect(),
            active: fields.iter().any(|(n, _)| n == "active"),
        }
    }

    fn of(user: &User) -> Draft {
        Draft {
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            role: user.role.code().to_string(),
            units: user.units.clone(),
            active: user.active,
        }
    }

    fn role(&self) -> Result<Role, String> {
        self.role.parse().map_err(|e: String| sentence(&e))
    }
}

/// The units a user acts on, by name; none given means all of them (or, for a reader, the whole pemda).
fn units_text(user: &User, units: &[Unit]) -> String {
    if user.units.is_empty() {
        return "Semua unit".into();
    }
    user.units
        .iter()
        .map(|code| {
            units
                .iter()
                .find(|u| &u.code == code)
                .map_or(code.as_str(), |u| u.name.as_str())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Display name, role and units: the fields the new-user form and a user's page share.
fn profile_fields(draft: &Draft, units: &[Unit]) -> Markup {
    html! {
        label for="display_name" { "Nama tampilan" }
        input #display_name name="display_name" required maxlength="200" value=(draft.display_name);
        label for="role" { "Peran" }
        select #role name="role" {
            @for role in Role::ALL {
                option value=(role.code()) selected[draft.role == role.code()] { (role.label()) }
            }
        }
        fieldset.units {
            legend { "Unit" }
            p.hint {
                "Wajib untuk operator dan pimpinan unit. Kosongkan untuk admin pemda; untuk evaluator dan "
                "hanya baca, kosong berarti seluruh pemda."
            }
            @for unit in units {
                label.check {
                    input type="checkbox" name="unit" value=(unit.code)
                        checked[draft.units.contains(&unit.code)];
                    " " (unit.name) " (" (unit.code) ")"
                }
            }
        }
    }
}

pub(crate) async fn list(
    State(state): State<AppState>,
    Granted(session, ..): Granted<ManageUsers>,
) -> Result<Markup, Failure> {
    list_page(&state, &session, &Draft::default(), None).await
}

async fn list_page(
    state: &AppState,
    session: &Session,
    draft: &Draft,
    refused: Option<&str>,
) -> Result<Markup, Failure> {
    let users = state.store.users().await?;
    let units = state.store.units().await?;
    let body = html! {
        h1 { "Pengguna" }
        p.hint {
            "Akun tidak dihapus; nonaktifkan akun yang tidak dipakai lagi. Waktu dalam UTC."
        }
        p { a href="/token-api" { "Token API semua pengguna" } }
        table {
            thead { tr {
                th { "Nama pengguna" } th { "Nama tampilan" } th { "Peran" } th { "Unit" } th { "Status" }
            } }
            tbody {
                @for u in &users {
                    tr {
                        td { a href={ "/pengguna/" (u.username) } { (u.username) } }
                        td { (u.display_name) }
                        td { (u.role.label()) }
                        td { (units_text(u, &units)) }
                        td { @if u.active { "Aktif" } @else { "Nonaktif" } }
                    }
                }
            }
        }
        h2 { "Tambah pengguna" }
        form.stacked method="post" action="/pengguna" {
            input type="hidden" name="csrf" value=(session.csrf);
            (notice(None, refused))
            label for="username" { "Nama pengguna" }
            input #username name="username" required maxlength="64" autocomplete="off" value=(draft.username);
            p.hint { "3–64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung." }
            (profile_fields(draft, &units))
            (new_password_fields())
            p.hint { "Sampaikan kata sandi awal kepada penggunanya; ia dapat menggantinya di halaman Akun." }
            button type="submit" { "Tambah pengguna" }
        }
    };
    Ok(layout::page("Pengguna", session, body))
}

pub(crate) async fn create(
    State(state): State<AppState>,
    Granted(session, ..): Granted<ManageUsers>,
    Posted { form, .. }: Posted<Fields>,
) -> Result<Response, Failure> {
    let draft = Draft::posted(&form);
    let made = match (
        draft.role(),
        repeated(field(&form, "password"), field(&form, "again")),
    ) {
        (Ok(role), Ok(password)) => {
            let user = NewUser {
                username: draft.username.clone(),
                display_name: draft.display_name.clone(),
                role,
                units: draft.units.clone(),
            };
            let actor = &session.user.username;
            refusal(state.store.create_user(&user, password, actor).await)?
        }
        (Err(why), _) | (_, Err(why)) => Err(why),
    };
    match made {
        Ok(user) => Ok(see_other(&format!(
            "/pengguna/{}?pesan=dibuat",
            user.username
        ))),
        Err(why) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            list_page(&state, &session, &draft, Some(&why)).await?,
        )
            .into_response()),
    }
}

const NOTICES: &[(&str, &str)] = &[
    (
        "dibuat",
        "Pengguna dibuat. Ia dapat masuk dengan kata sandi awal tadi.",
    ),
    ("disimpan", "Perubahan disimpan."),
    (
        "sandi",
        "Kata sandi baru disetel; semua sesinya diakhiri dan semua token API-nya dicabut.",
    ),
];

/// What a user's page says besides its content.
enum Say<'a> {
    Nothing,
    Done(&'static str),
    /// The profile form was refused: why, and what was typed.
    ProfileRefused(String, &'a Draft),
    PasswordRefused(String),
}

pub(crate) async fn page(
    State(state): State<AppState>,
    Granted(session, ..): Granted<ManageUsers>,
    Path(username): Path<String>,
    Query(said): Query<Said>,
) -> Result<Markup, Failure> {
    let user = existing(&state, &username).await?;
    let say = said.among(NOTICES).map_or(Say::Nothing, Say::Done);
    user_page(&state, &session, &user, say).await
}

async fn existing(state: &AppState, username: &str) -> Result<User, Failure> {
    state
        .store
        .user(username)
        .await?
        .ok_or_else(|| Failure::NotFound(format!("Pengguna '{username}' tidak ada.")))
}

async fn user_page(
    state: &AppState,
    session: &Session,
    user: &User,
    say: Say<'_>,
) -> Result<Markup, Failure> {
    let units = state.store.units().await?;
    let stored = Draft::of(user);
    let (done, draft, profile_refused, password_refused) = match &say {
        Say::Nothing => (None, &stored, None, None),
        Say::Done(text) => (Some(*text), &stored, None, None),
        Say::ProfileRefused(why, draft) => (None, *draft, Some(why.as_str()), None),
        Say::PasswordRefused(why) => (None, &stored, None, Some(why.as_str())),
    };
    let address = format!("/pengguna/{}", user.username);
    let body = html! {
        h1 { "Pengguna " (user.username) }
        (notice(done, None))
        p.meta {
            (user.role.label()) " · " (units_text(user, &units)) " · "
            @if user.active { "aktif" } @else { "nonaktif" }
        }
        h2 { "Profil dan peran" }
        form.stacked method="post" action=(address) {
            input type="hidden" name="csrf" value=(session.csrf);
            (notice(None, profile_refused))
            (profile_fields(draft, &units))
            label.check {
                input type="checkbox" name="active" value="1" checked[draft.active];
                " Aktif (boleh masuk)"
            }
            p.hint { "Menonaktifkan akun mengakhiri semua sesinya dan mencabut semua token API-nya." }
            button type="submit" { "Simpan perubahan" }
        }
        h2 { "Kata sandi baru" }
        form.stacked method="post" action={ (address) "/sandi" } {
            input type="hidden" name="csrf" value=(session.csrf);
            (notice(None, password_refused))
            (new_password_fields())
            p.hint { "Menyetel kata sandi mengakhiri semua sesinya dan mencabut semua token API-nya." }
            button type="submit" { "Setel kata sandi" }
        }
        p { a href="/pengguna" { "Kembali ke daftar pengguna" } }
    };
    Ok(layout::page(
        &format!("Pengguna {}", user.username),
        session,
        body,
    ))
}

pub(crate) async fn update(
    State(state): State<AppState>,
    Granted(session, ..): Granted<ManageUsers>,
    Path(username): Path<String>,
    Posted { form, .. }: Posted<Fields>,
) -> Result<Response, Failure> {
    let user = existing(&state, &username).await?;
    let draft = Draft::posted(&form);
    let changed = match draft.role() {
        Ok(role) => {
            let change = UserChange {
                display_name: draft.display_name.clone(),
                role,
                units: draft.units.clone(),
                active: draft.active,
            };
            let actor = &session.user.username;
            refusal(
                state
                    .store
                    .update_user(&user.username, &change, actor)
                    .await,
            )?
        }
        Err(why) => Err(why),
    };
    match changed {
        Ok(_) => Ok(see_other(&format!(
            "/pengguna/{}?pesan=disimpan",
            user.username
        ))),
        Err(why) => {
            let say = Say::ProfileRefused(why, &draft);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                user_page(&state, &session, &user, say).await?,
            )
                .into_response())
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct NewPassword {
    #[serde(default)]
    password: String,
    #[serde(default)]
    again: String,
}

pub(crate) async fn set_password(
    State(state): State<AppState>,
    Granted(session, ..): Granted<ManageUsers>,
    Path(username): Path<String>,
    Posted { form, .. }: Posted<NewPassword>,
) -> Result<Response, Failure> {
    let user = existing(&state, &username).await?;
    let set = match repeated(&form.password, &form.again) {
        Ok(password) => {
            let actor = &session.user.username;
            refusal(
                state
                    .store
                    .set_password(&user.username, password, actor)
                    .await,
            )?
        }
        Err(why) => Err(why),
    };
    let location = format!("/pengguna/{}?pesan=sandi", user.username);
    match set {
        // Setting one's own password here ends one's own session too: carry on in a new one.
        Ok(()) if user.username == session.user.username => {
            start_session(&state, &user.username, &location).await
        }
        Ok(()) => Ok(see_other(&location)),
        Err(why) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            user_page(&state, &session, &user, Say::PasswordRefused(why)).await?,
        )
            .into_response()),
    }
}
