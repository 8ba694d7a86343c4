import Foundation
import GRDB

/// What went wrong with a store, for a worker deciding whether to try again and for its log.
public enum StoreTrouble {
    /// True when `error` says the database itself cannot be used (missing, unreadable, corrupt, or
    /// migrated by a newer docket), so that trying again cannot help. A locked or full database can.
    public static func isUnusable(_ error: any Error) -> Bool {
        switch error {
        case let error as DatabaseError:
            [.SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_CANTOPEN].contains(error.resultCode)
        case let error where PostgresStore.isUnusable(error):
            true
        case let error as StoreError:
            switch error {
            case .cannotOpen, .migratedByNewerDocket: true
            default: false
            }
        default:
            false
        }
    }

    /// True when `error` came from the database (SQLite or PostgreSQL) rather than from Docket.
    public static func isDatabaseError(_ error: any Error) -> Bool {
        error is DatabaseError || PostgresStore.message(of: error) != nil
    }

    /// The error in a few words for a log line: the database's message without the statement it was running.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        if let message = PostgresStore.message(of: error) { return message }
        return "\(error)"
    }
}
