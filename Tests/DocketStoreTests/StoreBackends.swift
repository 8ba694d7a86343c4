import DocketModel
@testable import DocketStore
import DocketTestDatabases
import Foundation
import GRDB
import PostgresNIO
import Testing

/// The stores a parameterized test runs against.
enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A new, empty, migrated store: a temporary SQLite file, or a fresh database on the throwaway cluster.
    func makeStore() throws -> any Store {
        switch self {
        case .sqlite: try SQLiteStore(path: temporaryDatabasePath())
        case .postgres: try PostgresStore(address: PostgresAddress(url: ThrowawayPostgres.newDatabase()))
        }
    }
}

/// Runs `body` with the store's result writer, in one transaction, as a completing job would.
func writeResults(_ store: any Store, now: Double = 0, _ body: (any ResultWriter) throws -> Void) throws {
    switch store {
    case let sqlite as SQLiteStore:
        try sqlite.database.write { db in try body(SQLiteResultWriter(db: db, now: now)) }
    case let postgres as PostgresStore:
        try postgres.pool.withTransaction { connection in try body(PostgresResultWriter(connection: connection, now: now)) }
    default:
        preconditionFailure("no result writer for \(type(of: store))")
    }
}

/// Runs SQL that changes the store behind its operations' back (a prune done by hand).
func execute(_ sql: String, in store: any Store) throws {
    switch store {
    case let sqlite as SQLiteStore:
        try sqlite.database.write { db in try db.execute(sql: sql) }
    case let postgres as PostgresStore:
        try postgres.pool.withConnection { connection in _ = try connection.run(PostgresQuery(unsafeSQL: sql)) }
    default:
        preconditionFailure("cannot run SQL in \(type(of: store))")
    }
}

/// The single integer `sql` returns.
func count(_ sql: String, in store: any Store) throws -> Int? {
    switch store {
    case let sqlite as SQLiteStore:
        try sqlite.database.read { db in try Int.fetchOne(db, sql: sql) }
    case let postgres as PostgresStore:
        try postgres.pool.withConnection { connection in try connection.run(PostgresQuery(unsafeSQL: sql)).first?.decode(Int.self) }
    default:
        preconditionFailure("cannot run SQL in \(type(of: store))")
    }
}

/// Stores a document with its pages and fields, as read, through the store's own operation.
@discardableResult
func storeReadDocument(
    _ store: any Store, name: String, content: [UInt8]? = nil, pages: [Page], type: DocumentType = .other,
    fields: [DocumentField] = [], submittedAt: Double = 0
) throws -> Int64 {
    try store.insertReadDocuments([ReadDocument(
        content: content ?? Array(name.utf8), sha256: name, mediaType: .plainText, originalName: name, submittedAt: submittedAt,
        pages: pages, type: type, fields: fields)])
    return try #require(try store.summaries().first { $0.document.sha256 == name }).document.id
}
