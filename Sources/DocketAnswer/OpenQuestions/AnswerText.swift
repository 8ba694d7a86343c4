extension OpenQuestionAnswerer {
    /// The text of an answer span as a person would write it: words joined by spaces, without the
    /// punctuation that belonged to the sentence around them.
    enum AnswerText {
        static func of(_ span: ArraySlice<PageToken>) -> String {
            var text = Substring(span.map(\.text).joined(separator: " "))
            while let last = text.last, ",;:\"'`”’".contains(last) { text.removeLast() }
            while let first = text.first, "\"'`“‘#".contains(first) { text.removeFirst() }
            // A full stop after a word or a figure closes the sentence; after an initial ("j.") it is the word's own.
            if let last = span.last, !last.shape.isDisjoint(with: [.endsSentence, .hasDigit]), text.last == "." { text.removeLast() }
            if text.last == ")", !text.contains("(") { text.removeLast() }
            if text.first == "(", !text.contains(")") { text.removeFirst() }
            if text.hasPrefix("("), text.hasSuffix(")") { text = text.dropFirst().dropLast() }
            return String(text)
        }
    }
}
