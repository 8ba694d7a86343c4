/// A word or phrase that changes what a sentence says about the findings near it (NegEx-style):
/// "no" before a finding negates it, "is not seen" after it, "possible" makes it uncertain.
struct AssertionCue: Sendable {
    enum Effect: Sendable {
        case negation
        case uncertainty
        /// The patient's past, not this examination: "history of pneumonia".
        case history
        /// Looks like a cue and is not one ("no change in the granuloma"); matched only so that its
        /// words are not taken for a cue.
        case ignored
        /// Ends the reach of the cues before it: "but", "however", "which".
        case boundary
    }

    enum Direction: Sendable {
        /// Reaches the findings after the cue: "no pneumothorax".
        case forward
        /// Reaches the findings before it: "pneumothorax is not seen".
        case backward
        case both
    }

    let words: [String]
    let effect: Effect
    let direction: Direction
    /// For a prefix ("non calcified nodule") that reaches only the word right after it.
    let reachesNextWordOnly: Bool

    init(_ phrase: String, _ effect: Effect, _ direction: Direction = .forward, reachesNextWordOnly: Bool = false) {
        words = phrase.split(separator: " ").map(String.init)
        self.effect = effect
        self.direction = direction
        self.reachesNextWordOnly = reachesNextWordOnly
    }

    var reachesForward: Bool { direction != .backward }
    var reachesBackward: Bool { direction != .forward }
}
