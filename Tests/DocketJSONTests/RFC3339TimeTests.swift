import DocketJSON
import Foundation
import Testing

@Suite struct RFC3339TimeTests {
    @Test func writesUTCWithExactlyThreeFractionDigits() {
        #expect(RFC3339Time(secondsSince1970: 0).description == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339Time(secondsSince1970: 1_796_479_387.25).description == "2026-12-05T14:03:07.250Z")
        #expect(RFC3339Time(secondsSince1970: 1_709_164_800).description == "2024-02-29T00:00:00.000Z")
        #expect(RFC3339Time(secondsSince1970: 951_782_400.5).description == "2000-02-29T00:00:00.500Z")
        #expect(RFC3339Time(secondsSince1970: -0.001).description == "1969-12-31T23:59:59.999Z")
        #expect(RFC3339Time(secondsSince1970: 253_402_300_799.999).description == "9999-12-31T23:59:59.999Z")
    }

    @Test func roundsToTheNearestMillisecond() {
        #expect(RFC3339Time(secondsSince1970: 1.0004).description == "1970-01-01T00:00:01.000Z")
        #expect(RFC3339Time(secondsSince1970: 1.0006).description == "1970-01-01T00:00:01.001Z")
        #expect(RFC3339Time(secondsSince1970: 59.9996).description == "1970-01-01T00:01:00.000Z")
    }

    @Test func agreesWithFoundationOnEveryDayOfFourCenturies() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var seconds = -2_208_988_800.0 // 1900-01-01
        while seconds < 10_413_792_000 { // 2300-01-01
            let time = RFC3339Time(secondsSince1970: seconds + 45_296.789)
            #expect(time.description == formatter.string(from: time.date))
            #expect(RFC3339Time(time.description) == time)
            seconds += 86_400 * 7 + 3
        }
    }

    @Test func readsAnyRFC3339TimeAndKeepsMilliseconds() {
        #expect(RFC3339Time("2026-12-05T14:03:07.250Z")?.description == "2026-12-05T14:03:07.250Z")
        #expect(RFC3339Time("2026-12-05T14:03:07Z")?.description == "2026-12-05T14:03:07.000Z")
        #expect(RFC3339Time("2026-12-05t14:03:07.25z")?.description == "2026-12-05T14:03:07.250Z")
        #expect(RFC3339Time("2026-12-05T14:03:07.123456789Z")?.description == "2026-12-05T14:03:07.123Z")
        #expect(RFC3339Time("2026-12-05T15:03:07.250+01:00")?.description == "2026-12-05T14:03:07.250Z")
        #expect(RFC3339Time("2026-12-05T09:33:07.250-04:30")?.description == "2026-12-05T14:03:07.250Z")
    }

    @Test func refusesWhatIsNotAnRFC3339Time() {
        for text in [
            "", "2026-12-05", "2026-12-05T14:03:07", "2026-12-05 14:03:07Z", "2026-13-05T14:03:07Z", "2026-02-29T00:00:00Z",
            "2026-12-05T24:00:00Z", "2026-12-05T14:60:00Z", "2026-12-05T14:03:07.Z", "2026-12-05T14:03:07+0100",
            "1796565787", "2026-12-05T14:03:07Z ", "26-12-05T14:03:07Z",
        ] {
            #expect(RFC3339Time(text) == nil, "\(text)")
        }
    }

    @Test func decodingABadTimeSaysHowToWriteOne() throws {
        let error = #expect(throws: DecodingError.self) {
            try DocketJSON.decoder.decode([RFC3339Time].self, from: Data(#"["yesterday"]"#.utf8))
        }
        guard case .dataCorrupted(let context)? = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription == "'yesterday' is not an RFC 3339 time; write it as 2026-12-05T14:03:07.250Z.")
    }
}
