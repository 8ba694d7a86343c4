/// What an HTTP API key may do.
public enum APIKeyScope: String, Sendable, CaseIterable, Codable {
    /// GET requests only.
    case read
    /// Also POST and DELETE: submit documents, cancel and retry jobs, delete documents.
    case submit
}

/// A key for the HTTP API as stored: its secret only as a SHA-256, never the secret itself.
public struct APIKeyRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var scope: APIKeyScope
    /// Hex SHA-256 of the key's secret part.
    public var secretSHA256: String
    /// Seconds since 1970.
    public var createdAt: Double
    public var revokedAt: Double?

    public init(id: Int64, name: String, scope: APIKeyScope, secretSHA256: String, createdAt: Double, revokedAt: Double?) {
        self.id = id
        self.name = name
        self.scope = scope
        self.secretSHA256 = secretSHA256
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
