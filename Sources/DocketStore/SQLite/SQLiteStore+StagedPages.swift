import DocketModel
import Foundation
import GRDB
import Synchronization

/// A document's pages written to temporary tables of the store's writer connection, ready to be
/// copied into its pages, lines and words by the transaction that completes its job.
///
/// Binding millions of words one statement at a time inside that transaction held the database's
/// write lock for minutes on a large text file, and every other process waited (a worker's
/// heartbeat among them). Temporary tables belong to the connection alone, so filling them takes
/// no lock on the database; copying them with INSERT ... SELECT inside the lock is quick.
struct SQLiteStagedTables: Sendable {
    let number: Int
    let layouts: [(page: Int, layout: PageLayout)]

    var pagesTable: String { "temp.staged_pages_\(number)" }
    var linesTable: String { "temp.staged_lines_\(number)" }
    var wordsTable: String { "temp.staged_words_\(number)" }
}

extension SQLiteStore {
    private static let nextStageNumber = Atomic<Int>(0)

    /// Writes `pages` to temporary tables, outside any lock on the database. Pass the result to
    /// `replacePages(_:document:withStaged:)` inside the completing transaction, then to `discard`.
    public func stage(_ pages: [Page]) throws -> StagedPages {
        let staged = SQLiteStagedTables(
            number: Self.nextStageNumber.add(1, ordering: .relaxed).newValue,
            layouts: pages.compactMap { page in page.layout.map { (page.number, $0) } })
        try database.writeWithoutTransaction { db in
            try db.execute(sql: """
                CREATE TABLE \(staged.pagesTable) (number INTEGER, width REAL, height REAL, source TEXT, mean_confidence REAL,
                                                   word_count INTEGER, text TEXT, pictures_unread INTEGER, turned_to_read INTEGER);
                CREATE TABLE \(staged.linesTable) (page_number INTEGER, number INTEGER, x0 REAL, y0 REAL, x1 REAL, y1 REAL, text TEXT);
                CREATE TABLE \(staged.wordsTable) (page_number INTEGER, number INTEGER, line_number INTEGER,
                                                   x0 REAL, y0 REAL, x1 REAL, y1 REAL, confidence REAL, text TEXT, source TEXT);
                """)
        }
        for page in pages {
            try stagingTransaction { db in
                try db.execute(sql: "INSERT INTO \(staged.pagesTable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments: [
                    page.number, page.width, page.height, page.source.rawValue, page.meanConfidence, page.words.count, page.text,
                    page.picturesUnread, page.turnedToRead,
                ])
            }
            let lineOfWord = page.lineNumberOfEachWord
            for batch in Self.batches(of: page.lines.count) {
                try stagingTransaction { db in
                    let insert = try db.cachedStatement(sql: "INSERT INTO \(staged.linesTable) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    for number in batch {
                        let line = page.lines[number]
                        try insert.execute(arguments: [page.number, number, line.box.x0, line.box.y0, line.box.x1, line.box.y1, line.text])
                    }
                }
            }
            for batch in Self.batches(of: page.words.count) {
                try stagingTransaction { db in
                    let insert = try db.cachedStatement(sql: "INSERT INTO \(staged.wordsTable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    for number in batch {
                        let word = page.words[number]
                        try insert.execute(arguments: [
                            page.number, number, lineOfWord[number], word.box.x0, word.box.y0, word.box.x1, word.box.y1,
                            word.confidence, word.text, word.source?.rawValue,
                        ])
                    }
                }
            }
        }
        return StagedPages(storage: .sqliteTables(staged))
    }

    /// Replaces the document's pages, lines, words and layout with the staged ones. Call inside
    /// the transaction that completes the job, on the connection that staged them.
    static func replacePages(_ db: Database, document id: Int64, withStaged stagedPages: StagedPages) throws {
        guard case .sqliteTables(let staged) = stagedPages.storage else {
            guard case .held(let pages) = stagedPages.storage else { return }
            return try replacePages(db, document: id, with: pages)
        }
        try db.execute(sql: "DELETE FROM pages WHERE document_id = ?", arguments: [id])
        try deletePassageVectors(db, document: id)
        try db.execute(sql: """
            INSERT INTO pages (document_id, number, width, height, source, mean_confidence, word_count, text, pictures_unread, turned_to_read)
            SELECT ?, number, width, height, source, mean_confidence, word_count, text, pictures_unread, turned_to_read FROM \(staged.pagesTable) ORDER BY number
            """, arguments: [id])
        // CROSS JOIN keeps the staged rows the outer loop: each looks its page up by the
        // (document_id, number) index, and never the other way round (a scan of all staged rows per page).
        try db.execute(sql: """
            INSERT INTO lines (page_id, number, x0, y0, x1, y1, text)
            SELECT pages.id, l.number, l.x0, l.y0, l.x1, l.y1, l.text
            FROM \(staged.linesTable) l CROSS JOIN pages ON pages.document_id = ? AND pages.number = l.page_number
            """, arguments: [id])
        try db.execute(sql: """
            INSERT INTO words (page_id, number, line_number, x0, y0, x1, y1, confidence, text, source)
            SELECT pages.id, w.number, w.line_number, w.x0, w.y0, w.x1, w.y1, w.confidence, w.text, w.source
            FROM \(staged.wordsTable) w CROSS JOIN pages ON pages.document_id = ? AND pages.number = w.page_number
            """, arguments: [id])
        for (number, layout) in staged.layouts {
            guard let pageID = try Int64.fetchOne(db, sql: "SELECT id FROM pages WHERE document_id = ? AND number = ?",
                                                  arguments: [id, number]) else { continue }
            try insertLayout(db, page: pageID, layout: layout)
        }
    }

    /// Drops the staged tables, whether or not they were copied.
    public func discard(_ stagedPages: StagedPages) throws {
        guard case .sqliteTables(let staged) = stagedPages.storage else { return }
        try database.writeWithoutTransaction { db in
            try db.execute(sql: """
                DROP TABLE IF EXISTS \(staged.pagesTable);
                DROP TABLE IF EXISTS \(staged.linesTable);
                DROP TABLE IF EXISTS \(staged.wordsTable);
                """)
        }
    }

    /// One batch of staging rows in a transaction of its own, which locks only the temporary database.
    private func stagingTransaction(_ insert: (Database) throws -> Void) throws {
        try database.writeWithoutTransaction { db in
            try db.inTransaction(.deferred) {
                try insert(db)
                return .commit
            }
        }
    }

    private static func batches(of count: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: StagedPages.stagingBatchRows).map { $0..<min(count, $0 + StagedPages.stagingBatchRows) }
    }
}
