import GRDB

extension SQLiteStore {
    public func createAPIKey(name: String, scope: APIKeyScope, secretSHA256: String) throws -> APIKeyRecord {
        let now = clock.now()
        return try database.write { db in
            try db.execute(sql: "INSERT INTO api_keys (name, scope, secret_sha256, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, scope.rawValue, secretSHA256, now])
            return APIKeyRecord(id: db.lastInsertedRowID, name: name, scope: scope, secretSHA256: secretSHA256, createdAt: now, revokedAt: nil)
        }
    }

    public func apiKeys() throws -> [APIKeyRecord] {
        try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY id").compactMap(Self.apiKey) }
    }

    public func apiKey(_ id: Int64) throws -> APIKeyRecord? {
        try database.readOneStatement { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM api_keys WHERE id = ?"), arguments: [id]).flatMap(Self.apiKey)
        }
    }

    public func revokeAPIKey(_ id: Int64) throws -> Bool {
        let now = clock.now()
        return try database.write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [now, id])
            return db.changesCount > 0
        }
    }

    private static func apiKey(_ row: Row) -> APIKeyRecord? {
        guard let scope = APIKeyScope(rawValue: row["scope"]) else { return nil }
        return APIKeyRecord(id: row["id"], name: row["name"], scope: scope, secretSHA256: row["secret_sha256"],
                            createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}
