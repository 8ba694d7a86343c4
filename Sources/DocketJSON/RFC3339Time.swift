import Foundation

/// A moment written as RFC 3339 in UTC with exactly three fraction digits: `2026-12-05T14:03:07.250Z`.
///
/// Reading accepts any RFC 3339 time (any number of fraction digits, `Z` or a `+hh:mm` offset)
/// and keeps it to the millisecond.
public struct RFC3339Time: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whole milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSince1970: Int64

    public init(secondsSince1970 seconds: Double) {
        millisecondsSince1970 = Int64((seconds * 1000).rounded())
    }

    public init(_ date: Date) {
        self.init(secondsSince1970: date.timeIntervalSince1970)
    }

    public var secondsSince1970: Double { Double(millisecondsSince1970) / 1000 }
    public var date: Date { Date(timeIntervalSince1970: secondsSince1970) }

    public static func < (left: RFC3339Time, right: RFC3339Time) -> Bool {
        left.millisecondsSince1970 < right.millisecondsSince1970
    }

    public var description: String {
        let (days, millisecondOfDay) = Self.floorDivision(millisecondsSince1970, Self.millisecondsPerDay)
        let (year, month, day) = Self.civilDate(daysSince1970: days)
        let hour = millisecondOfDay / 3_600_000
        let minute = millisecondOfDay / 60_000 % 60
        let second = millisecondOfDay / 1000 % 60
        let millisecond = millisecondOfDay % 1000
        return Self.digits(year, 4) + "-" + Self.digits(month, 2) + "-" + Self.digits(day, 2) + "T" + Self.digits(hour, 2) + ":"
            + Self.digits(minute, 2) + ":" + Self.digits(second, 2) + "." + Self.digits(millisecond, 3) + "Z"
    }

    /// Nil unless `text` is an RFC 3339 date-time such as `2026-12-05T14:03:07.250Z` or `2026-12-05T15:03:07+01:00`.
    public init?(_ text: String) {
        var scanner = ByteScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"), let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2), scanner.skip("T") || scanner.skip("t"), let hour = scanner.number(digits: 2),
              scanner.skip(":"), let minute = scanner.number(digits: 2), scanner.skip(":"), let second = scanner.number(digits: 2),
              (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), hour < 24, minute < 60, second <= 60
        else { return nil }
        var millisecond: Int64 = 0
        if scanner.skip(".") {
            let fraction = scanner.digitRun()
            guard !fraction.isEmpty else { return nil }
            let firstThree = (fraction + [UInt8](repeating: UInt8(ascii: "0"), count: 3)).prefix(3)
            millisecond = firstThree.reduce(0) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
        }
        var offsetMinutes: Int64 = 0
        if !(scanner.skip("Z") || scanner.skip("z")) {
            let sign: Int64
            if scanner.skip("+") {
                sign = 1
            } else if scanner.skip("-") {
                sign = -1
            } else {
                return nil
            }
            guard let offsetHours = scanner.number(digits: 2), scanner.skip(":"), let offsetMinute = scanner.number(digits: 2),
                  offsetHours < 24, offsetMinute < 60 else { return nil }
            offsetMinutes = sign * (offsetHours * 60 + offsetMinute)
        }
        guard scanner.atEnd else { return nil }
        let days = Self.daysSince1970(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        millisecondsSince1970 = seconds * 1000 + millisecond
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = RFC3339Time(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an RFC 3339 time; write it as 2026-12-05T14:03:07.250Z.")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static let millisecondsPerDay: Int64 = 86_400_000

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }

    private static func digits(_ value: Int64, _ count: Int) -> String {
        let text = String(value)
        return text.count >= count ? text : String(repeating: "0", count: count - text.count) + text
    }

    private static func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // The proleptic Gregorian calendar in days from 1970-01-01, after Howard Hinnant's
    // "chrono-compatible low-level date algorithms".
    private static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private struct ByteScanner {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
            position += 1
            return true
        }

        mutating func number(digits count: Int) -> Int64? {
            guard position + count <= bytes.count else { return nil }
            let run = bytes[position..<position + count]
            guard run.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            position += count
            return run.reduce(0) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
        }

        mutating func digitRun() -> [UInt8] {
            let start = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            return Array(bytes[start..<position])
        }
    }
}
