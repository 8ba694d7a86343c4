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
    /// 1 for the first try.
    public var attempt: Int
    public var maxAttempts: Int
    public var password: String?
    public var questions: [String]
}
