-- Sentence-encoder vectors of a read document's passages (a layout block, or a few lines of a page
-- without layout), for semantic search. A vector is `dimension` little-endian float32 values.
CREATE TABLE passage_vectors (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    page_number INTEGER NOT NULL,
    -- The passage's place on its page: the layout block's reading order, or the line group's.
    passage     INTEGER NOT NULL,
    x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
    text        TEXT    NOT NULL,
    vector      BLOB    NOT NULL,
    PRIMARY KEY (document_id, page_number, passage)
) WITHOUT ROWID;

-- The documents whose passages were embedded, and by which model: one with no text has a row
-- here and none in passage_vectors, so that `docket index` does not take it up again.
CREATE TABLE embedded_documents (
    document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    model       TEXT    NOT NULL,
    dimension   INTEGER NOT NULL,
    embedded_at REAL    NOT NULL
);
