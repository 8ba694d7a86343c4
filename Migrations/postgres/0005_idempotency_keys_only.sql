-- Most jobs have no idempotency key. A unique index over all rows takes an entry for every job
-- and a new one each time the queue updates a job's row; indexing only the keys that exist keeps
-- claims and completions from paying for it.
DROP INDEX jobs_by_idempotency_key;
CREATE UNIQUE INDEX jobs_by_idempotency_key ON jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;
