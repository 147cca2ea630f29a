-- Whose an audit entry is, so that the log can be read as narrowly as the data it describes: `unit`, the unit the
-- changed record belongs to (NULL for the pemda's own records); `account`, 1 for account and sign-in events
-- (users, sessions, API tokens), which only admins read. Entries written before this migration get theirs from
-- what they name; one whose record is gone stays without a unit, readable only by the roles that read every unit.
ALTER TABLE audit ADD COLUMN unit TEXT;
ALTER TABLE audit ADD COLUMN account BIGINT NOT NULL DEFAULT 0;

ALTER TABLE audit DISABLE TRIGGER audit_no_change;
UPDATE audit SET account = 1 WHERE kind IN ('user', 'session', 'api_token');
UPDATE audit SET unit = (SELECT r.unit FROM record r WHERE r.kind = audit.kind AND r.key = audit.key)
    WHERE account = 0;
UPDATE audit SET unit = (SELECT s.unit FROM survey_service s WHERE CAST(s.id AS TEXT) = audit.key)
    WHERE kind IN ('survey_service', 'survey_visit_code');
UPDATE audit SET unit = (SELECT r.unit FROM survey_response r WHERE CAST(r.id AS TEXT) = audit.key)
    WHERE kind = 'tindak_lanjut_saran';
UPDATE audit SET unit = key WHERE kind = 'survey_response';
ALTER TABLE audit ENABLE TRIGGER audit_no_change;

CREATE INDEX audit_by_unit ON audit (unit, id);
