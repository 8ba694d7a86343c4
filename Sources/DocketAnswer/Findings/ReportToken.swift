/// A piece of a report's word as the findings reader sees it: a run of letters and digits
/// ("effusion", "4.5") or one punctuation mark. "left-sided" is two tokens, "effusion." two.
struct ReportToken: Sendable {
    /// As written.
    var text: String
    /// What stood between the previous token and this one: "" inside a word, "-" across a hyphen,
    /// " " across words; enough to write the sentence back.
    var separator: String
    var location: WordLocation
    var isWord: Bool
    var lowercased: String
    /// The form vocabulary phrases are matched on: lower case and singular ("opacities" -> "opacity").
    var key: String

    init(text: String, separator: String, location: WordLocation) {
        self.text = text
        self.separator = separator
        self.location = location
        isWord = text.unicodeScalars.contains { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        lowercased = text.lowercased()
        key = isWord ? WordNormalizer.findingTermKey(ofLowercased: lowercased) : lowercased
    }

    /// "." "!" "?".
    var isSentencePunctuation: Bool { !isWord && (text == "." || text == "!" || text == "?") }
}

extension Array where Element == ReportToken {
    /// The tokens written back as text, whitespace normalised.
    var joinedText: String {
        enumerated().map { offset, token in offset == 0 ? token.text : token.separator + token.text }.joined()
    }
}
