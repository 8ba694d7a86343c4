import DocketModel

/// Everything that can go wrong while reading a document, each with a message that says what to do.
public enum ExtractError: Error, Equatable, Sendable {
    case unsupportedType
    case encrypted
    case wrongPassword
    case unreadablePDF(reason: String)
    case noPages
    case damagedPage(page: Int, pageCount: Int)
    case tooManyPages(count: Int, limit: Int)
    case unreadableImage(MediaType)
    case imageTooLarge(width: Int, height: Int, limit: Int)
    case notUTF8
    case textTooLarge(bytes: Int, limit: Int)
    case tooManyWordsOnPage(page: Int, count: Int, limit: Int)
    /// `count` is the words of the pages read when the limit was passed; reading stops there.
    case tooManyWords(count: Int, limit: Int)
    case renderFailed(page: Int, reason: String)
    case engineUnavailable
    /// Tesseract could not load the models of `language`; `missing` are those not installed.
    case missingLanguage(String, missing: [String])
    /// A program Docket runs for this kind of file is not installed.
    case missingTool(name: String, package: String)
    case unreadableDICOM(reason: String)

    /// True when reading the same bytes again cannot succeed: the job should fail, not retry.
    public var isPermanent: Bool {
        switch self {
        case .renderFailed, .engineUnavailable, .missingLanguage, .missingTool: false
        default: true
        }
    }
}

extension ExtractError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unsupportedType:
            "Docket reads PDF, PNG, JPEG, TIFF, DICOM and UTF-8 text; these bytes are none of them. Convert the file to one of those types and submit it again."
        case .encrypted:
            "The PDF is encrypted. Submit it again with --password."
        case .wrongPassword:
            "The password given for this encrypted PDF is not right. Submit it again with the document's password (--password)."
        case .unreadablePDF(let reason):
            "Poppler cannot open this PDF (\(reason)). The file is damaged or is not a PDF; export it again from its source, or repair it (qpdf in.pdf out.pdf) and submit the result."
        case .noPages:
            "The PDF has no pages to read. Export it again from its source."
        case .damagedPage(let page, let count):
            "Poppler cannot read page \(page) of \(count): the PDF is damaged. Export it again from its source, or repair it (qpdf in.pdf out.pdf) and submit the result."
        case .tooManyPages(let count, let limit):
            "The document has \(count) pages, more than the limit of \(limit). Split it, or raise the limit with DOCKET_MAX_PAGES."
        case .unreadableImage(let type):
            "Leptonica cannot decode this \(type.rawValue) image: the file is damaged or truncated. Export it again and submit the new file."
        case .imageTooLarge(let width, let height, let limit):
            "The image is \(width)x\(height) pixels, more than the limit of \(limit) pixels. Scale it down (300 dpi is enough for OCR), or raise the limit with DOCKET_MAX_PIXELS."
        case .notUTF8:
            "The text file is not valid UTF-8. Convert it (iconv -t UTF-8) and submit it again."
        case .textTooLarge(let bytes, let limit):
            "The text file is \(bytes) bytes, more than the limit of \(limit) bytes. Split it, or raise the limit with DOCKET_MAX_TEXT_BYTES."
        case .tooManyWordsOnPage(let page, let count, let limit):
            "Page \(page) has \(count) words, more than the limit of \(limit) words on one page. Split the page, or raise the limit with DOCKET_MAX_PAGE_WORDS."
        case .tooManyWords(let count, let limit):
            "The document has at least \(count) words, more than the limit of \(limit) words in one document. Split it, or raise the limit with DOCKET_MAX_DOCUMENT_WORDS."
        case .renderFailed(let page, let reason):
            "Page \(page) could not be rendered (\(reason))."
        case .engineUnavailable:
            "Tesseract could not be started. Reinstall it: apt-get install libtesseract5 tesseract-ocr-eng"
        case .missingLanguage(let language, let missing):
            "Tesseract has no model for '\(language)' on this worker. Install it (apt-get install "
                + missing.map(OCRLanguage.package).joined(separator: " ")
                + ", or add the language to DOCKET_LANGUAGES for deploy/install-packages.sh); the job is retried."
        case .missingTool(let name, let package):
            "\(name) is not installed; Docket needs it for this file. Install it (apt-get install \(package)); the job is retried."
        case .unreadableDICOM(let reason):
            "dcmtk cannot read this DICOM file (\(reason)): it is damaged, or its image is in an encoding dcmtk does not decode. Export it again from the PACS or modality and submit the new file."
        }
    }
}
