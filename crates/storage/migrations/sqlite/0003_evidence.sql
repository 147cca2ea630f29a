-- Evidence files (bukti dukung) uploaded for realisations. The id is the SHA-256 (hex) of the content, so the same
-- file uploaded again for a unit is stored once. A file belongs to the unit it was uploaded for, and the web lets
-- only those who may read that unit download it; another unit uploading the same bytes gets its own row.
CREATE TABLE evidence_file (
    unit        TEXT    NOT NULL,
    id          TEXT    NOT NULL,
    media_type  TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    -- The original file name, sanitised; used only to name the download.
    name        TEXT    NOT NULL,
    content     BLOB    NOT NULL,
    uploaded_by TEXT    NOT NULL,
    uploaded_at TEXT    NOT NULL,
    PRIMARY KEY (unit, id)
);
