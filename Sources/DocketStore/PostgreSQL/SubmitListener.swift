import Foundation
import PostgresNIO
import Synchronization

/// Hears the NOTIFY every submit sends, on a connection of its own, so that an idle worker claims a
/// new job at once instead of at its next poll. Notifications are a hint: a worker still polls, so
/// one lost with a dropped connection (or dropped by a pooler that does not pass them on) only
/// delays the job to that poll.
final class SubmitListener: Sendable {
    static let channel = "docket_submitted"

    private struct State {
        var connection: PostgresConnection?
        /// Notifications heard so far. Each waiting thread remembers how many it had seen, so that
        /// one heard between its last wait and this one still counts, and every idle slot wakes.
        var heard = 0
    }

    private let pool: PostgresConnectionPool
    private let state = Mutex(State())
    private let signal = NSCondition()

    init(pool: PostgresConnectionPool) {
        self.pool = pool
    }

    private static let seenKey = "docket.submitsHeard"

    /// Waits up to `seconds` for a notification; true when one came (or had come since this
    /// thread's last wait).
    func wait(seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: max(0, seconds))
        guard listen() else {
            Thread.sleep(until: deadline)
            return false
        }
        let seen = Thread.current.threadDictionary[Self.seenKey] as? Int ?? 0
        signal.lock()
        while state.withLock({ $0.heard == seen }) {
            if !signal.wait(until: deadline) { break }
        }
        signal.unlock()
        let heard = state.withLock { $0.heard }
        Thread.current.threadDictionary[Self.seenKey] = heard
        return heard != seen
    }

    /// Opens the listening connection if there is none (or it closed); false when it cannot be had.
    private func listen() -> Bool {
        if let connection = state.withLock({ $0.connection }), !connection.isClosed { return true }
        guard let connection = try? pool.openConnection() else { return false }
        connection.addListener(channel: Self.channel) { [weak self] _, _ in self?.hear() }
        do {
            try connection.run("LISTEN \(unescaped: Self.channel)")
        } catch {
            connection.closeWaitingOffEventLoops()
            return false
        }
        let replaced = state.withLock { state -> PostgresConnection? in
            defer { state.connection = connection }
            return state.connection
        }
        replaced?.closeWaitingOffEventLoops()
        // A submit made while there was no connection was not heard: look once more as if it had been.
        hear()
        return true
    }

    private func hear() {
        signal.lock()
        state.withLock { $0.heard += 1 }
        signal.broadcast()
        signal.unlock()
    }

    func stop() {
        let connection = state.withLock { state -> PostgresConnection? in
            defer { state.connection = nil }
            return state.connection
        }
        connection?.closeWaitingOffEventLoops()
    }
}
