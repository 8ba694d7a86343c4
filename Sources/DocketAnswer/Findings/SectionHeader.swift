/// A section header at the start of a report line: "FINDINGS:", "Impression:", "CLINICAL HISTORY",
/// "REASON FOR EXAM:".
struct SectionHeader: Sendable, Equatable {
    /// Upper-cased, words separated by one space.
    var name: String
    /// How many of the line's tokens the header takes, its colon included.
    var tokenCount: Int

    /// Sections that give the background of the examination rather than its findings: a finding
    /// named there ("INDICATION: evaluate for pneumonia", "HISTORY: pneumonia") is not a finding of
    /// this report.
    var isBackground: Bool { Self.backgroundNames.contains(name) }

    static let knownNames: Set<String> = backgroundNames.union([
        "FINDINGS", "FINDING", "IMPRESSION", "IMPRESSIONS", "CONCLUSION", "CONCLUSIONS", "SUMMARY", "OPINION",
        "DIAGNOSIS", "RECOMMENDATION", "RECOMMENDATIONS", "NOTIFICATION", "ADDENDUM", "REPORT", "RESULT", "RESULTS",
    ])

    static let backgroundNames: Set<String> = [
        "INDICATION", "INDICATIONS", "CLINICAL INDICATION", "CLINICAL INDICATIONS", "HISTORY", "CLINICAL HISTORY",
        "MEDICAL HISTORY", "CLINICAL INFORMATION", "CLINICAL DATA", "CLINICAL DETAILS", "REASON", "REASON FOR EXAM",
        "REASON FOR EXAMINATION", "REASON FOR STUDY", "COMPARISON", "COMPARISONS", "EXAMINATION", "EXAM",
        "TECHNIQUE", "PROCEDURE",
    ]

    private static let longestName = 4

    /// The header that starts `line`, if any. With a colon, any name in capitals or a known name in
    /// title case is a header; without one, only a known name, and in title case only when it is
    /// all the line holds ("History of smoking." is a sentence, "History" alone a header).
    static func starting(_ line: [ReportToken]) -> SectionHeader? {
        let leadingWords = line.prefix { $0.isWord && $0.text.allSatisfy(\.isLetter) }.prefix(longestName)
        for count in stride(from: leadingWords.count, through: 1, by: -1) {
            let words = leadingWords.prefix(count)
            let name = words.map { $0.text.uppercased() }.joined(separator: " ")
            let inCapitals = words.allSatisfy { $0.text == $0.text.uppercased() }
            let inTitleCase = words.allSatisfy { $0.text.first!.isUppercase }
            let isKnown = knownNames.contains(name)
            if count < line.count, line[count].text == ":" {
                if (inCapitals && name.count >= 3) || (isKnown && inTitleCase) { return SectionHeader(name: name, tokenCount: count + 1) }
            } else if isKnown, inCapitals || (inTitleCase && count == line.count) {
                return SectionHeader(name: name, tokenCount: count)
            }
        }
        return nil
    }
}
