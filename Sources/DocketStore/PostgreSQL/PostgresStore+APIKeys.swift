import PostgresNIO

extension PostgresStore {
    public func createAPIKey(name: String, scope: APIKeyScope, secretSHA256: String) throws -> APIKeyRecord {
        let now = clock.now()
        let id = try pool.withTransaction { connection in
            try connection.run("""
                INSERT INTO api_keys (name, scope, secret_sha256, created_at) VALUES (\(name), \(scope.rawValue), \(secretSHA256), \(now))
                RETURNING id
                """).first?.decode(Int64.self)
        }
        guard let id else { throw StoreError.cannotOpen(path: address.urlWithoutPassword, reason: "the new API key was not stored") }
        return APIKeyRecord(id: id, name: name, scope: scope, secretSHA256: secretSHA256, createdAt: now, revokedAt: nil)
    }

    public func apiKeys() throws -> [APIKeyRecord] {
        try pool.withConnection { connection in
            try connection.run("SELECT \(unescaped: Self.apiKeyColumns) FROM api_keys ORDER BY id").compactMap(Self.apiKey)
        }
    }

    public func apiKey(_ id: Int64) throws -> APIKeyRecord? {
        try pool.withConnection { connection in
            try connection.run("SELECT \(unescaped: Self.apiKeyColumns) FROM api_keys WHERE id = \(id)").first.flatMap(Self.apiKey)
        }
    }

    public func revokeAPIKey(_ id: Int64) throws -> Bool {
        let now = clock.now()
        return try pool.withTransaction { connection in
            try connection.run("UPDATE api_keys SET revoked_at = \(now) WHERE id = \(id) AND revoked_at IS NULL RETURNING id").first != nil
        }
    }

    private static let apiKeyColumns = "id, name, scope, secret_sha256, created_at, revoked_at"

    private static func apiKey(_ row: PostgresRow) throws -> APIKeyRecord? {
        let (id, name, scope, secret, created, revoked) = try row.decode((Int64, String, String, String, Double, Double?).self)
        guard let scope = APIKeyScope(rawValue: scope) else { return nil }
        return APIKeyRecord(id: id, name: name, scope: scope, secretSHA256: secret, createdAt: created, revokedAt: revoked)
    }
}
