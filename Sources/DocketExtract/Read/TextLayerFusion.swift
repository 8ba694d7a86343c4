import DocketModel

/// Joins a page's text layer with the OCR of its pictures (a scanned insert, a stamp): OCR adds
/// only the words the text layer lacks, and its lines take their place in the reading order.
enum TextLayerFusion {
    /// Pictures smaller than this (points) hold no text worth reading: rules, bullets, logos' dots.
    static let minimumRegionWidth = 24.0
    static let minimumRegionHeight = 10.0
    /// A picture whose area is covered this much by text-layer words is already transcribed (an
    /// OCR'd scan's invisible text, text printed over a background).
    static let transcribedCoverage = 0.08
    /// Reading every picture of a page full of them would cost more than it finds.
    static let maximumRegionsPerPage = 8
    /// OCR words below this confidence in a picture are mostly texture read as letters.
    static let minimumWordConfidence = 40.0
    /// The picture regions of a page worth reading: large enough, not already covered by the text
    /// layer, the largest first.
    static func regionsToRead(_ pictures: [DocketModel.Box], textLayer words: [Word], pageWidth: Double, pageHeight: Double)
        -> [DocketModel.Box]
    {
        let page = DocketModel.Box(x0: 0, y0: 0, x1: pageWidth, y1: pageHeight)
        return pictures
            .compactMap { $0.intersection(page) }
            .filter { $0.width >= minimumRegionWidth && $0.height >= minimumRegionHeight }
            .filter { region in
                let covered = words.compactMap { $0.box.intersection(region)?.area }.reduce(0, +)
                return covered < transcribedCoverage * region.area
            }
            .sorted { $0.area > $1.area }
            .prefix(maximumRegionsPerPage)
            .map { $0 }
    }

    /// The text layer's words and lines with the OCR lines of the pictures added: words that a
    /// text-layer word already covers are left out, OCR words are marked `.ocr`, and each picture's
    /// lines go before the first text-layer line below the picture's top that shares its columns.
    /// Words are numbered in the resulting line order.
    static func merge(textLayer: (words: [Word], lines: [[Int]]), pictures: [(words: [Word], lines: [[Int]])])
        -> (words: [Word], lines: [[Int]])
    {
        var orderedLines: [[Word]] = textLayer.lines.map { $0.map { textLayer.words[$0] } }
        for picture in pictures {
            let kept: [[Word]] = picture.lines.map { line in
                line.map { picture.words[$0] }.filter { word in
                    word.confidence >= minimumWordConfidence
                        && !textLayer.words.contains { word.box.readsSameWord(as: $0.box) }
                }.map { word in
                    var marked = word
                    marked.source = .ocr
                    return marked
                }
            }.filter { !$0.isEmpty }
            guard let pictureBox = DocketModel.Box.enclosing(kept.joined().map(\.box)) else { continue }
            let insertion = orderedLines.indices.first { index in
                guard let lineBox = DocketModel.Box.enclosing(orderedLines[index].map(\.box)),
                      orderedLines[index].first?.source == nil else { return false }
                return lineBox.y0 >= pictureBox.y0 && lineBox.x0 < pictureBox.x1 && pictureBox.x0 < lineBox.x1
            } ?? orderedLines.count
            orderedLines.insert(contentsOf: kept, at: insertion)
        }
        var words: [Word] = []
        var lines: [[Int]] = []
        for line in orderedLines {
            lines.append(Array(words.count..<(words.count + line.count)))
            words.append(contentsOf: line)
        }
        return (words, lines)
    }

}

extension DocketModel.Box {
    var area: Double { max(0, width) * max(0, height) }

    /// A word read twice shares at least this much of the smaller of its two boxes.
    static let sameWordOverlap = 0.3

    /// Whether a word read here is the word already read in `other`: a text-layer word that OCR read
    /// again in a picture, or a word a second OCR pass found again.
    func readsSameWord(as other: DocketModel.Box) -> Bool {
        guard let shared = intersection(other) else { return false }
        return shared.area >= Self.sameWordOverlap * min(area, other.area)
    }

    /// The part both boxes cover; nil when they do not overlap.
    func intersection(_ other: DocketModel.Box) -> DocketModel.Box? {
        let shared = DocketModel.Box(x0: max(x0, other.x0), y0: max(y0, other.y0), x1: min(x1, other.x1), y1: min(y1, other.y1))
        return shared.width > 0 && shared.height > 0 ? shared : nil
    }

    func offsetBy(x: Double, y: Double) -> DocketModel.Box {
        DocketModel.Box(x0: x0 + x, y0: y0 + y, x1: x1 + x, y1: y1 + y)
    }
}
