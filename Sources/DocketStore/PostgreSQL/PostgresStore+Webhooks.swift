import DocketModel
import Foundation
import PostgresNIO

/// The webhook outbox, as on SQLite. Senders on many machines claim at once here, so a claim
/// skips the events another claim has locked instead of waiting for them.
extension PostgresStore {
    /// Writes the event for a job that just ended in `state`, when it has a callback URL. Call in
    /// the transaction that ended the job, after its fenced update.
    func recordJobEnd(_ connection: PostgresConnection, job id: Int64, state: JobState, now: Double) throws {
        guard let url = try connection.run("SELECT callback_url FROM jobs WHERE id = \(id)").first?.decode(String?.self) ?? nil else { return }
        try recordJobEnd(connection, job: id, state: state, now: now, callbackURL: url)
    }

    /// As above, for a caller that has read the job's callback URL already.
    func recordJobEnd(_ connection: PostgresConnection, job id: Int64, state: JobState, now: Double, callbackURL url: String) throws {
        guard let row = try connection.run("\(unescaped: Self.jobSelect) WHERE jobs.id = \(id)").first else { return }
        let answers = try connection.run("""
            SELECT question, answer, \(unescaped: Self.storedAnswerColumns) FROM answers WHERE job_id = \(id) ORDER BY id
            """).map(Self.storedAnswer)
        guard let webhookBodies else { throw StoreError.noWebhookBodyEncoder(job: id) }
        let eventID = WebhookEvents.newEventID()
        let type = WebhookEvents.eventType(for: state)
        let body = try webhookBodies.body(for: WebhookJobEnd(eventID: eventID, type: type, createdAt: now, job: Self.jobRecord(row), answers: answers))
        try connection.run("""
            INSERT INTO webhook_events (uid, job_id, type, url, body, created_at, next_attempt_at)
            VALUES (\(eventID), \(id), \(type), \(url), \(body), \(now), \(now))
            """)
    }

    public func claimWebhookEvents(worker: String, lease: Double, limit: Int) throws -> [ClaimedWebhookEvent] {
        try pool.withTransaction(synchronousCommit: durability == .full) { connection in
            let now = clock.now()
            let leaseToken = WebhookEvents.newEventID()
            return try connection.run("""
                WITH due AS (
                    SELECT id, attempts, worker, claimed_at, lease_token FROM webhook_events
                    WHERE state = 'pending' AND next_attempt_at <= \(now) AND (lease_until IS NULL OR lease_until < \(now))
                    ORDER BY next_attempt_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED
                ), lost AS (
                    INSERT INTO webhook_deliveries (event_id, attempt, worker, started_at, duration, status_code, error)
                    SELECT id, attempts, coalesce(worker, ''), coalesce(claimed_at, \(now)), 0, NULL, \(Self.lostWebhookAttempt)
                    FROM due WHERE lease_token IS NOT NULL
                    ON CONFLICT DO NOTHING
                )
                UPDATE webhook_events e SET attempts = e.attempts + 1, lease_token = \(leaseToken), lease_until = \(now + lease),
                       worker = \(worker), claimed_at = \(now)
                FROM due WHERE e.id = due.id
                RETURNING e.id, e.uid, e.type, e.url, e.body, coalesce(e.retried_at, e.created_at), e.attempts
                """).map { row in
                let (id, eventID, type, url, body, createdAt, attempt) = try row.decode((Int64, String, String, String, String, Double, Int).self)
                return ClaimedWebhookEvent(id: id, eventID: eventID, type: type, url: url, body: body, createdAt: createdAt, attempt: attempt,
                                           leaseToken: leaseToken, worker: worker)
            }.sorted { $0.id < $1.id }
        }
    }

    static let lostWebhookAttempt = "no result was recorded: the worker sending it stopped during the attempt"

    public func recordWebhookAttempt(_ event: ClaimedWebhookEvent, _ attempt: WebhookAttemptRecord, next: WebhookNextStep) throws -> Bool {
        try pool.withTransaction(synchronousCommit: durability == .full) { connection in
            let now = clock.now()
            let (state, nextAttemptAt, finishedAt): (WebhookEventState, Double?, Double?) = switch next {
            case .delivered: (.delivered, nil, now)
            case .retry(let at): (.pending, at, nil)
            case .failed: (.failed, nil, now)
            }
            let lastError = attempt.error ?? attempt.statusCode.flatMap { (200..<300).contains($0) ? nil : "HTTP \($0)" }
            guard try !connection.run("""
                UPDATE webhook_events SET state = \(state.rawValue), next_attempt_at = coalesce(\(nextAttemptAt), next_attempt_at),
                       finished_at = \(finishedAt), last_error = \(lastError), lease_token = NULL, lease_until = NULL
                WHERE id = \(event.id) AND lease_token = \(event.leaseToken)
                RETURNING id
                """).isEmpty
            else { return false }
            try connection.run("""
                INSERT INTO webhook_deliveries (event_id, attempt, worker, started_at, duration, status_code, error)
                VALUES (\(event.id), \(event.attempt), \(attempt.worker), \(attempt.startedAt), \(attempt.duration), \(attempt.statusCode),
                        \(attempt.error))
                """)
            return true
        }
    }

    public func webhookEvents(state: WebhookEventState?, limit: Int) throws -> [WebhookEventRecord] {
        try pool.withConnection { connection in
            let query: PostgresQuery = if let state {
                "\(unescaped: Self.eventSelect) WHERE state = \(state.rawValue) ORDER BY id DESC LIMIT \(limit)"
            } else {
                "\(unescaped: Self.eventSelect) ORDER BY id DESC LIMIT \(limit)"
            }
            return try connection.run(query).map(Self.eventRecord)
        }
    }

    public func webhookEvent(_ reference: String) throws -> WebhookEventRecord {
        try pool.withConnection { connection in
            guard let row = try connection.run("\(unescaped: Self.eventSelect) WHERE id = \(Int64(reference)) OR uid = \(reference)").first
            else { throw StoreError.webhookEventNotFound(reference) }
            return try Self.eventRecord(row)
        }
    }

    public func webhookAttempts(ofEvent id: Int64) throws -> [WebhookAttemptRecord] {
        try pool.withConnection { connection in
            try connection.run("""
                SELECT event_id, attempt, worker, started_at, duration, status_code, error FROM webhook_deliveries
                WHERE event_id = \(id) ORDER BY attempt
                """).map { row in
                let (eventID, attempt, worker, startedAt, duration, statusCode, error) =
                    try row.decode((Int64, Int, String, Double, Double, Int?, String?).self)
                return WebhookAttemptRecord(eventID: eventID, attempt: attempt, worker: worker, startedAt: startedAt, duration: duration,
                                            statusCode: statusCode, error: error)
            }
        }
    }

    public func retryWebhookEvent(_ id: Int64) throws {
        try pool.withTransaction { connection in
            let now = clock.now()
            guard try !connection.run("SELECT id FROM webhook_events WHERE id = \(id) FOR UPDATE").isEmpty
            else { throw StoreError.webhookEventNotFound("\(id)") }
            try connection.run("""
                UPDATE webhook_events SET state = 'pending', next_attempt_at = \(now), finished_at = NULL, retried_at = \(now)
                WHERE id = \(id) AND lease_token IS NULL
                """)
        }
    }

    public func webhookSecret(rotate: Bool) throws -> String {
        try pool.withTransaction { connection in
            let fresh = WebhookEvents.newSecret()
            if rotate {
                try connection.run("""
                    INSERT INTO secrets (name, value) VALUES ('webhook-signing', convert_to(\(fresh), 'UTF8'))
                    ON CONFLICT (name) DO UPDATE SET value = excluded.value
                    """)
            } else {
                try connection.run("""
                    INSERT INTO secrets (name, value) VALUES ('webhook-signing', convert_to(\(fresh), 'UTF8')) ON CONFLICT (name) DO NOTHING
                    """)
            }
            return try connection.run("SELECT convert_from(value, 'UTF8') FROM secrets WHERE name = 'webhook-signing'")
                .first?.decode(String.self) ?? fresh
        }
    }

    public func pruneWebhookEvents(deliveredBefore cutoff: Double) throws -> Int {
        try pool.withTransaction { connection in
            try connection.run("DELETE FROM webhook_events WHERE state = 'delivered' AND finished_at < \(cutoff) RETURNING id").count
        }
    }

    public func secondsUntilNextWebhookEvent() throws -> Double? {
        try pool.withConnection { connection in
            try connection.run("""
                SELECT min(greatest(next_attempt_at, coalesce(lease_until, 0))) FROM webhook_events WHERE state = 'pending'
                """).first?.decode(Double?.self) ?? nil
        }.map { max(0, $0 - clock.now()) }
    }

    private static let eventSelect = """
        SELECT id, uid, job_id, type, url, state, attempts, created_at, next_attempt_at, finished_at, last_error FROM webhook_events
        """

    private static func eventRecord(_ row: PostgresRow) throws -> WebhookEventRecord {
        let (id, eventID, jobID, type, url, state, attempts, createdAt, nextAttemptAt, finishedAt, lastError) =
            try row.decode((Int64, String, Int64, String, String, String, Int, Double, Double, Double?, String?).self)
        return WebhookEventRecord(id: id, eventID: eventID, jobID: jobID, type: type, url: url,
                                  state: WebhookEventState(rawValue: state) ?? .pending, attempts: attempts, createdAt: createdAt,
                                  nextAttemptAt: nextAttemptAt, finishedAt: finishedAt, lastError: lastError)
    }
}
