import DocketTestDatabases
import Foundation
import Testing

/// `--db` takes a path (SQLite) or a postgres:// URL; one that cannot be used is one line and an
/// exit code, never a stack trace.
@Suite struct StoreLocationTests {
    @Test func aURLOfAnotherDatabaseIsRefusedAsUsage() throws {
        let result = try DocketProcess(database: "mysql://docket@127.0.0.1/docket").run(["jobs"])
        #expect(result.status == 64)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("mysql:// is not a store Docket knows"))
    }

    @Test func aParameterDocketDoesNotReadIsNamed() throws {
        let result = try DocketProcess(database: "postgres://docket@127.0.0.1/docket?sslmode=sometimes").run(["jobs"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("sslmode=sometimes is not one of"), "\(result.stderr)")
    }

    @Test func aRefusedConnectionIsOneLine() throws {
        // Port 1 on loopback: nothing listens there.
        let result = try DocketProcess(database: "postgres://docket:secret@127.0.0.1:1/docket?sslmode=disable").run(["jobs"])
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("cannot connect to 127.0.0.1:1"), "\(result.stderr)")
        #expect(!result.stderr.contains("secret"), "the password is never printed")
    }

    @Test func aMissingDatabaseSaysToCreateIt() throws {
        let existing = try ThrowawayPostgres.newDatabase()
        let missing = try PostgresURL(existing).replacingDatabase(with: "no_such_database").string
        let result = try DocketProcess(database: missing).run(["jobs"])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("does not exist") && result.stderr.contains("createdb"), "\(result.stderr)")
    }

    @Test func migrateCreatesTheSchemaOnPostgreSQLAndReadsFindIt() throws {
        let docket = DocketProcess(database: try ThrowawayPostgres.newDatabase())
        let read = try docket.run(["jobs"])
        #expect(read.status == 1 && read.stderr.contains("no Docket database"), "\(read.stderr)")
        let migrated = try docket.run(["migrate"])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(migrated.stdout.contains("applied 0001_schema"))
        #expect(try docket.run(["jobs"]).status == 0)
    }
}
