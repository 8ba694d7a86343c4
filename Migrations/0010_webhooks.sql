-- Webhooks: a job submitted with a callback URL POSTs its final state and answers there when it
-- ends. The event is written in the transaction that ends the job (fenced on its lease token like
-- the results), so an event is never lost and a worker that lost its lease writes none. Worker
-- daemons deliver events from this outbox, one attempt at a time under a lease.

-- Where to POST the job's end; NULL for none. http or https only (checked at submit).
ALTER TABLE jobs ADD COLUMN callback_url TEXT;

-- One row per job end. No foreign key to jobs: pruning a job leaves its event to be delivered.
-- States: pending -> delivered (a 2xx answer)
--                 -> failed    (410 Gone, or still undelivered 24 hours after it was made)
-- A pending event is due at next_attempt_at; a sender claims it by setting lease_token and
-- lease_until, and another sender may take it once the lease has passed (its sender died).
CREATE TABLE webhook_events (
    id              INTEGER PRIMARY KEY,
    -- Docket-Event-Id: 'evt_' and 32 hex digits, the same on every attempt; receivers dedupe on it.
    uid             TEXT    NOT NULL UNIQUE,
    job_id          INTEGER NOT NULL,
    -- job.succeeded, job.failed, job.dead or job.cancelled.
    type            TEXT    NOT NULL,
    url             TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    created_at      REAL    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    next_attempt_at REAL    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    lease_token     TEXT,
    lease_until     REAL,
    -- The sender holding the lease, and when it claimed the event.
    worker          TEXT,
    claimed_at      REAL,
    -- When it was delivered or given up.
    finished_at     REAL,
    -- `docket webhooks retry`: the day of attempts starts again from here.
    retried_at      REAL,
    last_error      TEXT
);
CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_events_by_job ON webhook_events (job_id);
CREATE INDEX webhook_events_finished ON webhook_events (finished_at) WHERE state = 'delivered';

-- One row per delivery attempt: the HTTP status, or the error when there was no answer.
CREATE TABLE webhook_deliveries (
    event_id    INTEGER NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
    attempt     INTEGER NOT NULL,
    worker      TEXT    NOT NULL,
    started_at  REAL    NOT NULL,
    duration    REAL    NOT NULL,
    status_code INTEGER,
    error       TEXT,
    PRIMARY KEY (event_id, attempt)
) WITHOUT ROWID;
