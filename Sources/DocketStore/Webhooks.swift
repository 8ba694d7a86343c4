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

/// The body of a webhook event: the job as it ended and the answers it found, with snake_case
/// keys and RFC 3339 UTC times.
public struct WebhookPayload: Codable, Sendable, Equatable {
    public struct Job: Codable, Sendable, Equatable {
        public var id: Int64
        public var documentId: Int64
        public var documentName: String
        public var state: String
        public var attempts: Int
        public var maxAttempts: Int
        public var questions: [String]
        public var lastError: String?
        public var createdAt: String
        public var startedAt: String?
        public var finishedAt: String?

        /// Absent values are null rather than left out: one shape for every job.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(documentId, forKey: .documentId)
            try container.encode(documentName, forKey: .documentName)
            try container.encode(state, forKey: .state)
            try container.encode(attempts, forKey: .attempts)
            try container.encode(maxAttempts, forKey: .maxAttempts)
            try container.encode(questions, forKey: .questions)
            try container.encode(lastError, forKey: .lastError)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(startedAt, forKey: .startedAt)
            try container.encode(finishedAt, forKey: .finishedAt)
        }
    }

    public struct AnswerBody: Codable, Sendable, Equatable {
        public struct Evidence: Codable, Sendable, Equatable {
            public var page: Int
            public var x0: Double
            public var y0: Double
            public var x1: Double
            public var y1: Double
        }

        public var question: String
        /// As it stands in the document; null when it was not found.
        public var text: String?
        public var value: String?
        public var valueKind: String?
        public var unit: String?
        public var confidence: Double
        public var evidence: Evidence?

        /// Absent values are null rather than left out: one shape for every answer.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(question, forKey: .question)
            try container.encode(text, forKey: .text)
            try container.encode(value, forKey: .value)
            try container.encode(valueKind, forKey: .valueKind)
            try container.encode(unit, forKey: .unit)
            try container.encode(confidence, forKey: .confidence)
            try container.encode(evidence, forKey: .evidence)
        }
    }

    public var eventId: String
    public var type: String
    public var createdAt: String
    public var job: Job
    public var answers: [AnswerBody]

    public init(eventID: String, type: String, createdAt: Double, job: JobRecord, answers: [Answer]) {
        eventId = eventID
        self.type = type
        self.createdAt = Self.time(createdAt)
        self.job = Job(
            id: job.id, documentId: job.documentID, documentName: job.documentName, state: job.state.rawValue, attempts: job.attempts,
            maxAttempts: job.maxAttempts, questions: job.questions, lastError: job.lastError, createdAt: Self.time(job.createdAt),
            startedAt: job.startedAt.map(Self.time), finishedAt: job.finishedAt.map(Self.time))
        self.answers = answers.map { answer in
            AnswerBody(
                question: answer.question, text: answer.text, value: answer.value?.text, valueKind: answer.value?.kind.rawValue,
                unit: answer.value?.unit, confidence: answer.confidence,
                evidence: answer.evidence.map { .init(page: $0.page, x0: $0.box.x0, y0: $0.box.y0, x1: $0.box.x1, y1: $0.box.y1) })
        }
    }

    /// The payload as sent: compact JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public static func decode(_ json: String) throws -> WebhookPayload {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(WebhookPayload.self, from: Data(json.utf8))
    }

    /// RFC 3339 in UTC with milliseconds: 2026-03-14T09:26:53.589Z.
    static func time(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    /// The event type for a job that ended in `state`.
    public static func eventType(for state: JobState) -> String { "job.\(state.rawValue)" }

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
