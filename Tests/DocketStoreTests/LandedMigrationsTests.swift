import Crypto
import Foundation
import Testing

/// A migration that has landed is never edited: databases in the field have already applied it,
/// and an edit would never reach them. Add a new numbered file instead.
@Suite struct LandedMigrationsTests {
    static let landed: [String: String] = [
        "0001_initial.sql": "9cb1a8de79ef9030fbf53b8c8f881b6c57628da70913bbaf1349b2c9593e52a6",
        "0002_attempts_and_cancel.sql": "38a8aa01d3fc7e27a89e174e32e1e81047225ed62a5607fca9d51a8084ed05e3",
        "0003_layout.sql": "b21b2be8d94e121e3b4bd39b529247e644c9ee6c223729ff59658997f067c030",
        "0004_answer_values.sql": "49fc2f25758e08934fbde1050d98b5440833b3b4cbb589235f9d25ee32079979",
        "0005_word_source.sql": "d341d596c430073d169d8ee09ec7c526e77237ed8c7bd5fc420fb99609216bd4",
        "0006_search_fields_views.sql": "67bd5b4c08758eed7ff8154c83945593bb5d5b6b2260293b57bcc7bf927e8e00",
        "0007_reports_and_studies.sql": "f9057d345666f610823b1d10a79a207a6ea659c0bed8c455c3f33104bcbc1306",
        "0008_study_key_secret.sql": "f5a6aec8a12e741dd7e28ed31f772ef6502c1c669d06e5a2c1a1371b1ad7542c",
        "0009_api_keys.sql": "f7459117299477703e0b549d71974a143181f886919b2f32b06e2edc2cdbfe18",
        "0010_webhooks.sql": "26a08476e0585ac176ee4dd97a2a4ed00bca47b2f7c015ee0a27361267e0ce04",
        "postgres/0001_schema.sql": "8dd858e0190421868eaa773db85f042041f035da7f751fc1366b0587a442d5f7",
        "postgres/0002_api_keys.sql": "bb2397aabe25fbc8f73da275c0e8fa9c3528c1d59b63606a3c430e9cb7ab3c90",
        "postgres/0003_webhooks.sql": "713b0883180bbb8137dd83488d40938ea44c81ee05e941268f8043cfcc723770",
    ]

    @Test func landedMigrationsAreUnchanged() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appending(path: "Migrations")
        for (file, expected) in Self.landed {
            let data = try Data(contentsOf: folder.appending(path: file))
            let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            #expect(digest == expected, "\(file) has changed since it landed; add a new migration instead")
        }
    }
}
