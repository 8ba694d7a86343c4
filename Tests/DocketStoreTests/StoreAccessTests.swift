@testable import DocketStore
import Foundation
import GRDB
import Testing

/// Opening a store for reading leaves the file as it was; opening for writing adopts no one else's file.
@Suite struct StoreAccessTests {
    /// A migrated database at a new path, closed again.
    private func migratedDatabase() throws -> String {
        let path = temporaryDatabasePath()
        _ = try SQLiteStore(path: path)
        return path
    }

    /// The file's bytes and modification time.
    private func fingerprint(_ path: String) throws -> (Data, Date) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let modified = try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
        return (data, modified)
    }

    private func journalMode(_ path: String) throws -> String? {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    }

    @Test func readingLeavesTheFileAsItWas() throws {
        let path = try migratedDatabase()
        let before = try fingerprint(path)
        do {
            let store = try SQLiteStore(path: path, access: .readOnly)
            #expect(try store.summaries().isEmpty)
            #expect(try store.appliedMigrations() == SQLiteStore.knownMigrations)
            #expect(try ReadOnlyQuery.run("SELECT 1", databasePath: path).rows == [[.integer(1)]])
        }
        let after = try fingerprint(path)
        #expect(after.0 == before.0)
        #expect(after.1 == before.1)
    }

    @Test func readingKeepsARollbackJournalDatabaseInItsMode() throws {
        let path = try migratedDatabase()
        try DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        #expect(try journalMode(path) == "delete")
        do {
            let store = try SQLiteStore(path: path, access: .readOnly)
            _ = try store.summaries()
            _ = try ReadOnlyQuery.run("SELECT count(*) FROM docket_documents", databasePath: path)
        }
        #expect(try journalMode(path) == "delete")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func readingAMissingDatabaseCreatesNothing() throws {
        let path = temporaryDatabasePath()
        let folder = (path as NSString).deletingLastPathComponent
        #expect(throws: StoreError.noDatabase(path: path)) { try SQLiteStore(path: path, access: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(StoreError.noDatabase(path: path).description.contains("docket migrate"))
    }

    @Test func readingAnEmptyFileSaysThereIsNoDatabaseYet() throws {
        let path = temporaryDatabasePath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(throws: StoreError.noDatabase(path: path)) { try SQLiteStore(path: path, access: .readOnly) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
    }

    @Test func readingAnOlderSchemaAsksForAMigration() throws {
        let path = try migratedDatabase()
        let last = try #require(SQLiteStore.knownMigrations.last)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [last])
        }
        #expect(throws: StoreError.needsMigration(path: path, missingMigrations: [last])) { try SQLiteStore(path: path, access: .readOnly) }
        #expect(StoreError.needsMigration(path: path, missingMigrations: [last]).description.contains("docket migrate --db \(path)"))
    }

    @Test func readingANewerSchemaIsRefusedAsWritingIs() throws {
        let path = try migratedDatabase()
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future')")
        }
        #expect(throws: StoreError.migratedByNewerDocket(path: path, unknownMigrations: ["9999_from_the_future"])) {
            try SQLiteStore(path: path, access: .readOnly)
        }
    }

    /// Another application's database: a table of its own, in rollback-journal mode.
    private func foreignDatabase() throws -> String {
        let path = temporaryDatabasePath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')")
        }
        return path
    }

    @Test(arguments: [StoreAccess.readOnly, .readWrite])
    func aForeignDatabaseIsRefusedAndLeftAsItWas(access: StoreAccess) throws {
        let path = try foreignDatabase()
        let before = try fingerprint(path)
        #expect(throws: StoreError.notDocketDatabase(path: path)) { try SQLiteStore(path: path, access: access) }
        #expect(try fingerprint(path).0 == before.0)
        #expect(try journalMode(path) == "delete")
        #expect(StoreError.notDocketDatabase(path: path).description.contains("docket migrate --force"))
    }

    @Test func docketsTablesAreAddedToAForeignDatabaseOnlyWhenAsked() throws {
        let path = try foreignDatabase()
        let store = try SQLiteStore(path: path, addingToForeignDatabase: true)
        #expect(try store.appliedMigrations() == SQLiteStore.knownMigrations)
        #expect(try store.database.read { db in try String.fetchOne(db, sql: "SELECT name FROM contacts") } == "Ada")
        #expect(try SQLiteStore(path: path, access: .readOnly).summaries().isEmpty)
    }

    @Test func aDatabaseAnotherGRDBApplicationMigratedIsForeign() throws {
        let path = temporaryDatabasePath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
        try migrator.migrate(DatabaseQueue(path: path))
        #expect(throws: StoreError.notDocketDatabase(path: path)) { try SQLiteStore(path: path) }
    }
}
