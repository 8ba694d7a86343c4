import Crypto
import DocketModel
import DocketStore

/// The job queue: jobs kept by the store, a claim in one statement, a lease renewed while the job runs.
public final class JobQueue: Sendable {
    public let store: Store
    public let retryPolicy: RetryPolicy
    private let completions = CompletionGroup()

    public init(store: Store, retryPolicy: RetryPolicy = RetryPolicy()) {
        self.store = store
        self.retryPolicy = retryPolicy
    }

    // MARK: Submit

    /// Stores every file and enqueues one job per file, all in one transaction: either every file
    /// is stored and queued, or (when any is refused) nothing is.
    public func submit(_ files: [SubmittedFile], options: SubmitOptions = SubmitOptions()) throws -> [SubmitReceipt] {
        if let callbackURL = options.callbackURL { try CallbackURL.check(callbackURL) }
        let documents = try files.map { file in
            guard !file.content.isEmpty else { throw SubmitError.empty(name: file.name) }
            guard let mediaType = try MediaType.detect(file.content) else { throw SubmitError.unsupportedType(name: file.name) }
            return DocumentToQueue(name: file.name, content: file.content, mediaType: mediaType, sha256: try Self.sha256(file.content))
        }
        return try store.enqueue(documents, options: options)
    }

    // MARK: Claim, lease, finish

    /// Claims the most urgent runnable job for `worker`, with a lease of `lease` seconds; nil when
    /// there is none. A job whose lease expired is runnable again (its worker died); one that has
    /// used all its attempts that way is marked dead instead.
    public func claim(worker: String, lease: Double) throws -> ClaimedJob? {
        try store.claimJob(worker: worker, lease: lease, leaseToken: Self.newLeaseToken())
    }

    /// Claims up to `limit` runnable jobs at once, most urgent first, each under a lease token of
    /// its own: for a worker with `limit` free slots. Empty when none is runnable.
    public func claim(worker: String, lease: Double, limit: Int) throws -> [ClaimedJob] {
        try store.claimJobs(worker: worker, lease: lease, leaseTokens: (0..<max(0, limit)).map { _ in Self.newLeaseToken() })
    }

    /// The claimed job for `leaseToken`, for a child process that was handed the job by its worker.
    public func claimedJob(_ id: Int64, leaseToken: String) throws -> ClaimedJob? {
        try store.claimedJob(id, leaseToken: leaseToken)
    }

    /// Extends the lease; false when this worker no longer holds the job.
    @discardableResult
    public func extendLease(_ job: ClaimedJob, by lease: Double) throws -> Bool {
        try heartbeat(job, lease: lease) != nil
    }

    /// Extends the lease and reads the job's progress; nil when this worker no longer holds the job.
    public func heartbeat(_ job: ClaimedJob, lease: Double) throws -> JobProgress? {
        try store.renewLease(job, lease: lease)
    }

    /// Records that `pagesDone` of `pagesTotal` pages are read. Says whether to go on: not when
    /// the job was cancelled or this worker lost it.
    @discardableResult
    public func reportProgress(_ job: ClaimedJob, pagesDone: Int, pagesTotal: Int) throws -> ProgressVerdict {
        try store.recordProgress(job, pagesDone: pagesDone, pagesTotal: pagesTotal)
    }

    /// The job's progress as last reported, whoever holds it.
    public func progress(of id: Int64) throws -> JobProgress? {
        try store.progress(ofJob: id)
    }

    /// Marks the job succeeded and runs `writeResults` in the same transaction, only while this
    /// worker still holds the lease. Returns false, having written nothing, when the lease was lost.
    /// Completions that arrive from several threads while one commits are committed together.
    @discardableResult
    public func complete(_ job: ClaimedJob, writeResults: (ResultWriter) throws -> Void) throws -> Bool {
        try completions.complete(job, writeResults: writeResults, in: store)
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
        try store.addToExpiredAttempt(job, reason: reason)
        return nil
    }

    /// How the attempt that `job`'s lease belongs to ended ('succeeded', 'retry', 'lease-expired'...),
    /// nil while it runs.
    public func recordedOutcome(of job: ClaimedJob) throws -> String? {
        try store.recordedOutcome(of: job)
    }

    /// `outcome` names the attempt's end; nil for 'retry', 'failed' or 'dead' as the job is left.
    private func endFailedAttempt(_ job: ClaimedJob, error message: String, permanent: Bool, outcome: String?) throws -> JobState? {
        let next: JobState = permanent ? .failed : (job.attempt >= job.maxAttempts ? .dead : .queued)
        return try store.endFailedAttempt(job, error: message, leaving: next, retryDelay: retryPolicy.delay(after: job.attempt),
                                          outcome: outcome)
    }

    /// Gives the job back without counting the attempt: for a worker that is shutting down.
    @discardableResult
    public func release(_ job: ClaimedJob) throws -> Bool {
        try store.releaseJob(job)
    }

    /// Ends a running job as cancelled, after its worker saw the cancel request.
    @discardableResult
    public func acknowledgeCancel(_ job: ClaimedJob) throws -> Bool {
        try store.endCancelledJob(job)
    }

    // MARK: Operator actions

    /// Cancels a job: a queued one at once, a running one at its next page (its worker stops
    /// there). Returns the job's state after the call.
    public func cancel(_ id: Int64) throws -> JobState {
        try store.cancelJob(id)
    }

    /// Queues a failed, dead or cancelled job again, with its attempts reset.
    public func retry(_ id: Int64) throws {
        try store.retryJob(id)
    }

    /// Deletes jobs that finished before `cutoff` (seconds since 1970). Documents and their
    /// results stay. Returns how many jobs were deleted.
    public func prune(finishedBefore cutoff: Double) throws -> Int {
        try store.pruneJobs(finishedBefore: cutoff)
    }

    // MARK: Read

    public func job(_ id: Int64) throws -> JobRecord {
        try store.job(id)
    }

    /// Jobs, newest first, optionally only those in `state`.
    public func jobs(state: JobState? = nil, limit: Int = 100) throws -> [JobRecord] {
        try store.jobs(state: state, limit: limit)
    }

    /// The error of the document's latest job, if it failed.
    public func lastError(ofDocument id: Int64) throws -> String? {
        try store.lastJobError(ofDocument: id)
    }

    /// How many jobs are in each state.
    public func counts() throws -> [JobState: Int] {
        try store.jobCounts()
    }

    /// True when no job is queued or running, now or later: a draining worker may stop.
    public func isDrained() throws -> Bool {
        try store.hasNoUnfinishedJobs()
    }

    /// Seconds until the next queued job becomes runnable, nil when none is queued.
    public func secondsUntilNextRunnable() throws -> Double? {
        try store.secondsUntilNextRunnableJob()
    }

    /// Jobs by state, throughput, and how long jobs wait from submit to done, as of `now` (the
    /// store's clock by default).
    public func stats(now: Double? = nil) throws -> QueueStats {
        try store.queueStats(now: now ?? store.clock.now())
    }

    /// The nearest-rank percentile of sorted `values`.
    public static func percentile(_ fraction: Double, of values: [Double]) -> Double? {
        QueueStats.percentile(fraction, of: values)
    }

    /// The hex SHA-256 that identifies a document's bytes.
    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).hexString
    }

    /// The hex SHA-256 of `content`, read a chunk at a time.
    public static func sha256(_ content: DocumentContent) throws -> String {
        if case .bytes(let bytes) = content { return sha256(bytes) }
        var hasher = SHA256()
        try content.forEachChunk { hasher.update(data: $0) }
        return hasher.finalize().hexString
    }

    /// 128 random bits. (Foundation's UUID opens /dev/urandom on every call, a system call too
    /// many on the claim path; the system generator uses getrandom.)
    private static func newLeaseToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let words = [generator.next(), generator.next()] as [UInt64]
        return words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }.hexString
    }
}
