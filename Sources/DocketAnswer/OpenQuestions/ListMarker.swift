extension OpenQuestionAnswerer {
    /// Numbered and lettered lists: "5.", "2 .", "8 -", "b)", "(iv)". A question about "the 5th item" or
    /// "heading B" is answered by what follows the marker.
    enum ListMarker {
        /// The marker a question asks about, as a key ("5", "b", "ii"), when it asks about an entry of a list.
        static func asked(in words: [String]) -> String? {
            guard let nounIndex = words.firstIndex(where: listNouns.contains) else { return nil }
            if nounIndex > 0, let number = ordinal(words[nounIndex - 1]) { return String(number) }
            var index = nounIndex + 1
            while index < words.endIndex, ["number", "numbered", "no", "sl", "serial"].contains(words[index]) { index += 1 }
            guard index < words.endIndex else { return nil }
            let word = words[index]
            if word.allSatisfy(\.isNumber), word.count <= 2 { return word }
            if word.count == 1 && word.allSatisfy(\.isLetter) || romanNumerals.contains(word) { return word }
            return nil
        }

        /// Whether the token at `position` is a list marker: a short number, letter or roman numeral closed by
        /// its own or the next token's ".", ")" or "-".
        static func isMarker(at position: Int, in tokens: [PageToken]) -> Bool {
            let text = tokens[position].text.lowercased()
            var core = Substring(text)
            if core.first == "(" { core = core.dropFirst() }
            guard let close = core.last else { return false }
            let closed = ".)-".contains(close)
            if closed { core = core.dropLast() }
            guard isMarkerKey(String(core)) else { return false }
            if closed { return true }
            return position + 1 < tokens.count && [".", ")", "-"].contains(tokens[position + 1].text)
        }

        private static func isMarkerKey(_ key: String) -> Bool {
            !key.isEmpty && (key.count <= 2 && key.allSatisfy(\.isNumber) || key.count == 1 && key.allSatisfy(\.isLetter)
                || romanNumerals.contains(key))
        }

        private static let listNouns: Set<String> = [
            "item", "point", "heading", "subheading", "step", "question", "entry", "bullet", "option", "goal",
            "objective", "topic", "clause", "paragraph", "section", "recommendation", "suggestion", "task",
        ]

        private static let romanNumerals: Set<String> = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]

        private static let ordinalWords: [String: Int] = [
            "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
        ]

        private static func ordinal(_ word: String) -> Int? {
            if let number = ordinalWords[word] { return number }
            guard word.count >= 3, ["st", "nd", "rd", "th"].contains(String(word.suffix(2))) else { return nil }
            return Int(word.dropLast(2))
        }
    }
}
