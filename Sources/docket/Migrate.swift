import ArgumentParser
import DocketStore

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the database or bring its schema up to date (commands that write do this too).",
        discussion: """
            Commands that only read (documents, sql, report ...) never migrate: after an upgrade they
            ask for this command. A file that has other tables and none of Docket's is refused unless
            --force is given.

            EXAMPLES
              docket migrate --db /var/lib/docket/docket.sqlite
              docket migrate --force --db app.sqlite
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Add Docket's tables to a database that already has other tables (it is switched to WAL mode).")
    var force = false

    func run() throws {
        let database = try store.open(addingToForeignDatabase: force)
        for migration in try database.appliedMigrations() { print("applied \(migration)") }
        print("\(database.location) is up to date")
    }
}
