/// Finds the mentions of every known finding in a sentence and reads their status from the cues
/// around them.
enum MentionFinder {
    static func mentions(in sentence: ReportSentence) -> [LocatedMention] {
        let tokens = sentence.tokens
        let cues = SentenceCues(tokens)
        let isBackground = sentence.section?.isBackground ?? false
        var found: [(start: Int, mention: LocatedMention)] = []
        func add(_ finding: String, _ status: FindingStatus, at start: Int, isCurrent: Bool) {
            let mention = FindingMention(finding: finding, status: status, sentence: sentence.text,
                                         section: sentence.section?.name, isCurrent: isCurrent && !isBackground)
            found.append((start, LocatedMention(mention: mention, sentenceTokens: tokens)))
        }
        for terms in FindingVocabulary.findings {
            let otherThings = terms.otherThings.flatMap { $0.matches(in: tokens) }
            let spans = merged(terms.mentions.flatMap { $0.matches(in: tokens) }
                .filter { span in !otherThings.contains { $0.overlaps(span) } })
            for span in spans {
                switch cues.effect(on: span) {
                case .negation: add(terms.name, .absent, at: span.lowerBound, isCurrent: true)
                case .uncertainty: add(terms.name, .uncertain, at: span.lowerBound, isCurrent: true)
                case .history: add(terms.name, .present, at: span.lowerBound, isCurrent: false)
                case .ignored, .boundary, nil: add(terms.name, .present, at: span.lowerBound, isCurrent: true)
                }
            }
            for span in merged(terms.normalPhrases.flatMap { $0.matches(in: tokens) })
            where !spans.contains(where: { $0.overlaps(span) }) {
                add(terms.name, .absent, at: span.lowerBound, isCurrent: true)
            }
        }
        return found.sorted { $0.start < $1.start }.map(\.mention)
    }

    /// Overlapping ranges joined, in order.
    private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, last.overlaps(range) {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}
