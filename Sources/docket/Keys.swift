import ArgumentParser
import DocketServer
import DocketStore
import Foundation

extension APIKeyScope: ExpressibleByArgument {}

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke keys for the HTTP API (docket serve).",
        discussion: """
            A key is printed once, when it is created, as dk_<id>_<secret>; the database keeps only the \
            SHA-256 of its secret. Send it as `Authorization: Bearer KEY`. A read key may GET; a submit \
            key may also POST and DELETE.

            EXAMPLES
              docket keys create --name billing --scope submit
              docket keys list
              docket keys revoke 3
            """,
        subcommands: [CreateKey.self, ListKeys.self, RevokeKey.self])
}

struct CreateKey: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a key and print it once.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Who or what uses the key, for `keys list`.") var name: String
    @Option(help: "read (GET only) or submit (also POST and DELETE).") var scope: APIKeyScope

    func validate() throws {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name must not be empty: name who uses the key.") }
    }

    func run() throws {
        let issued = try withExitCodes { try APIKeys.create(in: try store.open(), name: name, scope: scope) }
        print(issued.key)
        Output.error("key \(issued.record.id) (\(scope.rawValue)) created; it is shown only this once, so store it now.")
    }
}

struct ListKeys: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List keys (never their secrets).")

    @OptionGroup var store: StoreOptions
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions

    private struct Listed: Encodable {
        var id: Int64
        var name: String
        var scope: String
        var createdAt: String
        var revokedAt: String?

        enum CodingKeys: String, CodingKey {
            case id, name, scope, createdAt = "created_at", revokedAt = "revoked_at"
        }
    }

    func run() throws {
        let keys = try withExitCodes { try store.openForReading().apiKeys() }
        let listed = keys.map { key in
            Listed(id: key.id, name: key.name, scope: key.scope.rawValue, createdAt: Self.time(key.createdAt), revokedAt: key.revokedAt.map(Self.time))
        }
        try Output.emit(format, csvOptions, json: listed, header: ["ID", "NAME", "SCOPE", "CREATED", "REVOKED"], rows: listed.map { key in
            ["\(key.id)", key.name, key.scope, key.createdAt, key.revokedAt ?? ""]
        })
    }

    private static func time(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}

struct RevokeKey: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a key: requests with it are refused from now on.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "Key id (the number in dk_<id>_..., or from `keys list`).") var id: Int64

    func run() throws {
        let revoked = try withExitCodes { try store.open().revokeAPIKey(id) }
        guard revoked else {
            Output.error("no key \(id) that is not already revoked; `docket keys list` shows the keys.")
            throw DocketExit.notFound
        }
        print("key \(id) revoked")
    }
}
