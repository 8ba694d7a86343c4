-- Full-text search over page text (`docket search`). The index holds no copy of the text: it
-- reads it from pages, and triggers keep it in step as pages are written and replaced.
CREATE VIRTUAL TABLE page_search USING fts5(
    text, content = 'pages', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER pages_into_search AFTER INSERT ON pages BEGIN
    INSERT INTO page_search (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER pages_out_of_search AFTER DELETE ON pages BEGIN
    INSERT INTO page_search (page_search, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER pages_search_update AFTER UPDATE OF text ON pages BEGIN
    INSERT INTO page_search (page_search, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO page_search (rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO page_search (page_search) VALUES ('rebuild');

-- What kind of document it is, decided when it is read: invoice, receipt, form, letter,
-- medical-report or other. NULL until then.
ALTER TABLE documents ADD COLUMN document_type TEXT;

-- The fields a document of its type has (a receipt's vendor, date, address and total), read when
-- the document is read, one row per field. Replaced as a whole when the document is read again.
CREATE TABLE fields (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    job_id       INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
    name         TEXT    NOT NULL,
    -- As the document writes it; NULL when the field was not found.
    text         TEXT,
    value        TEXT,
    value_kind   TEXT,
    value_unit   TEXT,
    confidence   REAL    NOT NULL,
    page         INTEGER,
    x0 REAL, y0 REAL, x1 REAL, y1 REAL,
    word_numbers TEXT,
    created_at   REAL    NOT NULL,
    UNIQUE (document_id, name)
);
CREATE INDEX fields_by_name ON fields (name, confidence);

CREATE INDEX documents_by_type ON documents (document_type, created_at);
CREATE INDEX documents_by_time ON documents (created_at);

-- The views below are the stable schema for people who query the database themselves
-- (`docket sql`, `sqlite3`): the tables under them may change between versions, these do not
-- lose or rename a column. Times are ISO 8601 UTC; boxes are PDF points from the top-left.
CREATE VIEW docket_documents AS
SELECT d.id, d.original_name AS name, d.document_type AS type, d.media_type, d.byte_count AS bytes, d.sha256,
       (SELECT count(*) FROM pages p WHERE p.document_id = d.id) AS pages,
       (SELECT sum(p.word_count) FROM pages p WHERE p.document_id = d.id) AS words,
       strftime('%Y-%m-%dT%H:%M:%SZ', d.created_at, 'unixepoch') AS submitted_at,
       strftime('%Y-%m-%dT%H:%M:%SZ', r.finished_at, 'unixepoch') AS read_at,
       r.seconds AS read_seconds
FROM documents d LEFT JOIN document_runs r ON r.document_id = d.id;

CREATE VIEW docket_pages AS
SELECT p.document_id, p.number AS page, p.width, p.height, p.source, p.mean_confidence AS confidence,
       p.word_count AS words, p.text
FROM pages p;

CREATE VIEW docket_fields AS
SELECT f.document_id, d.original_name AS document_name, d.document_type AS document_type, f.name, f.text,
       f.value, f.value_kind, f.value_unit, f.confidence, f.page, f.x0, f.y0, f.x1, f.y1,
       strftime('%Y-%m-%dT%H:%M:%SZ', d.created_at, 'unixepoch') AS submitted_at
FROM fields f JOIN documents d ON d.id = f.document_id;

CREATE VIEW docket_answers AS
SELECT a.document_id, d.original_name AS document_name, a.question, a.answer, a.value, a.value_kind, a.value_unit,
       a.confidence, a.page, a.x0, a.y0, a.x1, a.y1, a.job_id,
       strftime('%Y-%m-%dT%H:%M:%SZ', a.created_at, 'unixepoch') AS answered_at
FROM answers a JOIN documents d ON d.id = a.document_id;

CREATE VIEW docket_jobs AS
SELECT j.id, j.document_id, j.state, j.priority, j.attempts, j.max_attempts, j.last_error, j.pages_done, j.pages_total,
       strftime('%Y-%m-%dT%H:%M:%SZ', j.created_at, 'unixepoch') AS created_at,
       strftime('%Y-%m-%dT%H:%M:%SZ', j.started_at, 'unixepoch') AS started_at,
       strftime('%Y-%m-%dT%H:%M:%SZ', j.finished_at, 'unixepoch') AS finished_at
FROM jobs j;
