extension OpenQuestionAnswerer {
    /// Every number the answerer scores with, in one place so that they can be learned.
    /// A candidate's score is the sum of each feature times its weight.
    struct Weights: Sendable {
        /// How much each `SpanFeature` counts.
        var ofFeature: SpanFeatures = [
            .labelBefore: 2.25, .colonLabelBefore: 2.0, .labelAfter: 0.0, .termsBefore: 1.5, .termsAfter: 1.3,
            .passage: 2.0, .cue: 2.0, .opposingCue: -1.5, .askedCell: 4.0,
            .fit: 2.5, .termsInside: -4.0, .extraLength: -0.35, .missingLength: -0.25, .innerComma: -0.6,
            .colonAtEnd: -1.5, .cleanEnd: 0.3, .cleanStart: 0.3, .countedNounAfter: 2.5, .opening: 0.1, .closing: 0.15,
            .earliness: 0.0, .endsWithHead: 6.0, .askedPlace: 1.5, .afterAskedMarker: 4.0, .wholeEntry: 3.0,
            // Only when the question asks for a page number.
            .edge: 3.0,
        ]
        /// `labelAfter`'s weight when the question asks for a person: lists and signatures put the
        /// position after the name ("john meyer president", "c. baum md european medical director").
        var personLabelAfter = 1.5
        /// `opening`'s weight for questions that ask for a title or the kind of document.
        var titleOpening = 2.0

        /// How much a question word missing from the page weighs against the words found (0: not at all).
        var missingTermShare = 0.65
        /// How much a near spelling of a question word ("treating" for "treatment") counts against the word itself.
        var nearSpelling = 0.6

        // How distance fades.
        var nearDecay = 0.75
        var nearWindow = 10
        var passageDecay = 0.93
        var passageWindow = 30

        /// Below this score nothing found reads as the answer. (The confidence of the answer is
        /// calibrated from data: `OpenQuestionAnswerer.calibration`.)
        var minimumScore = 0.8

        static let standard = Weights()

        /// The weight of each feature for a question that expects `expected`.
        func featureWeights(expecting expected: ExpectedAnswer) -> SpanFeatures {
            var weights = ofFeature
            if expected == .person { weights[.labelAfter] = personLabelAfter }
            if expected == .title || expected == .documentType { weights[.opening] = titleOpening }
            if expected != .pageNumber { weights[.edge] = 0 }
            return weights
        }
    }
}
