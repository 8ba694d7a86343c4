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
            let digest = Self.sha256(file.bytes)
            return (file, mediaType, digest)
        }
        let questions = String(decoding: try JSONEncoder().encode(options.questions), as: UTF8.self)
        return try store.database.write { db in
            let now = Store.now()
            return try prepared.map { file, mediaType, digest in
                if let key = options.idempotencyKey,
                   let existing = try Row.fetchOne(db.cachedStatement(sql: """
                       SELECT jobs.id, jobs.document_id, documents.sha256, documents.media_type
                       FROM jobs JOIN documents ON documents.id = jobs.document_id WHERE idempotency_key = ?
                       """), arguments: [key]) {
                    return SubmitReceipt(name: file.name, documentID: existing["document_id"], jobID: existing["id"],
                                         mediaType: existing["media_type"], sha256: existing["sha256"],
                                         reusedDocument: true, reusedJob: true)
                }
                let document = try Store.insertDocument(db, content: file.bytes, sha256: digest, mediaType: mediaType,
                                                        originalName: file.name, now: now)
                try db.cachedStatement(sql: """
                    INSERT INTO jobs (document_id, priority, run_at, max_attempts, password, questions, idempotency_key, wants_report, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [document.id, options.priority, options.notBefore ?? now, options.maxAttempts,
                                     options.password, questions, options.idempotencyKey, options.wantsReport, now])
                // Taken before joining a study, whose inserts move the connection's last rowid.
                let jobID = db.lastInsertedRowID
                if let study = options.study {
                    try Store.addToStudy(db, key: study, document: document.id, role: mediaType.isImage ? .image : .report, now: now)
                }
                return SubmitReceipt(name: file.name, documentID: document.id, jobID: jobID,
                                     mediaType: mediaType.rawValue, sha256: digest, reusedDocument: document.reused, reusedJob: false)
            }
        }
    }

    // MARK: Claim, lease, finish

    /// Claims the most urgent runnable job for `worker`, with a lease of `lease` seconds; nil when
    /// there is none. A job whose lease expired is runnable again (its worker died); one that has
    /// used all its attempts that way is marked dead instead.
    public func claim(worker: String, lease: Double) throws -> ClaimedJob? {
        let token = Self.newLeaseToken()
        return try store.database.write { db in
            let now = Store.now()
            try reclaimExpiredLeases(db, now: now)
            // Uses the index jobs_active: the next job is its first queued entry.
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                UPDATE jobs SET state = 'running', lease_token = ?, lease_until = ?, worker = ?, attempts = attempts + 1,
                       claimed_at = ?, started_at = coalesce(started_at, ?)
                WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= ? ORDER BY priority DESC, run_at, id LIMIT 1)
                RETURNING id, document_id, attempts, max_attempts, password, questions, wants_report
                """), arguments: [token, now + lease, worker, now, now, now])
            else { return nil }
            return ClaimedJob(
                id: row["id"], documentID: row["document_id"], leaseToken: token, worker: worker, claimedAt: now,
                attempt: row["attempts"],
                maxAttempts: row["max_attempts"], password: row["password"], questions: Self.decodeQuestions(row["questions"]),
                wantsReport: row["wants_report"])
        }
    }

    /// A running job whose lease has passed lost its worker (crashed, killed, hung): its attempt
    /// ends as 'lease-expired' and the job is queued again, or dead when that was its last attempt.
    private func reclaimExpiredLeases(_ db: Database, now: Double) throws {
        let expired = try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM jobs WHERE state = 'running' AND lease_until < ?"),
                                         arguments: [now])
        guard !expired.isEmpty else { return }
        for id in expired {
            try db.execute(sql: """
                INSERT INTO job_attempts (job_id, attempt, worker, lease_token, started_at, ended_at, outcome)
                SELECT id, attempts, worker, lease_token, claimed_at, ?, 'lease-expired' FROM jobs WHERE id = ?
                """, arguments: [now, id])
            try db.execute(sql: """
                UPDATE jobs SET
                    state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
                    finished_at = CASE WHEN attempts >= max_attempts THEN ? END,
                    password = CASE WHEN attempts >= max_attempts THEN NULL ELSE password END,
                    last_error = coalesce(last_error || '; ', '') || 'the worker running attempt ' || attempts || ' stopped renewing its lease',
                    lease_token = NULL, lease_until = NULL, worker = NULL
                WHERE id = ?
                """, arguments: [now, id])
        }
    }

    /// The claimed job for `leaseToken`, for a child process that was handed the job by its worker.
    public func claimedJob(_ id: Int64, leaseToken: String) throws -> ClaimedJob? {
        try store.database.read { db in
            try Row.fetchOne(db, sql: """
                SELECT id, document_id, worker, claimed_at, attempts, max_attempts, password, questions, wants_report FROM jobs
                WHERE id = ? AND state = 'running' AND lease_token = ?
                """, arguments: [id, leaseToken]).map { row in
                ClaimedJob(id: row["id"], documentID: row["document_id"], leaseToken: leaseToken, worker: row["worker"],
                           claimedAt: row["claimed_at"], attempt: row["attempts"],
                           maxAttempts: row["max_attempts"], password: row["password"], questions: Self.decodeQuestions(row["questions"]),
                           wantsReport: row["wants_report"])
            }
        }
    }

    /// Extends the lease; false when this worker no longer holds the job.
    @discardableResult
    public func extendLease(_ job: ClaimedJob, by lease: Double) throws -> Bool {
        try heartbeat(job, lease: lease) != nil
    }

    /// Extends the lease and reads the job's progress; nil when this worker no longer holds the job.
    public func heartbeat(_ job: ClaimedJob, lease: Double) throws -> JobProgress? {
        try store.database.write { db in
            try Row.fetchOne(db, sql: """
                UPDATE jobs SET lease_until = ? WHERE id = ? AND state = 'running' AND lease_token = ?
                RETURNING pages_done, pages_total, cancel_requested
                """, arguments: [Store.now() + lease, job.id, job.leaseToken]).map(JobProgress.init)
        }
    }

    /// Records that `pagesDone` of `pagesTotal` pages are read. Says whether to go on: not when
    /// the job was cancelled or this worker lost it.
    @discardableResult
    public func reportProgress(_ job: ClaimedJob, pagesDone: Int, pagesTotal: Int) throws -> ProgressVerdict {
        try store.database.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                UPDATE jobs SET pages_done = ?, pages_total = ? WHERE id = ? AND state = 'running' AND lease_token = ?
                RETURNING cancel_requested
                """, arguments: [pagesDone, pagesTotal, job.id, job.leaseToken])
            else { return .leaseLost }
            return row["cancel_requested"] as Bool ? .cancelRequested : .goOn
        }
    }

    /// The job's progress as last reported, whoever holds it.
    public func progress(of id: Int64) throws -> JobProgress? {
        try store.database.read { db in
            try Row.fetchOne(db, sql: "SELECT pages_done, pages_total, cancel_requested FROM jobs WHERE id = ?", arguments: [id])
                .map(JobProgress.init)
        }
    }

    /// Marks the job succeeded and runs `writeResults` in the same transaction, only while this
    /// worker still holds the lease. Returns false, having written nothing, when the lease was lost.
    @discardableResult
    public func complete(_ job: ClaimedJob, writeResults: (Database) throws -> Void) throws -> Bool {
        try store.database.write { db in
            try db.cachedStatement(sql: """
                UPDATE jobs SET state = 'succeeded', finished_at = ?, lease_token = NULL, lease_until = NULL,
                       password = NULL, pages_done = coalesce(pages_total, pages_done)
                WHERE id = ? AND state = 'running' AND lease_token = ?
                """).execute(arguments: [Store.now(), job.id, job.leaseToken])
            guard db.changesCount == 1 else { return false }
            try Self.endAttempt(db, job, outcome: "succeeded", error: nil)
            try writeResults(db)
            return true
        }
    }

    /// Records a failed attempt. A permanent failure (the input cannot be read) ends the job as
    /// `failed`; otherwise it is queued again after a backoff, or `dead` when attempts are used up.
    /// Returns the state the job is left in, or nil when this worker no longer held it.
    @discardableResult
    public func fail(_ job: ClaimedJob, error message: String, permanent: Bool) throws -> JobState? {
        try endFailedAttempt(job, error: message, permanent: permanent, outcome: nil)
    }

    /// Records why this worker gave up a job whose lease it could not keep, as the attempt's
    /// 'lease-expired' end; the job is queued again after a backoff, or dead when that was its last
    /// attempt. When another worker had already reclaimed the job, which recorded the attempt's end,
    /// the reason is added to that record. Returns the state the job is left in, or nil in that case.
    @discardableResult
    public func recordLostLease(_ job: ClaimedJob, reason: String) throws -> JobState? {
        if let state = try endFailedAttempt(job, error: reason, permanent: false, outcome: "lease-expired") { return state }
        try store.database.write { db in
            try db.execute(sql: """
                UPDATE job_attempts SET error = coalesce(error || '; ', '') || ?
                WHERE job_id = ? AND lease_token = ? AND outcome = 'lease-expired'
                """, arguments: [reason, job.id, job.leaseToken])
        }
        return nil
    }

    /// How the attempt that `job`'s lease belongs to ended ('succeeded', 'retry', 'lease-expired'...),
    /// nil while it runs.
    public func recordedOutcome(of job: ClaimedJob) throws -> String? {
        try store.database.read { db in
            try String.fetchOne(db, sql: "SELECT outcome FROM job_attempts WHERE job_id = ? AND lease_token = ?",
                                arguments: [job.id, job.leaseToken])
        }
    }

    /// `outcome` names the attempt's end; nil for 'retry', 'failed' or 'dead' as the job is left.
    private func endFailedAttempt(_ job: ClaimedJob, error message: String, permanent: Bool, outcome: String?) throws -> JobState? {
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
            guard db.changesCount == 1 else { return nil }
            try Self.endAttempt(db, job, outcome: outcome ?? (next == .queued ? "retry" : next.rawValue), error: message)
            return next
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
            guard db.changesCount == 1 else { return false }
            try Self.endAttempt(db, job, outcome: "released", error: nil)
            return true
        }
    }

    /// Ends a running job as cancelled, after its worker saw the cancel request.
    @discardableResult
    public func acknowledgeCancel(_ job: ClaimedJob) throws -> Bool {
        try store.database.write { db in
            try db.execute(sql: """
                UPDATE jobs SET state = 'cancelled', finished_at = ?, lease_token = NULL, lease_until = NULL, password = NULL
                WHERE id = ? AND state = 'running' AND lease_token = ?
                """, arguments: [Store.now(), job.id, job.leaseToken])
            guard db.changesCount == 1 else { return false }
            try Self.endAttempt(db, job, outcome: "cancelled", error: nil)
            return true
        }
    }

    /// Records the end of the attempt that `job`'s lease belongs to. Call after the fenced update
    /// of the job succeeded, in the same transaction.
    private static func endAttempt(_ db: Database, _ job: ClaimedJob, outcome: String, error: String?) throws {
        try db.cachedStatement(sql: """
            INSERT INTO job_attempts (job_id, attempt, worker, lease_token, started_at, ended_at, outcome, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [job.id, job.attempt, job.worker, job.leaseToken, job.claimedAt, Store.now(), outcome, error])
    }

    // MARK: Operator actions

    /// Cancels a job: a queued one at once, a running one at its next page (its worker stops
    /// there). Returns the job's state after the call.
    public func cancel(_ id: Int64) throws -> JobState {
        try store.database.write { db in
            guard let state = try String.fetchOne(db, sql: "SELECT state FROM jobs WHERE id = ?", arguments: [id]).flatMap(JobState.init) else {
                throw StoreError.jobNotFound(id)
            }
            switch state {
            case .queued:
                try db.execute(sql: "UPDATE jobs SET state = 'cancelled', finished_at = ?, password = NULL WHERE id = ?",
                               arguments: [Store.now(), id])
                return .cancelled
            case .running:
                try db.execute(sql: "UPDATE jobs SET cancel_requested = 1 WHERE id = ?", arguments: [id])
                return .running
            default:
                throw QueueError.alreadyFinished(job: id, state: state)
            }
        }
    }

    /// Queues a failed, dead or cancelled job again, with its attempts reset.
    public func retry(_ id: Int64) throws {
        try store.database.write { db in
            guard let state = try String.fetchOne(db, sql: "SELECT state FROM jobs WHERE id = ?", arguments: [id]).flatMap(JobState.init) else {
                throw StoreError.jobNotFound(id)
            }
            guard state == .failed || state == .dead || state == .cancelled else {
                throw QueueError.notRetryable(job: id, state: state)
            }
            try db.execute(sql: """
                UPDATE jobs SET state = 'queued', attempts = 0, run_at = ?, finished_at = NULL, cancel_requested = 0,
                       pages_done = 0, worker = NULL
                WHERE id = ?
                """, arguments: [Store.now(), id])
        }
    }

    /// Deletes jobs that finished before `cutoff` (seconds since 1970). Documents and their
    /// results stay. Returns how many jobs were deleted.
    public func prune(finishedBefore cutoff: Double) throws -> Int {
        try store.database.write { db in
            try db.execute(sql: "DELETE FROM jobs WHERE state IN ('succeeded', 'failed', 'dead', 'cancelled') AND finished_at < ?",
                           arguments: [cutoff])
            return db.changesCount
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

    /// The error of the document's latest job, if it failed.
    public func lastError(ofDocument id: Int64) throws -> String? {
        try store.database.read { db in
            try String.fetchOne(db, sql: "SELECT last_error FROM jobs WHERE document_id = ? ORDER BY id DESC LIMIT 1", arguments: [id])
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

    /// The hex SHA-256 that identifies a document's bytes.
    public static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// 128 random bits. (Foundation's UUID opens /dev/urandom on every call, a system call too
    /// many on the claim path; the system generator uses getrandom.)
    private static func newLeaseToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let words = [generator.next(), generator.next()] as [UInt64]
        return hex(words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } })
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func decodeQuestions(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }

    private static func jobRecord(_ row: Row) -> JobRecord {
        JobRecord(
            id: row["id"], documentID: row["document_id"], documentName: row["original_name"],
            state: JobState(rawValue: row["state"]) ?? .queued, priority: row["priority"], attempts: row["attempts"],
            maxAttempts: row["max_attempts"],
            questions: decodeQuestions(row["questions"]), cancelRequested: row["cancel_requested"],
            pagesDone: row["pages_done"], pagesTotal: row["pages_total"], lastError: row["last_error"],
            worker: row["worker"], createdAt: row["created_at"], runAt: row["run_at"], startedAt: row["started_at"],
            finishedAt: row["finished_at"])
    }
}
