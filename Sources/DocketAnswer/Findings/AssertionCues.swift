/// The cues of negation, uncertainty and history, and the words that end their reach. Matched on
/// lower-cased words, longest first, so "cannot be excluded" is one uncertainty cue rather than a
/// "not" and "no change in" is no negation.
enum AssertionCues {
    static let all: [AssertionCue] = negations + uncertainties + histories + falseCues + boundaries

    static let negations: [AssertionCue] = [
        "no", "not", "without", "negative for", "free of", "clear of", "rather than", "absence of", "resolution of",
        "never", "neither", "nor", "none", "removal of", "lack of", "no longer", "is clear of", "are clear of",
    ].map { AssertionCue($0, .negation) } + [
        "not seen", "not identified", "not visualized", "not visible", "not appreciated", "not present", "not evident",
        "not demonstrated", "not noted", "not detected", "not apparent", "not definitely seen", "no longer seen",
        "no longer visualized", "no longer present", "no longer identified", "has resolved", "have resolved",
        "has cleared", "have cleared", "cleared", "are clear", "is clear", "is negative", "are negative", "ruled out",
        "is gone", "are gone",
    ].map { AssertionCue($0, .negation, .backward) } + [
        "resolved", "absent",
        "unlikely",
    ].map { AssertionCue($0, .negation, .both) } + [
        AssertionCue("non", .negation, reachesNextWordOnly: true),
    ]

    static let uncertainties: [AssertionCue] = [
        "possible", "possibly", "probable", "probably", "questionable", "question", "question of", "if", "concern for",
        "may be due to", "could be due to", "suspicious for", "suspected",
        "suspect", "suspicion of", "may", "might", "could", "cannot exclude", "can not exclude", "cannot rule out",
        "can not rule out", "differential", "consider", "considered", "concerning for", "worrisome for",
        "suggestive of", "suggesting", "suggests", "suggest", "suggested", "suggestion of", "equivocal",
        "rule out", "r / o", "evaluate for", "evaluation for", "assess for", "to exclude", "presumed", "presumably",
        "uncertain", "indeterminate",
    ].map { AssertionCue($0, .uncertainty) } + [
        "cannot be excluded", "can not be excluded", "cannot be entirely excluded", "not excluded", "not ruled out",
        "cannot be ruled out", "difficult to exclude", "difficult to entirely exclude", "may be present",
        "is suspected", "are suspected", "is possible", "is questioned", "may not be",
    ].map { AssertionCue($0, .uncertainty, .backward) } + [
        "versus", "vs",
    ].map { AssertionCue($0, .uncertainty, .both) }

    static let histories: [AssertionCue] = [
        "history of", "hx of", "h / o", "known history of", "prior history of",
    ].map { AssertionCue($0, .history) }

    static let falseCues: [AssertionCue] = [
        "no change", "no interval change", "no significant change", "no significant interval change",
        "no definite change", "no acute change", "no increase", "not only", "not necessarily", "without change",
        "without interval change", "without significant change", "without significant interval change", "not significantly changed", "not changed",
        "to suggest", "to indicate", "not well seen", "not well visualized", "not well demonstrated",
        "not well evaluated", "gram negative",
    ].map { AssertionCue($0, .ignored) }

    static let boundaries: [AssertionCue] = [
        "but", "however", "although", "though", "which", "yet", "except", "apart from", "aside from", "other than",
        "otherwise", "there", "whereas", "while", "who", "because", "given", "due to", "secondary to",
    ].map { AssertionCue($0, .boundary) }

    /// Punctuation that ends a cue's reach either way; a comma also ends a backward reach, but a
    /// forward one goes on through lists: "no consolidation, effusion or pneumothorax".
    static let boundaryPunctuation: Set<String> = [";", ":", "(", ")", ".", "!", "?"]
}
