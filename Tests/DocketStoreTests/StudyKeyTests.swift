@testable import DocketStore
import Foundation
import GRDB
import Testing

@Suite struct StudyKeyTests {
    /// The key the accession number had before keys were keyed: 12 hex digits of its FNV-1a hash,
    /// which anyone could compute for every likely number.
    private func unkeyedHash(_ accession: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in accession.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "acc-" + String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
    }

    private func key(_ accession: String, in store: SQLiteStore) throws -> String {
        try store.database.write { db in try SQLiteStore.studyKey(db, accession: accession) }
    }

    @Test func theKeyOfAnAccessionNumberIsKeyedBySecretOfItsDatabase() throws {
        let first = try SQLiteStore(path: temporaryDatabasePath())
        let second = try SQLiteStore(path: temporaryDatabasePath())
        let key = try key("ACC-2026-0042", in: first)
        #expect(key.range(of: #"^acc-[0-9a-f]{12}$"#, options: .regularExpression) != nil, "\(key)")
        #expect(key != unkeyedHash("ACC-2026-0042"))
        #expect(try self.key("ACC-2026-0042", in: first) == key, "the same number makes the same study")
        #expect(try self.key("ACC-2026-0043", in: first) != key)
        #expect(try self.key("ACC-2026-0042", in: second) != key, "another database has another secret")
        let secret = try first.database.read { db in try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = 'study-key'") }
        #expect(secret?.count == 32)
    }

    @Test func aDatabaseWhoseSecretWasDeletedDrawsANewOne() throws {
        let store = try SQLiteStore(path: temporaryDatabasePath())
        let before = try key("ACC-1", in: store)
        try store.database.write { db in try db.execute(sql: "DELETE FROM secrets") }
        let after = try key("ACC-1", in: store)
        #expect(after.hasPrefix("acc-") && after != before)
    }
}
