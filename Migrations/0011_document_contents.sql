-- A document's bytes move to a table of their own, where the blob is the last column of its row:
-- SQLite then stores a large upload as a zero-filled blob written a chunk at a time
-- (sqlite3_blob_write) instead of building the whole row in memory, as it must for a blob that
-- other columns follow.
CREATE TABLE document_contents (
    document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    content     BLOB    NOT NULL
);
INSERT INTO document_contents (document_id, content) SELECT id, content FROM documents;
ALTER TABLE documents DROP COLUMN content;
