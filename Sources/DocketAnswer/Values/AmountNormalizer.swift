import DocketModel

/// Reads the first number in a text as a plain decimal ("RM 1,234.50" -> 1234.50 MYR,
/// "12,60 €" -> 12.60 EUR, "(15.00)" -> -15.00).
public struct AmountNormalizer: Sendable {
    public init() {}

    public func normalize(_ text: String, as kind: NormalizedValue.Kind = .amount) -> NormalizedValue? {
        let characters = Array(text)
        guard let start = characters.firstIndex(where: { $0.isASCII && $0.isNumber }) else { return nil }
        var end = start
        while end < characters.count {
            let character = characters[end]
            if character.isASCII, character.isNumber {
                end += 1
            } else if character == "," || character == ".", end + 1 < characters.count,
                      characters[end + 1].isASCII, characters[end + 1].isNumber {
                end += 1
            } else {
                break
            }
        }
        guard let decimal = Self.decimal(from: String(characters[start..<end])) else { return nil }
        let before = Array(characters[..<start].reversed().prefix { !$0.isNumber && !$0.isLetter })
        // A minus sign stands apart from any word before it: "DN-58213" is an identifier, not -58213.
        let hyphenates = before.count < start && before.last == "-"
        let negative = (before.contains("-") && !hyphenates) || (before.contains("(") && characters[end...].first == ")")
        let unit = kind == .amount ? Self.currency(in: text) : nil
        return NormalizedValue(kind: kind, text: (negative ? "-" : "") + decimal, unit: unit)
    }

    /// "1,234.50" and "1.234,50" -> "1234.50"; "12,60" -> "12.60"; "1,234" -> "1234"; "1.5" -> "1.5".
    static func decimal(from written: String) -> String? {
        var integerPart = Substring(written)
        var fraction = Substring("")
        if let last = written.lastIndex(where: { $0 == "." || $0 == "," }) {
            let separator = written[last]
            let digitsAfter = written.distance(from: last, to: written.endIndex) - 1
            let usedOnce = written.filter { $0 == separator }.count == 1
            // The last separator is the decimal point unless it groups thousands: three digits
            // follow it and it is a comma standing alone or a separator used more than once
            // (1,234 and 1.234.567; but 1.234 is a decimal).
            let groupsThousands = digitsAfter == 3 && (usedOnce ? separator == "," : !written.contains(separator == "," ? "." : ","))
            if !groupsThousands {
                integerPart = written[..<last]
                fraction = written[written.index(after: last)...]
            }
        }
        let digits = integerPart.filter(\.isNumber)
        guard !digits.isEmpty || !fraction.isEmpty else { return nil }
        let trimmed = String(digits.drop { $0 == "0" })
        let integer = trimmed.isEmpty ? "0" : trimmed
        return fraction.isEmpty ? integer : "\(integer).\(fraction)"
    }

    /// The ISO 4217 code of the currency the text names, when only one currency writes it so.
    static func currency(in text: String) -> String? {
        let upper = text.uppercased()
        for (marks, code) in currencyMarks where marks.contains(where: { mark in Self.contains(upper, mark: mark) }) {
            return code
        }
        return nil
    }

    private static func contains(_ text: String, mark: String) -> Bool {
        guard mark.allSatisfy(\.isLetter) else { return text.contains(mark) }
        // A code written as letters counts only as a whole word: "RM" in "RM 10.60", not in "FORM".
        let words = text.split { !$0.isLetter }
        return words.contains { $0 == mark[...] } || text.split(whereSeparator: \.isWhitespace).contains { word in
            word.hasPrefix(mark) && word.dropFirst(mark.count).first?.isNumber == true
        }
    }

    private static let currencyMarks: [([String], String)] = [
        (["RM", "MYR"], "MYR"), (["€", "EUR"], "EUR"), (["£", "GBP"], "GBP"), (["US$", "USD"], "USD"),
        (["S$", "SGD"], "SGD"), (["¥", "JPY"], "JPY"), (["₹", "INR"], "INR"), (["CHF"], "CHF"),
    ]
}
