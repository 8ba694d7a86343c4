import Crypto
import DocketModel
import DocketStore
import Foundation
import GRDB

/// The job queue: one table in the store, a claim in one statement, a lease renewed while the job runs.
public final class JobQueue: Sendable {
    public let store: Store
    public let retryPolicy: RetryPolicy

    public init(store: Store, retryPolicy: RetryPolicy = RetryPolicy()) {
        self.store = store
        self.retryPolicy = retryPolicy
    }

    // MARK: Submit

    /// Stores every file and enqueues one job per file, all in one transaction: either every file
    /// is stored and queued, or (when any is refused) nothing is.
    public func submit(_ files: [SubmittedFile], options: SubmitOptions = SubmitOptions()) throws -> [SubmitReceipt] {
        let prepared = try files.map { file in
            guard !file.bytes.isEmpty else { throw SubmitError.empty(name: file.name) }
            guard let mediaType = MediaType.detect(file.bytes) else { throw SubmitError.unsupportedType(name: file.name) }
            let digest = SHA256.hash(data: file.bytes).map { String(format: "%02x", $0) }.joined()
            return (file, mediaType, digest)
        }
        let questions = String(decoding: try JSONEncoder().encode(options.questions), as: UTF8.self)
        return try store.database.write { db in
            let now = Store.now()
            return try prepared.map { file, mediaType, digest in
                if let key = options.idempotencyKey,
                   let existing = try Row.fetchOne(db, sql: """
                       SELECT jobs.id, jobs.document_id, documents.sha256, documents.media_type
                       FROM jobs JOIN documents ON documents.id = jobs.document_id WHERE idempotency_key = ?
                       """, arguments: [key]) {
                    return SubmitReceipt(name: file.name, documentID: existing["document_id"], jobID: existing["id"],
                                         mediaType: existing["media_type"], sha256: existing["sha256"],
                                         reusedDocument: true, reusedJob: true)
                }
                let document = try Store.insertDocument(db, content: file.bytes, sha256: digest, mediaType: mediaType,
                                                        originalName: file.name, now: now)
                try db.execute(sql: """
                    INSERT INTO jobs (document_id, priority, run_at, max_attempts, password, questions, idempotency_key, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [document.id, options.priority, options.notBefore ?? now, options.maxAttempts,
                                     options.password, questions, options.idempotencyKey, now])
                return SubmitReceipt(name: file.name, documentID: document.id, jobID: db.lastInsertedRowID,
                                     mediaType: mediaType.rawValue, sha256: digest, reusedDocument: document.reused, reusedJob: false)
            }
        }
    }

    // MARK: Claim, lease, finish

    /// Claims the most urgent runnable job for `worker`, with a lease of `lease` seconds; nil when
    /// there is none. A job whose lease expired is runnable again (its worker died); one that has
    /// used all its attempts that way is marked dead instead.
    public func claim(worker: String, lease: Double) throws -> ClaimedJob? {
        let token = UUID().uuidString
        return try store.database.write { db in
            let now = Store.now()
            try db.execute(sql: """
                UPDATE jobs SET state = 'dead', lease_token = NULL, lease_until = NULL, finished_at = ?, password = NULL,
                       last_error = coalesce(last_error || '; ', '') || 'the worker running attempt ' || attempts || ' stopped renewing its lease'
                WHERE state = 'running' AND lease_until < ? AND attempts >= max_attempts
                """, arguments: [now, now])
            guard let row = try Row.fetchOne(db, sql: """
                UPDATE jobs SET state = 'running', lease_token = ?, lease_until = ?, worker = ?, attempts = attempts + 1,
                       started_at = coalesce(started_at, ?)
                WHERE id = (
                    SELECT id FROM jobs
                    WHERE (state = 'queued' AND run_at <= ?) OR (state = 'running' AND lease_until < ?)
                    ORDER BY priority DESC, run_at, id LIMIT 1)
                RETURNING id, document_id, attempts, max_attempts, password, questions
                """, arguments: [token, now + lease, worker, now, now, now])
            else { return nil }
            let questionsJSON: String = row["questions"]
            return ClaimedJob(
                id: row["id"], documentID: row["document_id"], leaseToken: token, attempt: row["attempts"],
                maxAttempts: row["max_attempts"], password: row["password"],
                questions: (try? JSONDecoder().decode([String].self, from: Data(questionsJSON.utf8))) ?? [])
        }
    }

    /// Extends the lease; false when this worker no longer holds the job.
    @discardableResult
    public func extendLease(_ job: ClaimedJob, by lease: Double) throws -> Bool {
        try store.database.write { db in
            try db.execute(sql: "UPDATE jobs SET lease_until = ? WHERE id = ? AND state = 'running' AND lease_token = ?",
                           arguments: [Store.now() + lease, job.id, job.leaseToken])
            return db.changesCount == 1
        }
    }

    @discardableResult
    public func reportProgress(_ job: ClaimedJob, pagesDone: Int, pagesTotal: Int) throws -> Bool {
        try store.database.write { db in
            try db.execute(sql: "UPDATE jobs SET pages_done = ?, pages_total = ? WHERE id = ? AND state = 'running' AND lease_token = ?",
                           arguments: [pagesDone, pagesTotal, job.id, job.leaseToken])
            return db.changesCount == 1
        }
    }

    /// Marks the job succeeded and runs `writeResults` in the same transaction, only while this
    /// worker still holds the lease. Returns false, having written nothing, when the lease was lost.
    @discardableResult
    public func complete(_ job: ClaimedJob, writeResults: (Database) throws -> Void) throws -> Bool {
        try store.database.write { db in
            try db.execute(sql: """
                UPDATE jobs SET state = 'succeeded', finished_at = ?, lease_token = NULL, lease_until = NULL,
                       password = NULL, pages_done = coalesce(pages_total, pages_done)
                WHERE id = ? AND state = 'running' AND lease_token = ?
                """, arguments: [Store.now(), job.id, job.leaseToken])
            guard db.changesCount == 1 else { return false }
            try writeResults(db)
            return true
        }
    }

    /// Records a failed attempt. A permanent failure (the input cannot be read) ends the job as
    /// `failed`; otherwise it is queued again after a backoff, or `dead` when attempts are used up.
    /// Returns the state the job is left in, or nil when this worker no longer held it.
    @discardableResult
    public func fail(_ job: ClaimedJob, error message: String, permanent: Bool) throws -> JobState? {
        let next: JobState = permanent ? .failed : (job.attempt >= job.maxAttempts ? .dead : .queued)
        let runAt = Store.now() + retryPolicy.delay(after: job.attempt)
        return try store.database.write { db in
            try db.execute(sql: """
                UPDATE jobs SET state = ?, last_error = ?, lease_token = NULL, lease_until = NULL,
                       run_at = CASE WHEN ? = 'queued' THEN ? ELSE run_at END,
                       finished_at = CASE WHEN ? = 'queued' THEN NULL ELSE ? END,
                       password = CASE WHEN ? = 'queued' THEN password ELSE NULL END
                WHERE id = ? AND state = 'running' AND lease_token = ?
                """, arguments: [next.rawValue, message, next.rawValue, runAt, next.rawValue, Store.now(), next.rawValue,
                                 job.id, job.leaseToken])
            return db.changesCount == 1 ? next : nil
        }
    }

    /// Gives the job back without counting the attempt: for a worker that is shutting down.
    @discardableResult
    public func release(_ job: ClaimedJob) throws -> Bool {
        try store.database.write { db in
            try db.execute(sql: """
                UPDATE jobs SET state = 'queued', attempts = max(0, attempts - 1), lease_token = NULL, lease_until = NULL, worker = NULL
                WHERE id = ? AND state = 'running' AND lease_token = ?
                """, arguments: [job.id, job.leaseToken])
            return db.changesCount == 1
        }
    }

    // MARK: Read

    public func job(_ id: Int64) throws -> JobRecord {
        try store.database.read { db in
            guard let row = try Row.fetchOne(db, sql: Self.jobSelect + " WHERE jobs.id = ?", arguments: [id]) else {
                throw StoreError.jobNotFound(id)
            }
            return Self.jobRecord(row)
        }
    }

    /// Jobs, newest first, optionally only those in `state`.
    public func jobs(state: JobState? = nil, limit: Int = 100) throws -> [JobRecord] {
        try store.database.read { db in
            let filter = state == nil ? "" : " WHERE jobs.state = ?"
            let arguments: StatementArguments = state.map { [$0.rawValue, limit] } ?? [limit]
            return try Row.fetchAll(db, sql: Self.jobSelect + filter + " ORDER BY jobs.id DESC LIMIT ?", arguments: arguments)
                .map(Self.jobRecord)
        }
    }

    /// How many jobs are in each state.
    public func counts() throws -> [JobState: Int] {
        try store.database.read { db in
            var counts: [JobState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM jobs GROUP BY state") {
                if let state = JobState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    /// True when no job is queued or running, now or later: a draining worker may stop.
    public func isDrained() throws -> Bool {
        try store.database.read { db in
            try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM jobs WHERE state IN ('queued', 'running'))") ?? true
        }
    }

    /// Seconds until the next queued job becomes runnable, nil when none is queued.
    public func secondsUntilNextRunnable() throws -> Double? {
        try store.database.read { db in
            try Double.fetchOne(db, sql: "SELECT min(run_at) FROM jobs WHERE state = 'queued'").map { max(0, $0 - Store.now()) }
        }
    }

    private static let jobSelect = """
        SELECT jobs.*, documents.original_name FROM jobs JOIN documents ON documents.id = jobs.document_id
        """

    private static func jobRecord(_ row: Row) -> JobRecord {
        let questionsJSON: String = row["questions"]
        return JobRecord(
            id: row["id"], documentID: row["document_id"], documentName: row["original_name"],
            state: JobState(rawValue: row["state"]) ?? .queued, priority: row["priority"], attempts: row["attempts"],
            maxAttempts: row["max_attempts"],
            questions: (try? JSONDecoder().decode([String].self, from: Data(questionsJSON.utf8))) ?? [],
            pagesDone: row["pages_done"], pagesTotal: row["pages_total"], lastError: row["last_error"],
            worker: row["worker"], createdAt: row["created_at"], runAt: row["run_at"], startedAt: row["started_at"],
            finishedAt: row["finished_at"])
    }
}
