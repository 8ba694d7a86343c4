/// Reads which finding a yes/no question asks about: "Is there X?", "Are there X?", "Any X?",
/// "Does the patient have X?", "Is X present?", "Evidence of X?".
enum FindingQuestion {
    /// The finding `question` asks about, nil when it is no such question or names no finding the
    /// vocabulary knows.
    static func finding(askedIn question: String) -> FindingTerms? {
        let words = question.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "'") }.map(String.init)
        guard let asked = askedPhrase(in: words) else { return nil }
        var phrase = Array(asked.drop { leadingFillers.contains($0) })
        while !phrase.isEmpty {
            let name = normalizedName(phrase.joined(separator: " "))
            if let terms = FindingVocabulary.findings.first(where: { $0.namesInQuestions.contains(name) }) { return terms }
            // "a pleural effusion on the left", "cardiomegaly in this report"
            guard let qualifier = phrase.lastIndex(where: { trailingQualifiers.contains($0) }), qualifier > 0 else { return nil }
            phrase = Array(phrase[..<qualifier])
        }
        return nil
    }

    /// Lower case, singular, articles and "evidence of" left out: "Pleural Effusions" -> "pleural effusion".
    static func normalizedName(_ phrase: String) -> String {
        WordNormalizer.words(in: phrase)
            .drop { leadingFillers.contains($0) }
            .map { WordNormalizer.findingTermKey(ofLowercased: $0) }.joined(separator: " ")
    }

    private static let leadingFillers: Set<String> = [
        "a", "an", "the", "any", "some", "evidence", "signs", "sign", "of", "findings", "radiographic", "features",
    ]
    private static let trailingQualifiers: Set<String> = ["in", "on", "of", "at", "seen", "present", "now"]
    private static let presenceWords: Set<String> = ["present", "seen", "identified", "noted", "visible", "evident", "there", "shown"]
    private static let showingVerbs: Set<String> = ["have", "has", "show", "shows", "demonstrate", "reveal", "mention", "describe", "suggest"]

    private static func askedPhrase(in words: [String]) -> ArraySlice<String>? {
        guard let first = words.first else { return nil }
        let rest = words.dropFirst()
        switch first {
        case "is", "are":
            if rest.first == "there" { return nonEmpty(rest.dropFirst()) }
            if let last = rest.last, presenceWords.contains(last) { return nonEmpty(rest.dropLast()) }
            return nil
        case "any", "evidence":
            return nonEmpty(first == "evidence" ? words[...] : rest)
        case "does", "do":
            guard let verb = rest.prefix(5).firstIndex(where: showingVerbs.contains) else { return nil }
            return nonEmpty(words[(verb + 1)...])
        default:
            return nil
        }
    }

    private static func nonEmpty(_ words: ArraySlice<String>) -> ArraySlice<String>? {
        words.isEmpty ? nil : words
    }
}
