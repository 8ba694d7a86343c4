@testable import DocketServer
import Foundation
import Logging
import Testing

/// The request log is one JSON object per line, whatever its values hold.
@Suite struct JSONLogHandlerTests {
    @Test func everyRecordIsOneLineOfJSONThatReadsBackAsWritten() throws {
        let awkward = "a \"quoted\" back\\slash, a new\nline, a tab\t, a bell \u{07}, DEL \u{7F}, Grüße 文字 🚀 and /slashes/"
        let line = JSONLogHandler.line(time: "2026-12-06T21:00:00.000Z", level: "info", label: "docket", message: awkward, metadata: [
            "request_id": .string("abc"), "status": .stringConvertible(201), "duration_ms": .stringConvertible(1.25),
            "path": .string(awkward), "tags": .array([.string("x"), .stringConvertible(2)]),
            "nested": .dictionary(["inner": .string("value")]), "level": .string("must not repeat a key"),
        ])
        #expect(!line.contains(0x0A))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["message"] as? String == awkward)
        #expect(object["path"] as? String == awkward)
        #expect(object["level"] as? String == "info")
        #expect(object["status"] as? Int == 201)
        #expect(object["duration_ms"] as? Double == 1.25)
        #expect((object["tags"] as? [Any])?.count == 2)
        #expect((object["nested"] as? [String: Any])?["inner"] as? String == "value")
        #expect(String(decoding: line, as: UTF8.self).hasPrefix(#"{"time":"2026-12-06T21:00:00.000Z","level":"info""#))
    }
}
