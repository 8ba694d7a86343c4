import Foundation
import GRDB

/// How a connection waits for another connection's lock: it tries again every tenth of a
/// millisecond at first, then every millisecond, until `seconds` have passed. SQLite's own busy
/// timeout sleeps 1, 2, 5, 10 and then up to 100 milliseconds between tries, while a job's
/// results hold the write lock for a few milliseconds: a worker claiming its next job slept on
/// long after the lock was free, and its job child stood idle.
enum SQLiteLockWait {
    static func busyMode(seconds: Double) -> Database.BusyMode {
        .callback { tries in keepsWaiting(tries: tries, seconds: seconds) }
    }

    /// Whether to try again after the `tries`-th failed try (0 for the first) of a wait that may
    /// last `seconds`, having slept before the next. A wait runs on the thread whose statement met
    /// the lock, which keeps when the wait began.
    static func keepsWaiting(tries: Int, seconds: Double) -> Bool {
        let now = DispatchTime.now().uptimeNanoseconds
        let dictionary = Thread.current.threadDictionary
        if tries == 0 { dictionary[waitStartedKey] = NSNumber(value: now) }
        let started = (dictionary[waitStartedKey] as? NSNumber)?.uint64Value ?? now
        guard Double(now &- started) / 1e9 < seconds else { return false }
        usleep(tries < shortTries ? 100 : 1_000)
        return true
    }

    private static let waitStartedKey = "docket.sqlite.lockWaitStarted"

    /// Tries spaced a tenth of a millisecond apart before the wait slows to a millisecond.
    private static let shortTries = 20
}
