extension OpenQuestionAnswerer {
    /// What is known about one candidate answer span; `Weights` says how much each counts.
    typealias SpanFeatures = FeatureVector<SpanFeature>

    /// The features of a candidate answer span, in the order of its vector.
    enum SpanFeature: Int, FeatureName {
        // Where the span stands relative to the question's words.
        /// Share of the question's words (by rarity) that label the span: right before it, as in "date assigned: X".
        case labelBefore
        /// `labelBefore` when the label ends with a colon right before the span ("venue name: music menu"):
        /// "date assigned: X" more surely than "date assigned X".
        case colonLabelBefore
        /// The same, right after it, as in "X secretary".
        case labelAfter
        /// Question words in the few words before the span, fading with distance.
        case termsBefore
        /// Question words in the few words after the span, fading with distance.
        case termsAfter
        /// Question words anywhere in the passage around the span.
        case passage
        /// A word that typically introduces this kind of answer ("dear" for "to whom") right before the span.
        case cue
        /// A word that introduces the opposite answer ("sincerely" when the addressee is asked) right before the span.
        case opposingCue
        /// A figure in a table row the question names, under a column header it names.
        case askedCell

        // What the span is.
        /// How well the span reads as the kind of answer expected.
        case fit
        /// Share of the span made of the question's own words.
        case termsInside
        /// Words beyond the usual length of the expected kind.
        case extraLength
        /// Words short of the usual length of the expected kind.
        case missingLength
        /// Commas inside the span, for kinds whose values seldom hold one.
        case innerComma
        /// The span's last word ends with a colon, as labels do ("phone:"), and no cue word explains it as a
        /// salutation ("dear louis:").
        case colonAtEnd
        /// The span ends where punctuation or a new label ends it.
        case cleanEnd
        /// The span starts after punctuation.
        case cleanStart
        /// The noun a "how many X" question counts follows the span within a few words ("15 ... stories").
        case countedNounAfter
        /// The span opens the document: what titles and headings do.
        case opening
        /// The span closes the document (before a trailing source line).
        case closing
        /// Earlier in the document (1 at the start, 0 at the end).
        case earliness
        /// The span ends with the noun the question's "type of X" or "name of the X" names, or opens
        /// with it before "of" ("university of minnesota").
        case endsWithHead
        /// Nearness to the part of the page the question points at ("at the top of the page"), 1 at the edge.
        case askedPlace
        /// The span follows the marker of the list entry the question asks about ("5." for "the 5th item").
        case afterAskedMarker
        /// ... and runs up to the next marker.
        case wholeEntry
        /// Nearness to the top or bottom of the text, where page numbers stand (1 at either edge).
        case edge
    }
}

extension OpenQuestionAnswerer.SpanFeatures {
    /// Takes the features that depend on where the span ends from `after`.
    mutating func merge(after: Self) {
        self[.labelAfter] = after[.labelAfter]
        self[.termsAfter] = after[.termsAfter]
        self[.cleanEnd] = after[.cleanEnd]
        self[.countedNounAfter] = after[.countedNounAfter]
    }

    /// The sum of each feature times its weight in `weights` (`Weights.featureWeights(expecting:)`).
    func score(_ weights: Self) -> Double {
        zip(weights.values, values).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
