import Foundation
import GRDB

extension Store {
    /// Seconds a connection waits for another connection's write lock before giving up: 30, or
    /// `DOCKET_BUSY_TIMEOUT` when set (tests shorten it to meet a locked database quickly).
    public static var busyTimeout: Double {
        ProcessInfo.processInfo.environment["DOCKET_BUSY_TIMEOUT"].flatMap(Double.init).map { max(0, $0) } ?? 30
    }

    /// True when `error` says the database itself cannot be used (missing, unreadable, corrupt, or
    /// migrated by a newer docket), so that trying again cannot help. A locked or full database can.
    public static func isUnusable(_ error: any Error) -> Bool {
        switch error {
        case let error as DatabaseError:
            [.SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_CANTOPEN].contains(error.resultCode)
        case let error as StoreError:
            switch error {
            case .cannotOpen, .migratedByNewerDocket: true
            default: false
            }
        default:
            false
        }
    }

    /// The error in a few words for a log line: SQLite's message without the statement it was running.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        return "\(error)"
    }
}
