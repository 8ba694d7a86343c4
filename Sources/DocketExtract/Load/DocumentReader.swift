import DocketModel

/// Reads one document page by page, so that a caller can report progress and stop between pages.
public protocol DocumentReader: AnyObject {
    var pageCount: Int { get }
    /// Reads page `number` (1-based). `ocr` is used only by pages without text of their own.
    func readPage(_ number: Int, ocr: () throws -> OCREngine) throws -> Page
    /// For a DICOM file: its size, attributes and preview. Other readers have none of their own.
    var imageMetadata: ImageMetadata? { get }
}

extension DocumentReader {
    public var imageMetadata: ImageMetadata? { nil }
}

/// Opens `bytes` with the reader for `mediaType`.
public func openDocument(
    _ bytes: [UInt8], as mediaType: MediaType, password: String? = nil, limits: ExtractLimits = ExtractLimits()
) throws -> any DocumentReader {
    switch mediaType {
    case .pdf: try PDFReader(bytes: bytes, password: password, limits: limits)
    case .png, .jpeg, .tiff: try ImageReader(bytes: bytes, mediaType: mediaType, limits: limits)
    case .plainText: try PlainTextReader(bytes: bytes, limits: limits)
    case .dicom: try DICOMReader(bytes: bytes, limits: limits)
    }
}

extension Line {
    /// The line made of `indices` into `words`: their enclosing box and their text joined by spaces.
    init(wordIndices indices: [Int], of words: [Word]) {
        let box = DocketModel.Box.enclosing(indices.map { words[$0].box }) ?? DocketModel.Box(x0: 0, y0: 0, x1: 0, y1: 0)
        self.init(wordIndices: indices, box: box, text: indices.map { words[$0].text }.joined(separator: " "))
    }
}
