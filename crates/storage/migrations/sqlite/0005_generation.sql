-- A counter every change to `record` moves on: a reader that finds it where it was may reuse what it read before
-- (the unit cache of `Store::load_unit`), in this process or any other sharing the database.
CREATE TABLE data_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO data_generation (id, n) VALUES (1, 0);

CREATE TRIGGER record_generation_insert AFTER INSERT ON record
BEGIN
    UPDATE data_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER record_generation_update AFTER UPDATE ON record
BEGIN
    UPDATE data_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER record_generation_delete AFTER DELETE ON record
BEGIN
    UPDATE data_generation SET n = n + 1 WHERE id = 1;
END;
