/// The assertion cues of one sentence, and what they say about a phrase of it.
///
/// A cue reaches a phrase when nothing ends its reach in between: a boundary word ("but",
/// "which"), a semicolon or colon, a cue of another kind reaching the same way, or for a cue that
/// reaches backward, a comma. A cue inside the phrase ("the heart is not enlarged") reaches it. Of
/// the cues that reach a phrase, the nearest decides.
struct SentenceCues {
    /// How many tokens a forward cue reaches, enough for "no focal consolidation, suspicious
    /// pulmonary opacity, large pleural effusion, or pneumothorax".
    static let forwardReach = 15
    static let backwardReach = 6

    private struct Found {
        let range: Range<Int>
        let cue: AssertionCue
    }

    private let tokens: [ReportToken]
    private let found: [Found]

    init(_ tokens: [ReportToken]) {
        self.tokens = tokens
        var found: [Found] = []
        var start = 0
        while start < tokens.count {
            let cue = Self.cuesByFirstWord[tokens[start].lowercased]?.first { cue in
                start + cue.words.count <= tokens.count
                    && cue.words.indices.allSatisfy { tokens[start + $0].lowercased == cue.words[$0] }
            }
            if let cue {
                found.append(Found(range: start..<(start + cue.words.count), cue: cue))
                start += cue.words.count
            } else {
                start += 1
            }
        }
        self.found = found
    }

    /// Longest first.
    private static let cuesByFirstWord: [String: [AssertionCue]] =
        Dictionary(grouping: AssertionCues.all, by: { $0.words[0] }).mapValues { $0.sorted { $0.words.count > $1.words.count } }

    /// What the cues say of the phrase at `span`: negated, uncertain, historical, or nil when the
    /// sentence simply asserts it.
    func effect(on span: Range<Int>) -> AssertionCue.Effect? {
        var nearest: (distance: Int, effect: AssertionCue.Effect)?
        for cue in found where Self.isAssertion(cue.cue.effect) {
            guard let distance = distance(from: cue, to: span) else { continue }
            if nearest == nil || distance < nearest!.distance
                || (distance == nearest!.distance && Self.precedence(cue.cue.effect) > Self.precedence(nearest!.effect)) {
                nearest = (distance, cue.cue.effect)
            }
        }
        return nearest?.effect
    }

    private func distance(from cue: Found, to span: Range<Int>) -> Int? {
        if span.contains(cue.range.lowerBound), cue.range.upperBound <= span.upperBound { return 0 }
        if cue.cue.reachesForward, cue.range.upperBound <= span.lowerBound {
            let between = cue.range.upperBound..<span.lowerBound
            let reach = cue.cue.reachesNextWordOnly ? 0 : Self.forwardReach
            guard between.count <= reach, !endsReach(between, of: cue, forward: true) else { return nil }
            return between.count
        }
        if cue.cue.reachesBackward, span.upperBound <= cue.range.lowerBound {
            let between = span.upperBound..<cue.range.lowerBound
            guard between.count <= Self.backwardReach, !endsReach(between, of: cue, forward: false) else { return nil }
            return between.count
        }
        return nil
    }

    private func endsReach(_ between: Range<Int>, of cue: Found, forward: Bool) -> Bool {
        if between.contains(where: { index in
            let text = tokens[index].lowercased
            return AssertionCues.boundaryPunctuation.contains(text) || (!forward && text == ",")
        }) { return true }
        return found.contains { other in
            guard between.contains(other.range.lowerBound) else { return false }
            if other.cue.effect == .boundary { return true }
            let reachesSameWay = forward ? other.cue.reachesForward : other.cue.reachesBackward
            return Self.isAssertion(other.cue.effect) && other.cue.effect != cue.cue.effect && reachesSameWay
        }
    }

    private static func isAssertion(_ effect: AssertionCue.Effect) -> Bool {
        effect == .negation || effect == .uncertainty || effect == .history
    }

    private static func precedence(_ effect: AssertionCue.Effect) -> Int {
        switch effect {
        case .negation: 3
        case .uncertainty: 2
        case .history: 1
        case .ignored, .boundary: 0
        }
    }
}
