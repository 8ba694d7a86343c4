import Foundation
import GRDB
import GRDBSQLite

extension SQLiteStore {
    /// Opens the database at `path` for `access`. Reading refuses, each with one line saying what
    /// to do, a missing or empty database, one with none of Docket's tables, one made by an older
    /// docket (reads do not migrate) and one made by a newer docket.
    public convenience init(path: String, access: StoreAccess, durability: StoreDurability = .normal, clock: StoreClock = .system) throws {
        switch access {
        case .readWrite: try self.init(path: path, durability: durability, clock: clock)
        case .readOnly: self.init(path: path, openedDatabase: try Self.openForReading(path: path), clock: clock)
        }
    }

    private static func openForReading(path: String) throws -> DatabasePool {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.noDatabase(path: path) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = SQLiteLockWait.busyMode(seconds: 30)
        do {
            let pool = try DatabasePool(path: readOnlyFilename(for: path), configuration: configuration)
            switch try pool.read(schema) {
            case .empty: throw StoreError.noDatabase(path: path)
            case .foreign: throw StoreError.notDocketDatabase(path: path)
            case .docket(_, let unknown) where !unknown.isEmpty:
                throw StoreError.migratedByNewerDocket(path: path, unknownMigrations: unknown)
            case .docket(let missing, _) where !missing.isEmpty:
                throw StoreError.needsMigration(path: path, missingMigrations: missing)
            case .docket: return pool
            }
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? error.description)
        }
    }

    /// The name to open `path` by on a read-only connection. SQLite reads a WAL database through a
    /// shared-memory file beside it (`-shm`), which a read-only connection makes if the folder lets
    /// it. In a folder this process cannot write, with no such file (so no connection has the
    /// database open), the file is opened as immutable instead: no shared memory and no locks,
    /// which reads it rightly while nothing writes to it.
    public static func readOnlyFilename(for path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        guard access(folder.isEmpty ? "." : folder, W_OK) != 0, !FileManager.default.fileExists(atPath: path + "-shm"),
              isInWALMode(path) else { return path }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let escaped = absolute.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "?", with: "%3F")
            .replacingOccurrences(of: "#", with: "%23")
        return "file:\(escaped)?immutable=1"
    }

    /// Bytes 18 and 19 of a database's header are 2 in WAL mode (https://www.sqlite.org/fileformat.html).
    private static func isInWALMode(_ path: String) -> Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        let header = (try? file.read(upToCount: 20)) ?? Data()
        return header.count == 20 && header.starts(with: Data("SQLite format 3\0".utf8)) && header[18] == 2 && header[19] == 2
    }

    /// Where a database's schema stands against this docket's migrations.
    enum Schema: Equatable {
        /// No tables: a new file.
        case empty
        /// Tables or recorded migrations, none of them Docket's.
        case foreign
        case docket(missing: [String], unknown: [String])
    }

    static func schema(_ db: Database) throws -> Schema {
        let applied = try db.tableExists("grdb_migrations") ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
        // Docket's first migration commits its tables with its record, so a file that has
        // neither is new or someone else's, even while another process is creating it.
        guard let first = knownMigrations.first, applied.contains(first) else {
            let others = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM sqlite_master WHERE name <> 'grdb_migrations' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                """) ?? 0
            return others == 0 && applied.isEmpty ? .empty : .foreign
        }
        return .docket(missing: knownMigrations.filter { !applied.contains($0) }, unknown: applied.filter { !knownMigrations.contains($0) }.sorted())
    }

    /// Refuses, before anything is changed, a file this process may not write (SQLite would open
    /// it read-only without a word, and the first write would fail), and a file whose tables are
    /// someone else's unless `addingToForeignDatabase`: opening it for writing would switch it to
    /// WAL and add Docket's tables beside them.
    static func checkBeforeOpeningForWriting(at path: String, addingToForeignDatabase: Bool) throws {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else { return }
        let folder = (path as NSString).deletingLastPathComponent
        if access(path, W_OK) != 0 || (!FileManager.default.fileExists(atPath: path + "-shm") && access(folder.isEmpty ? "." : folder, W_OK) != 0) {
            throw StoreError.cannotOpen(path: path, reason: "this user may not write it or its folder, as commands that change the database "
                + "(submit, worker, cancel, retry, prune, migrate) must; commands that only read need only read access")
        }
        guard size > 0, !addingToForeignDatabase else { return }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = SQLiteLockWait.busyMode(seconds: 30)
        // As in openPool: while another process switches a new file to WAL, SQLite answers
        // "locked" at once, and the switch is soon over.
        var attempt = 1
        while true {
            do {
                if try DatabaseQueue(path: path, configuration: configuration).read(schema) == .foreign {
                    throw StoreError.notDocketDatabase(path: path)
                }
                return
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < openAttempts {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.05)
            } catch let error as DatabaseError {
                throw StoreError.cannotOpen(path: path, reason: error.message ?? error.description)
            }
        }
    }
}
