//! Who may sign in: users with a role and the units they act on, argon2id password hashes, browser sessions and API
//! tokens. (Failed sign-ins are slowed per client address by the web layer, never by locking the account: a lock
//! would let anyone keep its owner out.) Secrets never leave this module in the clear except once, to their owner: a session token
//! is returned when the session is made and only its SHA-256 is stored. Every change is audited without secrets.

use crate::clock::timestamp;
use crate::error::StoreError;
use crate::sql::{write_account_audit, Change};
use crate::store::Store;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::AnyConnection;
use sqlx::Row as _;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Shorter passwords are refused.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longer ones too: hashing them would be an easy way to load the server.
const MAX_PASSWORD_CHARS: usize = 1024;
/// How long a session lasts after sign-in.
pub const SESSION_SECONDS: i64 = 8 * 60 * 60;
/// The longest an expiring API token may be made to last: ten years.
pub const MAX_TOKEN_DAYS: u32 = 3650;

pub use kinerja_domain::write_rules::Role;
use kinerja_domain::write_rules::Writer;

/// A user to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Codes of the units the user acts on.
    pub units: Vec<String>,
}

/// What an admin changes of an existing user: the name stays, the password has its own call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserChange {
    pub display_name: String,
    pub role: Role,
    pub units: Vec<String>,
    /// `false` stops the user signing in, ends their sessions and revokes their API tokens.
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub units: Vec<String>,
    pub active: bool,
}

impl User {
    /// The user as the write rules see them: their role and units.
    pub fn writer(&self) -> Writer<'_> {
        Writer::User {
            role: self.role,
            units: &self.units,
        }
    }
}

/// A signed-in browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    /// The token every form of this session carries.
    pub csrf: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// A session just made, with the token the browser keeps (it is not stored and cannot be shown again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token: String,
    pub session: Session,
}

/// An API token as stored: never the secret, only an identifier derived from its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// The first 16 hex digits of the token's SHA-256: enough to name it when revoking, useless to an attacker.
    pub id: String,
    pub username: String,
    pub name: String,
    pub created_at: String,
    /// Unix seconds; `None` for a token that lasts until revoked.
    pub expires_at: Option<i64>,
    /// Unix seconds of the last request it authorised, to the minute ([`LAST_USED_STEP`]); `None` if never used.
    pub last_used_at: Option<i64>,
}

/// An API token just made, with the secret its owner keeps (it is not stored and cannot be shown again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    pub token: String,
    pub info: ApiToken,
}

/// Users and sessions.
#[allow(async_fn_in_trait)] // used through generics, never as a trait object
pub trait Accounts {
    /// Creates a user with an argon2id hash of the password. Refuses a taken name, a short password, unknown units.
    async fn create_user(
        &self,
        user: &NewUser,
        password: &str,
        actor: &str,
    ) -> Result<User, StoreError>;
    /// Sets a new password, ends the user's sessions and revokes their API tokens: whoever held the old password
    /// may have made either.
    async fn set_password(
        &self,
        username: &str,
        password: &str,
        actor: &str,
    ) -> Result<(), StoreError>;
    async fn user(&self, username: &str) -> Result<Option<User>, StoreError>;
    /// Every user, by username.
    async fn users(&self) -> Result<Vec<User>, StoreError>;
    /// Changes a user's display name, role, units and whether they may sign in, with the checks of
    /// [`Accounts::create_user`]. Deactivating ends the user's sessions and revokes their API tokens. Refuses to
    /// leave the pemda without an active admin pemda, who alone could undo it.
    async fn update_user(
        &self,
        username: &str,
        change: &UserChange,
        actor: &str,
    ) -> Result<User, StoreError>;
    /// Checks a sign-in. `None` for an unknown or inactive user or a wrong password — alike, and taking about as
    /// long, so that the answer does not tell which. Writes nothing: the caller slows repeated failures.
    async fn login(&self, username: &str, password: &str) -> Result<Option<User>, StoreError>;
    async fn create_session(&self, username: &str) -> Result<NewSession, StoreError>;
    /// The live session of a token: not expired, its user active.
    async fn session(&self, token: &str) -> Result<Option<Session>, StoreError>;
    /// Ends a session; `false` when there was none.
    async fn delete_session(&self, token: &str) -> Result<bool, StoreError>;
    /// Makes a random 256-bit API token for an active user, valid for `days` (1 to [`MAX_TOKEN_DAYS`]) or, with
    /// `None`, until revoked; only its SHA-256 is stored.
    async fn create_api_token(
        &self,
        username: &str,
        name: &str,
        days: Option<u32>,
        actor: &str,
    ) -> Result<NewApiToken, StoreError>;
    /// The active user of a live (unrevoked, unexpired) API token.
    async fn api_token_user(&self, token: &str) -> Result<Option<User>, StoreError>;
    /// A user's API tokens, oldest first.
    async fn api_tokens(&self, username: &str) -> Result<Vec<ApiToken>, StoreError>;
    /// Every user's API tokens, by user, oldest first.
    async fn all_api_tokens(&self) -> Result<Vec<ApiToken>, StoreError>;
    /// Revokes the token with that [`ApiToken::id`]; `false` when there was none.
    async fn revoke_api_token(&self, id: &str, actor: &str) -> Result<bool, StoreError>;
}

const TOKEN_ID_CHARS: usize = 16;

const USER_COLUMNS: &str = "username, display_name, role, active, password_hash";

/// How stale a token's `last_used_at` may get before a request writes it again: a busy client costs one write a
/// minute, not one per request.
pub const LAST_USED_STEP: i64 = 60;

const API_TOKEN_COLUMNS: &str = "token_hash, username, name, created_at, expires_at, last_used_at";

/// A user and their password hash, read through one connection: the pool's, or a transaction's.
async fn load_user(
    conn: &mut AnyConnection,
    username: &str,
) -> Result<Option<(User, String)>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM app_user WHERE username = $1"
    ))
    .bind(username)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let units = sqlx::query_scalar("SELECT unit FROM user_unit WHERE username = $1")
        .bind(username)
        .fetch_all(&mut *conn)
        .await?;
    Ok(Some((user_from(&row, units)?, row.get("password_hash"))))
}

fn user_from(row: &AnyRow, mut units: Vec<String>) -> Result<User, StoreError> {
    // Sorted here rather than in SQL, so that every backend's collation gives the same order.
    units.sort();
    let role: String = row.get("role");
    Ok(User {
        username: row.get("username"),
        display_name: row.get("display_name"),
        role: role.parse().map_err(StoreError::Corrupt)?,
        units,
        active: row.get::<i64, _>("active") != 0,
    })
}

/// The checks of a user's profile, new or changed; the display name trimmed.
fn checked_profile<'a>(
    display_name: &'a str,
    role: Role,
    units: &[String],
) -> Result<&'a str, StoreError> {
    let display_name = display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 200 {
        return Err(StoreError::Refused(
            "nama tampilan wajib diisi, paling panjang 200 karakter".into(),
        ));
    }
    if role.needs_units() && units.is_empty() {
        return Err(StoreError::Refused(format!(
            "peran {} harus diberi sekurang-kurangnya satu unit",
            role.label()
        )));
    }
    if role == Role::AdminPemda && !units.is_empty() {
        return Err(StoreError::Refused(
            "admin pemda bertindak atas semua unit; jangan sebut unit".into(),
        ));
    }
    Ok(display_name)
}

/// Gives the user exactly these units, each of which must exist; returns them sorted without repeats.
async fn write_units(
    tx: &mut AnyConnection,
    username: &str,
    units: &[String],
) -> Result<Vec<String>, StoreError> {
    let mut units = units.to_vec();
    units.sort();
    units.dedup();
    for unit in &units {
        let known: Option<String> =
            sqlx::query_scalar("SELECT key FROM record WHERE kind = 'unit' AND key = $1")
                .bind(unit)
                .fetch_optional(&mut *tx)
                .await?;
        if known.is_none() {
            return Err(StoreError::NotFound {
                kind: "unit".into(),
                key: unit.clone(),
            });
        }
    }
    sqlx::query("DELETE FROM user_unit WHERE username = $1")
        .bind(username)
        .execute(&mut *tx)
        .await?;
    for unit in &units {
        sqlx::query("INSERT INTO user_unit (username, unit) VALUES ($1, $2)")
            .bind(username)
            .bind(unit)
            .execute(&mut *tx)
            .await?;
    }
    Ok(units)
}

/// What the audit log says about a user's profile (never the password or its hash).
fn profile_audit(user: &User) -> serde_json::Value {
    json!({
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role.code(),
        "units": user.units,
        "active": user.active,
    })
}

impl Store {
    async fn user_with_hash(&self, username: &str) -> Result<Option<(User, String)>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        load_user(&mut conn, username).await
    }
}

impl Accounts for Store {
    async fn create_user(
        &self,
        user: &NewUser,
        password: &str,
        actor: &str,
    ) -> Result<User, StoreError> {
        check_username(&user.username)?;
        let display_name = checked_profile(&user.display_name, user.role, &user.units)?;
        let hash = hash_password(password).await?;
        let now = self.clock.now();
        let mut tx = self.write_transaction().await?;
        let taken: Option<String> =
            sqlx::query_scalar("SELECT username FROM app_user WHERE username = $1")
                .bind(&user.username)
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_some() {
            return Err(StoreError::Refused(format!(
                "nama pengguna '{}' sudah dipakai",
                user.username
            )));
        }
        sqlx::query(
            "INSERT INTO app_user (username, display_name, password_hash, role, active, created_at) \
             VALUES ($1, $2, $3, $4, 1, $5)",
        )
        .bind(&user.username)
        .bind(display_name)
        .bind(&hash)
        .bind(user.role.code())
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        let units = write_units(&mut tx, &user.username, &user.units).await?;
        let made = User {
            username: user.username.clone(),
            display_name: display_name.to_string(),
            role: user.role,
            units,
            active: true,
        };
        let body = profile_audit(&made).to_string();
        let change = Change {
            action: "tambah",
            kind: "user",
            key: &user.username,
            unit: None,
            old: None,
            new: Some(&body),
        };
        write_account_audit(&mut tx, &now, actor, &[change]).await?;
        tx.commit().await?;
        Ok(made)
    }

    async fn set_password(
        &self,
        username: &str,
        password: &str,
        actor: &str,
    ) -> Result<(), StoreError> {
        let hash = hash_password(password).await?;
        let now = self.clock.now();
        let mut tx = self.write_transaction().await?;
        let updated = sqlx::query("UPDATE app_user SET password_hash = $1 WHERE username = $2")
            .bind(&hash)
            .bind(username)
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                kind: "pengguna".into(),
                key: username.to_string(),
            });
        }
        let ended = sqlx::query("DELETE FROM user_session WHERE username = $1")
            .bind(username)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let revoked = sqlx::query("DELETE FROM api_token WHERE username = $1")
            .bind(username)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let body = json!({
            "kata_sandi": "diganti",
            "sesi_diakhiri": ended,
            "token_dicabut": revoked,
        })
        .to_string();
        let change = Change {
            action: "ubah",
            kind: "user",
            key: username,
            unit: None,
            old: None,
            new: Some(&body),
        };
        write_account_audit(&mut tx, &now, actor, &[change]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn user(&self, username: &str) -> Result<Option<User>, StoreError> {
        Ok(self.user_with_hash(username).await?.map(|(user, _)| user))
    }

    async fn users(&self) -> Result<Vec<User>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM app_user"))
            .fetch_all(&self.pool)
            .await?;
        let pairs: Vec<(String, String)> = sqlx::query_as("SELECT username, unit FROM user_unit")
            .fetch_all(&self.pool)
            .await?;
        let mut units: HashMap<String, Vec<String>> = HashMap::new();
        for (username, unit) in pairs {
            units.entry(username).or_default().push(unit);
        }
        let mut users = rows
            .iter()
            .map(|row| {
                let username: String = row.get("username");
                user_from(row, units.remove(&username).unwrap_or_default())
            })
            .collect::<Result<Vec<_>, _>>()?;
        users.sort_by(|a, b| a.username.cmp(&b.username));
        Ok(users)
    }

    async fn update_user(
        &self,
        username: &str,
        change: &UserChange,
        actor: &str,
    ) -> Result<User, StoreError> {
        let display_name = checked_profile(&change.display_name, change.role, &change.units)?;
        let now = self.clock.now();
        let mut tx = self.write_transaction().await?;
        let Some((old, _)) = load_user(&mut tx, username).await? else {
            return Err(StoreError::NotFound {
                kind: "pengguna".into(),
                key: username.to_string(),
            });
        };
        let acts_as_admin = |role: Role, active: bool| role == Role::AdminPemda && active;
        if acts_as_admin(old.role, old.active) && !acts_as_admin(change.role, change.active) {
            let others: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM app_user WHERE role = 'admin_pemda' AND active = 1 AND username <> $1",
            )
            .bind(username)
            .fetch_one(&mut *tx)
            .await?;
            if others == 0 {
                return Err(StoreError::Refused(format!(
                    "'{username}' adalah satu-satunya admin pemda aktif; jadikan pengguna lain admin pemda lebih dulu"
                )));
            }
        }
        sqlx::query(
            "UPDATE app_user SET display_name = $1, role = $2, active = $3 WHERE username = $4",
        )
        .bind(display_name)
        .bind(change.role.code())
        .bind(i64::from(change.active))
        .bind(username)
        .execute(&mut *tx)
        .await?;
        let units = write_units(&mut tx, username, &change.units).await?;
        let new = User {
            display_name: display_name.to_string(),
            role: change.role,
            units,
            active: change.active,
            ..old.clone()
        };
        if new == old {
            return Ok(new);
        }
        let mut body = profile_audit(&new);
        if !new.active {
            // Whoever holds this user's session or token must lose access now, not at the next sign-in.
            let sessions = sqlx::query("DELETE FROM user_session WHERE username = $1")
                .bind(username)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let tokens = sqlx::query("DELETE FROM api_token WHERE username = $1")
                .bind(username)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            body["sesi_diakhiri"] = json!(sessions);
            body["token_dicabut"] = json!(tokens);
        }
        let (old_body, new_body) = (profile_audit(&old).to_string(), body.to_string());
        let entry = Change {
            action: "ubah",
            kind: "user",
            key: username,
            unit: None,
            old: Some(&old_body),
            new: Some(&new_body),
        };
        write_account_audit(&mut tx, &now, actor, &[entry]).await?;
        tx.commit().await?;
        Ok(new)
    }

    async fn login(&self, username: &str, password: &str) -> Result<Option<User>, StoreError> {
        let (user, hash) = match self.user_with_hash(username).await? {
            Some((user, hash)) => (Some(user), hash),
            None => (None, String::new()),
        };
        let Some(user) =
            user.filter(|u| u.active && password.chars().count() <= MAX_PASSWORD_CHARS)
        else {
            verify_password(password, None).await?;
            return Ok(None);
        };
        Ok(verify_password(password, Some(hash)).await?.then_some(user))
    }

    async fn create_session(&self, username: &str) -> Result<NewSession, StoreError> {
        let user = self
            .user(username)
            .await?
            .filter(|u| u.active)
            .ok_or_else(|| StoreError::NotFound {
                kind: "pengguna".into(),
                key: username.to_string(),
            })?;
        let token = random_hex::<32>()?;
        let csrf = random_hex::<32>()?;
        let token_hash = sha256_hex(&token);
        let now = self.clock.now();
        let expires_at = self.clock.seconds() + SESSION_SECONDS;
        let mut tx = self.write_transaction().await?;
        sqlx::query(
            "INSERT INTO user_session (token_hash, username, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&token_hash)
        .bind(username)
        .bind(&csrf)
        .bind(&now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        let body = session_audit(&token_hash, expires_at);
        let change = Change {
            action: "tambah",
            kind: "session",
            key: username,
            unit: None,
            old: None,
            new: Some(&body),
        };
        write_account_audit(&mut tx, &now, username, &[change]).await?;
        tx.commit().await?;
        Ok(NewSession {
            token,
            session: Session {
                user,
                csrf,
                expires_at,
            },
        })
    }

    async fn session(&self, token: &str) -> Result<Option<Session>, StoreError> {
        let row = sqlx::query(
            "SELECT username, csrf, expires_at FROM user_session WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(sha256_hex(token))
        .bind(self.clock.seconds())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let user = self.user(&row.get::<String, _>("username")).await?;
        Ok(user.filter(|u| u.active).map(|user| Session {
            user,
            csrf: row.get("csrf"),
            expires_at: row.get("expires_at"),
        }))
    }

    async fn delete_session(&self, token: &str) -> Result<bool, StoreError> {
        let token_hash = sha256_hex(token);
        let now = self.clock.now();
        let mut tx = self.write_transaction().await?;
        let row = sqlx::query(
            "DELETE FROM user_session WHERE token_hash = $1 RETURNING username, expires_at",
        )
        .bind(&token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(false);
        };
        let username: String = row.get("username");
        let body = session_audit(&token_hash, row.get("expires_at"));
        let change = Change {
            action: "hapus",
            kind: "session",
            key: &username,
            unit: None,
            old: Some(&body),
            new: None,
        };
        write_account_audit(&mut tx, &now, &username, &[change]).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn create_api_token(
        &self,
        username: &str,
        name: &str,
        days: Option<u32>,
        actor: &str,
    ) -> Result<NewApiToken, StoreError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(StoreError::Refused(
                "nama token wajib diisi, paling panjang 100 karakter".into(),
            ));
        }
        if days.is_some_and(|d| !(1..=MAX_TOKEN_DAYS).contains(&d)) {
            return Err(StoreError::Refused(format!(
                "masa berlaku token 1–{MAX_TOKEN_DAYS} hari, atau kosong untuk berlaku sampai dicabut"
            )));
        }
        self.user(username)
            .await?
            .filter(|u| u.active)
            .ok_or_else(|| StoreError::NotFound {
                kind: "pengguna".into(),
                key: username.to_string(),
            })?;
        let token = random_hex::<32>()?;
        let token_hash = sha256_hex(&token);
        let now = self.clock.now();
        let expires_at = days.map(|d| self.clock.seconds() + i64::from(d) * 86_400);
        let mut tx = self.write_transaction().await?;
        sqlx::query(
            "INSERT INTO api_token (token_hash, username, name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&token_hash)
        .bind(username)
        .bind(name)
        .bind(&now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        let info = ApiToken {
            id: token_hash[..TOKEN_ID_CHARS].to_string(),
            username: username.to_string(),
            name: name.to_string(),
            created_at: now.clone(),
            expires_at,
            last_used_at: None,
        };
        let body = api_token_audit(&info);
        let change = Change {
            action: "tambah",
            kind: "api_token",
            key: username,
            unit: None,
            old: None,
            new: Some(&body),
        };
        write_account_audit(&mut tx, &now, actor, &[change]).await?;
        tx.commit().await?;
        Ok(NewApiToken { token, info })
    }

    async fn api_token_user(&self, token: &str) -> Result<Option<User>, StoreError> {
        let now = self.clock.seconds();
        let token_hash = sha256_hex(token);
        let row = sqlx::query(
            "SELECT username, last_used_at FROM api_token WHERE token_hash = $1 AND (expires_at IS NULL OR expires_at > $2)",
        )
        .bind(&token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let username: String = row.get("username");
        let Some(user) = self.user(&username).await?.filter(|u| u.active) else {
            return Ok(None);
        };
        let last_used: Option<i64> = row.get("last_used_at");
        if last_used.is_none_or(|at| at <= now - LAST_USED_STEP) {
            sqlx::query("UPDATE api_token SET last_used_at = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(&token_hash)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(user))
    }

    async fn api_tokens(&self, username: &str) -> Result<Vec<ApiToken>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {API_TOKEN_COLUMNS} FROM api_token WHERE username = $1 ORDER BY created_at, token_hash"
        ))
        .bind(username)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(api_token_of).collect())
    }

    async fn all_api_tokens(&self) -> Result<Vec<ApiToken>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {API_TOKEN_COLUMNS} FROM api_token ORDER BY username, created_at, token_hash"
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(api_token_of).collect())
    }

    async fn revoke_api_token(&self, id: &str, actor: &str) -> Result<bool, StoreError> {
        let well_formed = id.len() == TOKEN_ID_CHARS
            && id
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c));
        if !well_formed {
            return Ok(false);
        }
        let now = self.clock.now();
        let mut tx = self.write_transaction().await?;
        let rows = sqlx::query(&format!(
            "SELECT {API_TOKEN_COLUMNS} FROM api_token WHERE token_hash LIKE $1"
        ))
        .bind(format!("{id}%"))
        .fetch_all(&mut *tx)
        .await?;
        // Two tokens sharing 64 bits of hash is all but impossible; refuse rather than revoke the wrong one.
        let [row] = rows.as_slice() else {
            return Ok(false);
        };
        let token = api_token_of(row);
        let hash: String = row.get("token_hash");
        sqlx::query("DELETE FROM api_token WHERE token_hash = $1")
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
        let body = api_token_audit(&token);
        let change = Change {
            action: "hapus",
            kind: "api_token",
            key: &token.username,
            unit: None,
            old: Some(&body),
            new: None,
        };
        write_account_audit(&mut tx, &now, actor, &[change]).await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// What the audit log says about an API token: its name and identifier, never the secret or its full hash.
fn api_token_audit(token: &ApiToken) -> String {
    json!({
        "nama": token.name,
        "token": token.id,
        "pengguna": token.username,
        "berlaku_sampai": token.expires_at.map(timestamp),
    })
    .to_string()
}

fn api_token_of(row: &AnyRow) -> ApiToken {
    let hash: String = row.get("token_hash");
    ApiToken {
        id: hash[..TOKEN_ID_CHARS.min(hash.len())].to_string(),
        username: row.get("username"),
        name: row.get("name"),
        created_at: row.get("created_at"),
        expires_at: row.get("expires_at"),
        last_used_at: row.get("last_used_at"),
    }
}

/// What the audit log says about a session: a short prefix of the token's hash (enough to pair sign-in and
/// sign-out, useless to an attacker) and its expiry.
fn session_audit(token_hash: &str, expires_at: i64) -> String {
    json!({ "sesi": &token_hash[..12], "berlaku_sampai": timestamp(expires_at) }).to_string()
}

fn check_username(username: &str) -> Result<(), StoreError> {
    let ok = (3..=64).contains(&username.len())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(StoreError::Refused(format!(
            "nama pengguna '{username}' tidak sah: 3–64 karakter, huruf kecil, angka, titik, garis bawah atau tanda hubung"
        )))
    }
}

async fn hash_password(password: &str) -> Result<String, StoreError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(StoreError::Refused(format!(
            "kata sandi terlalu pendek: sekurang-kurangnya {MIN_PASSWORD_CHARS} karakter"
        )));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(StoreError::Refused(format!(
            "kata sandi terlalu panjang: paling banyak {MAX_PASSWORD_CHARS} karakter"
        )));
    }
    let salt = SaltString::encode_b64(&random_bytes::<16>()?)
        .map_err(|e| StoreError::Database(format!("garam kata sandi: {e}")))?;
    let password = password.to_string();
    blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| StoreError::Database(format!("kata sandi tidak dapat di-hash: {e}")))
    })
    .await
}

/// Argon2 takes tens of milliseconds on purpose: off the async threads. Without a hash, against a dummy one.
async fn verify_password(password: &str, hash: Option<String>) -> Result<bool, StoreError> {
    let password = password.to_string();
    blocking(move || {
        let hash = match hash {
            Some(h) => h,
            None => dummy_hash()?.to_string(),
        };
        let parsed = PasswordHash::new(&hash)
            .map_err(|e| StoreError::Corrupt(format!("hash kata sandi: {e}")))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| StoreError::Database(e.to_string()))?
}

/// A hash of a random password, verified against when there is no real one, so that refusing an unknown user
/// takes as long as refusing a wrong password.
fn dummy_hash() -> Result<&'static str, StoreError> {
    static HASH: OnceLock<String> = OnceLock::new();
    if let Some(h) = HASH.get() {
        return Ok(h);
    }
    let salt = SaltString::encode_b64(&random_bytes::<16>()?)
        .map_err(|e| StoreError::Database(e.to_string()))?;
    let hash = Argon2::default()
        .hash_password(random_hex::<16>()?.as_bytes(), &salt)
        .map_err(|e| StoreError::Database(e.to_string()))?
        .to_string();
    Ok(HASH.get_or_init(|| hash))
}

fn random_bytes<const N: usize>() -> Result<[u8; N], StoreError> {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| StoreError::Database(format!("sumber acak sistem tidak tersedia: {e}")))?;
    Ok(bytes)
}

/// A fresh random 256-bit secret as 64 hex digits (for tokens that are not sessions, such as the sign-in form's).
pub fn random_token() -> Result<String, StoreError> {
    random_hex::<32>()
}

fn random_hex<const N: usize>() -> Result<String, StoreError> {
    Ok(hex(&random_bytes::<N>()?))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// A random password of 20 letters and digits (about 115 bits), without look-alikes (0/O, 1/l/I).
pub fn generate_password() -> Result<String, StoreError> {
    random_text(
        b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789",
        20,
    )
}

/// `len` characters drawn uniformly from `alphabet` (ASCII, at most 256 characters).
pub(crate) fn random_text(alphabet: &[u8], len: usize) -> Result<String, StoreError> {
    let size = alphabet.len().clamp(1, 256);
    let limit = 256 / size * size;
    let mut out = String::with_capacity(len);
    while out.len() < len {
        for b in random_bytes::<32>()? {
            // Bytes at or above the largest multiple of the alphabet's size would favour its first letters.
            if usize::from(b) < limit && out.len() < len {
                out.push(char::from(alphabet[usize::from(b) % size]));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_back_from_their_codes() {
        for role in Role::ALL {
            assert_eq!(role.code().parse::<Role>(), Ok(role));
        }
        assert!("root".parse::<Role>().unwrap_err().contains("admin_pemda"));
    }

    #[test]
    fn usernames_are_plain() {
        assert!(check_username("operator.ngoro").is_ok());
        for bad in [
            "ab",
            "Admin",
            "a b",
            "x'; DROP TABLE app_user;--",
            &"a".repeat(65),
        ] {
            assert!(check_username(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn generated_passwords_are_long_and_varied() {
        let a = generate_password().unwrap();
        let b = generate_password().unwrap();
        assert_eq!(a.chars().count(), 20);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
    }

    #[test]
    fn tokens_are_hashed_with_sha256() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(random_hex::<32>().unwrap().len(), 64);
    }
}
