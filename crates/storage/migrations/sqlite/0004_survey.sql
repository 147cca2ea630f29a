-- The IKM survey (PermenPANRB 14/2017, domain.md §5) in typed tables, not in `record`: responses come from the
-- public in large numbers, so each is one narrow row with a column per answer. See src/survey.rs.

-- The services a unit surveys (jenis layanan). `code` is the random public part of the survey address
-- /survei/{code}; `population` the yearly number of service users (for the Krejcie–Morgan sample size).
CREATE TABLE survey_service (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    unit          TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    code          TEXT    NOT NULL UNIQUE,
    population    INTEGER CHECK (population > 0),
    -- 1: only a respondent holding an unused visit code may answer.
    requires_code INTEGER NOT NULL DEFAULT 0,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT    NOT NULL,
    UNIQUE (unit, name)
);

-- One-time visit codes (kode kunjungan) printed on queue tickets; `used_at` (Unix seconds) once a response used it.
CREATE TABLE survey_visit_code (
    service    INTEGER NOT NULL REFERENCES survey_service (id),
    code       TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    used_at    INTEGER,
    PRIMARY KEY (service, code)
);

-- One row per respondent. `unit` and `year` are the service's unit and the year of `submitted_on`, kept for
-- filtering without a join. `submitted_on` is the date in WIB (it decides the period, as for deadlines),
-- `submitted_at` the instant in Unix seconds. u1..u9: 1–4, NULL when not answered. `follow_up` is the unit's
-- answer to the saran. `client_hash` is a keyed hash of the sender's address with the answers (duplicate
-- detection; the address itself is never stored); NULL for responses not sent through the form.
CREATE TABLE survey_response (
    id           INTEGER PRIMARY KEY,
    service      INTEGER NOT NULL REFERENCES survey_service (id),
    unit         TEXT    NOT NULL,
    year         INTEGER NOT NULL,
    submitted_on TEXT    NOT NULL,
    submitted_at INTEGER NOT NULL,
    sex          TEXT    NOT NULL CHECK (sex IN ('L', 'P')),
    age          INTEGER,
    education    TEXT,
    occupation   TEXT,
    u1 INTEGER CHECK (u1 BETWEEN 1 AND 4),
    u2 INTEGER CHECK (u2 BETWEEN 1 AND 4),
    u3 INTEGER CHECK (u3 BETWEEN 1 AND 4),
    u4 INTEGER CHECK (u4 BETWEEN 1 AND 4),
    u5 INTEGER CHECK (u5 BETWEEN 1 AND 4),
    u6 INTEGER CHECK (u6 BETWEEN 1 AND 4),
    u7 INTEGER CHECK (u7 BETWEEN 1 AND 4),
    u8 INTEGER CHECK (u8 BETWEEN 1 AND 4),
    u9 INTEGER CHECK (u9 BETWEEN 1 AND 4),
    saran        TEXT,
    follow_up    TEXT,
    client_hash  TEXT
);
CREATE INDEX survey_response_by_unit ON survey_response (unit, year, service, submitted_on);
CREATE INDEX survey_response_by_client ON survey_response (client_hash, submitted_at);

-- Server secrets made on first use and shared by every application server of the database.
CREATE TABLE app_secret (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
