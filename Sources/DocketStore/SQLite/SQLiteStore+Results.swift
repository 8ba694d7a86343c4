import DocketModel
import Foundation
import GRDB

extension SQLiteStore {
    /// Replaces the document's pages, lines and words with `pages`. Call inside the transaction that
    /// completes the job, so results and the job's success commit together.
    static func replacePages(_ db: Database, document id: Int64, with pages: [Page]) throws {
        try db.execute(sql: "DELETE FROM pages WHERE document_id = ?", arguments: [id])
        try deletePassageVectors(db, document: id)
        let insertPage = try db.cachedStatement(sql: """
            INSERT INTO pages (document_id, number, width, height, source, mean_confidence, word_count, text, pictures_unread, turned_to_read)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertLine = try db.cachedStatement(sql: "INSERT INTO lines (page_id, number, x0, y0, x1, y1, text) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let insertWord = try db.cachedStatement(sql: """
            INSERT INTO words (page_id, number, line_number, x0, y0, x1, y1, confidence, text, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for page in pages {
            try insertPage.execute(arguments: [
                id, page.number, page.width, page.height, page.source.rawValue, page.meanConfidence, page.words.count, page.text,
                page.picturesUnread, page.turnedToRead,
            ])
            let pageID = db.lastInsertedRowID
            let lineOfWord = page.lineNumberOfEachWord
            for (lineNumber, line) in page.lines.enumerated() {
                try insertLine.execute(arguments: [pageID, lineNumber, line.box.x0, line.box.y0, line.box.x1, line.box.y1, line.text])
            }
            for (number, word) in page.words.enumerated() {
                try insertWord.execute(arguments: [
                    pageID, number, lineOfWord[number], word.box.x0, word.box.y0, word.box.x1, word.box.y1, word.confidence, word.text,
                    word.source?.rawValue,
                ])
            }
            try insertLayout(db, page: pageID, layout: page.layout)
        }
    }

    static func recordRun(_ db: Database, document id: Int64, job: Int64, seconds: Double, now: Double) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO document_runs (document_id, job_id, seconds, finished_at) VALUES (?, ?, ?, ?)",
            arguments: [id, job, seconds, now])
    }

    static func hasPages(_ db: Database, document id: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pages WHERE document_id = ?)", arguments: [id]) ?? false
    }

    /// The document's pages as read, with their words and lines.
    public func pages(of id: Int64) throws -> [Page] {
        try database.read { db in try Self.pages(db, document: id) }
    }

    /// The document's pages as an earlier job read them, or nil when it has not been read.
    public func storedPages(of id: Int64) throws -> [Page]? {
        try database.read { db in try Self.hasPages(db, document: id) ? try Self.pages(db, document: id) : nil }
    }

    static func pages(_ db: Database, document id: Int64) throws -> [Page] {
        let pageRows = try Row.fetchAll(db, sql: "SELECT id, number, width, height, source, pictures_unread, turned_to_read FROM pages WHERE document_id = ? ORDER BY number", arguments: [id])
        return try pageRows.map { row in
            let pageID: Int64 = row["id"]
            let wordRows = try Row.fetchAll(db, sql: "SELECT line_number, x0, y0, x1, y1, confidence, text, source FROM words WHERE page_id = ? ORDER BY number", arguments: [pageID])
            let words = wordRows.map { Word(text: $0["text"], box: box($0), confidence: $0["confidence"],
                                            source: ($0["source"] as String?).flatMap(TextSource.init(rawValue:))) }
            var wordsOfLine: [Int: [Int]] = [:]
            for (index, wordRow) in wordRows.enumerated() { wordsOfLine[wordRow["line_number"], default: []].append(index) }
            let lines = try Row.fetchAll(db, sql: "SELECT number, x0, y0, x1, y1, text FROM lines WHERE page_id = ? ORDER BY number", arguments: [pageID])
                .map { Line(wordIndices: wordsOfLine[$0["number"]] ?? [], box: box($0), text: $0["text"]) }
            return Page(number: row["number"], width: row["width"], height: row["height"],
                        source: TextSource(rawValue: row["source"]) ?? .ocr, words: words, lines: lines,
                        layout: try layout(db, page: pageID), picturesUnread: row["pictures_unread"], turnedToRead: row["turned_to_read"])
        }
    }

    static func insertAnswers(_ db: Database, document id: Int64, job: Int64?, answers: [Answer], now: Double) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO answers (document_id, job_id, question, answer, value, value_kind, value_unit,
                                 confidence, page, x0, y0, x1, y1, word_numbers, created_at, answered_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for answer in answers {
            let evidence = answer.evidence
            let wordNumbers = evidence.map(Self.wordNumbersJSON)
            try statement.execute(arguments: [
                id, job, answer.question, answer.text, answer.value?.text, answer.value?.kind.rawValue, answer.value?.unit,
                answer.confidence, evidence?.page,
                evidence?.box.x0, evidence?.box.y0, evidence?.box.x1, evidence?.box.y1, wordNumbers, now,
                answer.answeredBy?.rawValue,
            ])
        }
    }

    /// The answers stored for the documents the filter selects, in the order they were given
    /// (by document), at least `minimumConfidence` confident: one query for them all.
    public func answers(of filter: DocumentFilter, minimumConfidence: Double?) throws -> [AnswerRow] {
        var sql = """
            SELECT a.document_id, d.original_name, a.question, a.answer, a.value, a.value_kind, a.value_unit, a.confidence,
                   a.page, a.x0, a.y0, a.x1, a.y1, a.word_numbers, a.answered_by
            FROM answers a JOIN documents d ON d.id = a.document_id WHERE 1
            """
        var arguments: StatementArguments = []
        if let minimumConfidence {
            sql += " AND a.confidence >= ?"
            arguments += [minimumConfidence]
        }
        let documents = filter.conditions(on: "d")
        sql += documents.sql + " ORDER BY a.document_id, a.id"
        arguments += documents.arguments
        return try database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                AnswerRow(documentID: row["document_id"], documentName: row["original_name"],
                          answer: Self.storedAnswer(row))
            }
        }
    }

    /// Answers stored for the document, newest first.
    public func answers(of id: Int64) throws -> [Answer] {
        try database.readOneStatement { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT question, answer, value, value_kind, value_unit, confidence, page, x0, y0, x1, y1, word_numbers, answered_by
                FROM answers WHERE document_id = ? ORDER BY id DESC
                """), arguments: [id]).map(Self.storedAnswer)
        }
    }

    /// An answers row, with the answerer that gave it (a name this Docket does not know reads as none).
    static func storedAnswer(_ row: Row) -> Answer {
        var answer = Self.answer(row, question: row["question"], text: row["answer"])
        answer.answeredBy = (row["answered_by"] as String?).flatMap(AnswererName.init(rawValue:))
        return answer
    }

    private static func box(_ row: Row) -> Box {
        Box(x0: row["x0"], y0: row["y0"], x1: row["x1"], y1: row["y1"])
    }
}

extension Page {
    /// For each word, the number of the line that holds it (-1 for a word in no line), as the
    /// `words.line_number` column stores it.
    var lineNumberOfEachWord: [Int] {
        var lineOfWord = [Int](repeating: -1, count: words.count)
        for (lineNumber, line) in lines.enumerated() {
            for index in line.wordIndices { lineOfWord[index] = lineNumber }
        }
        return lineOfWord
    }
}
