import DocketModel
import Foundation
import GRDB
import GRDBSQLite

extension SQLiteStore {
    /// Stores `content` unless a document with the same sha256 is already stored; returns its id
    /// and whether it was already there. Call inside the submit's transaction.
    static func insertDocument(
        _ db: Database, content: DocumentContent, sha256: String, mediaType: MediaType, originalName: String, now: Double
    ) throws -> (id: Int64, reused: Bool) {
        if let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM documents WHERE sha256 = ?"), arguments: [sha256]) {
            return (existing, true)
        }
        try db.cachedStatement(sql: """
            INSERT INTO documents (sha256, media_type, byte_count, original_name, created_at) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [sha256, mediaType.rawValue, content.count, originalName, now])
        let id = db.lastInsertedRowID
        switch content {
        case .bytes(let bytes):
            try db.cachedStatement(sql: "INSERT INTO document_contents (document_id, content) VALUES (?, ?)")
                .execute(arguments: [id, Data(bytes)])
        case .fileRange:
            try db.cachedStatement(sql: "INSERT INTO document_contents (document_id, content) VALUES (?, zeroblob(?))")
                .execute(arguments: [id, content.count])
            try writeBlob(db, document: id, content: content)
        }
        return (id, false)
    }

    /// Writes `content` into the document's zero-filled blob a chunk at a time (SQLite's incremental
    /// blob I/O, which GRDB does not wrap), so that no more than a chunk is in memory.
    private static func writeBlob(_ db: Database, document id: Int64, content: DocumentContent) throws {
        var blob: OpaquePointer?
        let opened = sqlite3_blob_open(db.sqliteConnection, "main", "document_contents", "content", id, 1, &blob)
        guard opened == SQLITE_OK, let blob else {
            throw DatabaseError(resultCode: ResultCode(rawValue: opened), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        defer { sqlite3_blob_close(blob) }
        var offset: Int32 = 0
        try content.forEachChunk { chunk in
            let written = chunk.withUnsafeBytes { sqlite3_blob_write(blob, $0.baseAddress, Int32($0.count), offset) }
            guard written == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: written), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            offset += Int32(chunk.count)
        }
    }

    public func document(_ id: Int64) throws -> DocumentRecord {
        try database.readOneStatement { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.documentColumns) FROM documents WHERE id = ?"),
                                             arguments: [id]) else {
                throw StoreError.documentNotFound(id)
            }
            return Self.documentRecord(row)
        }
    }

    /// The document's original bytes, as submitted, and their type.
    public func content(of id: Int64) throws -> (MediaType, [UInt8]) {
        try database.read { db in try Self.content(db, document: id) }
    }

    /// The document's original bytes, as submitted.
    static func content(_ db: Database, document id: Int64) throws -> (MediaType, [UInt8]) {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT d.media_type, c.content FROM documents d JOIN document_contents c ON c.document_id = d.id WHERE d.id = ?
            """, arguments: [id]),
              let mediaType = MediaType(rawValue: row["media_type"])
        else { throw StoreError.documentNotFound(id) }
        let data: Data = row["content"]
        return (mediaType, [UInt8](data))
    }

    public func summary(of id: Int64) throws -> DocumentSummary {
        try database.read { db in try Self.summary(db, document: id) }
    }

    static func summary(_ db: Database, document id: Int64) throws -> DocumentSummary {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(documentColumns) FROM documents WHERE id = ?", arguments: [id]) else {
            throw StoreError.documentNotFound(id)
        }
        let totals = try Row.fetchOne(db, sql: """
            SELECT count(*) AS pages, coalesce(sum(word_count), 0) AS words,
                   sum(mean_confidence * word_count) / nullif(sum(CASE WHEN mean_confidence IS NULL THEN 0 ELSE word_count END), 0) AS confidence
            FROM pages WHERE document_id = ?
            """, arguments: [id])!
        let sources = try String.fetchAll(db, sql: "SELECT DISTINCT source FROM pages WHERE document_id = ? ORDER BY source DESC", arguments: [id])
            .compactMap(TextSource.init(rawValue:))
        let seconds = try Double.fetchOne(db, sql: "SELECT seconds FROM document_runs WHERE document_id = ?", arguments: [id])
        return DocumentSummary(
            document: documentRecord(row), pageCount: totals["pages"], wordCount: totals["words"],
            sources: sources, meanConfidence: totals["confidence"], seconds: seconds)
    }

    /// The id of the document with these bytes, if they were stored and read.
    public func readDocument(sha256: String) throws -> Int64? {
        try database.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT id FROM documents WHERE sha256 = ? AND EXISTS (SELECT 1 FROM pages WHERE document_id = documents.id)
                """, arguments: [sha256])
        }
    }

    static let documentColumns = "id, sha256, media_type, byte_count, original_name, created_at, document_type"

    static func documentRecord(_ row: Row) -> DocumentRecord {
        DocumentRecord(
            id: row["id"], sha256: row["sha256"], mediaType: MediaType(rawValue: row["media_type"]) ?? .pdf,
            byteCount: row["byte_count"], originalName: row["original_name"], createdAt: row["created_at"],
            documentType: (row["document_type"] as String?).flatMap(DocumentType.init(rawValue:)))
    }
}

extension SQLiteStore {
    /// The summaries of the documents the filter selects (all by default), oldest first, in one
    /// pass over the pages.
    public func summaries(of filter: DocumentFilter) throws -> [DocumentSummary] {
        let documents = filter.conditions(on: "d")
        return try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.documentColumns.split(separator: ",").map { "d." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")),
                       coalesce(p.pages, 0) AS pages, coalesce(p.words, 0) AS words, p.confidence, p.sources, r.seconds
                FROM documents d
                LEFT JOIN (
                    SELECT document_id, count(*) AS pages, sum(word_count) AS words,
                           sum(mean_confidence * word_count) / nullif(sum(CASE WHEN mean_confidence IS NULL THEN 0 ELSE word_count END), 0) AS confidence,
                           group_concat(DISTINCT source) AS sources
                    FROM pages GROUP BY document_id
                ) p ON p.document_id = d.id
                LEFT JOIN document_runs r ON r.document_id = d.id
                WHERE 1\(documents.sql)
                ORDER BY d.id
                """, arguments: documents.arguments).map { row in
                let sources = ((row["sources"] as String?) ?? "").split(separator: ",").compactMap { TextSource(rawValue: String($0)) }
                return DocumentSummary(
                    document: Self.documentRecord(row), pageCount: row["pages"], wordCount: row["words"],
                    sources: sources.sorted { $0.rawValue > $1.rawValue }, meanConfidence: row["confidence"], seconds: row["seconds"])
            }
        }
    }
}
