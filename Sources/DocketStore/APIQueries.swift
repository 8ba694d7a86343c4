/// Which jobs a page of `GET /v1/jobs` lists: newest first, those with ids below `beforeID`.
public struct JobQuery: Sendable, Equatable {
    public var state: JobState?
    public var document: Int64?
    /// The last id of the previous page; nil for the first page.
    public var beforeID: Int64?
    public var limit: Int

    public init(state: JobState? = nil, document: Int64? = nil, beforeID: Int64? = nil, limit: Int = 100) {
        self.state = state
        self.document = document
        self.beforeID = beforeID
        self.limit = limit
    }
}

/// What deleting a document did.
public enum DocumentDeletion: Sendable, Equatable {
    case deleted
    /// A job is reading the document; nothing was deleted.
    case jobRunning(job: Int64)
}
