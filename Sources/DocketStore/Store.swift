import DocketModel
import Foundation

/// Everything Docket keeps: documents, the job queue, and what reading each document found.
///
/// Two backends implement it, and only they hold SQL: `SQLiteStore`, one file on one machine (the
/// default), and `PostgresStore`, a server that workers on many machines share. Open one with
/// `StoreLocation`, which picks the backend from the path or URL it is given.
public protocol Store: AnyObject, Sendable {
    /// What opens this store again: the SQLite file's path or the PostgreSQL URL as given.
    var location: StoreLocation { get }
    /// The time every record is stamped with, and leases and backoffs are measured against.
    var clock: StoreClock { get }

    /// The migrations this store has applied, in order.
    func appliedMigrations() throws -> [String]

    // MARK: Documents

    func document(_ id: Int64) throws -> DocumentRecord
    func content(of id: Int64) throws -> (MediaType, [UInt8])
    func summary(of id: Int64) throws -> DocumentSummary
    func summaries(of filter: DocumentFilter) throws -> [DocumentSummary]
    /// The document with these bytes, when it has been read and its results are stored.
    func readDocument(sha256: String) throws -> Int64?
    /// Stores documents read elsewhere (`docket eval`, `docket bench`), with their results.
    func insertReadDocuments(_ documents: [ReadDocument]) throws
    /// Moves what was written into the main store file (SQLite's WAL checkpoint); a no-op where there is none.
    func checkpoint() throws

    // MARK: The queue

    func enqueue(_ documents: [DocumentToQueue], options: SubmitOptions) throws -> [SubmitReceipt]
    /// Claims up to `leaseTokens.count` runnable jobs for `worker`, most urgent first, each under
    /// one of the tokens and with a lease of `lease` seconds: for a worker with that many free slots.
    func claimJobs(worker: String, lease: Double, leaseTokens: [String]) throws -> [ClaimedJob]
    func claimedJob(_ id: Int64, leaseToken: String) throws -> ClaimedJob?
    func renewLease(_ job: ClaimedJob, lease: Double) throws -> JobProgress?
    /// A connection of its own for renewing leases: see `LeaseConnection`.
    func openLeaseConnection(lockWait: Double) throws -> any LeaseConnection
    func recordProgress(_ job: ClaimedJob, pagesDone: Int, pagesTotal: Int) throws -> ProgressVerdict
    func progress(ofJob id: Int64) throws -> JobProgress?
    /// Marks the job succeeded and lets `writeResults` store what it found, in one transaction
    /// fenced on the job's lease token: false (and nothing written) when this worker no longer holds it.
    func completeJob(_ job: ClaimedJob, writeResults: (any ResultWriter) throws -> Void) throws -> Bool
    /// Completes several jobs as `completeJob` does each, in as few transactions as the backend
    /// can; each job is fenced on its own lease token. One outcome per completion, in order.
    func completeJobs(_ completions: [JobCompletion]) -> [Result<Bool, any Error>]
    func endFailedAttempt(_ job: ClaimedJob, error message: String, leaving next: JobState, retryDelay: Double, outcome: String?) throws
        -> JobState?
    func addToExpiredAttempt(_ job: ClaimedJob, reason: String) throws
    func recordedOutcome(of job: ClaimedJob) throws -> String?
    func releaseJob(_ job: ClaimedJob) throws -> Bool
    func endCancelledJob(_ job: ClaimedJob) throws -> Bool
    func cancelJob(_ id: Int64) throws -> JobState
    func retryJob(_ id: Int64) throws
    func pruneJobs(finishedBefore cutoff: Double) throws -> Int
    func job(_ id: Int64) throws -> JobRecord
    func jobs(state: JobState?, limit: Int) throws -> [JobRecord]
    func lastJobError(ofDocument id: Int64) throws -> String?
    func jobCounts() throws -> [JobState: Int]
    func hasNoUnfinishedJobs() throws -> Bool
    func secondsUntilNextRunnableJob() throws -> Double?
    func queueStats(now: Double) throws -> QueueStats
    /// What `GET /metrics` reports from the store, read now.
    func metrics(now: Double) throws -> StoreMetrics
    /// Waits up to `seconds` for a submit to say there is work, where the backend can hear one
    /// (PostgreSQL's NOTIFY); true when one did. Where it cannot, waits the whole time.
    func waitForSubmit(seconds: Double) -> Bool

    // MARK: Webhooks

    /// Up to `limit` pending events that are due, each held for `lease` seconds by `worker`. An
    /// event whose earlier sender's lease passed without a record is due again, and that attempt
    /// is recorded as lost.
    func claimWebhookEvents(worker: String, lease: Double, limit: Int) throws -> [ClaimedWebhookEvent]
    /// Records the attempt and leaves the event as `next`, fenced on the claim's lease token:
    /// false (and nothing written) when another sender has taken the event since.
    func recordWebhookAttempt(_ event: ClaimedWebhookEvent, _ attempt: WebhookAttemptRecord, next: WebhookNextStep) throws -> Bool
    /// Events, newest first, optionally only those in `state`.
    func webhookEvents(state: WebhookEventState?, limit: Int) throws -> [WebhookEventRecord]
    /// The event with this number or event id (evt_...).
    func webhookEvent(_ reference: String) throws -> WebhookEventRecord
    func webhookAttempts(ofEvent id: Int64) throws -> [WebhookAttemptRecord]
    /// Makes the event pending and due now, its attempts kept.
    func retryWebhookEvent(_ id: Int64) throws
    /// The secret webhook signatures are keyed with, drawn on first use; `rotate` draws a new one.
    func webhookSecret(rotate: Bool) throws -> String
    /// Deletes events delivered before `cutoff`, with their attempts. Returns how many.
    func pruneWebhookEvents(deliveredBefore cutoff: Double) throws -> Int
    /// Seconds until the next pending event is due (0 when one is due now), nil when none is pending.
    func secondsUntilNextWebhookEvent() throws -> Double?

    // MARK: Results

    /// Makes pages ready to be written by `ResultWriter.replacePages(of:withStaged:)` without
    /// holding other writers up; `discard` them afterwards.
    func stage(_ pages: [Page]) throws -> StagedPages
    func discard(_ staged: StagedPages) throws
    func pages(of id: Int64) throws -> [Page]
    /// The pages stored for the document; nil when it has none yet.
    func storedPages(of id: Int64) throws -> [Page]?
    func answers(of filter: DocumentFilter, minimumConfidence: Double?) throws -> [AnswerRow]
    func answers(of id: Int64) throws -> [Answer]
    func fields(named name: String?, of filter: DocumentFilter, minimumConfidence: Double?, includeNotFound: Bool) throws -> [FieldRow]
    func search(_ query: String, in filter: DocumentFilter, limit: Int) throws -> [SearchHit]
    func imageMetadata(of id: Int64) throws -> ImageMetadata?
    func study(key: String) throws -> Study?
    func studies() throws -> [Study]
    func storedReport(of id: Int64) throws -> String?

    // MARK: Semantic search

    /// Read documents (those with stored pages) whose passages `model` has not embedded, by id.
    func documentsWithoutVectors(model: EncoderModel, in filter: DocumentFilter) throws -> [Int64]
    /// Replaces the document's passage vectors with `vectors` and records that `model` embedded it,
    /// in one transaction. Throws `StoreError.documentNotFound` when there is no such document.
    func replacePassageVectors(of document: Int64, with vectors: [PassageVector], model: EncoderModel) throws
    /// The passage vectors `model` made of the documents `filter` selects.
    func passageVectors(model: EncoderModel, in filter: DocumentFilter) throws -> [StoredPassageVector]

    // MARK: For the HTTP API

    func jobs(_ query: JobQuery) throws -> [JobRecord]
    /// Stores the document without queueing a job; returns its id and whether the same bytes were already stored.
    func storeDocument(_ document: DocumentToQueue) throws -> (id: Int64, reused: Bool)
    /// Deletes the document, its bytes, its results and its finished or queued jobs, unless a job
    /// is reading it. Throws `StoreError.documentNotFound` when there is no such document.
    func deleteDocument(_ id: Int64) throws -> DocumentDeletion


    func createAPIKey(name: String, scope: APIKeyScope, secretSHA256: String) throws -> APIKeyRecord
    /// Every key, revoked ones too, oldest first.
    func apiKeys() throws -> [APIKeyRecord]
    func apiKey(_ id: Int64) throws -> APIKeyRecord?
    /// Marks the key revoked; false when there is no such key or it was already revoked.
    func revokeAPIKey(_ id: Int64) throws -> Bool
}

/// A job to complete and what its completion writes.
public struct JobCompletion {
    public let job: ClaimedJob
    public let writeResults: (any ResultWriter) throws -> Void

    public init(job: ClaimedJob, writeResults: @escaping (any ResultWriter) throws -> Void) {
        self.job = job
        self.writeResults = writeResults
    }
}

extension Store {
    /// One transaction per job.
    public func completeJobs(_ completions: [JobCompletion]) -> [Result<Bool, any Error>] {
        completions.map { completion in Result { try completeJob(completion.job, writeResults: completion.writeResults) } }
    }

    /// Claims the most urgent runnable job for `worker` under `leaseToken`; nil when there is none.
    public func claimJob(worker: String, lease: Double, leaseToken: String) throws -> ClaimedJob? {
        try claimJobs(worker: worker, lease: lease, leaseTokens: [leaseToken]).first
    }
    public func summaries() throws -> [DocumentSummary] { try summaries(of: DocumentFilter()) }
    public func jobs(state: JobState? = nil) throws -> [JobRecord] { try jobs(state: state, limit: 100) }
    public func answers(of filter: DocumentFilter) throws -> [AnswerRow] { try answers(of: filter, minimumConfidence: nil) }
    public func fields(
        named name: String? = nil, of filter: DocumentFilter = DocumentFilter(), minimumConfidence: Double? = nil
    ) throws -> [FieldRow] {
        try fields(named: name, of: filter, minimumConfidence: minimumConfidence, includeNotFound: false)
    }
    public func search(_ query: String, in filter: DocumentFilter = DocumentFilter()) throws -> [SearchHit] {
        try search(query, in: filter, limit: 20)
    }
}
