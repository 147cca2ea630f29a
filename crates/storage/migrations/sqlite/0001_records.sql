-- Every record of a dataset, keyed by its kind and natural key, with the unit and year it belongs to.
-- The body is the record as JSON (decimals as exact decimal strings); the domain crate computes every figure.
CREATE TABLE record (
    kind       TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    unit       TEXT,
    year       INTEGER,
    seq        INTEGER NOT NULL,
    body       TEXT    NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT    NOT NULL,
    updated_by TEXT    NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE INDEX record_by_unit ON record (unit, kind, year);

-- Append-only: who changed what, when, old value -> new value.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    kind     TEXT NOT NULL,
    key      TEXT NOT NULL,
    old_body TEXT,
    new_body TEXT
);
CREATE INDEX audit_by_record ON audit (kind, key);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'log audit hanya dapat ditambah');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'log audit hanya dapat ditambah');
END;
