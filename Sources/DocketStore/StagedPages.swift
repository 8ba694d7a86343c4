import DocketModel

/// A document's pages made ready, outside the completing transaction, to be written by it: see
/// `Store.stage(_:)`.
public struct StagedPages: Sendable {
    enum Storage: Sendable {
        /// In temporary tables of the SQLite writer connection.
        case sqliteTables(SQLiteStagedTables)
        /// In memory: the backend writes them in the completing transaction without holding others up.
        case held([Page])
    }

    let storage: Storage

    /// Rows written per transaction while staging, so that this process's other writes (claims,
    /// progress, another job's results) are not kept waiting for the whole document.
    static let stagingBatchRows = 20_000

    /// True when the pages have more words than one staging batch: below that, writing them
    /// directly in the completing transaction is as quick as copying them, and saves the staging.
    public static func isWorthStaging(_ pages: [Page]) -> Bool {
        pages.reduce(0) { $0 + $1.words.count } > stagingBatchRows
    }
}
