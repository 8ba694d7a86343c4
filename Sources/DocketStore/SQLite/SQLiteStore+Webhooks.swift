import DocketModel
import Foundation
import GRDB

/// The webhook outbox: an event written in the transaction that ends a job with a callback URL,
/// claimed by one sender at a time under a lease, and every delivery attempt recorded.
extension SQLiteStore {
    /// Writes the event for a job that just ended in `state`, when it has a callback URL. Call in
    /// the transaction that ended the job, after its fenced update.
    func recordJobEnd(_ db: Database, job id: Int64, state: JobState, now: Double) throws {
        guard let url = try String.fetchOne(db.cachedStatement(sql: "SELECT callback_url FROM jobs WHERE id = ?"), arguments: [id])
        else { return }
        guard let row = try Row.fetchOne(db, sql: Self.jobSelect + " WHERE jobs.id = ?", arguments: [id]) else { return }
        let answers = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT question, answer, value, value_kind, value_unit, confidence, page, x0, y0, x1, y1, word_numbers, answered_by
            FROM answers WHERE job_id = ? ORDER BY id
            """), arguments: [id]).map(Self.storedAnswer)
        guard let webhookBodies else { throw StoreError.noWebhookBodyEncoder(job: id) }
        let eventID = WebhookEvents.newEventID()
        let type = WebhookEvents.eventType(for: state)
        let body = try webhookBodies.body(for: WebhookJobEnd(eventID: eventID, type: type, createdAt: now, job: Self.jobRecord(row), answers: answers))
        try db.cachedStatement(sql: """
            INSERT INTO webhook_events (uid, job_id, type, url, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [eventID, id, type, url, body, now, now])
    }

    public func claimWebhookEvents(worker: String, lease: Double, limit: Int) throws -> [ClaimedWebhookEvent] {
        try database.write { db in
            let now = clock.now()
            let leaseToken = WebhookEvents.newEventID()
            let due = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT id, attempts, worker, claimed_at, lease_token FROM webhook_events
                WHERE state = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)
                ORDER BY next_attempt_at, id LIMIT ?
                """), arguments: [now, now, limit])
            return try due.map { row in
                let id: Int64 = row["id"]
                if row["lease_token"] as String? != nil {
                    let attempt: Int64 = row["attempts"]
                    let sender: String = row["worker"] ?? ""
                    let claimedAt: Double = row["claimed_at"] ?? now
                    try db.execute(sql: """
                        INSERT INTO webhook_deliveries (event_id, attempt, worker, started_at, duration, status_code, error)
                        VALUES (?, ?, ?, ?, 0, NULL, ?) ON CONFLICT DO NOTHING
                        """, arguments: [id, attempt, sender, claimedAt, Self.lostAttempt])
                }
                let claimed = try Row.fetchOne(db.cachedStatement(sql: """
                    UPDATE webhook_events SET attempts = attempts + 1, lease_token = ?, lease_until = ?, worker = ?, claimed_at = ?
                    WHERE id = ? RETURNING uid, type, url, body, coalesce(retried_at, created_at) AS created_at, attempts
                    """), arguments: [leaseToken, now + lease, worker, now, id])!
                return ClaimedWebhookEvent(
                    id: id, eventID: claimed["uid"], type: claimed["type"], url: claimed["url"], body: claimed["body"],
                    createdAt: claimed["created_at"], attempt: claimed["attempts"], leaseToken: leaseToken, worker: worker)
            }
        }
    }

    static let lostAttempt = "no result was recorded: the worker sending it stopped during the attempt"

    public func recordWebhookAttempt(_ event: ClaimedWebhookEvent, _ attempt: WebhookAttemptRecord, next: WebhookNextStep) throws -> Bool {
        try database.write { db in
            let now = clock.now()
            let (state, nextAttemptAt, finishedAt): (WebhookEventState, Double?, Double?) = switch next {
            case .delivered: (.delivered, nil, now)
            case .retry(let at): (.pending, at, nil)
            case .failed: (.failed, nil, now)
            }
            let lastError = attempt.error ?? attempt.statusCode.flatMap { (200..<300).contains($0) ? nil : "HTTP \($0)" }
            try db.execute(sql: """
                UPDATE webhook_events SET state = ?, next_attempt_at = coalesce(?, next_attempt_at), finished_at = ?,
                       last_error = ?, lease_token = NULL, lease_until = NULL
                WHERE id = ? AND lease_token = ?
                """, arguments: [state.rawValue, nextAttemptAt, finishedAt, lastError, event.id, event.leaseToken])
            guard db.changesCount == 1 else { return false }
            try db.execute(sql: """
                INSERT INTO webhook_deliveries (event_id, attempt, worker, started_at, duration, status_code, error)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [event.id, event.attempt, attempt.worker, attempt.startedAt, attempt.duration, attempt.statusCode, attempt.error])
            return true
        }
    }

    public func webhookEvents(state: WebhookEventState?, limit: Int) throws -> [WebhookEventRecord] {
        try database.read { db in
            let filter = state == nil ? "" : " WHERE state = ?"
            let arguments: StatementArguments = state.map { [$0.rawValue, limit] } ?? [limit]
            return try Row.fetchAll(db, sql: Self.eventSelect + filter + " ORDER BY id DESC LIMIT ?", arguments: arguments)
                .map(Self.eventRecord)
        }
    }

    public func webhookEvent(_ reference: String) throws -> WebhookEventRecord {
        try database.read { db in
            guard let row = try Row.fetchOne(db, sql: Self.eventSelect + " WHERE id = ? OR uid = ?",
                                             arguments: [Int64(reference), reference])
            else { throw StoreError.webhookEventNotFound(reference) }
            return Self.eventRecord(row)
        }
    }

    public func webhookAttempts(ofEvent id: Int64) throws -> [WebhookAttemptRecord] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT event_id, attempt, worker, started_at, duration, status_code, error FROM webhook_deliveries
                WHERE event_id = ? ORDER BY attempt
                """, arguments: [id]).map { row in
                WebhookAttemptRecord(eventID: row["event_id"], attempt: row["attempt"], worker: row["worker"], startedAt: row["started_at"],
                                     duration: row["duration"], statusCode: row["status_code"], error: row["error"])
            }
        }
    }

    public func retryWebhookEvent(_ id: Int64) throws {
        try database.write { db in
            try db.execute(sql: """
                UPDATE webhook_events SET state = 'pending', next_attempt_at = ?, finished_at = NULL, retried_at = ?
                WHERE id = ? AND lease_token IS NULL
                """, arguments: [clock.now(), clock.now(), id])
            guard db.changesCount == 1 else {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM webhook_events WHERE id = ?", arguments: [id]) != nil else {
                    throw StoreError.webhookEventNotFound("\(id)")
                }
                return
            }
        }
    }

    public func webhookSecret(rotate: Bool) throws -> String {
        try database.write { db in
            let fresh = Data(WebhookEvents.newSecret().utf8)
            try db.execute(sql: rotate
                ? "INSERT INTO secrets (name, value) VALUES ('webhook-signing', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value"
                : "INSERT INTO secrets (name, value) VALUES ('webhook-signing', ?) ON CONFLICT (name) DO NOTHING",
                arguments: [fresh])
            let value = try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = 'webhook-signing'") ?? fresh
            return String(decoding: value, as: UTF8.self)
        }
    }

    public func pruneWebhookEvents(deliveredBefore cutoff: Double) throws -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM webhook_events WHERE state = 'delivered' AND finished_at < ?", arguments: [cutoff])
            return db.changesCount
        }
    }

    public func secondsUntilNextWebhookEvent() throws -> Double? {
        try database.read { db in
            try Double.fetchOne(db, sql: """
                SELECT min(max(next_attempt_at, coalesce(lease_until, 0))) FROM webhook_events WHERE state = 'pending'
                """).map { max(0, $0 - self.clock.now()) }
        }
    }

    private static let eventSelect = """
        SELECT id, uid, job_id, type, url, state, attempts, created_at, next_attempt_at, finished_at, last_error FROM webhook_events
        """

    private static func eventRecord(_ row: Row) -> WebhookEventRecord {
        WebhookEventRecord(
            id: row["id"], eventID: row["uid"], jobID: row["job_id"], type: row["type"], url: row["url"],
            state: WebhookEventState(rawValue: row["state"]) ?? .pending, attempts: row["attempts"], createdAt: row["created_at"],
            nextAttemptAt: row["next_attempt_at"], finishedAt: row["finished_at"], lastError: row["last_error"])
    }
}
