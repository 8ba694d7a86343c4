import DocketModel
import Foundation

/// Which number comes first in a date like 03/08/2018 when both could be the month.
public enum DateOrder: String, Sendable, CaseIterable {
    /// 03/08/2018 is 3 August 2018: most of the world.
    case dayFirst = "dmy"
    /// 03/08/2018 is March 8, 2018: the United States.
    case monthFirst = "mdy"

    /// `DOCKET_DATE_ORDER` (`dmy` or `mdy`), day first when it is not set.
    public static var configured: DateOrder {
        ProcessInfo.processInfo.environment["DOCKET_DATE_ORDER"].flatMap(DateOrder.init(rawValue:)) ?? .dayFirst
    }
}

/// Reads the first date in a text ("26-03-18", "9/ 3/ 92", "8 Mar 2018", "March 8th, 2018",
/// "2018-03-08") as an ISO 8601 date.
public struct DateNormalizer: Sendable {
    /// Used when the numbers of a date cannot say which is the month.
    public var order: DateOrder

    public init(order: DateOrder = .dayFirst) {
        self.order = order
    }

    public func normalize(_ text: String) -> NormalizedValue? {
        let tokens = DateToken.tokenize(text)
        for start in tokens.indices {
            if let date = date(startingAt: start, in: tokens) {
                return NormalizedValue(kind: .date, text: date.iso)
            }
        }
        return nil
    }

    /// The order the document's own unambiguous dates use (a first number above 12 is a day), or
    /// nil when none of them says.
    public static func order(evidencedBy texts: some Sequence<String>) -> DateOrder? {
        var dayFirst = 0
        var monthFirst = 0
        for text in texts {
            let tokens = DateToken.tokenize(text)
            for start in tokens.indices {
                guard let (first, second, _) = numericTriple(startingAt: start, in: tokens), first.count <= 2 else { continue }
                let (a, b) = (Int(first) ?? 0, Int(second) ?? 0)
                if a > 12, a <= 31, (1...12).contains(b) { dayFirst += 1 }
                if b > 12, b <= 31, (1...12).contains(a) { monthFirst += 1 }
            }
        }
        if dayFirst == monthFirst { return nil }
        return dayFirst > monthFirst ? .dayFirst : .monthFirst
    }

    private func date(startingAt start: Int, in tokens: [DateToken]) -> CalendarDate? {
        if let (first, second, third) = Self.numericTriple(startingAt: start, in: tokens) {
            if first.count == 4 {
                return CalendarDate(year: first, month: Int(second), day: Int(third))
            }
            guard third.count == 2 || third.count == 4, let a = Int(first), let b = Int(second) else { return nil }
            let dayFirst = a > 12 ? true : b > 12 ? false : order == .dayFirst
            return dayFirst ? CalendarDate(year: third, month: b, day: a) : CalendarDate(year: third, month: a, day: b)
        }
        var cursor = start
        // 8 Mar 2018, 08-MAR-18, 8th of March 2018
        if case .number(let day)? = Self.next(&cursor, in: tokens), day.count <= 2 {
            if case .word("th")? = tokens[safe: cursor] { cursor += 1 } else if case .word(let suffix)? = tokens[safe: cursor],
                ["st", "nd", "rd"].contains(suffix) { cursor += 1 }
            if case .word("of")? = Self.peek(cursor, in: tokens) { _ = Self.next(&cursor, in: tokens) }
            if case .word(let name)? = Self.next(&cursor, in: tokens), let month = Self.month(named: name),
               case .number(let year)? = Self.next(&cursor, in: tokens) {
                return CalendarDate(year: year, month: month, day: Int(day))
            }
            return nil
        }
        cursor = start
        // March 8, 2018; Mar 8th 2018
        if case .word(let name)? = Self.next(&cursor, in: tokens), let month = Self.month(named: name) {
            if case .separator? = Self.peek(cursor, in: tokens) { _ = Self.next(&cursor, in: tokens) }
            guard case .number(let day)? = Self.next(&cursor, in: tokens), day.count <= 2 else { return nil }
            if case .word(let suffix)? = tokens[safe: cursor], ["st", "nd", "rd", "th"].contains(suffix) { cursor += 1 }
            if case .number(let year)? = Self.next(&cursor, in: tokens) {
                return CalendarDate(year: year, month: month, day: Int(day))
            }
        }
        return nil
    }

    /// Three numbers joined by `/`, `-` or `.` (spaces around them allowed), as in 9/ 3/ 92.
    private static func numericTriple(startingAt start: Int, in tokens: [DateToken]) -> (String, String, String)? {
        var cursor = start
        guard case .number(let first)? = next(&cursor, in: tokens), first.count <= 4,
              case .separator? = next(&cursor, in: tokens),
              case .number(let second)? = next(&cursor, in: tokens), second.count <= 2,
              case .separator? = next(&cursor, in: tokens),
              case .number(let third)? = next(&cursor, in: tokens), third.count <= 4
        else { return nil }
        return (first, second, third)
    }

    /// The token at `cursor` or after spaces, advancing past it.
    private static func next(_ cursor: inout Int, in tokens: [DateToken]) -> DateToken? {
        while case .space? = tokens[safe: cursor] { cursor += 1 }
        defer { cursor += 1 }
        return tokens[safe: cursor]
    }

    private static func peek(_ cursor: Int, in tokens: [DateToken]) -> DateToken? {
        var cursor = cursor
        return next(&cursor, in: tokens)
    }

    static func month(named name: String) -> Int? {
        guard name.count >= 3 else { return nil }
        if let full = monthNames.firstIndex(where: { $0 == name || ($0.hasPrefix(name) && name.count >= 3) }) {
            return full % 12 + 1
        }
        return monthAbbreviations[name]
    }

    private static let monthNames = [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ]
    /// Abbreviations that are not a prefix of the English name: "sept", and Malay ones, which
    /// receipts printed in Malaysia use.
    private static let monthAbbreviations = ["sept": 9, "mac": 3, "mei": 5, "ogo": 8, "ogos": 8, "okt": 10, "dis": 12]
}

/// A year, month and day that exist in the calendar.
struct CalendarDate {
    var year: Int
    var month: Int
    var day: Int

    init?(year yearText: String, month: Int?, day: Int?) {
        guard let month, let day, let written = Int(yearText), yearText.count == 2 || yearText.count == 4 else { return nil }
        let year = yearText.count == 4 ? written : Self.century(ofTwoDigitYear: written) + written
        guard (1900...2099).contains(year), (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    var iso: String {
        func padded(_ value: Int, to width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
        }
        return "\(padded(year, to: 4))-\(padded(month, to: 2))-\(padded(day, to: 2))"
    }

    /// Two-digit years up to 49 are this century's (18 is 2018), the rest the last one's (92 is 1992).
    private static func century(ofTwoDigitYear year: Int) -> Int {
        year < 50 ? 2000 : 1900
    }

    private static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

enum DateToken: Equatable {
    case number(String)
    /// Lower-cased.
    case word(String)
    case separator
    case space
    case other

    static func tokenize(_ text: String) -> [DateToken] {
        var tokens: [DateToken] = []
        var run = ""
        var runIsDigits = false
        func flush() {
            guard !run.isEmpty else { return }
            tokens.append(runIsDigits ? .number(run) : .word(run.lowercased()))
            run = ""
        }
        for character in text {
            if character.isASCII, character.isNumber {
                if !runIsDigits { flush() }
                runIsDigits = true
                run.append(character)
            } else if character.isLetter {
                if runIsDigits { flush() }
                runIsDigits = false
                run.append(character)
            } else {
                flush()
                if character == "/" || character == "-" || character == "." {
                    tokens.append(.separator)
                } else if character.isWhitespace || character == "," {
                    if tokens.last != .space { tokens.append(.space) }
                } else {
                    tokens.append(.other)
                }
            }
        }
        flush()
        return tokens
    }
}
