-- A document's bytes move to a table of their own, as in the SQLite store (where that lets a large
-- upload be written a chunk at a time), so that both stores hold the same tables and copy between
-- them column for column.
CREATE TABLE document_contents (
    document_id bigint PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    content     bytea  NOT NULL
);
INSERT INTO document_contents (document_id, content) SELECT id, content FROM documents;
ALTER TABLE documents DROP COLUMN content;
