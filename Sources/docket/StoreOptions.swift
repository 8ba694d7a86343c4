import ArgumentParser
import DocketQueue
import DocketStore

struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file.", discussion: "Defaults to $DOCKET_DB, then ./var/docket.sqlite.", valueName: "path"))
    var db: String?

    var path: String { Store.resolvePath(db) }

    func open(durability: Store.Durability = .normal) throws -> Store {
        try withExitCodes { try Store(path: path, durability: durability) }
    }

    func openQueue(durability: Store.Durability = .normal) throws -> JobQueue {
        JobQueue(store: try open(durability: durability))
    }
}
