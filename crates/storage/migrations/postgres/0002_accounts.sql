-- Who may sign in, and what they may act on. No account is ever created by a migration: the first admin is made
-- with `kinerja admin create`. Passwords are stored only as argon2id PHC strings.
CREATE TABLE app_user (
    username      TEXT    PRIMARY KEY,
    display_name  TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin_pemda', 'operator', 'pimpinan', 'evaluator', 'read_only')),
    failed_logins BIGINT NOT NULL DEFAULT 0,
    -- Unix seconds; sign-in is refused before then.
    locked_until  BIGINT,
    active        BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT    NOT NULL
);

-- The units a user acts on (codes of `unit` records).
CREATE TABLE user_unit (
    username TEXT NOT NULL REFERENCES app_user (username),
    unit     TEXT NOT NULL,
    PRIMARY KEY (username, unit)
);

-- Browser sessions. Only the SHA-256 of the 256-bit token is stored; the browser holds the token.
CREATE TABLE user_session (
    token_hash TEXT    PRIMARY KEY,
    username   TEXT    NOT NULL REFERENCES app_user (username),
    csrf       TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    -- Unix seconds.
    expires_at BIGINT NOT NULL
);
CREATE INDEX user_session_by_user ON user_session (username);

-- API tokens per user (the JSON API), stored hashed like sessions.
CREATE TABLE api_token (
    token_hash TEXT    PRIMARY KEY,
    username   TEXT    NOT NULL REFERENCES app_user (username),
    name       TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    expires_at BIGINT
);
