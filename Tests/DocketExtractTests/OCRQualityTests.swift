@testable import DocketExtract
import DocketFixtures
import DocketModel
import Foundation
import Testing

func center(_ box: Box) -> (x: Double, y: Double) { ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2) }

@Suite struct TextLayerWithPicturesTests {
    /// A text layer, and a picture of a stamp that also repeats one text-layer line at its own place.
    static let textLines = [
        FixtureLine("Invoice number NW-2026-0314", y: 100, fontSize: 14),
        FixtureLine("Total due 1,237.60 EUR", y: 300, fontSize: 14),
        FixtureLine("Thank you for your order", y: 500, fontSize: 14),
    ]
    static let pictureFrame = (x: 72.0, y: 286.0, width: 360.0, height: 120.0)
    /// In the picture's own points: the text-layer total again (same place on the page), then a stamp.
    static let picture = FixturePage(lines: [
        FixtureLine("Total due 1,237.60 EUR", x: 0, y: 14, fontSize: 14),
        FixtureLine("PAID IN FULL", x: 20, y: 80, fontSize: 30, bold: true),
    ], width: 360, height: 120)

    @Test func readsThePictureTextOnceWithTheTextLayer() throws {
        let bytes = Fixtures.textPDFWithPicture(FixturePage(lines: Self.textLines), picture: Self.picture, frame: Self.pictureFrame)
        let page = try #require(try readAll(try openDocument(bytes, as: .pdf)).first)

        #expect(page.source == .textLayer)
        let texts = page.words.map(\.text)
        for word in ["PAID", "IN", "FULL"] {
            #expect(texts.count(of: word) == 1, "\(word) in \(texts)")
            #expect(page.words.first { $0.text == word }?.source == .ocr)
        }
        for word in ["Total", "due", "1,237.60", "EUR", "Invoice", "Thank"] {
            #expect(texts.count(of: word) == 1, "\(word) in \(texts)")
            #expect(page.words.first { $0.text == word }?.source == nil)
        }
        // The stamp is on the page where it was drawn, inside the picture.
        let paid = try #require(page.words.first { $0.text == "PAID" })
        #expect(paid.box.x0 >= 72 + 15 && paid.box.x0 <= 72 + 30)
        #expect(paid.box.y1 >= 286 + 70 && paid.box.y1 <= 286 + 85)
        // Reading order: the stamp comes between the total and the line below the picture.
        #expect(page.lines.map(\.text) == [
            "Invoice number NW-2026-0314", "Total due 1,237.60 EUR", "PAID IN FULL", "Thank you for your order",
        ])
        #expect(page.words.indices.elementsEqual(page.lines.flatMap(\.wordIndices)))
        #expect(page.picturesUnread == 0)
    }

    @Test func picturesLeftWhenTheirTimeRunsOutAreCountedOnThePage() throws {
        let bytes = Fixtures.textPDFWithPicture(FixturePage(lines: Self.textLines), picture: Self.picture, frame: Self.pictureFrame)
        let page = try #require(try readAll(try openDocument(bytes, as: .pdf, limits: ExtractLimits(figureOCRSeconds: 0))).first)

        #expect(page.picturesUnread == 1)
        #expect(page.source == .textLayer)
        #expect(page.lines.map(\.text) == ["Invoice number NW-2026-0314", "Total due 1,237.60 EUR", "Thank you for your order"])
    }

    @Test func aTimeForPicturesTooLongToCountReadsThemAll() throws {
        let bytes = Fixtures.textPDFWithPicture(FixturePage(lines: Self.textLines), picture: Self.picture, frame: Self.pictureFrame)
        let limits = ExtractLimits.fromEnvironment(["DOCKET_FIGURE_OCR_SECONDS": "1e300"])
        let page = try #require(try readAll(try openDocument(bytes, as: .pdf, limits: limits)).first)
        #expect(page.picturesUnread == 0)
        #expect(page.words.contains { $0.text == "PAID" })
    }

    @Test func aPageWithoutPicturesIsTheTextLayerAlone() throws {
        let bytes = Fixtures.textPDF([FixturePage(lines: Self.textLines)])
        let page = try #require(try readAll(try openDocument(bytes, as: .pdf)).first)
        #expect(page.words.allSatisfy { $0.source == nil })
        #expect(page.lines.count == 3)
    }
}

@Suite struct PictureRegionTests {
    static func word(_ x: Double, _ y: Double) -> Word {
        Word(text: "word", box: Box(x0: x, y0: y, x1: x + 40, y1: y + 12), confidence: 100)
    }

    @Test func readsOnlyPicturesTheTextLayerLeavesEmptyLargestFirst() {
        // A scan under its own invisible text (an OCR'd PDF): 300 words cover it.
        let scan = Box(x0: 0, y0: 0, x1: 612, y1: 792)
        let transcription = (0..<300).map { Self.word(Double($0 % 10) * 55 + 20, Double($0 / 10) * 25 + 20) }
        let stamp = Box(x0: 400, y0: 700, x1: 560, y1: 760)
        let insert = Box(x0: 72, y0: 300, x1: 540, y1: 500)
        let bullet = Box(x0: 60, y0: 100, x1: 66, y1: 106)
        let bodyText = [Self.word(72, 100), Self.word(72, 120)]

        #expect(TextLayerFusion.regionsToRead([scan], textLayer: transcription, pageWidth: 612, pageHeight: 792).isEmpty)
        #expect(TextLayerFusion.regionsToRead([stamp, bullet, insert], textLayer: bodyText, pageWidth: 612, pageHeight: 792)
                == [insert, stamp])
    }

    @Test func placesAPictureInItsColumn() {
        // Two columns; the text layer reads the left column first. A picture in the right column
        // goes before the right column's first line below it, not before the left column's.
        let left = [Self.word(72, 100), Self.word(72, 300)]
        let right = [Self.word(330, 100), Self.word(330, 300)]
        let textLayer = (words: left + right, lines: [[0], [1], [2], [3]])
        var figure = Word(text: "Figure", box: Box(x0: 340, y0: 200, x1: 400, y1: 214), confidence: 90)
        let merged = TextLayerFusion.merge(textLayer: textLayer, pictures: [(words: [figure], lines: [[0]])])
        figure.source = .ocr
        #expect(merged.words == [left[0], left[1], right[0], figure, right[1]])
        #expect(merged.lines == [[0], [1], [2], [3], [4]])
    }
}

@Suite struct ScanQualityTests {
    static let lines = [
        "Invoice number NW-2026-0314", "Invoice date 2026-03-14", "Customer Northwind Traders",
        "Delivery address 12 Harbour Street", "Total due 1,237.60 EUR", "Payment within 30 days",
    ]

    @Test(arguments: [4.0, -3.0])
    func readsASkewedScanWithBoxesOnTheSkewedPage(degrees: Double) throws {
        let page = FixturePage(text: Self.lines, fontSize: 14, lineSpacing: 24)
        let straight = try readAll(try openDocument(Fixtures.png(page), as: .png))[0]
        let skewed = try readAll(try openDocument(Fixtures.skewedPNG(page, degrees: degrees), as: .png))[0]
        #expect(recall(of: words(Self.lines), in: skewed) >= 0.95)

        // Each word sits where turning the straight page by the same angle puts it.
        let radians = degrees * .pi / 180
        var compared = 0
        for word in skewed.words {
            guard straight.words.count(where: { $0.text == word.text }) == 1,
                  let original = straight.words.first(where: { $0.text == word.text }) else { continue }
            let (dx, dy) = (center(original.box).x - 306, center(original.box).y - 396)
            let expected = (x: 306 + dx * cos(radians) - dy * sin(radians), y: 396 + dx * sin(radians) + dy * cos(radians))
            #expect(abs(center(word.box).x - expected.x) < 4 && abs(center(word.box).y - expected.y) < 4,
                    "\(word.text) at \(center(word.box)), expected \(expected)")
            compared += 1
        }
        #expect(compared >= 10)
    }

    @Test func straightensOnlyASignificantSkew() throws {
        let page = FixturePage(text: Self.lines, fontSize: 14, lineSpacing: 24)
        let engine = try OCREngine()
        let reader = PageOCR(engine: engine)
        func preparation(_ bytes: [UInt8]) throws -> PageOCR.Preparation? {
            let image = try ImageReader(bytes: bytes, mediaType: .png, limits: ExtractLimits()).pageImage(1)
            return reader.prepare(image, upscale: 1)?.1
        }
        #expect(try preparation(Fixtures.png(page))?.deskewDegrees == nil)
        let turned = try #require(try preparation(Fixtures.skewedPNG(page, degrees: 4))?.deskewDegrees)
        #expect(abs(turned + 4) < 0.5)   // Leptonica turns it back anticlockwise
    }

    @Test func eachLineKeepsTheReadingTesseractIsSurerOf() {
        func word(_ text: String, x: Double, y: Double, confidence: Double) -> Word {
            Word(text: text, box: Box(x0: x, y0: y, x1: x + 40, y1: y + 12), confidence: confidence)
        }
        let first = RecognizedText(
            words: [word("Dale:", x: 10, y: 10, confidence: 60), word("9/3/92", x: 60, y: 10, confidence: 50),
                    word("Name:", x: 10, y: 40, confidence: 90)],
            lines: [[0, 1], [2]])
        let second = RecognizedText(
            words: [word("Date:", x: 11, y: 11, confidence: 92), word("9/3/92", x: 61, y: 11, confidence: 90),
                    word("Nome:", x: 11, y: 41, confidence: 70)],
            lines: [[0, 1], [2]])
        let kept = PageOCR.keepingSurerLines(of: first, and: second)
        #expect(kept.words.map(\.text) == ["Date:", "9/3/92", "Name:"])
        #expect(kept.lines == [[0, 1], [2]])
        #expect(kept.words[0].box == second.words[0].box)
    }

    @Test func aPageWhoseEveryLineIsTooSureToBeReplacedIsNotReadASecondTime() {
        func page(_ confidences: [Double]) -> RecognizedText {
            RecognizedText(
                words: confidences.enumerated().map { index, confidence in
                    Word(text: "w\(index)", box: Box(x0: 10, y0: Double(index) * 20, x1: 50, y1: Double(index) * 20 + 12), confidence: confidence)
                },
                lines: confidences.indices.map { [$0] })
        }
        // keepingSurerLines replaces a line only with a reading surer by the gain, and none is surer than 100.
        #expect(!PageOCR.secondReadingCouldReplaceALine(of: page([96, 99, 95.5])))
        #expect(PageOCR.secondReadingCouldReplaceALine(of: page([96, 99, 95])))
        let sure = page([96, 97])
        let surest = RecognizedText(words: sure.words.map { Word(text: "x", box: $0.box, confidence: 100) }, lines: sure.lines)
        #expect(PageOCR.keepingSurerLines(of: sure, and: surest).words.map(\.text) == ["w0", "w1"])
    }

    @Test func onlyALineThatTouchesARuleTakesTheRuleFreeReading() {
        func word(_ text: String, x: Double, y: Double, confidence: Double) -> Word {
            Word(text: text, box: Box(x0: x, y0: y, x1: x + 40, y1: y + 12), confidence: confidence)
        }
        let page = RecognizedText(
            words: [word("Lrcplacement", x: 10, y: 10, confidence: 40), word("Toial", x: 10, y: 40, confidence: 40)],
            lines: [[0], [1]])
        let ruleFree = RecognizedText(
            words: [word("Replacement", x: 10, y: 10, confidence: 90), word("Total", x: 10, y: 40, confidence: 90)],
            lines: [[0], [1]])
        let underline = Box(x0: 0, y0: 23, x1: 300, y1: 25)
        #expect(PageOCR.touches(Box(x0: 10, y0: 10, x1: 50, y1: 22), rule: underline))
        #expect(!PageOCR.touches(Box(x0: 10, y0: 40, x1: 50, y1: 52), rule: underline))
        let kept = PageOCR.keepingSurerLines(of: page, and: ruleFree) { PageOCR.touches($0, rule: underline) }
        #expect(kept.words.map(\.text) == ["Replacement", "Toial"])
    }

    @Test func searchesForSparseTextOnlyWhereLinesAreShortAndAddsNoWordTwice() throws {
        #expect(!PageOCR.readsAsScattered(RecognizedText(words: [], lines: [Array(0..<9), Array(9..<20), Array(20..<24)])))
        #expect(PageOCR.readsAsScattered(RecognizedText(words: [], lines: [[0, 1], [2, 3, 4], [5], Array(6..<16)])))

        // Every line here has five words or fewer, so the page is searched twice.
        let page = FixturePage(text: Self.lines, fontSize: 14, lineSpacing: 24)
        let read = try readAll(try openDocument(Fixtures.png(page), as: .png))[0]
        #expect(recall(of: words(Self.lines), in: read) >= 0.95)
        for (index, word) in read.words.enumerated() {
            for other in read.words[(index + 1)...] {
                #expect(!word.box.readsSameWord(as: other.box), "\(word.text) and \(other.text)")
            }
        }
        #expect(read.words.count == words(Self.lines).count)
    }

    @Test func readsAShadowedLowContrastNoisyScan() throws {
        let page = FixturePage(text: Self.lines, fontSize: 14, lineSpacing: 24)
        let read = try readAll(try openDocument(Fixtures.shadowedPNG(page), as: .png))[0]
        #expect(recall(of: words(Self.lines), in: read) >= 0.9)
    }

    @Test func readsAnUncertainLineAgainLarger() throws {
        let lines = ["Total due 1,237.60 EUR", "Payment within 30 days", "Customer Northwind Traders"]
        let image = try ImageReader(bytes: Fixtures.png(FixturePage(text: lines, fontSize: 12, lineSpacing: 24), dpi: 150),
                                    mediaType: .png, limits: ExtractLimits()).pageImage(1)
        let reader = try PageOCR(engine: OCREngine())
        let first = reader.engine.recognize(image)
        try #require(first.lines.count == 3)
        // As if Tesseract had been unsure of the second line, with words split wrongly.
        var doubted = first
        let second = first.lines[1].map { first.words[$0] }
        doubted.words.replaceSubrange(first.lines[1][0]...first.lines[1].last!, with: [
            Word(text: "Pavment", box: second[0].box, confidence: 31),
            Word(text: "with in", box: second[1].box, confidence: 22),
            Word(text: "3O", box: second[2].box, confidence: 18),
            Word(text: "davs", box: second[3].box, confidence: 25),
        ])
        var reread = doubted
        reader.rereadUncertainLines(of: &reread, in: image)

        #expect(reread.lines.count == 3)
        #expect(reread.lines[1].map { reread.words[$0].text } == ["Payment", "within", "30", "days"])
        #expect(reread.meanConfidence(ofLine: reread.lines[1]) > 80)
        // Lines read well the first time are kept as they were.
        #expect(reread.lines[0].map { reread.words[$0] } == first.lines[0].map { first.words[$0] })
        #expect(reread.lines[2].map { reread.words[$0] } == first.lines[2].map { first.words[$0] })
        // The new words are where the line is on the page, within a pixel or two.
        for (index, word) in reread.lines[1].map({ reread.words[$0] }).enumerated() {
            #expect(abs(word.box.x0 - second[index].box.x0) < 3 && abs(word.box.y0 - second[index].box.y0) < 3
                    && abs(word.box.x1 - second[index].box.x1) < 3 && abs(word.box.y1 - second[index].box.y1) < 3)
        }
    }

    @Test func leavesALineAloneWhenReadingItAgainIsNoSurer() throws {
        let lines = ["Total due 1,237.60 EUR", "Payment within 30 days"]
        let image = try ImageReader(bytes: Fixtures.png(FixturePage(text: lines, fontSize: 12, lineSpacing: 24), dpi: 150),
                                    mediaType: .png, limits: ExtractLimits()).pageImage(1)
        let reader = try PageOCR(engine: OCREngine(), rereadBelow: 100)
        let first = reader.engine.recognize(image)
        var reread = first
        reader.rereadUncertainLines(of: &reread, in: image)
        #expect(reread.words == first.words)
    }
}

extension Array where Element: Equatable {
    func count(of element: Element) -> Int { count { $0 == element } }
}

@Suite struct RuleRemovalTests {
    @Test func paintsOutRulesAndLeavesTheLettersOnThem() throws {
        // At 200 dpi a point is 200 / 72 pixels: the entry's baseline is at y = 278 px, its rule at 283 px.
        let page = FixturePage(
            lines: [FixtureLine("Replacement of Propylene Glycol", x: 150, y: 100, fontSize: 9)],
            shapes: [.horizontalRule(y: 102, from: 145, to: 420, width: 1), .verticalRule(x: 430, from: 80, to: 104)])
        let image = try ImageReader(bytes: Fixtures.png(page, dpi: 200), mediaType: .png, limits: ExtractLimits()).pageImage(1)
        let glyphHeight = try #require(image.medianGlyphHeight())
        let (cleared, rules) = try #require(image.withoutRules(shortest: Int(3 * glyphHeight)))
        // The rule under the words and the upright one, each found on its own.
        #expect(rules.count == 2)
        #expect(rules.contains { $0.width > 700 && $0.height < 6 })
        #expect(rules.contains { $0.height > 60 && $0.width < 6 })

        func medianGray(_ raster: Raster, x: Int, y: Int, width: Int, height: Int) throws -> Double {
            try #require(raster.cropped(x: x, y: y, width: width, height: height)?.medianGray())
        }
        // The rule past the words, and the upright rule beside them.
        #expect(try medianGray(image, x: 1000, y: 282, width: 100, height: 3) < 128)
        #expect(try medianGray(cleared, x: 1000, y: 282, width: 100, height: 3) > 250)
        #expect(try medianGray(cleared, x: 1192, y: 240, width: 6, height: 40) > 250)
        // The words on the rule keep their letters.
        let words = (x: 410, y: 245, width: 560, height: 36)
        let before = try #require(image.cropped(x: words.x, y: words.y, width: words.width, height: words.height))
        let after = try #require(cleared.cropped(x: words.x, y: words.y, width: words.width, height: words.height))
        #expect(before.medianGlyphHeight() == after.medianGlyphHeight())
    }
}

@Suite struct PictureTests {
    @Test func readsARadiographsMarkersAndNothingOfTheFilm() throws {
        let film = Fixtures.radiograph(markers: ["R", "PORTABLE"])
        let read = try readAll(try openDocument(film, as: .jpeg))[0]
        #expect(read.words.map(\.text) == ["R", "PORTABLE"])
    }
}
