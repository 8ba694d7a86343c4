import ArgumentParser
import DocketQueue
import DocketStore
import Foundation

extension WebhookEventState: ExpressibleByArgument {}

struct Webhooks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "See and retry webhook events, and print the secret that signs them.",
        discussion: """
            A job submitted with --callback-url POSTs its final state and answers to that URL when it \
            ends (succeeded, failed, dead or cancelled). The event is stored in the transaction that ends \
            the job, and worker daemons deliver it: a 2xx answer delivers it, 410 Gone stops it, anything \
            else is tried again after 10 s, 30 s, 90 s... (at most an hour apart) until the event is a \
            day old. Each request carries Docket-Signature, Docket-Event-Id and Docket-Event-Type.

            EXAMPLES
              docket webhooks secret
              docket webhooks list --state failed
              docket webhooks attempts 12
              docket webhooks retry 12
            """,
        subcommands: [List.self, Attempts.self, Retry.self, Secret.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List webhook events, newest first.")

        @OptionGroup var store: StoreOptions
        @Option(help: "Only events in this state: pending, delivered, failed.") var state: WebhookEventState?
        @Option(help: "At most this many events.") var limit: Int = 100
        @Option(help: OutputFormat.help) var format: OutputFormat = .text
        @OptionGroup var csvOptions: CSVOptions

        func run() throws {
            let events = try withExitCodes { try store.openForReading().webhookEvents(state: state, limit: limit) }
            try Output.emit(
                format, csvOptions, json: events.map(WebhookEventJSON.init),
                header: ["ID", "EVENT_ID", "JOB", "TYPE", "STATE", "TRIES", "CREATED", "NEXT", "URL", "ERROR"],
                rows: events.map { event in
                    ["\(event.id)", event.eventID, "\(event.jobID)", event.type, event.state.rawValue, "\(event.attempts)",
                     Output.date(event.createdAt), event.state == .pending ? Output.date(event.nextAttemptAt) : "-", event.url,
                     event.lastError ?? ""]
                })
        }
    }

    struct Attempts: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every delivery attempt of one event: its HTTP status or error, and how long it took.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The event's number or event id (evt_...).") var event: String
        @Option(help: OutputFormat.help) var format: OutputFormat = .text
        @OptionGroup var csvOptions: CSVOptions

        func run() throws {
            let attempts = try withExitCodes {
                let store = try store.openForReading()
                return try store.webhookAttempts(ofEvent: store.webhookEvent(event).id)
            }
            try Output.emit(
                format, csvOptions, json: attempts.map(WebhookAttemptJSON.init),
                header: ["ATTEMPT", "STARTED", "SECONDS", "STATUS", "WORKER", "ERROR"],
                rows: attempts.map { attempt in
                    ["\(attempt.attempt)", Output.date(attempt.startedAt), String(format: "%.3f", attempt.duration),
                     attempt.statusCode.map(String.init) ?? "-", attempt.worker, attempt.error ?? ""]
                })
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send an event again now: a failed one gets another day of attempts; a delivered one is sent once more.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The event's number or event id (evt_...).") var event: String

        func run() throws {
            let record = try withExitCodes {
                let store = try store.open()
                let record = try store.webhookEvent(event)
                try store.retryWebhookEvent(record.id)
                return record
            }
            print("webhook event \(record.id) (\(record.eventID)) is due now; a running worker sends it")
        }
    }

    struct Secret: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the secret that signs webhook requests (made on first use).",
            discussion: """
                Receivers check Docket-Signature with it: t=UNIX_SECONDS,v1=HEX(HMAC-SHA256(secret, "t.body")), \
                the key being the secret's text as printed. --rotate draws a new secret; every request from then \
                on, including retries of older events, is signed with it.
                """)

        @OptionGroup var store: StoreOptions
        @Flag(help: "Replace the secret with a new one.") var rotate = false

        func run() throws {
            print(try withExitCodes { try store.open().webhookSecret(rotate: rotate) })
        }
    }
}

/// An event in JSON: snake_case keys, RFC 3339 UTC times.
struct WebhookEventJSON: Encodable {
    var id: Int64
    var event_id: String
    var job_id: Int64
    var type: String
    var url: String
    var state: String
    var attempts: Int
    var created_at: String
    var next_attempt_at: String?
    var finished_at: String?
    var last_error: String?

    init(_ event: WebhookEventRecord) {
        id = event.id
        event_id = event.eventID
        job_id = event.jobID
        type = event.type
        url = event.url
        state = event.state.rawValue
        attempts = event.attempts
        created_at = Output.date(event.createdAt)
        next_attempt_at = event.state == .pending ? Output.date(event.nextAttemptAt) : nil
        finished_at = event.finishedAt.map { Output.date($0) }
        last_error = event.lastError
    }
}

/// A delivery attempt in JSON.
struct WebhookAttemptJSON: Encodable {
    var attempt: Int
    var worker: String
    var started_at: String
    var duration_seconds: Double
    var status_code: Int?
    var error: String?

    init(_ attempt: WebhookAttemptRecord) {
        self.attempt = attempt.attempt
        worker = attempt.worker
        started_at = Output.date(attempt.startedAt)
        duration_seconds = attempt.duration
        status_code = attempt.statusCode
        error = attempt.error
    }
}
