extension OpenQuestionAnswerer {
    /// The first noun phrase of a question after its wh-words ("the figure number" in "What is the
    /// figure number?") and the phrase its "of" leads to ("the company" in "name of the company").
    struct NounPhrases: Sendable {
        let first: [String]
        let complement: [String]

        /// The head of the first phrase: its last word ("number" in "figure number").
        var focus: String { first.last ?? "" }

        private static let leading: Set<String> = [
            "what", "whats", "which", "who", "whom", "whose", "when", "where", "how", "is", "are", "was", "were", "the",
            "a", "an", "does", "do", "did", "in", "on", "at", "for", "to", "from", "according", "this", "that", "these",
            "those", "of", "by", "give", "tell", "me", "please", "mentioned", "many", "much", "be", "has", "have", "s",
        ]

        /// Words that end a phrase although they are not function words ("the date mentioned in ...").
        private static let closing: Set<String> = [
            "mentioned", "given", "written", "stated", "shown", "listed", "provided", "specified", "indicated", "used",
            "printed", "described", "seen", "present", "presented", "mention",
        ]

        init(words: [String]) {
            var index = words.startIndex
            while index < words.endIndex, Self.leading.contains(words[index]) { index += 1 }
            var first: [String] = []
            while index < words.endIndex, !Vocabulary.functionWords.contains(words[index]), !Self.closing.contains(words[index]) {
                first.append(words[index])
                index += 1
            }
            var complement: [String] = []
            if index < words.endIndex, words[index] == "of" || words[index] == "for" {
                index += 1
                while index < words.endIndex, ["the", "a", "an", "this", "that"].contains(words[index]) { index += 1 }
                while index < words.endIndex, !Vocabulary.functionWords.contains(words[index]), !Self.closing.contains(words[index]) {
                    complement.append(words[index])
                    index += 1
                }
            }
            self.first = first
            self.complement = complement
        }
    }
}
