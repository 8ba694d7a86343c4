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

    /// The token without the part of it that OCR read over one of `boxes`: a word that runs into a
    /// ticked box ("22[x]" for "SEP 22 [x]") keeps its letters beside the box, each share of the
    /// text taken as an equal share of the width, and the box stands for itself. A token mostly
    /// inside a box, such as the "X" of its tick, is kept whole.
    func outside(_ boxes: [Box]) -> [FormToken] {
        guard let box = boxes.first(where: { runsInto($0) }) else { return [self] }
        let characters = Array(text)
        let characterWidth = self.box.width / Double(characters.count)
        let before = characters.indices.filter { index in
            self.box.x0 + (Double(index) + 0.5) * characterWidth < box.x0
        }
        let after = characters.indices.filter { index in self.box.x0 + (Double(index) + 0.5) * characterWidth > box.x1 }
        var parts: [FormToken] = []
        if let last = before.last {
            var part = self
            part.text = String(characters[...last])
            part.box.x1 = min(self.box.x1, box.x0)
            parts.append(part)
        }
        if let first = after.first {
            var part = self
            part.text = String(characters[first...])
            part.box.x0 = max(self.box.x0, box.x1)
            parts.append(part)
        }
        return parts.flatMap { $0.outside(boxes) }
    }

    /// Whether the token shares the box's row and stands out of it on a side by half the box's width or more.
    private func runsInto(_ box: Box) -> Bool {
        let overlap = min(self.box.x1, box.x1) - max(self.box.x0, box.x0)
        let sharesRow = self.box.centerY > box.y0 && self.box.centerY < box.y1
        let outside = max(box.x0 - self.box.x0, self.box.x1 - box.x1)
        return overlap > 0 && sharesRow && outside >= 0.5 * box.width && text.count > 1
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
