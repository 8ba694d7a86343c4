import Crypto
import DocketModel
import DocketStore
import Foundation

/// Keys for the HTTP API. A key reads `dk_<id>_<secret>`: the id finds its row, and the secret
/// (256 random bits, hex) is checked against the SHA-256 the row keeps, in constant time.
public enum APIKeys {
    /// A new key: its row as stored and the key itself, which is shown once and kept nowhere.
    public struct Issued: Sendable {
        public var record: APIKeyRecord
        public var key: String
    }

    public static func create(in store: any Store, name: String, scope: APIKeyScope) throws -> Issued {
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }.hexString
        let record = try store.createAPIKey(name: name, scope: scope, secretSHA256: sha256(secret))
        return Issued(record: record, key: "dk_\(record.id)_\(secret)")
    }

    /// The id and secret of a key as written; nil when it is not of the form dk_<id>_<secret>.
    static func parse(_ key: String) -> (id: Int64, secret: String)? {
        let parts = key.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "dk", let id = Int64(parts[1]), id > 0, !parts[2].isEmpty else { return nil }
        return (id, String(parts[2]))
    }

    /// The key's row when `key` is a key that has not been revoked; nil otherwise.
    static func verify(_ key: String, in store: any Store) throws -> APIKeyRecord? {
        guard let (id, secret) = parse(key), let record = try store.apiKey(id), record.revokedAt == nil else { return nil }
        return constantTimeEqual(Array(sha256(secret).utf8), Array(record.secretSHA256.utf8)) ? record : nil
    }

    /// Compares every byte whatever the first difference, so that the time taken tells nothing
    /// about how much of a guess was right.
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    static func sha256(_ text: String) -> String { SHA256.hash(data: Data(text.utf8)).hexString }
}
