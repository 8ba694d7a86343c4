extension OpenQuestionAnswerer {
    /// What is known about one candidate answer span. The span's score is the weighted sum of
    /// `values`, with one weight per name in `names`, learned by `docket train open-questions` and
    /// read from `Models/open-questions.json`.
    struct SpanFeatures: Sendable, Equatable {
        // Where the span stands relative to the question's words.
        /// Share of the question's words (by rarity) that label the span: right before it, as in "date assigned: X".
        var labelBefore = 0.0
        /// `labelBefore` when the label ends with a colon right before the span: "date assigned: X"
        /// more surely than "date assigned X" ("venue name: music menu").
        var colonLabelBefore = 0.0
        /// The same share, right after the span, as in "X secretary".
        var labelAfter = 0.0
        /// `labelAfter` when the question asks for a person: lists and signatures put the position
        /// after the name ("john meyer president", "c. baum md european medical director").
        var personLabelAfter = 0.0
        /// Question words in the few words before the span, fading with distance.
        var termsBefore = 0.0
        /// Question words in the few words after the span, fading with distance.
        var termsAfter = 0.0
        /// Question words anywhere in the passage around the span.
        var passage = 0.0
        /// A word that typically introduces this kind of answer ("dear" for "to whom") right before the span.
        var cue = 0.0
        /// A word that introduces the opposite answer ("sincerely" when the addressee is asked) right before the span.
        var opposingCue = 0.0
        /// A figure in a table row the question names, under a column header it names.
        var askedCell = 0.0
        /// The noun a "how many X" question counts follows the span within a few words ("15 ... stories").
        var countedNounAfter = 0.0

        // What the span is.
        /// How well the span reads as the kind of answer the question expects.
        var fit = 0.0
        /// Share of the span made of the question's own words.
        var termsInside = 0.0
        /// Words beyond the usual length of the expected kind.
        var extraLength = 0.0
        /// Words short of the usual length of the expected kind.
        var missingLength = 0.0
        /// Commas inside the span, for kinds whose values seldom hold one.
        var innerComma = 0.0
        /// The span's last word ends with a colon, as labels do, and no cue word explains it as a
        /// salutation ("dear louis:").
        var colonAtEnd = 0.0
        /// The span ends where punctuation or a new label ends it.
        var cleanEnd = 0.0
        /// The span starts after punctuation.
        var cleanStart = 0.0
        /// The span ends with the noun the question's "type of X" or "name of the X" names, or opens
        /// with it before "of" ("university of minnesota").
        var endsWithHead = 0.0
        /// The span follows the marker of the list entry the question asks about ("5." for "the 5th item").
        var afterAskedMarker = 0.0
        /// ... and runs up to the next marker.
        var wholeEntry = 0.0
        /// The span opens the document: what titles and headings do.
        var opening = 0.0
        /// `opening` when the question asks for a title or the kind of document.
        var titleOpening = 0.0
        /// The span closes the document (before a trailing source line).
        var closing = 0.0
        /// Nearness to the part of the page the question points at ("at the top of the page"), 1 at the edge.
        var askedPlace = 0.0
        /// Nearness to the top or bottom of the text, where page numbers stand (1 at either edge).
        var edge = 0.0
        /// `edge` when the question asks for the page number.
        var pageNumberEdge = 0.0
        /// Earlier in the document (1 at the start, 0 at the end).
        var earliness = 0.0

        /// Takes the features that depend on where the span ends from `after`.
        mutating func merge(after: SpanFeatures) {
            labelAfter = after.labelAfter
            termsAfter = after.termsAfter
            cleanEnd = after.cleanEnd
            countedNounAfter = after.countedNounAfter
        }

        /// Sets the features that count only for some kinds of question: a linear model weighs
        /// "a label after a person's name" apart from "a label after any span".
        mutating func addKindFeatures(expected: ExpectedAnswer) {
            personLabelAfter = expected == .person ? labelAfter : 0
            titleOpening = expected == .title || expected == .documentType ? opening : 0
            pageNumberEdge = expected == .pageNumber ? edge : 0
        }

        /// Every feature with its name, in one fixed order: the order of `values` and of a model's weights.
        static let all: [(name: String, keyPath: WritableKeyPath<SpanFeatures, Double> & Sendable)] = [
            ("labelBefore", \.labelBefore), ("colonLabelBefore", \.colonLabelBefore), ("labelAfter", \.labelAfter),
            ("personLabelAfter", \.personLabelAfter), ("termsBefore", \.termsBefore), ("termsAfter", \.termsAfter),
            ("passage", \.passage), ("cue", \.cue), ("opposingCue", \.opposingCue), ("askedCell", \.askedCell),
            ("countedNounAfter", \.countedNounAfter), ("fit", \.fit), ("termsInside", \.termsInside),
            ("extraLength", \.extraLength), ("missingLength", \.missingLength), ("innerComma", \.innerComma),
            ("colonAtEnd", \.colonAtEnd), ("cleanEnd", \.cleanEnd), ("cleanStart", \.cleanStart),
            ("endsWithHead", \.endsWithHead), ("afterAskedMarker", \.afterAskedMarker), ("wholeEntry", \.wholeEntry),
            ("opening", \.opening), ("titleOpening", \.titleOpening), ("closing", \.closing),
            ("askedPlace", \.askedPlace), ("edge", \.edge), ("pageNumberEdge", \.pageNumberEdge),
            ("earliness", \.earliness),
        ]

        static let names = all.map(\.name)

        /// The features in the order of `names`.
        var values: [Double] { Self.all.map { self[keyPath: $0.keyPath] } }
    }
}
