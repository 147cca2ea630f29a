-- A counter every change to `record` moves on: a reader that finds it where it was may reuse what it read before
-- (the unit cache of `Store::load_unit`), in this process or any other sharing the database.
CREATE TABLE data_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT NOT NULL
);
INSERT INTO data_generation (id, n) VALUES (1, 0);

CREATE FUNCTION bump_data_generation() RETURNS trigger AS $$
BEGIN
    UPDATE data_generation SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER record_generation AFTER INSERT OR UPDATE OR DELETE ON record
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_generation();
