-- Every claim of a job is an attempt. When an attempt ends, a row here records who held the job,
-- with which lease, from when to when, and how it ended; the running attempt is the job's own
-- worker, lease_token and claimed_at. This is the queue's claim log: two attempts of one job never
-- overlap in time, and a job has at most one attempt whose outcome is 'succeeded'.
CREATE TABLE job_attempts (
    job_id      INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    attempt     INTEGER NOT NULL,
    worker      TEXT    NOT NULL,
    lease_token TEXT    NOT NULL,
    started_at  REAL    NOT NULL,
    ended_at    REAL    NOT NULL,
    -- succeeded, failed, retry, dead, released, cancelled, lease-expired.
    outcome     TEXT    NOT NULL,
    error       TEXT,
    PRIMARY KEY (job_id, lease_token)
) WITHOUT ROWID;

-- When the running attempt claimed the job.
ALTER TABLE jobs ADD COLUMN claimed_at REAL;

-- `docket cancel` on a running job sets this; the job stops at its next page boundary.
ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;
