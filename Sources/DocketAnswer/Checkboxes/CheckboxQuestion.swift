/// "Is the box 'urgent' ticked?", "Is 'Urgent' checked?", "urgent ticked?": a yes/no question
/// about a box being ticked, and the label that names the box.
struct CheckboxQuestion: Equatable {
    /// Lower-cased words of the label, as asked.
    var label: String

    /// Only the participles: "check" and "mark" are as often nouns ("the check amount").
    static let stateWords: Set<String> = ["ticked", "checked", "marked", "selected", "crossed"]
    private static let auxiliaries: Set<String> = ["is", "are", "was", "were", "has", "have", "did", "does"]
    /// Words of the question that are not the label.
    private static let fillers: Set<String> = [
        "the", "a", "an", "box", "boxes", "checkbox", "check-box", "tickbox", "tick-box", "field", "option", "for",
        "labelled", "labeled", "named", "been", "off", "on", "this", "form", "in", "as", "of", "item", "entry",
    ]

    init?(_ question: String) {
        let tokens = Self.tokens(question.lowercased())
        guard tokens.contains(where: Self.stateWords.contains) else { return nil }
        // "Which box is ticked?" asks for a label, not a yes or no.
        guard let first = tokens.first, !["which", "what", "who", "how", "where", "when", "why"].contains(first) else { return nil }
        if let quoted = Self.quoted(question) {
            label = Self.tokens(quoted.lowercased()).joined(separator: " ")
        } else {
            guard Self.auxiliaries.contains(first) || tokens.count <= 4 else { return nil }
            label = tokens.filter { !Self.stateWords.contains($0) && !Self.auxiliaries.contains($0) && !Self.fillers.contains($0) }
                .joined(separator: " ")
        }
        guard !label.isEmpty else { return nil }
    }

    /// Words of letters and digits; "follow-up" stays one word.
    static func tokens(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "-") }.map { String($0).trimmingHyphens }.filter { !$0.isEmpty }
    }

    /// The text between the first pair of quotes, straight or curly.
    private static func quoted(_ question: String) -> String? {
        for (open, close) in [("'", "'"), ("\"", "\""), ("\u{2018}", "\u{2019}"), ("\u{201C}", "\u{201D}")] {
            let parts = question.components(separatedBy: open)
            guard parts.count >= 2 else { continue }
            let rest = parts.dropFirst().joined(separator: open)
            guard let end = rest.range(of: close) else { continue }
            let inside = String(rest[..<end.lowerBound])
            if !inside.trimmingCharacters(in: .whitespaces).isEmpty { return inside }
        }
        return nil
    }
}

private extension String {
    var trimmingHyphens: String {
        var text = Substring(self)
        while text.hasPrefix("-") { text = text.dropFirst() }
        while text.hasSuffix("-") { text = text.dropLast() }
        return String(text)
    }
}
