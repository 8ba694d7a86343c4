import ArgumentParser
import DocketQueue
import DocketStore

struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file.", discussion: "Defaults to $DOCKET_DB, then ./var/docket.sqlite.", valueName: "path"))
    var db: String?

    var path: String { Store.resolvePath(db) }

    /// For commands that write: creates the database if needed and brings its schema up to date.
    func open(durability: Store.Durability = .normal, addingToForeignDatabase: Bool = false) throws -> Store {
        try withExitCodes { try Store(path: path, durability: durability, addingToForeignDatabase: addingToForeignDatabase) }
    }

    func openQueue(durability: Store.Durability = .normal) throws -> JobQueue {
        JobQueue(store: try open(durability: durability))
    }

    /// For commands that only read: opens an existing, up-to-date database without writing to it.
    func openForReading() throws -> Store {
        try withExitCodes { try Store(path: path, access: .readOnly) }
    }

    func openQueueForReading() throws -> JobQueue {
        JobQueue(store: try openForReading())
    }
}
