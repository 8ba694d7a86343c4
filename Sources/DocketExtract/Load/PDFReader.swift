import CPoppler
import CTesseract
import DocketModel
import Foundation

/// A PDF opened with Poppler. Pages with a text layer give their words directly; pages without one
/// are rendered and read with Tesseract.
final class PDFReader: DocumentReader {
    private let document: OpaquePointer
    private let limits: ExtractLimits
    /// Poppler reads the bytes in place, so they must outlive the document.
    private let bytes: OpaquePointer
    let pageCount: Int

    init(bytes contents: [UInt8], password: String?, limits: ExtractLimits) throws {
        self.limits = limits
        bytes = contents.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        var error: UnsafeMutablePointer<GError>?
        defer { if let error { g_error_free(error) } }
        guard let document = poppler_document_new_from_bytes(bytes, password, &error) else {
            g_bytes_unref(bytes)
            if let error, error.pointee.domain == poppler_error_quark(),
               error.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                throw password == nil ? ExtractError.encrypted : ExtractError.wrongPassword
            }
            let reason = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            throw ExtractError.unreadablePDF(reason: reason)
        }
        self.document = document
        pageCount = Int(poppler_document_get_n_pages(document))
        guard pageCount > 0 else { throw ExtractError.noPages }
        guard pageCount <= limits.maxPages else { throw ExtractError.tooManyPages(count: pageCount, limit: limits.maxPages) }
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(document))
        g_bytes_unref(bytes)
    }

    func readPage(_ number: Int, ocr: () throws -> OCREngine) throws -> Page {
        guard let page = poppler_document_get_page(document, Int32(number - 1)) else {
            throw ExtractError.damagedPage(page: number, pageCount: pageCount)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)

        let text = StageTimings.measure(.textLayer) { textLayer(of: page) }
        let (words, lines, picturesUnread) = try addingPictureText(of: page, number: number, to: text, width: width, height: height, ocr: ocr)
        if !words.isEmpty {
            return withLayout(Page(number: number, width: width, height: height, source: Self.dominantSource(of: words), words: words,
                                   lines: lines.map { Line(wordIndices: $0, of: words) }, picturesUnread: picturesUnread),
                              image: Self.layoutImage(of: page, width: width, height: height, maxPixels: limits.maxPixels))
        }
        let raster = try render(page, number: number, region: DocketModel.Box(x0: 0, y0: 0, x1: width, y1: height))
        let (ocrWords, ocrLines, turned) = try PageOCR(engine: ocr(), maxPixels: limits.maxPixels).readUpright(raster, page: number)
        return withLayout(Page(number: number, width: width, height: height, source: .ocr, words: ocrWords,
                               lines: ocrLines.map { Line(wordIndices: $0, of: ocrWords) }, turnedToRead: turned),
                          image: raster.grayImage())
    }

    /// Words from the page's text layer. Poppler gives the text in reading order with one
    /// rectangle per character (in points, origin top-left); words are runs between spaces and
    /// lines end at Poppler's newlines.
    private func textLayer(of page: OpaquePointer) -> (words: [Word], lines: [[Int]]) {
        guard let cText = poppler_page_get_text(page) else { return ([], []) }
        defer { g_free(cText) }
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var rectangleCount: guint = 0
        guard poppler_page_get_text_layout(page, &rectangles, &rectangleCount) != 0, let rectangles else { return ([], []) }
        defer { g_free(rectangles) }

        var words: [Word] = []
        var lines: [[Int]] = [[]]
        var currentText = ""
        var currentBox: DocketModel.Box?
        func endWord() {
            if let box = currentBox, !currentText.isEmpty {
                lines[lines.count - 1].append(words.count)
                words.append(Word(text: currentText, box: box, confidence: 100))
            }
            currentText = ""
            currentBox = nil
        }
        // poppler_page_get_text_layout: "one for each character in the text returned by poppler_page_get_text".
        var previousBox: DocketModel.Box?
        for (index, scalar) in String(cString: cText).unicodeScalars.enumerated() {
            guard index < Int(rectangleCount) else { break }
            if scalar == "\n" {
                endWord()
                if !lines[lines.count - 1].isEmpty { lines.append([]) }
            } else if scalar.properties.isWhitespace {
                endWord()
            } else if scalar.properties.generalCategory == .format {
                continue   // bidi marks and the like: invisible, and not part of any word
            } else {
                let rectangle = rectangles[index]
                let box = DocketModel.Box(x0: min(rectangle.x1, rectangle.x2), y0: min(rectangle.y1, rectangle.y2),
                              x1: max(rectangle.x1, rectangle.x2), y1: max(rectangle.y1, rectangle.y2))
                if let previousBox, Self.startsNewWord(box, after: previousBox) { endWord() }
                currentBox = currentBox.map { $0.union(box) } ?? box
                currentText.unicodeScalars.append(scalar)
                previousBox = box
            }
        }
        endWord()
        return (words, lines.filter { !$0.isEmpty })
    }

    /// Poppler leaves out the space between pieces of text that a PDF places apart without a space
    /// character (table cells, "Hello" and "World" drawn separately); a gap wider than a third of
    /// the text's height, or a step backwards, separates words all the same.
    private static func startsNewWord(_ box: DocketModel.Box, after previous: DocketModel.Box) -> Bool {
        let height = max(previous.height, box.height, 1)
        return box.x0 - previous.x1 > height / 3 || box.x1 < previous.x0
    }

    /// A text-layer page's source, unless the OCR of its pictures gave most of its words.
    private static func dominantSource(of words: [Word]) -> TextSource {
        let ocrWordCount = words.count { $0.source == .ocr }
        return ocrWordCount > words.count - ocrWordCount ? .ocr : .textLayer
    }

    /// The text layer with the OCR of the page's pictures added where the text layer has nothing,
    /// and how many pictures were left unread when `limits.figureOCRSeconds` ran out (a picture
    /// begun is read to its end). A page without a text layer is left to be read whole.
    private func addingPictureText(
        of page: OpaquePointer, number: Int, to textLayer: (words: [Word], lines: [[Int]]), width: Double, height: Double,
        ocr: () throws -> OCREngine
    ) throws -> (words: [Word], lines: [[Int]], picturesUnread: Int) {
        guard !textLayer.words.isEmpty else { return (textLayer.words, textLayer.lines, 0) }
        let regions = TextLayerFusion.regionsToRead(pictureRegions(of: page), textLayer: textLayer.words,
                                                    pageWidth: width, pageHeight: height)
        guard !regions.isEmpty else { return (textLayer.words, textLayer.lines, 0) }
        let reader = try PageOCR(engine: ocr(), maxPixels: limits.maxPixels, readsWholePages: false)
        let started = ContinuousClock.now
        // Rendering the pictures and every pass of their OCR count as figure OCR, not as a scanned page's stages.
        let pictures = try StageTimings.measure(.figureOCR) {
            var pictures: [(words: [Word], lines: [[Int]])] = []
            for region in regions {
                guard (ContinuousClock.now - started).inSeconds < limits.figureOCRSeconds else { break }
                let raster = try render(page, number: number, region: region)
                let (words, lines) = try reader.read(raster, page: number)
                pictures.append((words: words.map { word in
                    var placed = word
                    placed.box = word.box.offsetBy(x: region.x0, y: region.y0)
                    return placed
                }, lines: lines))
            }
            return pictures
        }
        let merged = TextLayerFusion.merge(textLayer: textLayer, pictures: pictures)
        return (merged.words, merged.lines, regions.count - pictures.count)
    }

    /// Where the page draws images, in points from the top-left.
    private func pictureRegions(of page: OpaquePointer) -> [DocketModel.Box] {
        guard let mapping = poppler_page_get_image_mapping(page) else { return [] }
        defer { poppler_page_free_image_mapping(mapping) }
        var regions: [DocketModel.Box] = []
        var node: UnsafeMutablePointer<GList>? = mapping
        while let current = node {
            if let data = current.pointee.data {
                let area = data.assumingMemoryBound(to: PopplerImageMapping.self).pointee.area
                regions.append(DocketModel.Box(x0: min(area.x1, area.x2), y0: min(area.y1, area.y2),
                                               x1: max(area.x1, area.x2), y1: max(area.y1, area.y2)))
            }
            node = current.pointee.next
        }
        return regions
    }

    /// Page `number` drawn whole at the OCR resolution, lowered as far as the pixel limit needs.
    func renderedPage(_ number: Int, stripPixels: Int = PDFReader.renderStripPixels) throws -> Raster {
        guard let page = poppler_document_get_page(document, Int32(number - 1)) else {
            throw ExtractError.damagedPage(page: number, pageCount: pageCount)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)
        return try render(page, number: number, region: DocketModel.Box(x0: 0, y0: 0, x1: width, y1: height), stripPixels: stripPixels)
    }

    /// Renders `region` of the page (points) to gray pixels at the OCR resolution, lowered if the
    /// region is so large that the raster would pass the pixel limit.
    private func render(_ page: OpaquePointer, number: Int, region: DocketModel.Box, stripPixels: Int = PDFReader.renderStripPixels) throws -> Raster {
        let rendered = StageTimings.measure(.decodeOrRender) {
            Self.renderGray(page, region: region, dpi: limits.renderDPI, maxPixels: limits.maxPixels, stripPixels: stripPixels)
        }
        guard let raster = rendered else {
            throw ExtractError.renderFailed(page: number, reason: "cairo or Leptonica could not allocate the page's pixels")
        }
        return raster
    }
}
