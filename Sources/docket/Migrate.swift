import ArgumentParser
import DocketStore

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the database or bring its schema up to date (other commands do this too).",
        discussion: "EXAMPLE\n  docket migrate --db /var/lib/docket/docket.sqlite")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try store.open()
        for migration in try database.appliedMigrations() { print("applied \(migration)") }
        print("\(database.path) is up to date")
    }
}
