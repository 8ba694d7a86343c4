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
    private let dataPath: String?
    /// Tesseract's orientation and script detection, loaded on first use; nil when its data
    /// (osd.traineddata) is not installed.
    private lazy var orientationHandle: OpaquePointer? = {
        guard let handle = TessBaseAPICreate() else { return nil }
        guard TessBaseAPIInit3(handle, dataPath, "osd") == 0 else {
            TessBaseAPIDelete(handle)
            return nil
        }
        TessBaseAPISetPageSegMode(handle, PSM_OSD_ONLY)
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        return handle
    }()

    public init(language: String = "eng", dataPath: String? = nil) throws {
        guard let handle = TessBaseAPICreate() else { throw ExtractError.engineUnavailable }
        // Tesseract starts with the languages it could load and names the others only on stderr.
        let loaded = TessBaseAPIInit3(handle, dataPath, language) == 0 ? Self.loadedLanguages(handle) : []
        let missing = OCRLanguage(unchecked: language).missing(from: loaded)
        guard missing.isEmpty else {
            TessBaseAPIEnd(handle)
            TessBaseAPIDelete(handle)
            throw ExtractError.missingLanguage(language, missing: missing)
        }
        TessBaseAPISetPageSegMode(handle, PSM_AUTO)
        // Tesseract otherwise picks up "user-defined DPI" warnings on every page without a resolution.
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        self.handle = handle
        self.dataPath = dataPath
    }

    private static func loadedLanguages(_ handle: OpaquePointer) -> Set<String> {
        guard let names = TessBaseAPIGetLoadedLanguagesAsVector(handle) else { return [] }
        defer { TessDeleteTextArray(names) }
        var loaded = Set<String>()
        var index = 0
        while let name = names[index] {
            loaded.insert(String(cString: name))
            index += 1
        }
        return loaded
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
        if let orientationHandle {
            TessBaseAPIEnd(orientationHandle)
            TessBaseAPIDelete(orientationHandle)
        }
    }

    /// How far `raster` must be turned clockwise (0, 90, 180 or 270 degrees) for its text to stand
    /// upright, by Tesseract's orientation detection, with Tesseract's confidence in it; nil when
    /// the detection is not installed or finds too little text to tell.
    func clockwiseTurnToUpright(of raster: Raster) -> (degrees: Int, confidence: Double)? {
        guard let orientationHandle else { return nil }
        TessBaseAPISetImage2(orientationHandle, raster.pix)
        TessBaseAPISetSourceResolution(orientationHandle, Int32(raster.dpi.rounded()))
        defer { TessBaseAPIClear(orientationHandle) }
        var orientation: Int32 = 0
        var orientationConfidence: Float = 0
        var script: UnsafePointer<CChar>?
        var scriptConfidence: Float = 0
        guard TessBaseAPIDetectOrientationScript(orientationHandle, &orientation, &orientationConfidence, &script, &scriptConfidence) != 0
        else { return nil }
        // Tesseract gives the angle the text stands at, counter-clockwise; turning it back is clockwise.
        return ((360 - Int(orientation)) % 360, Double(orientationConfidence))
    }

    /// How Tesseract should look for text: a whole page in blocks and columns, as much text as it
    /// can find in no particular order (a form's scattered entries), or one line of text.
    enum Segmentation {
        case page
        case sparse
        case singleLine
    }

    /// Words on `raster`, with boxes in the raster's pixels and Tesseract's confidence, in
    /// Tesseract's reading order, grouped into its text lines.
    func recognize(_ raster: Raster, as segmentation: Segmentation = .page) -> RecognizedText {
        switch segmentation {
        case .page: TessBaseAPISetPageSegMode(handle, PSM_AUTO)
        case .sparse: TessBaseAPISetPageSegMode(handle, PSM_SPARSE_TEXT)
        case .singleLine: TessBaseAPISetPageSegMode(handle, PSM_SINGLE_LINE)
        }
        TessBaseAPISetImage2(handle, raster.pix)
        TessBaseAPISetSourceResolution(handle, Int32(raster.dpi.rounded()))
        defer { TessBaseAPIClear(handle) }
        guard TessBaseAPIRecognize(handle, nil) == 0, let iterator = TessBaseAPIGetIterator(handle) else {
            return RecognizedText(words: [], lines: [])
        }
        defer { TessResultIteratorDelete(iterator) }

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
            let box = DocketModel.Box(x0: Double(left), y0: Double(top), x1: Double(right), y1: Double(bottom))
            words.append(Word(text: trimmed, box: box, confidence: Double(TessResultIteratorConfidence(iterator, RIL_WORD))))
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        return RecognizedText(words: words, lines: lines.filter { !$0.isEmpty })
    }
}

/// Words as Tesseract read them, and its lines as indices into `words`.
struct RecognizedText {
    var words: [Word]
    var lines: [[Int]]

    /// The same text with every box moved by `transform`.
    func mappingBoxes(_ transform: (DocketModel.Box) -> DocketModel.Box) -> RecognizedText {
        RecognizedText(words: words.map { word in
            var moved = word
            moved.box = transform(word.box)
            return moved
        }, lines: lines)
    }

    func meanConfidence(ofLine line: [Int]) -> Double {
        line.isEmpty ? 0 : line.map { words[$0].confidence }.reduce(0, +) / Double(line.count)
    }
}
