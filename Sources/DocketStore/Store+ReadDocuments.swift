import DocketModel
import Foundation
import GRDB

/// A document with what reading it found, stored without a job: how `docket bench` fills a store.
public struct ReadDocument: Sendable {
    public var content: [UInt8]
    public var sha256: String
    public var mediaType: MediaType
    public var originalName: String
    public var submittedAt: Double
    public var pages: [Page]
    public var type: DocumentType
    public var fields: [DocumentField]

    public init(content: [UInt8], sha256: String, mediaType: MediaType, originalName: String, submittedAt: Double,
                pages: [Page], type: DocumentType, fields: [DocumentField]) {
        self.content = content
        self.sha256 = sha256
        self.mediaType = mediaType
        self.originalName = originalName
        self.submittedAt = submittedAt
        self.pages = pages
        self.type = type
        self.fields = fields
    }
}

extension Store {
    /// Stores the documents with their pages and fields, all in one transaction.
    public func insertReadDocuments(_ documents: [ReadDocument]) throws {
        try database.write { db in
            for document in documents {
                let id = try Self.insertDocument(db, content: document.content, sha256: document.sha256, mediaType: document.mediaType,
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
