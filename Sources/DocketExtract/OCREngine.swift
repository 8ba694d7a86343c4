import CTesseract
import Foundation
import DocketModel

/// One Tesseract engine: slow to create, cheap to reuse, not thread-safe. Use one per thread.
///
/// Tesseract is built with OpenMP; the process that uses it should run with OMP_THREAD_LIMIT=1
/// and get its parallelism from several engines on several threads, which is about 3x faster
/// per core than letting OpenMP split one page.
public final class OCREngine {
    private let handle: OpaquePointer

    public init(language: String = "eng", dataPath: String? = nil) throws {
        guard let handle = TessBaseAPICreate() else { throw ExtractError.engineUnavailable }
        guard TessBaseAPIInit3(handle, dataPath, language) == 0 else {
            TessBaseAPIDelete(handle)
            throw ExtractError.missingLanguage(language)
        }
        TessBaseAPISetPageSegMode(handle, PSM_AUTO)
        // Tesseract otherwise picks up "user-defined DPI" warnings on every page without a resolution.
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        self.handle = handle
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    /// Words on `raster`, with boxes in points (origin top-left) and Tesseract's confidence, in
    /// Tesseract's reading order, grouped into its text lines.
    func recognize(_ raster: Raster) -> (words: [Word], lines: [[Int]]) {
        TessBaseAPISetImage2(handle, raster.pix)
        TessBaseAPISetSourceResolution(handle, Int32(raster.dpi.rounded()))
        defer { TessBaseAPIClear(handle) }
        guard TessBaseAPIRecognize(handle, nil) == 0, let iterator = TessBaseAPIGetIterator(handle) else {
            return ([], [])
        }
        defer { TessResultIteratorDelete(iterator) }

        let scale = raster.pointsPerPixel
        var words: [Word] = []
        var lines: [[Int]] = []
        let pageIterator = TessResultIteratorGetPageIterator(iterator)
        repeat {
            guard let cText = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let text = String(cString: cText)
            TessDeleteText(cText)
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            guard TessPageIteratorBoundingBox(pageIterator, RIL_WORD, &left, &top, &right, &bottom) != 0 else { continue }
            if lines.isEmpty || TessPageIteratorIsAtBeginningOf(pageIterator, RIL_TEXTLINE) != 0 {
                lines.append([])
            }
            lines[lines.count - 1].append(words.count)
            let box = DocketModel.Box(x0: Double(left) * scale, y0: Double(top) * scale,
                          x1: Double(right) * scale, y1: Double(bottom) * scale)
            words.append(Word(text: trimmed, box: box, confidence: Double(TessResultIteratorConfidence(iterator, RIL_WORD))))
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        return (words, lines.filter { !$0.isEmpty })
    }
}
