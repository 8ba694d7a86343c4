extension OpenQuestionAnswerer {
    /// Every number the answerer scores with, in one place so that they can be learned.
    /// A candidate's score is the sum of each feature times its weight.
    struct Weights: Sendable {
        // Where the span stands relative to the question's words.
        /// Share of the question's words (by rarity) that label the span: right before it, as in "date assigned: X".
        var labelBefore = 2.25
        /// The same, when the label ends with a colon: "date assigned: X" more surely than "date assigned X".
        var colonLabelBefore = 2.0
        /// The same, right after it, as in "X secretary".
        var labelAfter = 0.0
        /// The same, when the question asks for a person: lists and signatures put the position after
        /// the name ("john meyer president", "c. baum md european medical director").
        var personLabelAfter = 1.5
        /// Question words in the few words before the span, fading with distance.
        var termsBefore = 1.5
        /// Question words in the few words after the span, fading with distance.
        var termsAfter = 1.3
        /// Question words anywhere in the passage around the span.
        var passage = 2.0
        /// A word that typically introduces this kind of answer ("dear" for "to whom") right before the span.
        var cue = 2.0
        /// A word that introduces the opposite answer ("sincerely" when the addressee is asked) right before the span.
        var opposingCue = -1.5
        /// The noun a "how many X" question counts follows the span within a few words ("15 ... stories").
        var countedNounAfter = 2.5
        /// A figure in the row the question names, under the column header it names.
        var askedCell = 4.0

        // What the span is.
        var fit = 2.5
        /// Share of the span made of the question's own words.
        var termsInside = -4.0
        /// Per word beyond the usual length of the expected kind.
        var extraLength = -0.35
        /// Per word short of the usual length of the expected kind.
        var missingLength = -0.25
        /// Per comma inside the span, for kinds whose values seldom hold one.
        var innerComma = -0.6
        /// The span's last word ends with a colon, as labels do, and no cue word explains it as a salutation.
        var colonAtEnd = -1.5
        /// The span ends where punctuation or a new label ends it.
        var cleanEnd = 0.3
        /// The span starts after punctuation.
        var cleanStart = 0.3
        /// The span opens the document: what titles and headings do.
        var opening = 0.1
        /// The same, for questions that ask for a title or the kind of document.
        var titleOpening = 2.0
        /// The span closes the document (before a trailing source line).
        var closing = 0.15
        /// The span ends with the noun the question's "type of X" or "name of the X" names, or opens
        /// with it before "of" ("university of minnesota").
        var endsWithHead = 6.0
        /// Following the marker of the list entry the question asks about ("5." for "the 5th item").
        var afterAskedMarker = 4.0
        /// ... and running up to the next marker.
        var wholeEntry = 3.0
        /// Standing in the part of the page the question names ("at the top").
        var askedPlace = 1.5
        /// For page numbers: standing at the very top or bottom of the text.
        var pageNumberEdge = 3.0
        /// Earlier in the document (1 at the start, 0 at the end).
        var earliness = 0.0

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
    }
}
