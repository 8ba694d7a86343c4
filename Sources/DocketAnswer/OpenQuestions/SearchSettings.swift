extension OpenQuestionAnswerer {
    /// How the span features measure the question's words on the page. (How much each feature
    /// counts is learned: `OpenQuestionAnswerer.model`.)
    struct SearchSettings: Sendable {
        /// How much a question word missing from the page weighs against the words found (0: not at all).
        var missingTermShare = 0.65
        /// How much a near spelling of a question word ("treating" for "treatment") counts against the word itself.
        var nearSpelling = 0.6

        // How distance fades.
        var nearDecay = 0.75
        var nearWindow = 10
        var passageDecay = 0.93
        var passageWindow = 30

        static let standard = SearchSettings()
    }
}
