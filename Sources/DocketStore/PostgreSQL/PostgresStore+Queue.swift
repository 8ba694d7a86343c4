import DocketModel
import Foundation
import NIOCore
import PostgresNIO

/// The job queue's table, as on SQLite: a claim in one statement, a lease renewed while the job
/// runs, every write of a running job fenced by its lease token. Workers on many machines claim
/// at once here, so a claim skips the rows another claim has locked instead of waiting for them.
extension PostgresStore {
    // MARK: Submit

    /// Stores every document and enqueues one job for each, all in one transaction that always
    /// commits synchronously: a job the user was told about is never lost. Wakes listening workers.
    public func enqueue(_ documents: [DocumentToQueue], options: SubmitOptions) throws -> [SubmitReceipt] {
        let questions = String(decoding: try JSONEncoder().encode(options.questions), as: UTF8.self)
        let language = options.language.description
        return try pool.withTransaction(synchronousCommit: true) { connection in
            let now = clock.now()
            if let key = options.idempotencyKey {
                // Submits with the same key take turns, so that the later ones find the first one's
                // job instead of failing on the unique index when both insert at once.
                try connection.run("SELECT pg_advisory_xact_lock(\(Self.idempotencyKeyLock), hashtext(\(key)))")
            }
            let receipts = try documents.map { file in
                if let key = options.idempotencyKey,
                   let existing = try connection.run("""
                       SELECT jobs.id, jobs.document_id, documents.sha256, documents.media_type
                       FROM jobs JOIN documents ON documents.id = jobs.document_id WHERE idempotency_key = \(key)
                       """).first {
                    let (jobID, documentID, sha256, mediaType) = try existing.decode((Int64, Int64, String, String).self)
                    return SubmitReceipt(name: file.name, documentID: documentID, jobID: jobID, mediaType: mediaType, sha256: sha256,
                                         reusedDocument: true, reusedJob: true)
                }
                func enqueueJob(on documentID: Int64) throws -> Int64 {
                    try connection.run("""
                        INSERT INTO jobs (document_id, priority, run_at, max_attempts, password, questions, idempotency_key, wants_report,
                                          created_at, callback_url, language)
                        VALUES (\(documentID), \(options.priority), \(options.notBefore ?? now), \(options.maxAttempts), \(options.password),
                                \(questions), \(options.idempotencyKey), \(options.wantsReport), \(now), \(options.callbackURL), \(language))
                        RETURNING id
                        """).first!.decode(Int64.self)
                }
                let document: (id: Int64, reused: Bool)
                let jobID: Int64
                if let stored = try Self.storedDocument(connection, sha256: file.sha256) {
                    document = (stored, true)
                    jobID = try enqueueJob(on: stored)
                } else if let row = try connection.run("""
                    WITH stored AS (
                        INSERT INTO documents (sha256, media_type, byte_count, original_name, created_at)
                        VALUES (\(file.sha256), \(file.mediaType.rawValue), \(file.content.count), \(file.name), \(now))
                        ON CONFLICT (sha256) DO NOTHING RETURNING id
                    ), content AS (
                        INSERT INTO document_contents (document_id, content) SELECT id, \(ByteaContent(content: file.content)) FROM stored
                    )
                    INSERT INTO jobs (document_id, priority, run_at, max_attempts, password, questions, idempotency_key, wants_report,
                                      created_at, callback_url, language)
                    SELECT id, \(options.priority), \(options.notBefore ?? now), \(options.maxAttempts), \(options.password),
                           \(questions), \(options.idempotencyKey), \(options.wantsReport), \(now), \(options.callbackURL), \(language)
                    FROM stored
                    RETURNING id, document_id
                    """).first {
                    // A new document, its bytes and its job in one statement.
                    let (job, stored) = try row.decode((Int64, Int64).self)
                    document = (stored, false)
                    jobID = job
                } else {
                    // Another submit stored the same bytes since the look above.
                    let stored = try Self.storedDocument(connection, sha256: file.sha256)!
                    document = (stored, true)
                    jobID = try enqueueJob(on: stored)
                }
                if let study = options.study {
                    try Self.addToStudy(connection, key: study, document: document.id, role: file.mediaType.isImage ? .image : .report, now: now)
                }
                return SubmitReceipt(name: file.name, documentID: document.id, jobID: jobID, mediaType: file.mediaType.rawValue,
                                     sha256: file.sha256, reusedDocument: document.reused, reusedJob: false)
            }
            try connection.run("SELECT pg_notify(\(SubmitListener.channel), '')")
            return receipts
        }
    }

    /// The first half of the advisory lock key a submit with an Idempotency-Key takes; the second
    /// is the key's hash. "doci" in ASCII.
    private static let idempotencyKeyLock: Int32 = 0x646f6369

    // MARK: Claim, lease, finish

    /// Claims up to one job per lease token, most urgent first, each with a lease of `lease`
    /// seconds, in one statement. A job whose lease expired is runnable again (its worker died);
    /// one that has used all its attempts that way is marked dead instead.
    public func claimJobs(worker: String, lease: Double, leaseTokens: [String]) throws -> [ClaimedJob] {
        guard !leaseTokens.isEmpty else { return [] }
        let now = clock.now()
        if reclaimIsDue(now: now) {
            try pool.withTransaction(synchronousCommit: durability == .full) { connection in
                try self.reclaimExpiredLeases(connection, now: now)
            }
        }
        let claim = ClaimJobsStatement(now: now, leaseTokens: leaseTokens, leaseUntil: now + lease, worker: worker)
        // One statement, its own transaction: a job another claim has locked is skipped, not waited for.
        let rows = try pool.withConnection { connection in try connection.run(claim) }
        return rows.map { row in
            let (id, documentID, attempt, maxAttempts, password, questions, wantsReport, leaseToken, language) = row
            return ClaimedJob(id: id, documentID: documentID, leaseToken: leaseToken, worker: worker, claimedAt: now, attempt: attempt,
                              maxAttempts: maxAttempts, password: password, questions: Self.decodeQuestions(questions), wantsReport: wantsReport,
                              language: OCRLanguage(unchecked: language))
        }
    }

    /// Expired leases are looked for at most once a second per store (and whenever its clock goes
    /// back): a lease lasts many seconds, and the search would otherwise cost every claim a round trip.
    private func reclaimIsDue(now: Double) -> Bool {
        lastReclaim.withLock { last in
            guard last.map({ now >= $0 + 1 || now < $0 }) ?? true else { return false }
            last = now
            return true
        }
    }

    /// A running job whose lease has passed lost its worker (crashed, killed, hung): its attempt
    /// ends as 'lease-expired' and the job is queued again, or dead when that was its last attempt.
    /// Rows are re-read under their lock, so a lease renewed meanwhile is left alone, and a job
    /// another claim is reclaiming is skipped.
    private func reclaimExpiredLeases(_ connection: PostgresConnection, now: Double) throws {
        let ended = try connection.run("""
            WITH expired AS (
                SELECT id, attempts, worker, lease_token, claimed_at FROM jobs
                WHERE state = 'running' AND lease_until < \(now) FOR UPDATE SKIP LOCKED
            ), logged AS (
                INSERT INTO job_attempts (job_id, attempt, worker, lease_token, started_at, ended_at, outcome)
                SELECT id, attempts, worker, lease_token, claimed_at, \(now), 'lease-expired' FROM expired
            )
            UPDATE jobs SET
                state = CASE WHEN jobs.attempts >= jobs.max_attempts THEN 'dead' ELSE 'queued' END,
                finished_at = CASE WHEN jobs.attempts >= jobs.max_attempts THEN \(now) END,
                password = CASE WHEN jobs.attempts >= jobs.max_attempts THEN NULL ELSE jobs.password END,
                last_error = coalesce(jobs.last_error || '; ', '') || 'the worker running attempt ' || jobs.attempts
                             || ' stopped renewing its lease',
                lease_token = NULL, lease_until = NULL, worker = NULL
            FROM expired WHERE jobs.id = expired.id
            RETURNING jobs.id, jobs.state
            """)
        for row in ended {
            let (id, state) = try row.decode((Int64, String).self)
            if state == JobState.dead.rawValue { try self.recordJobEnd(connection, job: id, state: .dead, now: now) }
        }
    }

    /// The claimed job for `leaseToken`, for a child process that was handed the job by its worker.
    public func claimedJob(_ id: Int64, leaseToken: String) throws -> ClaimedJob? {
        try pool.withConnection { connection in
            guard let row = try connection.run("""
                SELECT id, document_id, worker, claimed_at, attempts, max_attempts, password, questions, wants_report, language FROM jobs
                WHERE id = \(id) AND state = 'running' AND lease_token = \(leaseToken)
                """).first
            else { return nil }
            let (id, documentID, worker, claimedAt, attempt, maxAttempts, password, questions, wantsReport, language) =
                try row.decode((Int64, Int64, String, Double, Int, Int, String?, String, Bool, String).self)
            return ClaimedJob(id: id, documentID: documentID, leaseToken: leaseToken, worker: worker, claimedAt: claimedAt, attempt: attempt,
                              maxAttempts: maxAttempts, password: password, questions: Self.decodeQuestions(questions), wantsReport: wantsReport,
                              language: OCRLanguage(unchecked: language))
        }
    }

    /// Extends the lease and reads the job's progress; nil when this worker no longer holds the job.
    public func renewLease(_ job: ClaimedJob, lease: Double) throws -> JobProgress? {
        try pool.withTransaction(synchronousCommit: durability == .full) { connection in
            try Self.renewLease(connection, job, until: clock.now() + lease)
        }
    }

    static func renewLease(_ connection: PostgresConnection, _ job: ClaimedJob, until leaseEnd: Double) throws -> JobProgress? {
        try connection.run("""
            UPDATE jobs SET lease_until = \(leaseEnd) WHERE id = \(job.id) AND state = 'running' AND lease_token = \(job.leaseToken)
            RETURNING pages_done, pages_total, cancel_requested
            """).first.map(Self.jobProgress)
    }

    public func openLeaseConnection(lockWait: Double) throws -> any LeaseConnection {
        try PostgresLeaseConnection(store: self, lockWait: lockWait)
    }

    /// Records that `pagesDone` of `pagesTotal` pages are read. Says whether to go on: not when
    /// the job was cancelled or this worker lost it.
    public func recordProgress(_ job: ClaimedJob, pagesDone: Int, pagesTotal: Int) throws -> ProgressVerdict {
        try pool.withTransaction(synchronousCommit: durability == .full) { connection in
            guard let row = try connection.run("""
                UPDATE jobs SET pages_done = \(pagesDone), pages_total = \(pagesTotal)
                WHERE id = \(job.id) AND state = 'running' AND lease_token = \(job.leaseToken)
                RETURNING cancel_requested
                """).first
            else { return .leaseLost }
            return try row.decode(Bool.self) ? .cancelRequested : .goOn
        }
    }

    /// The job's progress as last reported, whoever holds it.
    public func progress(ofJob id: Int64) throws -> JobProgress? {
        try pool.withConnection { connection in
            try connection.run("SELECT pages_done, pages_total, cancel_requested FROM jobs WHERE id = \(id)").first.map(Self.jobProgress)
        }
    }

    /// Marks the job succeeded and runs `writeResults` in the same transaction, only while this
    /// worker still holds the lease. Returns false, having written nothing, when the lease was lost.
    /// The job's row stays locked until the commit, so no claim can reclaim it halfway.
    public func completeJob(_ job: ClaimedJob, writeResults: (any ResultWriter) throws -> Void) throws -> Bool {
        try pool.withTransaction(synchronousCommit: durability == .full) { connection in
            let now = clock.now()
            guard let callbackURL = try Self.endHeldJobs([job], connection, now: now)[job.id] else { return false }
            try writeResults(PostgresResultWriter(connection: connection, now: now))
            if let callbackURL {
                try self.recordJobEnd(connection, job: job.id, state: .succeeded, now: now, callbackURL: callbackURL)
            }
            return true
        }
    }

    /// The completions in one transaction: one statement fences and ends every job whose lease is
    /// still held, then each of those writes its results. When any write fails, the transaction is
    /// rolled back and each job is completed alone, so that the failure is its job's only.
    public func completeJobs(_ completions: [JobCompletion]) -> [Result<Bool, any Error>] {
        guard completions.count > 1 else {
            return completions.map { completion in Result { try completeJob(completion.job, writeResults: completion.writeResults) } }
        }
        let together = Result {
            try pool.withTransaction(synchronousCommit: durability == .full) { connection -> [Bool] in
                let now = clock.now()
                let jobs = completions.map(\.job)
                let callbackURLs = try Self.endHeldJobs(jobs, connection, now: now)
                let writer = PostgresResultWriter(connection: connection, now: now)
                for completion in completions where callbackURLs[completion.job.id] != nil {
                    try completion.writeResults(writer)
                    if let callbackURL = callbackURLs[completion.job.id] ?? nil {
                        try self.recordJobEnd(connection, job: completion.job.id, state: .succeeded, now: now, callbackURL: callbackURL)
                    }
                }
                return jobs.map { callbackURLs[$0.id] != nil }
            }
        }
        switch together {
        case .success(let completed): return completed.map { .success($0) }
        case .failure: return completions.map { completion in Result { try completeJob(completion.job, writeResults: completion.writeResults) } }
        }
    }

    /// The fence, end and attempt record of `jobs` in one statement: only the jobs whose lease token
    /// still holds are ended. Keyed by the id of each job ended, its callback URL.
    private static func endHeldJobs(_ jobs: [ClaimedJob], _ connection: PostgresConnection, now: Double) throws -> [Int64: String?] {
        let ended = try connection.run(EndHeldJobsStatement(jobs: jobs, now: now))
        return Dictionary(ended.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
    }

    /// Ends the job's attempt as failed, leaving the job in `next`: queued again (runnable after
    /// `retryDelay` seconds), failed or dead. `outcome` names the attempt's end; nil for 'retry',
    /// 'failed' or 'dead' as the job is left. Returns `next`, or nil when this worker no longer held the job.
    public func endFailedAttempt(
        _ job: ClaimedJob, error message: String, leaving next: JobState, retryDelay: Double, outcome: String?
    ) throws -> JobState? {
        try pool.withTransaction(synchronousCommit: durability == .full) { connection in
            let now = clock.now()
            let requeued = next == .queued
            guard try !connection.run("""
                UPDATE jobs SET state = \(next.rawValue), last_error = \(message), lease_token = NULL, lease_until = NULL,
                       run_at = CASE WHEN \(requeued) THEN \(now + retryDelay) ELSE run_at END,
                       finished_at = CASE WHEN \(requeued) THEN NULL ELSE \(now) END,
                       password = CASE WHEN \(requeued) THEN password END
                WHERE id = \(job.id) AND state = 'running' AND lease_token = \(job.leaseToken)
                RETURNING id
                """).isEmpty
            else { return nil }
            try Self.endAttempt(connection, job, outcome: outcome ?? (requeued ? "retry" : next.rawValue), error: message, now: now)
            if next.isFinished { try self.recordJobEnd(connection, job: job.id, state: next, now: now) }
            return next
        }
    }

    /// Adds `reason` to the 'lease-expired' end another worker recorded for the attempt that
    /// `job`'s lease belongs to.
    public func addToExpiredAttempt(_ job: ClaimedJob, reason: String) throws {
        _ = try pool.withTransaction(synchronousCommit: durability == .full) { connection in
            try connection.run("""
                UPDATE job_attempts SET error = coalesce(error || '; ', '') || \(reason)
                WHERE job_id = \(job.id) AND lease_token = \(job.leaseToken) AND outcome = 'lease-expired'
                """)
        }
    }

    /// How the attempt that `job`'s lease belongs to ended ('succeeded', 'retry', 'lease-expired'...),
    /// nil while it runs.
    public func recordedOutcome(of job: ClaimedJob) throws -> String? {
        try pool.withConnection { connection in
            try connection.run("SELECT outcome FROM job_attempts WHERE job_id = \(job.id) AND lease_token = \(job.leaseToken)")
                .first?.decode(String.self)
        }
    }

    /// Gives the job back without counting the attempt: for a worker that is shutting down.
    public func releaseJob(_ job: ClaimedJob) throws -> Bool {
        try pool.withTransaction(synchronousCommit: durability == .full) { connection in
            guard try !connection.run("""
                UPDATE jobs SET state = 'queued', attempts = greatest(0, attempts - 1), lease_token = NULL, lease_until = NULL, worker = NULL
                WHERE id = \(job.id) AND state = 'running' AND lease_token = \(job.leaseToken)
                RETURNING id
                """).isEmpty
            else { return false }
            try Self.endAttempt(connection, job, outcome: "released", error: nil, now: clock.now())
            return true
        }
    }

    /// Ends a running job as cancelled, after its worker saw the cancel request.
    public func endCancelledJob(_ job: ClaimedJob) throws -> Bool {
        try pool.withTransaction(synchronousCommit: durability == .full) { connection in
            let now = clock.now()
            guard try !connection.run("""
                UPDATE jobs SET state = 'cancelled', finished_at = \(now), lease_token = NULL, lease_until = NULL, password = NULL
                WHERE id = \(job.id) AND state = 'running' AND lease_token = \(job.leaseToken)
                RETURNING id
                """).isEmpty
            else { return false }
            try Self.endAttempt(connection, job, outcome: "cancelled", error: nil, now: now)
            try self.recordJobEnd(connection, job: job.id, state: .cancelled, now: now)
            return true
        }
    }

    /// Records the end of the attempt that `job`'s lease belongs to. Call after the fenced update
    /// of the job succeeded, in the same transaction.
    private static func endAttempt(_ connection: PostgresConnection, _ job: ClaimedJob, outcome: String, error message: String?, now: Double) throws {
        try connection.run("""
            INSERT INTO job_attempts (job_id, attempt, worker, lease_token, started_at, ended_at, outcome, error)
            VALUES (\(job.id), \(job.attempt), \(job.worker), \(job.leaseToken), \(job.claimedAt), \(now), \(outcome), \(message as String?))
            """)
    }

    // MARK: Operator actions

    /// Cancels a job: a queued one at once, a running one at its next page (its worker stops
    /// there). Returns the job's state after the call.
    public func cancelJob(_ id: Int64) throws -> JobState {
        try pool.withTransaction { connection in
            let state = try Self.lockedState(connection, job: id)
            switch state {
            case .queued:
                let now = clock.now()
                try connection.run("UPDATE jobs SET state = 'cancelled', finished_at = \(now), password = NULL WHERE id = \(id)")
                try self.recordJobEnd(connection, job: id, state: .cancelled, now: now)
                return .cancelled
            case .running:
                try connection.run("UPDATE jobs SET cancel_requested = true WHERE id = \(id)")
                return .running
            default:
                throw QueueError.alreadyFinished(job: id, state: state)
            }
        }
    }

    /// Queues a failed, dead or cancelled job again, with its attempts reset.
    public func retryJob(_ id: Int64) throws {
        try pool.withTransaction { connection in
            let state = try Self.lockedState(connection, job: id)
            guard state == .failed || state == .dead || state == .cancelled else {
                throw QueueError.notRetryable(job: id, state: state)
            }
            try connection.run("""
                UPDATE jobs SET state = 'queued', attempts = 0, run_at = \(clock.now()), finished_at = NULL, cancel_requested = false,
                       pages_done = 0, worker = NULL
                WHERE id = \(id)
                """)
        }
    }

    /// The job's state, its row locked until the transaction ends so that no worker moves it meanwhile.
    private static func lockedState(_ connection: PostgresConnection, job id: Int64) throws -> JobState {
        guard let text = try connection.run("SELECT state FROM jobs WHERE id = \(id) FOR UPDATE").first?.decode(String.self),
              let state = JobState(rawValue: text)
        else { throw StoreError.jobNotFound(id) }
        return state
    }

    /// Deletes jobs that finished before `cutoff` (seconds since 1970). Documents and their
    /// results stay. Returns how many jobs were deleted.
    public func pruneJobs(finishedBefore cutoff: Double) throws -> Int {
        try pool.withTransaction { connection in
            try connection.run("""
                DELETE FROM jobs WHERE state IN ('succeeded', 'failed', 'dead', 'cancelled') AND finished_at < \(cutoff) RETURNING id
                """).count
        }
    }

    // MARK: Read

    public func job(_ id: Int64) throws -> JobRecord {
        try pool.withConnection { connection in
            guard let row = try connection.run("\(unescaped: Self.jobSelect) WHERE jobs.id = \(id)").first
            else { throw StoreError.jobNotFound(id) }
            return try Self.jobRecord(row)
        }
    }

    /// Jobs, newest first, optionally only those in `state`.
    public func jobs(state: JobState?, limit: Int) throws -> [JobRecord] {
        try pool.withConnection { connection in
            let query: PostgresQuery = if let state {
                "\(unescaped: Self.jobSelect) WHERE jobs.state = \(state.rawValue) ORDER BY jobs.id DESC LIMIT \(limit)"
            } else {
                "\(unescaped: Self.jobSelect) ORDER BY jobs.id DESC LIMIT \(limit)"
            }
            return try connection.run(query).map(Self.jobRecord)
        }
    }

    /// The error of the document's latest job, if it failed.
    public func lastJobError(ofDocument id: Int64) throws -> String? {
        try pool.withConnection { connection in
            try connection.run("SELECT last_error FROM jobs WHERE document_id = \(id) ORDER BY id DESC LIMIT 1").first?.decode(String?.self) ?? nil
        }
    }

    /// How many jobs are in each state.
    public func jobCounts() throws -> [JobState: Int] {
        var counts: [JobState: Int] = [:]
        for (state, count) in try countsByState() {
            if let state = JobState(rawValue: state) { counts[state] = count }
        }
        return counts
    }

    private func countsByState() throws -> [(String, Int)] {
        try pool.withConnection { connection in
            try connection.run("SELECT state, count(*) FROM jobs GROUP BY state").map { try $0.decode((String, Int).self) }
        }
    }

    /// True when no job is queued or running, now or later.
    public func hasNoUnfinishedJobs() throws -> Bool {
        try pool.withConnection { connection in
            try connection.run("SELECT NOT EXISTS (SELECT 1 FROM jobs WHERE state IN ('queued', 'running'))").first?.decode(Bool.self) ?? true
        }
    }

    /// Seconds until the next queued job becomes runnable, nil when none is queued.
    public func secondsUntilNextRunnableJob() throws -> Double? {
        try pool.withConnection { connection in
            try connection.run("SELECT min(run_at) FROM jobs WHERE state = 'queued'").first?.decode(Double?.self) ?? nil
        }.map { max(0, $0 - clock.now()) }
    }

    /// Jobs by state, how many finished in the last minute and hour before `now`, and how long
    /// those that succeeded in the last hour took from submit to success.
    public func queueStats(now: Double) throws -> QueueStats {
        var counts: [String: Int] = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0.rawValue, 0) })
        for (state, count) in try countsByState() { counts[state] = count }
        return try pool.withConnection { connection in
            let (finishedLastMinute, finishedLastHour) = try connection.run("""
                SELECT count(*) FILTER (WHERE finished_at >= \(now - 60)), count(*) FILTER (WHERE finished_at >= \(now - 3600)) FROM jobs
                """).first!.decode((Int, Int).self)
            let latencies = try connection.run("""
                SELECT finished_at - created_at AS latency FROM jobs
                WHERE state = 'succeeded' AND finished_at >= \(now - 3600) ORDER BY latency
                """).map { try $0.decode(Double.self) }
            return QueueStats(counts: counts, finishedLastMinute: finishedLastMinute, finishedLastHour: finishedLastHour,
                              latencyMedian: QueueStats.percentile(0.5, of: latencies), latency95: QueueStats.percentile(0.95, of: latencies))
        }
    }

    public func waitForSubmit(seconds: Double) -> Bool {
        submitListener.wait(seconds: seconds)
    }

    // MARK: Rows

    static let jobSelect = """
        SELECT jobs.id, jobs.document_id, documents.original_name, jobs.state, jobs.priority, jobs.attempts, jobs.max_attempts,
               jobs.questions, jobs.idempotency_key, jobs.cancel_requested, jobs.pages_done, jobs.pages_total, jobs.last_error, jobs.worker,
               jobs.created_at, jobs.run_at, jobs.started_at, jobs.finished_at, jobs.language
        FROM jobs JOIN documents ON documents.id = jobs.document_id
        """

    static func jobRecord(_ row: PostgresRow) throws -> JobRecord {
        let (id, documentID, documentName, state, priority, attempts, maxAttempts, questions, idempotencyKey, cancelRequested,
             pagesDone, pagesTotal, lastError, worker, createdAt, runAt, startedAt, finishedAt, language) = try row.decode(
            (Int64, Int64, String, String, Int, Int, Int, String, String?, Bool, Int, Int?, String?, String?, Double, Double, Double?, Double?,
             String).self)
        return JobRecord(
            id: id, documentID: documentID, documentName: documentName, state: JobState(rawValue: state) ?? .queued, priority: priority,
            attempts: attempts, maxAttempts: maxAttempts, questions: decodeQuestions(questions), language: OCRLanguage(unchecked: language),
            idempotencyKey: idempotencyKey,
            cancelRequested: cancelRequested,
            pagesDone: pagesDone, pagesTotal: pagesTotal, lastError: lastError, worker: worker, createdAt: createdAt, runAt: runAt,
            startedAt: startedAt, finishedAt: finishedAt)
    }

    private static func jobProgress(_ row: PostgresRow) throws -> JobProgress {
        let (pagesDone, pagesTotal, cancelRequested) = try row.decode((Int, Int?, Bool).self)
        return JobProgress(pagesDone: pagesDone, pagesTotal: pagesTotal, cancelRequested: cancelRequested)
    }

    private static func decodeQuestions(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }
}

/// The claim of up to one queued job per lease token, most urgent first, each marked running
/// under its token in the same statement.
struct ClaimJobsStatement: PostgresPreparedStatement {
    static let sql = """
        WITH picked AS (
            SELECT id FROM jobs WHERE state = 'queued' AND run_at <= $1
            ORDER BY priority DESC, run_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
        ), numbered AS (
            SELECT id, row_number() OVER (ORDER BY id) AS n FROM picked
        ), claimed AS (
            UPDATE jobs SET state = 'running', lease_token = ($3::text[])[numbered.n], lease_until = $4,
                   worker = $5, attempts = attempts + 1, claimed_at = $1, started_at = coalesce(started_at, $1)
            FROM numbered WHERE jobs.id = numbered.id
            RETURNING jobs.id, document_id, attempts, max_attempts, password, questions, wants_report, lease_token, priority, run_at,
                      language
        )
        SELECT id, document_id, attempts, max_attempts, password, questions, wants_report, lease_token, language FROM claimed
        ORDER BY priority DESC, run_at, id
        """
    static let bindingDataTypes: [PostgresDataType] = [.float8, .int8, .textArray, .float8, .text]
    typealias Row = (Int64, Int64, Int, Int, String?, String, Bool, String, String)

    var now: Double
    var leaseTokens: [String]
    var leaseUntil: Double
    var worker: String

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 5)
        bindings.append(now)
        bindings.append(leaseTokens.count)
        bindings.append(leaseTokens)
        bindings.append(leaseUntil)
        bindings.append(worker)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// The fence, end and attempt record of jobs in one statement: only the jobs whose lease token
/// still holds are ended. Returns the id and callback URL of each job ended.
struct EndHeldJobsStatement: PostgresPreparedStatement {
    static let sql = """
        WITH fence AS (
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::float8[])
                          AS held(id, lease_token, attempt, worker, claimed_at)
        ), done AS (
            UPDATE jobs SET state = 'succeeded', finished_at = $6, lease_token = NULL, lease_until = NULL,
                   password = NULL, pages_done = coalesce(pages_total, pages_done)
            FROM fence WHERE jobs.id = fence.id AND jobs.state = 'running' AND jobs.lease_token = fence.lease_token
            RETURNING jobs.id, jobs.callback_url
        ), attempt AS (
            INSERT INTO job_attempts (job_id, attempt, worker, lease_token, started_at, ended_at, outcome)
            SELECT fence.id, fence.attempt, fence.worker, fence.lease_token, fence.claimed_at, $6, 'succeeded'
            FROM fence JOIN done ON done.id = fence.id
        )
        SELECT id, callback_url FROM done
        """
    static let bindingDataTypes: [PostgresDataType] = [.int8Array, .textArray, .int8Array, .textArray, .float8Array, .float8]
    typealias Row = (Int64, String?)

    var jobs: [ClaimedJob]
    var now: Double

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 6)
        bindings.append(jobs.map(\.id))
        bindings.append(jobs.map(\.leaseToken))
        bindings.append(jobs.map { Int64($0.attempt) })
        bindings.append(jobs.map(\.worker))
        bindings.append(jobs.map(\.claimedAt))
        bindings.append(now)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}
