import DocketModel
import Foundation
import GRDB

/// The job queue's table: a claim in one statement, a lease renewed while the job runs, every
/// write of a running job fenced by its lease token.
extension SQLiteStore {
    // MARK: Submit

    /// Stores every document and enqueues one job for each, all in one transaction: either every
    /// document is stored and queued, or nothing is.
    public func enqueue(_ documents: [DocumentToQueue], options: SubmitOptions) throws -> [SubmitReceipt] {
        let questions = String(decoding: try JSONEncoder().encode(options.questions), as: UTF8.self)
        return try database.write { db in
            let now = clock.now()
            return try documents.map { file in
                if let key = options.idempotencyKey,
                   let existing = try Row.fetchOne(db.cachedStatement(sql: """
                       SELECT jobs.id, jobs.document_id, documents.sha256, documents.media_type
                       FROM jobs JOIN documents ON documents.id = jobs.document_id WHERE idempotency_key = ?
                       """), arguments: [key]) {
                    return SubmitReceipt(name: file.name, documentID: existing["document_id"], jobID: existing["id"],
                                         mediaType: existing["media_type"], sha256: existing["sha256"],
                                         reusedDocument: true, reusedJob: true)
                }
                let document = try Self.insertDocument(db, content: file.content, sha256: file.sha256, mediaType: file.mediaType,
                                                       originalName: file.name, now: now)
                try db.cachedStatement(sql: """
                    INSERT INTO jobs (document_id, priority, run_at, max_attempts, password, questions, idempotency_key, wants_report, created_at,
                                      callback_url, language)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [document.id, options.priority, options.notBefore ?? now, options.maxAttempts,
                                     options.password, questions, options.idempotencyKey, options.wantsReport, now, options.callbackURL,
                                     options.language.description])
                // Taken before joining a study, whose inserts move the connection's last rowid.
                let jobID = db.lastInsertedRowID
                if let study = options.study {
                    try Self.addToStudy(db, key: study, document: document.id, role: file.mediaType.isImage ? .image : .report, now: now)
                }
                return SubmitReceipt(name: file.name, documentID: document.id, jobID: jobID,
                                     mediaType: file.mediaType.rawValue, sha256: file.sha256,
                                     reusedDocument: document.reused, reusedJob: false)
            }
        }
    }

    // MARK: Claim, lease, finish

    /// Claims up to one job per lease token, most urgent first, each with a lease of `lease`
    /// seconds. A job whose lease expired is runnable again (its worker died); one that has used
    /// all its attempts that way is marked dead instead.
    public func claimJobs(worker: String, lease: Double, leaseTokens: [String]) throws -> [ClaimedJob] {
        try database.write { db in
            let now = clock.now()
            try self.reclaimExpiredLeases(db, now: now)
            var claimed: [ClaimedJob] = []
            for leaseToken in leaseTokens {
                // Uses the index jobs_active: the next job is its first queued entry.
                guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                    UPDATE jobs SET state = 'running', lease_token = ?, lease_until = ?, worker = ?, attempts = attempts + 1,
                           claimed_at = ?, started_at = coalesce(started_at, ?)
                    WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= ? ORDER BY priority DESC, run_at, id LIMIT 1)
                    RETURNING id, document_id, attempts, max_attempts, password, questions, wants_report, language
                    """), arguments: [leaseToken, now + lease, worker, now, now, now])
                else { break }
                claimed.append(ClaimedJob(
                    id: row["id"], documentID: row["document_id"], leaseToken: leaseToken, worker: worker, claimedAt: now,
                    attempt: row["attempts"],
                    maxAttempts: row["max_attempts"], password: row["password"], questions: Self.decodeQuestions(row["questions"]),
                    wantsReport: row["wants_report"], language: OCRLanguage(unchecked: row["language"])))
            }
            return claimed
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
            if try String.fetchOne(db, sql: "SELECT state FROM jobs WHERE id = ?", arguments: [id]) == JobState.dead.rawValue {
                try self.recordJobEnd(db, job: id, state: .dead, now: now)
            }
        }
    }

    /// The claimed job for `leaseToken`, for a child process that was handed the job by its worker.
    public func claimedJob(_ id: Int64, leaseToken: String) throws -> ClaimedJob? {
        try database.read { db in
            try Row.fetchOne(db, sql: """
                SELECT id, document_id, worker, claimed_at, attempts, max_attempts, password, questions, wants_report, language FROM jobs
                WHERE id = ? AND state = 'running' AND lease_token = ?
                """, arguments: [id, leaseToken]).map { row in
                ClaimedJob(id: row["id"], documentID: row["document_id"], leaseToken: leaseToken, worker: row["worker"],
                           claimedAt: row["claimed_at"], attempt: row["attempts"],
                           maxAttempts: row["max_attempts"], password: row["password"], questions: Self.decodeQuestions(row["questions"]),
                           wantsReport: row["wants_report"], language: OCRLanguage(unchecked: row["language"]))
            }
        }
    }

    /// Extends the lease and reads the job's progress; nil when this worker no longer holds the job.
    public func renewLease(_ job: ClaimedJob, lease: Double) throws -> JobProgress? {
        try database.write { db in try Self.renewLease(db, job, until: clock.now() + lease) }
    }

    static func renewLease(_ db: Database, _ job: ClaimedJob, until leaseEnd: Double) throws -> JobProgress? {
        try Row.fetchOne(db, sql: """
            UPDATE jobs SET lease_until = ? WHERE id = ? AND state = 'running' AND lease_token = ?
            RETURNING pages_done, pages_total, cancel_requested
            """, arguments: [leaseEnd, job.id, job.leaseToken]).map(JobProgress.init)
    }

    /// Records that `pagesDone` of `pagesTotal` pages are read. Says whether to go on: not when
    /// the job was cancelled or this worker lost it.
    public func recordProgress(_ job: ClaimedJob, pagesDone: Int, pagesTotal: Int) throws -> ProgressVerdict {
        try database.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                UPDATE jobs SET pages_done = ?, pages_total = ? WHERE id = ? AND state = 'running' AND lease_token = ?
                RETURNING cancel_requested
                """, arguments: [pagesDone, pagesTotal, job.id, job.leaseToken])
            else { return .leaseLost }
            return row["cancel_requested"] as Bool ? .cancelRequested : .goOn
        }
    }

    /// The job's progress as last reported, whoever holds it.
    public func progress(ofJob id: Int64) throws -> JobProgress? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT pages_done, pages_total, cancel_requested FROM jobs WHERE id = ?", arguments: [id])
                .map(JobProgress.init)
        }
    }

    /// Marks the job succeeded and runs `writeResults` in the same transaction, only while this
    /// worker still holds the lease. Returns false, having written nothing, when the lease was lost.
    public func completeJob(_ job: ClaimedJob, writeResults: (any ResultWriter) throws -> Void) throws -> Bool {
        try database.write { db in
            let now = clock.now()
            try db.cachedStatement(sql: """
                UPDATE jobs SET state = 'succeeded', finished_at = ?, lease_token = NULL, lease_until = NULL,
                       password = NULL, pages_done = coalesce(pages_total, pages_done)
                WHERE id = ? AND state = 'running' AND lease_token = ?
                """).execute(arguments: [now, job.id, job.leaseToken])
            guard db.changesCount == 1 else { return false }
            try Self.endAttempt(db, job, outcome: "succeeded", error: nil, now: now)
            try writeResults(SQLiteResultWriter(db: db, now: now))
            try self.recordJobEnd(db, job: job.id, state: .succeeded, now: now)
            return true
        }
    }

    /// Ends the job's attempt as failed, leaving the job in `next`: queued again (runnable after
    /// `retryDelay` seconds), failed or dead. `outcome` names the attempt's end; nil for 'retry',
    /// 'failed' or 'dead' as the job is left. Returns `next`, or nil when this worker no longer held the job.
    public func endFailedAttempt(
        _ job: ClaimedJob, error message: String, leaving next: JobState, retryDelay: Double, outcome: String?
    ) throws -> JobState? {
        try database.write { db in
            let now = clock.now()
            try db.execute(sql: """
                UPDATE jobs SET state = ?, last_error = ?, lease_token = NULL, lease_until = NULL,
                       run_at = CASE WHEN ? = 'queued' THEN ? ELSE run_at END,
                       finished_at = CASE WHEN ? = 'queued' THEN NULL ELSE ? END,
                       password = CASE WHEN ? = 'queued' THEN password ELSE NULL END
                WHERE id = ? AND state = 'running' AND lease_token = ?
                """, arguments: [next.rawValue, message, next.rawValue, now + retryDelay, next.rawValue, now, next.rawValue,
                                 job.id, job.leaseToken])
            guard db.changesCount == 1 else { return nil }
            try Self.endAttempt(db, job, outcome: outcome ?? (next == .queued ? "retry" : next.rawValue), error: message, now: now)
            if next.isFinished { try self.recordJobEnd(db, job: job.id, state: next, now: now) }
            return next
        }
    }

    /// Adds `reason` to the 'lease-expired' end another worker recorded for the attempt that
    /// `job`'s lease belongs to.
    public func addToExpiredAttempt(_ job: ClaimedJob, reason: String) throws {
        try database.write { db in
            try db.execute(sql: """
                UPDATE job_attempts SET error = coalesce(error || '; ', '') || ?
                WHERE job_id = ? AND lease_token = ? AND outcome = 'lease-expired'
                """, arguments: [reason, job.id, job.leaseToken])
        }
    }

    /// How the attempt that `job`'s lease belongs to ended ('succeeded', 'retry', 'lease-expired'...),
    /// nil while it runs.
    public func recordedOutcome(of job: ClaimedJob) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT outcome FROM job_attempts WHERE job_id = ? AND lease_token = ?",
                                arguments: [job.id, job.leaseToken])
        }
    }

    /// Gives the job back without counting the attempt: for a worker that is shutting down.
    public func releaseJob(_ job: ClaimedJob) throws -> Bool {
        try database.write { db in
            try db.execute(sql: """
                UPDATE jobs SET state = 'queued', attempts = max(0, attempts - 1), lease_token = NULL, lease_until = NULL, worker = NULL
                WHERE id = ? AND state = 'running' AND lease_token = ?
                """, arguments: [job.id, job.leaseToken])
            guard db.changesCount == 1 else { return false }
            try Self.endAttempt(db, job, outcome: "released", error: nil, now: clock.now())
            return true
        }
    }

    /// Ends a running job as cancelled, after its worker saw the cancel request.
    public func endCancelledJob(_ job: ClaimedJob) throws -> Bool {
        try database.write { db in
            let now = clock.now()
            try db.execute(sql: """
                UPDATE jobs SET state = 'cancelled', finished_at = ?, lease_token = NULL, lease_until = NULL, password = NULL
                WHERE id = ? AND state = 'running' AND lease_token = ?
                """, arguments: [now, job.id, job.leaseToken])
            guard db.changesCount == 1 else { return false }
            try Self.endAttempt(db, job, outcome: "cancelled", error: nil, now: now)
            try self.recordJobEnd(db, job: job.id, state: .cancelled, now: now)
            return true
        }
    }

    /// Records the end of the attempt that `job`'s lease belongs to. Call after the fenced update
    /// of the job succeeded, in the same transaction.
    private static func endAttempt(_ db: Database, _ job: ClaimedJob, outcome: String, error: String?, now: Double) throws {
        try db.cachedStatement(sql: """
            INSERT INTO job_attempts (job_id, attempt, worker, lease_token, started_at, ended_at, outcome, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [job.id, job.attempt, job.worker, job.leaseToken, job.claimedAt, now, outcome, error])
    }

    // MARK: Operator actions

    /// Cancels a job: a queued one at once, a running one at its next page (its worker stops
    /// there). Returns the job's state after the call.
    public func cancelJob(_ id: Int64) throws -> JobState {
        try database.write { db in
            guard let state = try String.fetchOne(db, sql: "SELECT state FROM jobs WHERE id = ?", arguments: [id]).flatMap(JobState.init) else {
                throw StoreError.jobNotFound(id)
            }
            switch state {
            case .queued:
                let now = clock.now()
                try db.execute(sql: "UPDATE jobs SET state = 'cancelled', finished_at = ?, password = NULL WHERE id = ?",
                               arguments: [now, id])
                try self.recordJobEnd(db, job: id, state: .cancelled, now: now)
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
    public func retryJob(_ id: Int64) throws {
        try database.write { db in
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
                """, arguments: [clock.now(), id])
        }
    }

    /// Deletes jobs that finished before `cutoff` (seconds since 1970). Documents and their
    /// results stay. Returns how many jobs were deleted.
    public func pruneJobs(finishedBefore cutoff: Double) throws -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM jobs WHERE state IN ('succeeded', 'failed', 'dead', 'cancelled') AND finished_at < ?",
                           arguments: [cutoff])
            return db.changesCount
        }
    }

    // MARK: Read

    public func job(_ id: Int64) throws -> JobRecord {
        try database.readOneStatement { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: Self.jobSelect + " WHERE jobs.id = ?"), arguments: [id]) else {
                throw StoreError.jobNotFound(id)
            }
            return Self.jobRecord(row)
        }
    }

    /// Jobs, newest first, optionally only those in `state`.
    public func jobs(state: JobState?, limit: Int) throws -> [JobRecord] {
        try database.read { db in
            let filter = state == nil ? "" : " WHERE jobs.state = ?"
            let arguments: StatementArguments = state.map { [$0.rawValue, limit] } ?? [limit]
            return try Row.fetchAll(db, sql: Self.jobSelect + filter + " ORDER BY jobs.id DESC LIMIT ?", arguments: arguments)
                .map(Self.jobRecord)
        }
    }

    /// The error of the document's latest job, if it failed.
    public func lastJobError(ofDocument id: Int64) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT last_error FROM jobs WHERE document_id = ? ORDER BY id DESC LIMIT 1", arguments: [id])
        }
    }

    /// How many jobs are in each state.
    public func jobCounts() throws -> [JobState: Int] {
        try database.read { db in
            var counts: [JobState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM jobs GROUP BY state") {
                if let state = JobState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    /// True when no job is queued or running, now or later.
    public func hasNoUnfinishedJobs() throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM jobs WHERE state IN ('queued', 'running'))") ?? true
        }
    }

    /// Seconds until the next queued job becomes runnable, nil when none is queued.
    public func secondsUntilNextRunnableJob() throws -> Double? {
        try database.read { db in
            try Double.fetchOne(db, sql: "SELECT min(run_at) FROM jobs WHERE state = 'queued'").map { max(0, $0 - self.clock.now()) }
        }
    }

    /// Jobs by state, how many finished in the last minute and hour before `now`, and how long
    /// those that succeeded in the last hour took from submit to success.
    public func queueStats(now: Double) throws -> QueueStats {
        try database.read { db in
            var counts: [String: Int] = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0.rawValue, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM jobs GROUP BY state") {
                counts[row["state"]] = row["n"]
            }
            let finishedLastMinute = try Int.fetchOne(db, sql: "SELECT count(*) FROM jobs WHERE finished_at >= ?", arguments: [now - 60]) ?? 0
            let finishedLastHour = try Int.fetchOne(db, sql: "SELECT count(*) FROM jobs WHERE finished_at >= ?", arguments: [now - 3600]) ?? 0
            let latencies = try Double.fetchAll(db, sql: """
                SELECT finished_at - created_at AS latency FROM jobs
                WHERE state = 'succeeded' AND finished_at >= ? ORDER BY latency
                """, arguments: [now - 3600])
            return QueueStats(counts: counts, finishedLastMinute: finishedLastMinute, finishedLastHour: finishedLastHour,
                              latencyMedian: QueueStats.percentile(0.5, of: latencies), latency95: QueueStats.percentile(0.95, of: latencies))
        }
    }

    static let jobSelect = """
        SELECT jobs.*, documents.original_name FROM jobs JOIN documents ON documents.id = jobs.document_id
        """

    private static func decodeQuestions(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }

    static func jobRecord(_ row: Row) -> JobRecord {
        JobRecord(
            id: row["id"], documentID: row["document_id"], documentName: row["original_name"],
            state: JobState(rawValue: row["state"]) ?? .queued, priority: row["priority"], attempts: row["attempts"],
            maxAttempts: row["max_attempts"],
            questions: decodeQuestions(row["questions"]), language: OCRLanguage(unchecked: row["language"]),
            idempotencyKey: row["idempotency_key"], cancelRequested: row["cancel_requested"],
            pagesDone: row["pages_done"], pagesTotal: row["pages_total"], lastError: row["last_error"],
            worker: row["worker"], createdAt: row["created_at"], runAt: row["run_at"], startedAt: row["started_at"],
            finishedAt: row["finished_at"])
    }
}
