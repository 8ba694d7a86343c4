import Foundation

/// Where a store lives: an SQLite file, or a PostgreSQL database named by a URL
/// (`postgres://` or `postgresql://`, with user, password, host, port, database and `sslmode`).
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// The database a command uses when neither `--db` nor `DOCKET_DB` names one.
    public static let defaultPath = "var/docket.sqlite"

    /// `text` as a location: a URL with a PostgreSQL scheme selects PostgreSQL; anything else is a path.
    public init(_ text: String) throws {
        if let scheme = text.range(of: "://").map({ text[..<$0.lowerBound].lowercased() }), !scheme.contains("/") {
            guard scheme == "postgres" || scheme == "postgresql" else {
                throw StoreError.badLocation(text, reason: "\(scheme):// is not a store Docket knows; use a file path for SQLite or postgres://user@host/database for PostgreSQL")
            }
            self = .postgres(try PostgresAddress(url: text))
        } else {
            self = .sqlite(path: text)
        }
    }

    /// `--db` when given, else `DOCKET_DB`, else `var/docket.sqlite`.
    public static func resolve(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StoreLocation {
        try StoreLocation(explicit ?? environment["DOCKET_DB"] ?? defaultPath)
    }

    /// What `--db` takes to open this store again, password included.
    public var argument: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let address): address.url
        }
    }

    /// For messages: the path, or the URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let address): address.urlWithoutPassword
        }
    }

    public var isPostgres: Bool {
        if case .postgres = self { true } else { false }
    }

    /// Opens the store, creating and migrating it for `.readWrite`. `addingToForeignDatabase` lets
    /// Docket's tables join a database that has others (`docket migrate --force`). A store that
    /// ends jobs with callback URLs needs `webhookBodies` to write their events.
    public func open(
        access: StoreAccess = .readWrite, durability: StoreDurability = .normal, addingToForeignDatabase: Bool = false,
        clock: StoreClock = .system, webhookBodies: (any WebhookBodyEncoder)? = nil
    ) throws -> any Store {
        switch self {
        case .sqlite(let path):
            switch access {
            case .readWrite:
                try SQLiteStore(path: path, durability: durability, addingToForeignDatabase: addingToForeignDatabase, clock: clock,
                                webhookBodies: webhookBodies)
            case .readOnly: try SQLiteStore(path: path, access: .readOnly, clock: clock)
            }
        case .postgres(let address):
            try PostgresStore(address: address, access: access, durability: durability, addingToForeignDatabase: addingToForeignDatabase, clock: clock,
                              webhookBodies: webhookBodies)
        }
    }

    /// Runs one statement that can only read, stopped at `limits`: `docket sql`.
    public func runReadOnlyQuery(_ sql: String, limits: QueryLimits = QueryLimits()) throws -> QueryResult {
        switch self {
        case .sqlite(let path): try ReadOnlyQuery.run(sql, databasePath: path, limits: limits)
        case .postgres(let address): try PostgresReadOnlyQuery.run(sql, address: address, limits: limits)
        }
    }
}

/// A PostgreSQL database's address, parsed from a libpq-style URL.
public struct PostgresAddress: Sendable, Equatable {
    /// libpq's `sslmode`: whether to encrypt, and how much of the server's certificate to check.
    public enum TLS: String, Sendable, CaseIterable {
        /// Never encrypt.
        case disable
        /// Encrypt when the server offers it (`allow` too), without checking its certificate.
        case prefer
        /// Encrypt, without checking the certificate unless `sslrootcert` names a CA (then as `verifyCA`).
        case require
        /// Encrypt, and refuse a certificate not signed by the CA in `sslrootcert`.
        case verifyCA = "verify-ca"
        /// As `verifyCA`, and refuse a certificate that does not name the URL's host.
        case verifyFull = "verify-full"
    }

    public var url: String
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLS
    /// `sslrootcert`: the file of the CA certificates that may sign the server's, in PEM; `system`
    /// for the system's trusted CAs. Nil: `~/.postgresql/root.crt` as libpq, when it exists.
    public var rootCertificates: String?

    public init(url: String) throws {
        func refuse(_ reason: String) -> StoreError { StoreError.badLocation(Self.hidingPassword(url), reason: reason) }
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw refuse("it is not a URL of the form postgres://user:password@host:port/database")
        }
        self.url = url
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        port = components.port ?? 5432
        user = components.user.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding }
        let name = String(components.path.drop { $0 == "/" })
        database = name.isEmpty ? user : (name.removingPercentEncoding ?? name)
        guard !database.contains("/") else { throw refuse("the database name \(database) has a / in it") }
        var tls = TLS.prefer
        var rootCertificates: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                switch item.value ?? "" {
                case "allow": tls = .prefer
                case let mode:
                    guard let chosen = TLS(rawValue: mode) else {
                        throw refuse("sslmode=\(mode) is not one of disable, allow, prefer, require, verify-ca, verify-full")
                    }
                    tls = chosen
                }
            case "sslrootcert":
                guard let path = item.value, !path.isEmpty else { throw refuse("sslrootcert is empty; give the path of the CA's certificate (PEM)") }
                rootCertificates = path
            case "application_name", "connect_timeout": continue
            default: throw refuse("the parameter \(item.name) is not one Docket reads (it reads sslmode and sslrootcert)")
            }
        }
        if tls == .disable, rootCertificates != nil {
            throw refuse("sslrootcert is given with sslmode=disable, which never checks a certificate; use sslmode=verify-full")
        }
        if rootCertificates == nil, tls == .verifyCA || tls == .verifyFull {
            let standard = FileManager.default.homeDirectoryForCurrentUser.appending(path: ".postgresql/root.crt").path
            guard FileManager.default.fileExists(atPath: standard) else {
                throw refuse("sslmode=\(tls.rawValue) checks the server's certificate against a CA: add sslrootcert=PATH (the CA's certificate, PEM) or sslrootcert=system")
            }
            rootCertificates = standard
        }
        self.tls = tls
        self.rootCertificates = rootCertificates
    }

    public var urlWithoutPassword: String { Self.hidingPassword(url) }

    static func hidingPassword(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
