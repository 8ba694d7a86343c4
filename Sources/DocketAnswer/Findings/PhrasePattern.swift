import Foundation

/// A vocabulary phrase matched against a sentence's token keys: "pleural effusion", or with "..."
/// standing for up to four words (not counting sizes) in between, "heart ... enlarged" ("the heart is mildly
/// enlarged", "heart size is not enlarged"). Words are matched in their singular form, so
/// "opacity" also finds "opacities". A gap holds words only: a comma or other punctuation ends it.
struct PhrasePattern: Sendable {
    static let gapMarker = "..."
    static let longestGap = 4

    private let parts: [[String]]

    init(_ phrase: String) {
        parts = phrase.lowercased().components(separatedBy: Self.gapMarker).map { part in
            part.split(separator: " ").map { WordNormalizer.findingTermKey(ofLowercased: String($0)) }
        }.filter { !$0.isEmpty }
    }

    /// Where the phrase occurs in `tokens`, each match as the range from its first to its last word.
    func matches(in tokens: [ReportToken]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var start = 0
        while start < tokens.count {
            if let end = match(from: start, in: tokens) {
                found.append(start..<end)
                start = end
            } else {
                start += 1
            }
        }
        return found
    }

    private func match(from start: Int, in tokens: [ReportToken]) -> Int? {
        guard Self.part(parts[0], matchesAt: start, in: tokens) else { return nil }
        var end = start + parts[0].count
        for part in parts.dropFirst() {
            var candidate = end
            var gapWords = 0
            while !Self.part(part, matchesAt: candidate, in: tokens) {
                guard candidate < tokens.count, tokens[candidate].isWord else { return nil }
                if !Self.isMeasurement(tokens[candidate]) { gapWords += 1 }
                guard gapWords <= Self.longestGap else { return nil }
                candidate += 1
            }
            end = candidate + part.count
        }
        return end
    }

    /// "5", "mm", "1.5", "cm": a size inside a phrase ("calcified 5 mm right upper lobe granuloma")
    /// does not count towards its gap.
    private static func isMeasurement(_ token: ReportToken) -> Bool {
        token.text.first!.isNumber || ["mm", "cm"].contains(token.lowercased)
    }

    private static func part(_ part: [String], matchesAt start: Int, in tokens: [ReportToken]) -> Bool {
        guard start + part.count <= tokens.count else { return false }
        return part.indices.allSatisfy { tokens[start + $0].key == part[$0] }
    }
}
