import DocketStore
import Foundation

/// Waits between tries of something that failed: 0.1 s, doubling up to 5 s.
struct Backoff {
    private static let first = 0.1
    private static let longest = 5.0
    private var delay = Backoff.first

    /// The wait before the next try; each call doubles the one after.
    mutating func next() -> Double {
        defer { delay = min(Self.longest, delay * 2) }
        return delay
    }

    mutating func reset() { delay = Self.first }
}

/// Runs `record` until it succeeds or `patience` seconds have passed, with `Backoff` between tries:
/// how a job's attempt is recorded even while another process holds the database's write lock.
/// Returns the last error when it never succeeded.
func persistently<T>(patience: Double, _ record: () throws -> T) -> Result<T, any Error> {
    let deadline = ProcessInfo.processInfo.systemUptime + patience
    var backoff = Backoff()
    while true {
        do {
            return .success(try record())
        } catch {
            let wait = backoff.next()
            guard !StoreTrouble.isUnusable(error), ProcessInfo.processInfo.systemUptime + wait < deadline else { return .failure(error) }
            Thread.sleep(forTimeInterval: wait)
        }
    }
}
