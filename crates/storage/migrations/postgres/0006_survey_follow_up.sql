-- The unit's follow-up of a saran ("tindak lanjut saran", written by staff on the IKM results page): who wrote it
-- last and when (Unix seconds), beside `follow_up` of 0004. Every change is in the audit log too.
ALTER TABLE survey_response ADD COLUMN follow_up_by TEXT;
ALTER TABLE survey_response ADD COLUMN follow_up_at BIGINT;
-- The saran list of a unit-year reads only the responses that carry one.
CREATE INDEX survey_response_saran ON survey_response (unit, year, id) WHERE saran IS NOT NULL;
-- A unit's newest response, which renews the unit's cached snapshot (`Store::unit_snapshot`).
CREATE INDEX survey_response_unit_last ON survey_response (unit, id);
