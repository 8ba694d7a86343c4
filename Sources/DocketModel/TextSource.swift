/// Where a page's words came from.
public enum TextSource: String, Codable, Sendable, CaseIterable {
    /// The PDF's own text layer, read with Poppler: exact text, no recognition errors.
    case textLayer = "text-layer"
    /// Tesseract OCR of the rendered page or image.
    case ocr
    /// A plain-text document: the words are the file's own.
    case plainText = "plain-text"
}
