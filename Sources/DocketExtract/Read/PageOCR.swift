import DocketModel
import Foundation

/// Reads a gray page image with Tesseract: prepares it as the page needs (scale, deskew,
/// binarization), reads it (a form or receipt twice, at two sizes), reads its least certain lines
/// again from a larger crop, and gives every box in points on the original image (origin top-left).
struct PageOCR {
    /// Skews smaller than this are left to Tesseract, which follows slightly tilted lines well;
    /// straightening forms tilted by 0.6 to 1.4 degrees read fewer of their answers.
    static let minimumDeskewDegrees = 1.5
    /// Leptonica's confidence below which a found skew is noise (pictures, too few lines).
    static let minimumSkewConfidence = 3.0
    /// Paper whose brightness varies more than this across the page (shadows, stains, photographs)
    /// is binarized against each pixel's neighbourhood instead of Tesseract's single threshold.
    static let unevenBackgroundSpread = 60.0
    /// A page whose median gray is below this is a dark ground with light writing.
    static let darkGroundBelow = 96.0
    /// Lines read with a mean word confidence under this are read again.
    static let rereadConfidence = 60.0
    /// Lines are read again only when they are shorter than this (pixels), scaled up to it: the
    /// body's characters are already scaled to about 16 pixels, and glyphs larger than a line this
    /// high read worse, not better.
    static let rereadLineHeight = 40.0
    /// A new reading replaces the old only when Tesseract is this much surer of it.
    static let rereadConfidenceGain = 10.0
    static let maximumRereadLines = 16
    static let rereadTimeBudget: Duration = .seconds(2)
    /// Forms and receipts are read a second time, this much larger: Tesseract misreads different
    /// lines at different sizes, and each line keeps the reading it is surer of. (On FUNSD forms 1.5
    /// and 1.75 reached more answers than 1.25 or 2; 1.75 read the SROIE receipts' fields worse.)
    static let secondReadingScale = 1.5
    /// A line's second reading replaces its first when Tesseract is this much surer of it.
    static let secondReadingConfidenceGain = 5.0
    /// A straight stroke this many character heights long is a rule, not part of a letter. (On FUNSD
    /// forms 3 read more answers than 2 or 4.)
    static let shortestRuleInGlyphs = 3.0
    /// A page read as fewer words than this is a picture with a caption or a marker (a radiograph,
    /// a photograph), whose straight edges are no rules.
    static let fewestWordsWithRules = 10

    /// What was done to the image before Tesseract read it.
    struct Preparation: Equatable {
        var scale: Double
        var deskewDegrees: Double?
        var binarized: Bool
    }

    let engine: OCREngine
    /// Lines with a mean confidence under this are read again; 0 reads none again.
    var rereadBelow = PageOCR.rereadConfidence
    /// The page is never scaled up past this many pixels, nor past the side Tesseract reads.
    var maxPixels = ExtractLimits().maxPixels
    /// Whether the images are whole pages, scanned or photographed, rather than pictures on a
    /// page: only a page has a scanner's dark border to clear or faded print to darken.
    var readsWholePages = true
    /// A page whose first reading finds fewer words than this, or reads them with a mean confidence
    /// under `cleanedReadingBelow`, is read again from a cleaned image, which is kept when it reads
    /// at least this many more words surely.
    static let fewestWordsOfAPage = 10
    static let cleanedReadingBelow = 65.0
    static let sureWordConfidence = 80.0

    /// A page whose first reading's words Tesseract is on average less sure of than this may
    /// stand sideways or upside down: its orientation is detected.
    static let turnedPageBelowConfidence = 50.0
    /// Orientation detection surer than this is acted on. (Pages truly turned scored 9 to 11 here;
    /// a chart and a photograph read as upside down scored 0.4 and 3.5.)
    static let orientationConfidence = 5.0
    /// The reading of the turned page is kept when its words are on average surer by this much.
    static let turnedReadingGain = 15.0

    /// Like `read`, but a page that reads poorly is turned upright first when Tesseract's
    /// orientation detection says it stands sideways or upside down and the turned page reads
    /// clearly better. Boxes are in points of `image` as given; `turnedDegrees` says how far the
    /// page was turned clockwise to be read (0 when it was read as it is).
    func readUpright(_ image: Raster, page: Int, upscale: Double = 1) throws -> (words: [Word], lines: [[Int]], turnedDegrees: Int) {
        let asGiven = try read(image, page: page, upscale: upscale)
        guard let confidence = Self.meanConfidence(of: asGiven.words), confidence < Self.turnedPageBelowConfidence,
              let turn = StageTimings.measure(.orientation, { engine.clockwiseTurnToUpright(of: image) }),
              turn.degrees != 0, turn.confidence >= Self.orientationConfidence,
              let turned = image.turned(clockwiseQuarterTurns: turn.degrees / 90)
        else { return (asGiven.words, asGiven.lines, 0) }
        let upright = try read(turned, page: page, upscale: upscale)
        guard let uprightConfidence = Self.meanConfidence(of: upright.words),
              uprightConfidence >= confidence + Self.turnedReadingGain
        else { return (asGiven.words, asGiven.lines, 0) }
        let width = Double(image.width) * image.pointsPerPixel, height = Double(image.height) * image.pointsPerPixel
        let words = upright.words.map { word in
            var placed = word
            placed.box = Self.turningBack(word.box, turnedDegrees: turn.degrees, width: width, height: height)
            return placed
        }
        return (words, upright.lines, turn.degrees)
    }

    static func meanConfidence(of words: [Word]) -> Double? {
        words.isEmpty ? nil : words.map(\.confidence).reduce(0, +) / Double(words.count)
    }

    /// A box on a page turned clockwise by `degrees`, on the page as it was before: `width` and
    /// `height` are the page's before it was turned.
    static func turningBack(_ box: DocketModel.Box, turnedDegrees degrees: Int, width: Double, height: Double) -> DocketModel.Box {
        switch degrees {
        case 90: DocketModel.Box(x0: box.y0, y0: height - box.x1, x1: box.y1, y1: height - box.x0)
        case 180: DocketModel.Box(x0: width - box.x1, y0: height - box.y1, x1: width - box.x0, y1: height - box.y0)
        case 270: DocketModel.Box(x0: width - box.y1, y0: box.x0, x1: width - box.y0, y1: box.x1)
        default: box
        }
    }

    /// Words and lines of `image` (page `page`), scaled by `upscale` first; boxes in points of `image`.
    func read(_ image: Raster, page: Int, upscale: Double = 1) throws -> (words: [Word], lines: [[Int]]) {
        guard var (prepared, preparation) = StageTimings.measure(.prepare, { prepare(image, upscale: upscale) }) else {
            throw ExtractError.renderFailed(page: page, reason: "Leptonica could not scale the image")
        }
        var text = StageTimings.measure(.firstReading) { engine.recognize(prepared) }
        var image = image
        if readsWholePages, Self.readsPoorly(text), let cleaned = StageTimings.measure(.firstReading, {
            readingCleaned(image, upscale: upscale, insteadOf: text)
        }) {
            (image, prepared, preparation, text) = cleaned
        }
        let secondScale = fittingScale(upscale * Self.secondReadingScale, for: image)
        if Self.readsAsScattered(text), secondScale > preparation.scale, Self.secondReadingCouldReplaceALine(of: text) {
            StageTimings.measure(.secondReading) {
                guard let (larger, _) = prepare(image, upscale: secondScale) else { return }
                let toPrepared = Double(prepared.width) / Double(larger.width)
                let second = engine.recognize(larger).mappingBoxes { $0.scaled(by: toPrepared) }
                text = Self.keepingSurerLines(of: text, and: second)
            }
        }
        StageTimings.measure(.sparseSearch) { addingSparseWords(to: &text, in: prepared) }
        StageTimings.measure(.lineRereads) { rereadUncertainLines(of: &text, in: prepared) }
        let pointsPerPixel = prepared.pointsPerPixel
        let center = (x: Double(prepared.width) / 2, y: Double(prepared.height) / 2)
        let degrees = preparation.deskewDegrees ?? 0
        let placed = text.mappingBoxes { box in
            Self.rotatingBack(box, degrees: degrees, about: center).scaled(by: pointsPerPixel)
        }
        return (placed.words, placed.lines)
    }

    static func hasDarkGround(_ image: Raster) -> Bool {
        image.medianGray().map { $0 < darkGroundBelow } ?? false
    }

    /// Whether a first reading found next to nothing, or read what it found unsurely.
    static func readsPoorly(_ text: RecognizedText) -> Bool {
        text.words.count < fewestWordsOfAPage || (meanConfidence(of: text.words) ?? 0) < cleanedReadingBelow
    }

    /// The page read again from a cleaned image, when there was something to clean and Tesseract
    /// reads more of the cleaned page surely than of `first`: dark borders cleared, and on a page
    /// read as next to nothing faint print darkened too (darkening a page read unsurely darkens its
    /// noise with it). The cleaning is kept to pages that read poorly: a photograph at a page's edge
    /// is cleared with the border it touches, and the words beside it with their fringe.
    func readingCleaned(
        _ image: Raster, upscale: Double, insteadOf first: RecognizedText
    ) -> (image: Raster, prepared: Raster, preparation: Preparation, text: RecognizedText)? {
        let cleared = Self.hasDarkGround(image) ? nil : image.withoutDarkBorders()
        let readNextToNothing = first.words.count < Self.fewestWordsOfAPage
        let darkened = readNextToNothing ? (cleared ?? image).withFaintPrintDarkened() : nil
        guard let cleaned = darkened ?? cleared, let (prepared, preparation) = prepare(cleaned, upscale: upscale) else { return nil }
        let text = engine.recognize(prepared)
        guard Self.sureWords(of: text) >= Self.sureWords(of: first) + Self.fewestWordsOfAPage else { return nil }
        return (cleaned, prepared, preparation, text)
    }

    /// How many words Tesseract read with a confidence of `sureWordConfidence` or more. A page
    /// read as noise has few, whatever its number of words.
    static func sureWords(of text: RecognizedText) -> Int {
        text.words.count { $0.confidence >= sureWordConfidence }
    }

    /// Whether any line was read with so little confidence that a second reading could replace it:
    /// one read at more than 100 less `secondReadingConfidenceGain` never is, so a page of such
    /// lines needs no second reading.
    static func secondReadingCouldReplaceALine(of text: RecognizedText) -> Bool {
        text.lines.contains { text.meanConfidence(ofLine: $0) + secondReadingConfidenceGain <= 100 }
    }

    /// Whether the page's lines are short, as on forms and receipts, where entries stand apart;
    /// running prose is read whole by the first reading, and a second search would only cost time.
    static func readsAsScattered(_ text: RecognizedText) -> Bool {
        let lengths = text.lines.map(\.count).sorted()
        guard !lengths.isEmpty else { return true }
        return lengths[lengths.count / 2] <= scatteredLineWords
    }

    /// The median line length, in words, up to which a page reads as scattered entries.
    static let scatteredLineWords = 5

    /// The first reading, with each line whose box is `replaceable` replaced by the second reading's
    /// words inside its box when Tesseract read those clearly more surely. Both readings' boxes are
    /// on the same image.
    static func keepingSurerLines(
        of first: RecognizedText, and second: RecognizedText, where replaceable: (DocketModel.Box) -> Bool = { _ in true }
    ) -> RecognizedText {
        var taken = Set<Int>()
        var kept = RecognizedText(words: [], lines: [])
        for line in first.lines {
            var words = line.map { first.words[$0] }
            let lineBox = DocketModel.Box.enclosing(words.map(\.box))!
            let inside = second.words.indices.filter { !taken.contains($0) && lineBox.contains(center: second.words[$0].box) }
            if !inside.isEmpty, replaceable(lineBox) {
                taken.formUnion(inside)
                if second.meanConfidence(ofLine: inside) >= first.meanConfidence(ofLine: line) + secondReadingConfidenceGain {
                    words = inside.map { second.words[$0] }
                }
            }
            kept.lines.append(Array(kept.words.count..<(kept.words.count + words.count)))
            kept.words += words
        }
        return kept
    }

    /// Adds the words a search for sparse text finds where the page's reading found none: entries
    /// scattered over a form that the block layout passes over as noise. The search reads the page
    /// with its rules painted out, and a line of the page's reading that touches a rule takes the
    /// search's words instead when Tesseract is surer of them: entries typed on a rule are passed
    /// over or misread with the rule. Other lines keep their rule words ("____"), which show where
    /// a form's fields begin and end.
    func addingSparseWords(to text: inout RecognizedText, in raster: Raster) {
        guard Self.readsAsScattered(text) else { return }
        let hasText = text.words.count >= Self.fewestWordsWithRules
        let ruleFree = (hasText ? raster.medianGlyphHeight() : nil)
            .flatMap { raster.withoutRules(shortest: Int(Self.shortestRuleInGlyphs * $0)) }
        let sparse = engine.recognize(ruleFree?.cleared ?? raster, as: .sparse)
        if let rules = ruleFree?.rules, !rules.isEmpty {
            text = Self.keepingSurerLines(of: text, and: sparse) { line in rules.contains { Self.touches(line, rule: $0) } }
        }
        for line in sparse.lines {
            let added = line.map { sparse.words[$0] }.filter { found in
                !text.words.contains { found.box.readsSameWord(as: $0.box) }
            }
            guard !added.isEmpty else { continue }
            text.lines.append(Array(text.words.count..<(text.words.count + added.count)))
            text.words += added
        }
    }

    /// Whether a rule runs through a line's box or along its edge, within a third of its height.
    static func touches(_ line: DocketModel.Box, rule: DocketModel.Box) -> Bool {
        let reach = line.height / 3
        let around = DocketModel.Box(x0: line.x0 - reach, y0: line.y0 - reach, x1: line.x1 + reach, y1: line.y1 + reach)
        return around.intersection(rule) != nil
    }

    /// The image as Tesseract should see it, and what was done to it; nil when Leptonica cannot scale it.
    func prepare(_ image: Raster, upscale: Double) -> (Raster, Preparation)? {
        // Light writing on a dark ground (a radiograph's markers, a negative) is read as dark on light.
        let image = Self.hasDarkGround(image) ? image.inverted() ?? image : image
        let upscale = fittingScale(upscale, for: image)
        guard var prepared = image.scaled(by: upscale) else { return nil }
        var preparation = Preparation(scale: upscale, deskewDegrees: nil, binarized: false)
        if let skew = image.skew(), abs(skew.degrees) >= Self.minimumDeskewDegrees,
           skew.confidence >= Self.minimumSkewConfidence, let straightened = prepared.rotated(byDegrees: skew.degrees) {
            prepared = straightened
            preparation.deskewDegrees = skew.degrees
        }
        if let spread = prepared.backgroundSpread(), spread >= Self.unevenBackgroundSpread,
           let binary = prepared.adaptivelyBinarized() {
            prepared = binary
            preparation.binarized = true
        }
        return (prepared, preparation)
    }

    /// `upscale`, lowered when it would take `image` past `maxPixels` or past the side Tesseract
    /// reads, though not below 1: scaling down is never this cap's doing.
    func fittingScale(_ upscale: Double, for image: Raster) -> Double {
        guard upscale > 1 else { return upscale }
        let byPixels = (Double(maxPixels) / Double(max(1, image.width * image.height))).squareRoot()
        let bySide = Double(Raster.maxSide) / Double(max(1, image.width, image.height))
        return max(1, min(upscale, byPixels, bySide))
    }

    /// Reads each line under `rereadBelow` again, from a crop of `raster` scaled up and read as a
    /// single line, and keeps the new reading when Tesseract is clearly surer of it.
    func rereadUncertainLines(of text: inout RecognizedText, in raster: Raster) {
        let started = ContinuousClock.now
        let uncertain = text.lines.indices
            .filter { text.meanConfidence(ofLine: text.lines[$0]) < rereadBelow }
            .sorted { text.meanConfidence(ofLine: text.lines[$0]) < text.meanConfidence(ofLine: text.lines[$1]) }
            .prefix(Self.maximumRereadLines)
        var replacements: [Int: [Word]] = [:]
        for lineIndex in uncertain {
            guard ContinuousClock.now - started < Self.rereadTimeBudget else { break }
            let line = text.lines[lineIndex]
            guard let lineBox = DocketModel.Box.enclosing(line.map { text.words[$0].box }), lineBox.height >= 4 else { continue }
            let scale = Self.rereadLineHeight / lineBox.height
            guard scale >= 1.25 else { continue }
            let margin = (lineBox.height * 0.35).rounded(.up)
            let x = max(0, Int(lineBox.x0 - margin)), y = max(0, Int(lineBox.y0 - margin))
            let width = min(raster.width - x, Int(lineBox.width + 2 * margin)), height = min(raster.height - y, Int(lineBox.height + 2 * margin))
            guard width > 0, height > 0, let crop = raster.cropped(x: x, y: y, width: width, height: height),
                  let enlarged = crop.scaled(by: scale) else { continue }
            let reread = engine.recognize(enlarged, as: .singleLine)
            let rereadWords = reread.lines.flatMap { $0 }.map { reread.words[$0] }
            guard !rereadWords.isEmpty else { continue }
            let before = text.meanConfidence(ofLine: line)
            let after = rereadWords.map(\.confidence).reduce(0, +) / Double(rereadWords.count)
            guard after >= before + Self.rereadConfidenceGain else { continue }
            replacements[lineIndex] = rereadWords.map { word in
                var placed = word
                placed.box = DocketModel.Box(x0: word.box.x0 / scale + Double(x), y0: word.box.y0 / scale + Double(y),
                                             x1: word.box.x1 / scale + Double(x), y1: word.box.y1 / scale + Double(y))
                return placed
            }
        }
        guard !replacements.isEmpty else { return }
        var words: [Word] = []
        var lines: [[Int]] = []
        for (lineIndex, line) in text.lines.enumerated() {
            let lineWords = replacements[lineIndex] ?? line.map { text.words[$0] }
            lines.append(Array(words.count..<(words.count + lineWords.count)))
            words.append(contentsOf: lineWords)
        }
        text = RecognizedText(words: words, lines: lines)
    }

    /// The box on the image before it was rotated clockwise by `degrees` about `center`: its
    /// centre turned back, its size kept (a word stays a word-sized box on the original page).
    static func rotatingBack(_ box: DocketModel.Box, degrees: Double, about center: (x: Double, y: Double)) -> DocketModel.Box {
        guard degrees != 0 else { return box }
        let radians = degrees * .pi / 180
        let dx = (box.x0 + box.x1) / 2 - center.x, dy = (box.y0 + box.y1) / 2 - center.y
        let x = center.x + dx * cos(radians) + dy * sin(radians)
        let y = center.y - dx * sin(radians) + dy * cos(radians)
        return DocketModel.Box(x0: x - box.width / 2, y0: y - box.height / 2, x1: x + box.width / 2, y1: y + box.height / 2)
    }
}

extension DocketModel.Box {
    func scaled(by factor: Double) -> DocketModel.Box {
        DocketModel.Box(x0: x0 * factor, y0: y0 * factor, x1: x1 * factor, y1: y1 * factor)
    }
}
