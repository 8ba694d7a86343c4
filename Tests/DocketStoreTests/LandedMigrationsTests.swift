import Crypto
import Foundation
import Testing

/// A migration that has landed is never edited: databases in the field have already applied it,
/// and an edit would never reach them. Add a new numbered file instead.
@Suite struct LandedMigrationsTests {
    static let landed: [String: String] = [
        "0001_initial.sql": "dced8d19ebc5a8f89fb4f336764ddff485510c46b863d28ed1bbb0751a66aea3",
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
