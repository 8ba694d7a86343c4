import DocketStore

/// A job of the queue: `docket status`, `docket jobs`, and the job of each `docket submit` receipt.
public struct JobResource: Codable, Sendable, Equatable {
    public struct Progress: Codable, Sendable, Equatable {
        public var pagesDone: Int
        /// Nil until the job has opened its document.
        public var pagesTotal: Int?

        public init(pagesDone: Int, pagesTotal: Int?) {
            self.pagesDone = pagesDone
            self.pagesTotal = pagesTotal
        }

        enum CodingKeys: String, CodingKey {
            case pagesDone = "pages_done", pagesTotal = "pages_total"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(pagesDone, forKey: .pagesDone)
            try container.encode(pagesTotal, forKey: .pagesTotal)
        }
    }

    public var id: Int64
    public var documentID: Int64
    public var documentName: String
    public var state: JobState
    public var priority: Int
    public var attempts: Int
    public var maxAttempts: Int
    public var questions: [String]
    /// Tesseract's codes for the languages scanned pages are read in, joined with '+': "deu+eng".
    public var language: String
    public var idempotencyKey: String?
    public var cancelRequested: Bool
    public var progress: Progress
    public var lastError: String?
    /// The worker that holds or last held the job.
    public var worker: String?
    public var createdAt: RFC3339Time
    /// Not run before this time.
    public var runAt: RFC3339Time
    public var startedAt: RFC3339Time?
    public var finishedAt: RFC3339Time?

    public init(from record: JobRecord) {
        id = record.id
        documentID = record.documentID
        documentName = record.documentName
        state = record.state
        priority = record.priority
        attempts = record.attempts
        maxAttempts = record.maxAttempts
        questions = record.questions
        language = record.language.description
        idempotencyKey = record.idempotencyKey
        cancelRequested = record.cancelRequested
        progress = Progress(pagesDone: record.pagesDone, pagesTotal: record.pagesTotal)
        lastError = record.lastError
        worker = record.worker
        createdAt = RFC3339Time(secondsSince1970: record.createdAt)
        runAt = RFC3339Time(secondsSince1970: record.runAt)
        startedAt = record.startedAt.map(RFC3339Time.init(secondsSince1970:))
        finishedAt = record.finishedAt.map(RFC3339Time.init(secondsSince1970:))
    }

    enum CodingKeys: String, CodingKey {
        case id, documentID = "document_id", documentName = "document_name", state, priority, attempts, maxAttempts = "max_attempts"
        case questions, language, idempotencyKey = "idempotency_key", cancelRequested = "cancel_requested", progress, lastError = "last_error"
        case worker, createdAt = "created_at", runAt = "run_at", startedAt = "started_at", finishedAt = "finished_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(documentID, forKey: .documentID)
        try container.encode(documentName, forKey: .documentName)
        try container.encode(state, forKey: .state)
        try container.encode(priority, forKey: .priority)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(maxAttempts, forKey: .maxAttempts)
        try container.encode(questions, forKey: .questions)
        try container.encode(language, forKey: .language)
        try container.encode(idempotencyKey, forKey: .idempotencyKey)
        try container.encode(cancelRequested, forKey: .cancelRequested)
        try container.encode(progress, forKey: .progress)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(worker, forKey: .worker)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(runAt, forKey: .runAt)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
    }
}

/// What `docket submit` did with one file: the document it stored or reused, and the job.
public struct SubmitReceiptResource: Codable, Sendable, Equatable {
    /// The file's name as given (its path when found in a folder).
    public var file: String
    /// The same bytes were stored before: the earlier document was reused.
    public var deduplicated: Bool
    /// The idempotency key matched an earlier job, which is returned instead of a new one.
    public var reusedJob: Bool
    public var document: DocumentResource
    public var job: JobResource

    public init(from receipt: SubmitReceipt, document: DocumentSummary, job: JobRecord) {
        file = receipt.name
        deduplicated = receipt.reusedDocument
        reusedJob = receipt.reusedJob
        self.document = DocumentResource(from: document)
        self.job = JobResource(from: job)
    }

    enum CodingKeys: String, CodingKey {
        case file, deduplicated, reusedJob = "reused_job", document, job
    }
}

/// How the queue is doing: `docket stats`.
public struct QueueStatsResource: Codable, Sendable, Equatable {
    /// Jobs by state; every state is present.
    public var counts: [String: Int]
    public var finishedLastMinute: Int
    public var finishedLastHour: Int
    /// Seconds from submit to success of the jobs that succeeded in the last hour; nil without any.
    public var latencyMedianSeconds: Double?
    public var latencyP95Seconds: Double?

    public init(from stats: QueueStats) {
        counts = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0.rawValue, stats.counts[$0.rawValue] ?? 0) })
        finishedLastMinute = stats.finishedLastMinute
        finishedLastHour = stats.finishedLastHour
        latencyMedianSeconds = stats.latencyMedian
        latencyP95Seconds = stats.latency95
    }

    enum CodingKeys: String, CodingKey {
        case counts, finishedLastMinute = "finished_last_minute", finishedLastHour = "finished_last_hour"
        case latencyMedianSeconds = "latency_median_seconds", latencyP95Seconds = "latency_p95_seconds"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(counts, forKey: .counts)
        try container.encode(finishedLastMinute, forKey: .finishedLastMinute)
        try container.encode(finishedLastHour, forKey: .finishedLastHour)
        try container.encode(latencyMedianSeconds, forKey: .latencyMedianSeconds)
        try container.encode(latencyP95Seconds, forKey: .latencyP95Seconds)
    }
}
