-- Docket's store. Times are Unix seconds (REAL). Boxes are PDF points, origin top-left.

-- A document is the bytes a user submitted, stored here so that a worker never depends on the
-- submitter's file still existing. Content-addressed: the same bytes submitted twice are one row.
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT    NOT NULL UNIQUE,
    media_type    TEXT    NOT NULL,
    byte_count    INTEGER NOT NULL,
    content       BLOB    NOT NULL,
    original_name TEXT    NOT NULL,
    created_at    REAL    NOT NULL
);

-- A job asks a worker to read one document and answer its questions.
--
-- A job is claimable when state = 'queued' and run_at <= now. A claim sets a lease; a worker that
-- dies stops renewing it, so the job becomes claimable again when lease_until passes. Results are
-- written in the same transaction that marks the job succeeded, and only while the lease_token
-- still matches, so a worker that lost its lease writes nothing.
--
-- States: queued -> running -> succeeded
--                           -> queued (a transient failure, retried at run_at with backoff)
--                           -> failed (the input cannot be read; retrying will not help)
--                           -> dead   (max_attempts used up; last_error says why)
CREATE TABLE jobs (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL REFERENCES documents(id),
    state           TEXT    NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled')),
    priority        INTEGER NOT NULL DEFAULT 0,
    run_at          REAL    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    max_attempts    INTEGER NOT NULL DEFAULT 3,
    lease_token     TEXT,
    lease_until     REAL,
    worker          TEXT,
    last_error      TEXT,
    -- The PDF's password, when it is encrypted. Kept until the job finishes, then cleared.
    password        TEXT,
    -- JSON array of question strings.
    questions       TEXT    NOT NULL DEFAULT '[]',
    idempotency_key TEXT    UNIQUE,
    pages_done      INTEGER NOT NULL DEFAULT 0,
    pages_total     INTEGER,
    created_at      REAL    NOT NULL,
    started_at      REAL,
    finished_at     REAL
);

-- One index serves both questions a claim asks: the next queued job (priority, then age) and the
-- running jobs whose lease has passed. It holds only unfinished jobs, so it stays small, and a
-- finishing job only leaves it. (The OR form lets SQLite see that `state = 'queued'` fits it.)
CREATE INDEX jobs_active ON jobs (state, priority DESC, run_at, id) WHERE state = 'queued' OR state = 'running';
CREATE INDEX jobs_by_document ON jobs (document_id);

-- One row per page of a read document. A document's pages are replaced as a whole when it is
-- read again, so there is only ever one result set per document.
CREATE TABLE pages (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number          INTEGER NOT NULL,
    width           REAL    NOT NULL,
    height          REAL    NOT NULL,
    source          TEXT    NOT NULL CHECK (source IN ('text-layer', 'ocr', 'plain-text')),
    mean_confidence REAL,
    word_count      INTEGER NOT NULL,
    text            TEXT    NOT NULL,
    UNIQUE (document_id, number)
);

CREATE TABLE lines (
    page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    number  INTEGER NOT NULL,
    x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
    text    TEXT    NOT NULL,
    PRIMARY KEY (page_id, number)
) WITHOUT ROWID;

-- number is the word's index on its page; evidence refers to words by it.
CREATE TABLE words (
    page_id     INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    line_number INTEGER NOT NULL,
    x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
    confidence  REAL    NOT NULL,
    text        TEXT    NOT NULL,
    PRIMARY KEY (page_id, number)
) WITHOUT ROWID;

-- Answers to the questions asked of a document, with the page and box they came from.
-- answer is NULL when the answer was not found.
CREATE TABLE answers (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    job_id      INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
    question    TEXT    NOT NULL,
    answer      TEXT,
    confidence  REAL    NOT NULL,
    page        INTEGER,
    x0 REAL, y0 REAL, x1 REAL, y1 REAL,
    word_numbers TEXT,
    created_at  REAL    NOT NULL
);

CREATE INDEX answers_by_document ON answers (document_id);

-- How long reading took, for the summary and for benchmarks.
CREATE TABLE document_runs (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    job_id      INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
    seconds     REAL    NOT NULL,
    finished_at REAL    NOT NULL
);
