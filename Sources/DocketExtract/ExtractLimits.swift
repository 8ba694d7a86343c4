import DocketModel
import Foundation

/// Guards against decompression bombs and runaway documents. Each limit can be raised by its
/// environment variable on the worker.
public struct ExtractLimits: Sendable, Equatable {
    public var maxPages: Int
    /// Largest raster Docket will decode or render, in pixels (width x height).
    public var maxPixels: Int
    /// Resolution PDF pages are rendered at for OCR.
    public var renderDPI: Double
    /// Largest plain-text document, in bytes.
    public var maxTextBytes: Int
    /// Most words one page may hold.
    public var maxPageWords: Int
    /// Most words a whole document may hold.
    public var maxDocumentWords: Int
    /// Seconds a text-layer page may spend reading its pictures (largest first); pictures still
    /// unread when they have passed are counted in the page's `picturesUnread`. 0 reads none.
    public var figureOCRSeconds: Double

    public init(maxPages: Int = 2_000, maxPixels: Int = 150_000_000, renderDPI: Double = 300,
                maxTextBytes: Int = 10_000_000, maxPageWords: Int = 20_000, maxDocumentWords: Int = 1_000_000,
                figureOCRSeconds: Double = 2) {
        self.maxPages = maxPages
        self.maxPixels = maxPixels
        self.renderDPI = renderDPI
        self.maxTextBytes = maxTextBytes
        self.maxPageWords = maxPageWords
        self.maxDocumentWords = maxDocumentWords
        self.figureOCRSeconds = figureOCRSeconds
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ExtractLimits {
        var limits = ExtractLimits()
        if let value = environment["DOCKET_MAX_PAGES"].flatMap(Int.init), value > 0 { limits.maxPages = value }
        if let value = environment["DOCKET_MAX_PIXELS"].flatMap(Int.init), value > 0 { limits.maxPixels = value }
        if let value = environment["DOCKET_RENDER_DPI"].flatMap(Double.init), value >= 72 { limits.renderDPI = value }
        if let value = environment["DOCKET_MAX_TEXT_BYTES"].flatMap(Int.init), value > 0 { limits.maxTextBytes = value }
        if let value = environment["DOCKET_MAX_PAGE_WORDS"].flatMap(Int.init), value > 0 { limits.maxPageWords = value }
        if let value = environment["DOCKET_MAX_DOCUMENT_WORDS"].flatMap(Int.init), value > 0 { limits.maxDocumentWords = value }
        if let value = environment["DOCKET_FIGURE_OCR_SECONDS"].flatMap(Double.init), value >= 0, value.isFinite { limits.figureOCRSeconds = value }
        return limits
    }

    /// Refuses a document of `byteCount` bytes that is too large to read, before its bytes are loaded.
    public func checkSize(_ byteCount: Int, of mediaType: MediaType) throws {
        if mediaType == .plainText, byteCount > maxTextBytes {
            throw ExtractError.textTooLarge(bytes: byteCount, limit: maxTextBytes)
        }
    }
}

/// The words of a document's pages as they are read, held to the page and document word limits.
public struct WordTally: Sendable {
    public let limits: ExtractLimits
    public private(set) var total = 0

    public init(limits: ExtractLimits) {
        self.limits = limits
    }

    /// Adds page `number`'s `count` words; throws when the page or the document holds too many.
    public mutating func add(_ count: Int, onPage number: Int) throws {
        guard count <= limits.maxPageWords else {
            throw ExtractError.tooManyWordsOnPage(page: number, count: count, limit: limits.maxPageWords)
        }
        total += count
        guard total <= limits.maxDocumentWords else {
            throw ExtractError.tooManyWords(count: total, limit: limits.maxDocumentWords)
        }
    }
}
