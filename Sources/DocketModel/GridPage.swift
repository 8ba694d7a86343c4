/// A page whose lines are the given strings, one word per space-separated token, each word in a
/// 50 x 12 point box on a grid of 60 x 20 points: the stand-in for what a reader returns that
/// tests and `docket bench` build their pages from.
public func gridPage(_ lines: [String], number: Int = 1, confidence: Double = 95, source: TextSource = .ocr) -> Page {
    var words: [Word] = []
    var pageLines: [Line] = []
    for (row, text) in lines.enumerated() {
        var indices: [Int] = []
        for (column, token) in text.split(separator: " ").enumerated() {
            indices.append(words.count)
            let x = Double(column) * 60, y = Double(row) * 20
            words.append(Word(text: String(token), box: Box(x0: x, y0: y, x1: x + 50, y1: y + 12), confidence: confidence))
        }
        pageLines.append(Line(wordIndices: indices, box: Box.enclosing(indices.map { words[$0].box })!, text: text))
    }
    return Page(number: number, width: 612, height: 792, source: source, words: words, lines: pageLines)
}
