import DocketModel
import Foundation
import GRDB

extension SQLiteStore {
    /// Stores the documents with their pages and fields, all in one transaction.
    public func insertReadDocuments(_ documents: [ReadDocument]) throws {
        try database.write { db in
            for document in documents {
                let id = try Self.insertDocument(db, content: .bytes(document.content), sha256: document.sha256, mediaType: document.mediaType,
                                                 originalName: document.originalName, now: document.submittedAt).id
                try Self.replacePages(db, document: id, with: document.pages)
                try Self.replaceFields(db, document: id, job: nil, type: document.type, fields: document.fields, now: document.submittedAt)
            }
        }
    }

    /// Copies the write-ahead log into the database file and empties it, so that the file's size is the store's.
    public func checkpoint() throws {
        try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
