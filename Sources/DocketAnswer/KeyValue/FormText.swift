import Foundation

/// Text rules for form labels and values, shared by the label finder and the value finder.
enum FormText {
    /// A word that ends a label ("Date:", "TO:"); neither a time such as "9:30" nor an aside
    /// inside a value such as "(Note:" does.
    static func endsLikeLabel(_ text: String) -> Bool {
        guard text.last == ":", text.first != "(" else { return false }
        return text.contains { $0.isLetter }
    }

    /// Fill-in rules and stray marks that frame a value on a form ("__68th", ": Files") but are not part of it.
    private static let framing = CharacterSet(charactersIn: "_:;|~—=").union(.whitespaces)

    /// Letters, all capitals, and no digits: "BLEND", "FINAL FLAVOR".
    static func isCapitalsOnly(_ text: String) -> Bool {
        text.contains { $0.isLetter } && !text.contains { $0.isLowercase || $0.isNumber }
    }

    /// One to four words, each starting with a capital letter, and no digits: "Amount", "EXTRA COPIES", "Cost ($)".
    static func isCapitalisedPhrase(_ text: String) -> Bool {
        let words = text.split(separator: " ").filter { $0.contains { $0.isLetter } }
        guard (1...4).contains(words.count), !text.contains(where: { $0.isNumber }) else { return false }
        return words.allSatisfy { word in word.first { $0.isLetter }?.isUppercase ?? false }
    }

    /// Words that forms name their fields with.
    static let fieldNameWords: Set<String> = [
        "account", "acct", "address", "amount", "approval", "approved", "area", "brand", "brands", "budget", "by",
        "cc", "charge", "charges", "city", "class", "code", "codes", "comment", "comments", "company", "contact",
        "cost", "costs", "country", "date", "dates", "department", "dept", "description", "division", "due",
        "expense", "expenses", "fax", "file", "from", "invoice", "item", "items", "location", "manager", "market",
        "month", "name", "names", "no", "notes", "number", "order", "other", "page", "period", "phone", "position",
        "prepared", "price", "product", "products", "program", "project", "purpose", "qty", "quantity", "rate",
        "received", "ref", "reference", "region", "remarks", "requested", "section", "signature", "size", "source",
        "state", "status", "subject", "supplier", "tel", "telephone", "time", "title", "to", "total", "type",
        "unit", "units", "vendor", "week", "weight", "year", "zip",
    ]

    /// Every word of `text` is a field's name, and it holds no digit.
    static func namesAField(_ text: String) -> Bool {
        guard !text.contains(where: \.isNumber) else { return false }
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter })
        return !words.isEmpty && words.allSatisfy { fieldNameWords.contains(String($0)) }
    }

    /// A tick in a box read as text: "x", "X", "(X)", "[x]", "XX", or a ticked box found by the layout, "☑".
    static func isCheckMark(_ text: String) -> Bool {
        let core = text.filter { !"()[]{}|_.,;:-".contains($0) }
        return !core.isEmpty && core.count <= 2 && core.allSatisfy { "xX✓✔☑".contains($0) }
    }

    /// Marks that make up a word of their own only as scanning noise, table rules or quotes.
    private static let noise = CharacterSet(charactersIn: "|‘’'\"`_~=;:,.[]{}—")

    /// A word that is only a rule or a stray mark, or a dashed leader ("------"); "-" and "X" are
    /// values a form can hold.
    static func isNoise(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { noise.contains($0) } || (text.count > 1 && text.allSatisfy { $0 == "-" })
    }

    /// A table's rule read as a word ("|"): a value does not run across it.
    static func isRule(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0 == "|" }
    }

    /// The value's words as one string, without the rules and marks around it.
    static func valueText(_ words: [String]) -> String {
        let cleaned = words.flatMap(piecesBetweenRules).filter { !$0.isEmpty && !isNoise($0) }
        return withoutStrayOpeningMark(cleaned.joined(separator: " ").trimmingCharacters(in: framing))
    }

    /// A word split where a fill-in rule runs through it ("March_18," is "March" "18,"), without a
    /// letter or two that OCR read from the end of a long rule ("3/29/68___s" is "3/29/68").
    private static func piecesBetweenRules(_ word: String) -> [String] {
        var pieces: [String] = []
        var ruleBefore = 0
        for run in word.split(separator: "_", omittingEmptySubsequences: false) {
            if run.isEmpty {
                ruleBefore += 1
                continue
            }
            let tailOfLongRule = ruleBefore >= 2 && run.count <= 2 && run.allSatisfy(\.isLetter) && !pieces.isEmpty
            if !tailOfLongRule { pieces.append(String(run)) }
            ruleBefore = 1
        }
        return pieces
    }

    /// The value without a mark that OCR read from the edge of a box or rule before its first
    /// letter: "\\Value-conscious", "-Mr. C. L. Tucker", "[RALEIGH" with no "]" after it.
    private static func withoutStrayOpeningMark(_ text: String) -> String {
        guard let first = text.first, text.count > 1 else { return text }
        let second = text[text.index(after: text.startIndex)]
        let stray: Bool
        switch first {
        case "\\": stray = true
        case "-": stray = second.isLetter
        case "[": stray = !text.contains("]")
        case "{": stray = !text.contains("}")
        default: stray = false
        }
        return stray ? String(text.dropFirst()).trimmingCharacters(in: framing) : text
    }

    /// A label and its value read as one word, split apart: "DATE:_10/26/87" is ("DATE:", "10/26/87"),
    /// "COMPLETED___3/29/68" is ("COMPLETED", "3/29/68"), "PACK:X" is ("PACK:", "X"). A time such as
    /// "9:30" stays whole: the part before a colon must end in a letter.
    static func splitRunTogether(_ text: String) -> (label: String, value: String)? {
        let characters = Array(text)
        guard
            let separator = characters.indices.first(where: { index in
                let character = characters[index]
                guard character == "_" || character == ":", index > 0 else { return false }
                let before = characters[index - 1]
                return character == "_" ? before != "_" : before.isLetter || before == "." || before == ")"
            })
        else { return nil }
        let left = characters[..<separator]
        guard left.filter(\.isLetter).count >= 2 else { return nil }
        var valueStart = separator
        if characters[valueStart] == ":" { valueStart += 1 }
        while valueStart < characters.count, characters[valueStart] == "_" { valueStart += 1 }
        let value = String(characters[valueStart...])
        guard value.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
        let label = String(left) + (characters[separator] == ":" ? ":" : "")
        return (label, value)
    }

    /// Where `text` best spells a stretch of `key`: the stretch's length and the edits it takes.
    /// The best stretch is the one with the most characters matched (length minus edits), so a
    /// label cut short by OCR ("SUPERVISORS:" for "NUMBER OF SUPERVISORS:") still aligns.
    static func alignment(of text: [Character], within key: [Character]) -> (length: Int, edits: Int) {
        guard !text.isEmpty, !key.isEmpty else { return (0, text.count) }
        // Row i: edits to spell text[..<i] as key[start..<j], starting anywhere in the key for free.
        var previous = [Int](repeating: 0, count: key.count + 1)
        var previousStart = Array(0...key.count)
        var current = previous
        var currentStart = previousStart
        for i in 1...text.count {
            current[0] = i
            currentStart[0] = 0
            for j in 1...key.count {
                let substitution = previous[j - 1] + (text[i - 1] == key[j - 1] ? 0 : 1)
                let deletion = current[j - 1] + 1
                let insertion = previous[j] + 1
                if substitution <= deletion, substitution <= insertion {
                    (current[j], currentStart[j]) = (substitution, previousStart[j - 1])
                } else if insertion <= deletion {
                    (current[j], currentStart[j]) = (insertion, previousStart[j])
                } else {
                    (current[j], currentStart[j]) = (deletion, currentStart[j - 1])
                }
            }
            swap(&previous, &current)
            swap(&previousStart, &currentStart)
        }
        var best = (length: 0, edits: text.count)
        for end in 1...key.count {
            let length = end - previousStart[end]
            let edits = previous[end]
            if length - edits > best.length - best.edits { best = (length, edits) }
        }
        return best
    }
}
