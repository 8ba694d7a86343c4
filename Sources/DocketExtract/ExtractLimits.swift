import Foundation

/// Guards against decompression bombs and runaway documents. Each limit can be raised by its
/// environment variable on the worker.
public struct ExtractLimits: Sendable, Equatable {
    public var maxPages: Int
    /// Largest raster Docket will decode or render, in pixels (width x height).
    public var maxPixels: Int
    /// Resolution PDF pages are rendered at for OCR.
    public var renderDPI: Double

    public init(maxPages: Int = 2_000, maxPixels: Int = 150_000_000, renderDPI: Double = 300) {
        self.maxPages = maxPages
        self.maxPixels = maxPixels
        self.renderDPI = renderDPI
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ExtractLimits {
        var limits = ExtractLimits()
        if let value = environment["DOCKET_MAX_PAGES"].flatMap(Int.init), value > 0 { limits.maxPages = value }
        if let value = environment["DOCKET_MAX_PIXELS"].flatMap(Int.init), value > 0 { limits.maxPixels = value }
        if let value = environment["DOCKET_RENDER_DPI"].flatMap(Double.init), value >= 72 { limits.renderDPI = value }
        return limits
    }
}
