import ArgumentParser
import DocketJSON
import DocketQueue
import DocketStore

struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database: a file path (SQLite) or a postgres:// URL.",
        discussion: "Defaults to $DOCKET_DB, then ./var/docket.sqlite.", valueName: "path-or-url"))
    var db: String?

    var location: StoreLocation {
        get throws { try withExitCodes { try StoreLocation.resolve(db) } }
    }

    /// For commands that write: creates the database if needed and brings its schema up to date.
    func open(durability: StoreDurability = .normal, addingToForeignDatabase: Bool = false) throws -> any Store {
        let location = try location
        return try withExitCodes { try location.open(durability: durability, addingToForeignDatabase: addingToForeignDatabase, webhookBodies: WebhookBodyJSON()) }
    }

    func openQueue(durability: StoreDurability = .normal) throws -> JobQueue {
        JobQueue(store: try open(durability: durability))
    }

    /// For commands that only read: opens an existing, up-to-date database without writing to it.
    func openForReading() throws -> any Store {
        let location = try location
        return try withExitCodes { try location.open(access: .readOnly) }
    }

    func openQueueForReading() throws -> JobQueue {
        JobQueue(store: try openForReading())
    }
}
