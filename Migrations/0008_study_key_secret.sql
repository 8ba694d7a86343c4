-- The secret that keys the hash naming a study found by its accession number ('acc-' and 12 hex
-- digits of HMAC-SHA256 of the number): without it, a key cannot be traced back to its number by
-- hashing every likely number. One per database, drawn when the database is made or migrated.
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;
INSERT INTO secrets (name, value) VALUES ('study-key', randomblob(32));
