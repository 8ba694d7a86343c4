import DocketModel
import Foundation

/// Where a webhook event is in its life: `pending` until a delivery gets a 2xx answer
/// (`delivered`), or until the receiver answers 410 Gone or it is a day old (`failed`).
public enum WebhookEventState: String, Codable, Sendable, CaseIterable {
    case pending, delivered, failed
}

/// One job end to tell the job's callback URL about, as `docket webhooks list` shows it.
public struct WebhookEventRecord: Codable, Sendable, Equatable {
    public var id: Int64
    /// Sent as Docket-Event-Id, the same on every attempt.
    public var eventID: String
    public var jobID: Int64
    /// Sent as Docket-Event-Type: job.succeeded, job.failed, job.dead or job.cancelled.
    public var type: String
    public var url: String
    public var state: WebhookEventState
    public var attempts: Int
    public var createdAt: Double
    public var nextAttemptAt: Double
    public var finishedAt: Double?
    public var lastError: String?
}

/// One delivery attempt of an event: the receiver's HTTP status, or why there was none.
public struct WebhookAttemptRecord: Codable, Sendable, Equatable {
    public var eventID: Int64
    public var attempt: Int
    public var worker: String
    public var startedAt: Double
    public var duration: Double
    public var statusCode: Int?
    public var error: String?

    public init(eventID: Int64, attempt: Int, worker: String, startedAt: Double, duration: Double, statusCode: Int?, error: String?) {
        self.eventID = eventID
        self.attempt = attempt
        self.worker = worker
        self.startedAt = startedAt
        self.duration = duration
        self.statusCode = statusCode
        self.error = error
    }
}

/// An event a sender holds for one delivery attempt. `leaseToken` fences the attempt's record:
/// once the lease has passed and another sender took the event, this one records nothing.
public struct ClaimedWebhookEvent: Sendable, Equatable {
    public var id: Int64
    public var eventID: String
    public var type: String
    public var url: String
    public var body: String
    /// When the event was made, or last retried by hand: its day of attempts starts here.
    public var createdAt: Double
    /// 1 for the first attempt.
    public var attempt: Int
    public var leaseToken: String
    public var worker: String
}

/// What an attempt leaves the event as.
public enum WebhookNextStep: Sendable, Equatable {
    case delivered
    /// Try again at this time (seconds since 1970).
    case retry(at: Double)
    /// Give up: the receiver said 410 Gone, or the event is too old.
    case failed
}

/// A job that just ended with a callback URL, as its webhook event reports it: the job as it
/// ended and the answers it found, read in the transaction that ended it.
public struct WebhookJobEnd: Sendable, Equatable {
    /// Sent as Docket-Event-Id and in the body.
    public var eventID: String
    /// job.succeeded, job.failed, job.dead or job.cancelled.
    public var type: String
    /// When the job ended and the event was made (seconds since 1970).
    public var createdAt: Double
    public var job: JobRecord
    public var answers: [Answer]

    public init(eventID: String, type: String, createdAt: Double, job: JobRecord, answers: [Answer]) {
        self.eventID = eventID
        self.type = type
        self.createdAt = createdAt
        self.job = job
        self.answers = answers
    }
}

/// Writes the body a webhook event sends. The body has the shape the CLI and the HTTP API print,
/// which lives above the store, so whoever opens a store that ends jobs hands it one. The store
/// calls it in the transaction that ends the job: the body is fenced with the job's results and
/// shows the job as it ended, whatever happens to the job later.
public protocol WebhookBodyEncoder: Sendable {
    func body(for end: WebhookJobEnd) throws -> String
}

enum WebhookEvents {
    /// The event type for a job that ended in `state`.
    static func eventType(for state: JobState) -> String { "job.\(state.rawValue)" }

    /// 'whsec_' and 256 random bits in hex. Signatures are keyed with the whole text's UTF-8 bytes.
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return "whsec_" + (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// 'evt_' and 128 random bits in hex.
    static func newEventID() -> String {
        var generator = SystemRandomNumberGenerator()
        return "evt_" + [generator.next(), generator.next() as UInt64].map { String(format: "%016llx", $0) }.joined()
    }
}
