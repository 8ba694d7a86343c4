-- `docket submit --report`: the job also builds the document's report and keeps it here.
ALTER TABLE jobs ADD COLUMN wants_report INTEGER NOT NULL DEFAULT 0;

-- The latest report of each document, as JSON (what `docket report --format json` prints).
CREATE TABLE reports (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    job_id      INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
    report      TEXT    NOT NULL,
    created_at  REAL    NOT NULL
);

-- What is known about an image document besides its text: size, declared resolution, a preview
-- (PNG, at most 512 pixels a side) and, for DICOM, its attributes. Identifiers are stored as the
-- file has them (the file itself is stored too) and hidden on output unless asked for.
CREATE TABLE image_metadata (
    document_id        INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    width_px           INTEGER NOT NULL,
    height_px          INTEGER NOT NULL,
    resolution         REAL,
    modality           TEXT,
    body_part          TEXT,
    study_date         TEXT,
    study_description  TEXT,
    patient_name       TEXT,
    patient_id         TEXT,
    patient_birth_date TEXT,
    study_instance_uid TEXT,
    study_id           TEXT,
    accession_number   TEXT,
    preview            BLOB
);
CREATE INDEX image_metadata_by_accession ON image_metadata (accession_number) WHERE accession_number IS NOT NULL;

-- A study joins images and the written report about them: named by the submitter
-- (`submit --study KEY`), or found by an accession number that the image's DICOM attributes and
-- the report's text share (key 'acc-' and a hash of the number).
CREATE TABLE studies (
    id         INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL UNIQUE,
    created_at REAL    NOT NULL
);
CREATE TABLE study_documents (
    study_id    INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    role        TEXT    NOT NULL CHECK (role IN ('image', 'report')),
    PRIMARY KEY (study_id, document_id)
) WITHOUT ROWID;
CREATE INDEX study_documents_by_document ON study_documents (document_id);
