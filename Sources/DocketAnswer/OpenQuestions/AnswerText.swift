import Foundation

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
            if text.hasSuffix(")."), text.count > 2 { text.removeLast() }
            if text.last == ")", !text.contains("(") { text.removeLast() }
            if text.first == "(", !text.contains(")") { text.removeFirst() }
            if text.hasPrefix("("), text.hasSuffix(")") { text = text.dropFirst().dropLast() }
            return String(text)
        }

        /// The text of a span read as an answer of the `expected` kind: a page number without the
        /// dashes printed around it ("-2-" is page 2).
        static func of(_ span: ArraySlice<PageToken>, expected: ExpectedAnswer) -> String {
            let text = of(span)
            guard expected == .pageNumber else { return text }
            let number = text.trimmingCharacters(in: CharacterSet(charactersIn: "-–—. "))
            return number.isEmpty ? text : number
        }
    }
}
