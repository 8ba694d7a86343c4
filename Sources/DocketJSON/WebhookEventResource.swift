import DocketStore

/// The body of a webhook event: the job as it ended, in the shape `docket status` prints, and the
/// answers it found, as `docket answers` prints them.
public struct WebhookEventResource: Codable, Sendable, Equatable {
    /// The same as the Docket-Event-Id header.
    public var eventID: String
    /// job.succeeded, job.failed, job.dead or job.cancelled.
    public var type: String
    /// When the job ended.
    public var createdAt: RFC3339Time
    public var job: JobResource
    public var answers: [AnswerResource]

    public init(from end: WebhookJobEnd) {
        eventID = end.eventID
        type = end.type
        createdAt = RFC3339Time(secondsSince1970: end.createdAt)
        job = JobResource(from: end.job)
        answers = end.answers.map { AnswerResource(documentID: end.job.documentID, documentName: end.job.documentName, answer: $0) }
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id", type, createdAt = "created_at", job, answers
    }
}

/// Webhook bodies in DocketJSON's shape, compact: what a store that ends jobs is opened with.
public struct WebhookBodyJSON: WebhookBodyEncoder {
    public init() {}

    public func body(for end: WebhookJobEnd) throws -> String {
        try DocketJSON.string(WebhookEventResource(from: end))
    }
}
