import DocketModel

/// A word as the form reader sees it: a page word, or one part of a word that OCR ran together
/// across a fill-in rule or after a colon ("DATE:_10/26/87" reads as "DATE:" and "10/26/87"), or
/// a ticked box that the page's layout found, read as "☑".
struct FormToken {
    var text: String
    var box: Box
    var confidence: Double
    /// The page word it was read from; nil for a ticked box, which is no word.
    var wordIndex: Int?

    static let tickedBox = "☑"

    static func token(of checkbox: Checkbox) -> FormToken {
        FormToken(text: tickedBox, box: checkbox.box, confidence: 100, wordIndex: nil)
    }

    /// The word's tokens: itself, or its label part and its value part, each with its share of the box.
    static func tokens(of word: Word, at wordIndex: Int) -> [FormToken] {
        guard let (label, value) = FormText.splitRunTogether(word.text) else {
            return [FormToken(text: word.text, box: word.box, confidence: word.confidence, wordIndex: wordIndex)]
        }
        let total = Double(word.text.count)
        let labelEnd = word.box.x0 + word.box.width * Double(label.count) / total
        let valueStart = word.box.x1 - word.box.width * Double(value.count) / total
        return [
            FormToken(
                text: label, box: Box(x0: word.box.x0, y0: word.box.y0, x1: labelEnd, y1: word.box.y1),
                confidence: word.confidence, wordIndex: wordIndex),
            FormToken(
                text: value, box: Box(x0: valueStart, y0: word.box.y0, x1: word.box.x1, y1: word.box.y1),
                confidence: word.confidence, wordIndex: wordIndex),
        ]
    }
}
