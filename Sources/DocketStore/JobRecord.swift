import DocketModel
import GRDB

/// A job as stored, for `docket status` and `docket jobs`.
public struct JobRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var documentID: Int64
    public var documentName: String
    public var state: JobState
    public var priority: Int
    public var attempts: Int
    public var maxAttempts: Int
    public var questions: [String]
    /// The languages Tesseract reads the document's scanned pages in.
    public var language: OCRLanguage
    /// The key given at submit (`--key`); a second submit with it returned this job.
    public var idempotencyKey: String?
    /// `docket cancel` asked the running job to stop at its next page.
    public var cancelRequested: Bool
    public var pagesDone: Int
    public var pagesTotal: Int?
    public var lastError: String?
    public var worker: String?
    public var createdAt: Double
    public var runAt: Double
    public var startedAt: Double?
    public var finishedAt: Double?
}

/// A job this worker holds. `leaseToken` fences every write: once the lease is lost, writes with it change nothing.
public struct ClaimedJob: Sendable, Equatable {
    public var id: Int64
    public var documentID: Int64
    public var leaseToken: String
    /// The worker that holds the lease.
    public var worker: String
    /// When this attempt claimed the job (seconds since 1970).
    public var claimedAt: Double
    /// 1 for the first try.
    public var attempt: Int
    public var maxAttempts: Int
    public var password: String?
    public var questions: [String]
    /// `submit --report`: build and store the document's report.
    public var wantsReport: Bool = false
    /// The languages Tesseract reads the document's scanned pages in.
    public var language: OCRLanguage = .english
}

/// A running job's progress, as its heartbeat sees it.
public struct JobProgress: Sendable, Equatable {
    public var pagesDone: Int
    public var pagesTotal: Int?
    public var cancelRequested: Bool
}

extension JobProgress {
    init(_ row: Row) {
        self.init(pagesDone: row["pages_done"], pagesTotal: row["pages_total"], cancelRequested: row["cancel_requested"])
    }
}

/// What a job's runner should do after a page.
public enum ProgressVerdict: Sendable, Equatable {
    case goOn
    /// `docket cancel` asked the job to stop.
    case cancelRequested
    /// Another worker holds the job now; stop and write nothing.
    case leaseLost
}
