-- Every record of a dataset, keyed by its kind and natural key, with the unit and year it belongs to.
-- The body is the record as JSON text (decimals as exact decimal strings), the same on both backends.
CREATE TABLE record (
    kind       TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    unit       TEXT,
    year       INTEGER,
    seq        BIGINT  NOT NULL,
    body       TEXT    NOT NULL,
    version    BIGINT  NOT NULL DEFAULT 1,
    updated_at TEXT    NOT NULL,
    updated_by TEXT    NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE INDEX record_by_unit ON record (unit, kind, year);

-- Append-only: who changed what, when, old value -> new value.
CREATE TABLE audit (
    id       BIGSERIAL PRIMARY KEY,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    kind     TEXT NOT NULL,
    key      TEXT NOT NULL,
    old_body TEXT,
    new_body TEXT
);
CREATE INDEX audit_by_record ON audit (kind, key);

CREATE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'log audit hanya dapat ditambah';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
