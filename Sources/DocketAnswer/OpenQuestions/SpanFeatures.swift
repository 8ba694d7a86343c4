extension OpenQuestionAnswerer {
    /// What is known about one candidate answer span; `score` weighs it. See `Weights` for what each means.
    struct SpanFeatures: Sendable {
        var labelBefore = 0.0
        /// `labelBefore` when the label ends with a colon right before the span ("venue name: music menu").
        var colonLabelBefore = 0.0
        var labelAfter = 0.0
        var termsBefore = 0.0
        var termsAfter = 0.0
        var passage = 0.0
        var cue = 0.0
        var opposingCue = 0.0
        /// A figure in a table row the question names, under a column header it names.
        var askedCell = 0.0
        var fit = 0.0
        var termsInside = 0.0
        var extraLength = 0.0
        var missingLength = 0.0
        var innerComma = 0.0
        /// The span's last word ends with a colon, as labels do ("phone:") and salutations too ("dear louis:").
        var colonAtEnd = 0.0
        var cleanEnd = 0.0
        /// The noun a "how many X" question counts follows the span within a few words.
        var countedNounAfter = 0.0
        var cleanStart = 0.0
        /// The span ends with the noun a "what type of X" question names, or opens with it before "of".
        var endsWithHead = 0.0
        /// The span follows the marker of the list entry the question asks about.
        var afterAskedMarker = 0.0
        /// ... and runs up to the next marker.
        var wholeEntry = 0.0
        var opening = 0.0
        var closing = 0.0
        /// Nearness to the part of the page the question points at ("at the top of the page"), 1 at the edge.
        var askedPlace = 0.0
        /// Nearness to the top or bottom of the text, where page numbers stand (1 at either edge).
        var edge = 0.0
        var earliness = 0.0

        /// Takes the features that depend on where the span ends from `after`.
        mutating func merge(after: SpanFeatures) {
            labelAfter = after.labelAfter
            termsAfter = after.termsAfter
            cleanEnd = after.cleanEnd
            countedNounAfter = after.countedNounAfter
        }

        func score(_ weights: Weights, expected: ExpectedAnswer) -> Double {
            let asksTitle = expected == .title || expected == .documentType
            let contributions = [
                weights.labelBefore * labelBefore, weights.colonLabelBefore * colonLabelBefore,
                (expected == .person ? weights.personLabelAfter : weights.labelAfter) * labelAfter,
                weights.termsBefore * termsBefore, weights.termsAfter * termsAfter,
                weights.passage * passage, weights.cue * cue, weights.opposingCue * opposingCue,
                weights.askedCell * askedCell, weights.fit * fit, weights.termsInside * termsInside,
                weights.extraLength * extraLength, weights.missingLength * missingLength,
                weights.innerComma * innerComma, weights.colonAtEnd * colonAtEnd,
                weights.cleanEnd * cleanEnd, weights.cleanStart * cleanStart, weights.countedNounAfter * countedNounAfter,
                (asksTitle ? weights.titleOpening : weights.opening) * opening, weights.closing * closing,
                weights.earliness * earliness, weights.endsWithHead * endsWithHead, weights.askedPlace * askedPlace,
                weights.afterAskedMarker * afterAskedMarker, weights.wholeEntry * wholeEntry,
                expected == .pageNumber ? weights.pageNumberEdge * edge : 0,
            ]
            return contributions.reduce(0, +)
        }
    }
}
