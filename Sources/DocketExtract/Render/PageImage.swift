import CPoppler
import CTesseract
import DocketModel
import Foundation

/// A page drawn as a PNG for people to look at (reports, overlays), with its scale so that boxes
/// in PDF points can be drawn over it.
public struct PageImage: Sendable {
    public var png: [UInt8]
    public var pixelWidth: Int
    public var pixelHeight: Int
    /// Pixels per PDF point.
    public var scale: Double

    public init(png: [UInt8], pixelWidth: Int, pixelHeight: Int, scale: Double) {
        self.png = png
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.scale = scale
    }
}

/// Something to draw over a page: a box in PDF points, in the colour of its kind.
public struct PageMark: Sendable {
    public enum Kind: Sendable {
        /// A word as read: thin blue.
        case word
        /// A block, table or checkbox of the layout: green.
        case region
        /// The evidence of an answer: thick red.
        case answer
        /// Words that identify a person, painted over in black.
        case redaction
    }

    public var box: DocketModel.Box
    public var kind: Kind

    public init(box: DocketModel.Box, kind: Kind) {
        self.box = box
        self.kind = kind
    }
}

public enum PageImages {
    /// The page of the document as it looks: PDF pages rendered by Poppler, images decoded by
    /// Leptonica, `width` pixels wide. Text documents, and PDFs whose password is not known, have
    /// no look of their own: draw their words with `words(of:width:)` instead.
    public static func render(
        _ bytes: [UInt8], as mediaType: MediaType, page: Page, password: String? = nil, width: Int
    ) throws -> PageImage {
        switch mediaType {
        case .pdf: try renderPDF(bytes, page: page, password: password, width: width)
        case .png, .jpeg, .tiff: try renderImage(bytes, as: mediaType, page: page, width: width)
        case .dicom: try renderImage(try DICOMFile(bytes: bytes).png, as: .png, page: page, width: width)
        case .plainText: words(of: page, width: width)
        }
    }

    /// The page's words drawn in their boxes on white: how a text document, or a page that cannot
    /// be rendered, is shown.
    public static func words(of page: Page, width: Int) -> PageImage {
        onWhitePage(width: width, pointWidth: page.width, pointHeight: page.height) { context, scale in
            cairo_set_source_rgb(context, 0.1, 0.1, 0.1)
            cairo_select_font_face(context, "DejaVu Sans Mono", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
            for word in page.words {
                let box = word.box
                cairo_set_font_size(context, max(4, box.height * scale * 0.8))
                cairo_move_to(context, box.x0 * scale, box.y1 * scale - box.height * scale * 0.2)
                cairo_show_text(context, word.text)
            }
        }
    }

    /// A white page `width` pixels wide for a page of the given size in points, drawn by `draw`
    /// (given the context and the pixels per point) and returned as a PNG.
    private static func onWhitePage(
        width: Int, pointWidth: Double, pointHeight: Double, draw: (OpaquePointer, Double) -> Void
    ) -> PageImage {
        let scale = Double(width) / max(pointWidth, 1)
        let height = max(1, Int((pointHeight * scale).rounded()))
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))!
        defer { cairo_surface_destroy(surface) }
        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        draw(context, scale)
        return PageImage(png: pngBytes(surface), pixelWidth: width, pixelHeight: height, scale: scale)
    }

    /// The image with `marks` drawn over it.
    public static func overlay(_ marks: [PageMark], on image: PageImage) throws -> PageImage {
        let reader = PNGReader(bytes: image.png)
        let surface = withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream({ closure, data, length in
                let reader = Unmanaged<PNGReader>.fromOpaque(closure!).takeUnretainedValue()
                return reader.read(into: data!, count: Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
            }, Unmanaged.passUnretained(reader).toOpaque())!
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw ExtractError.unreadableImage(.png) }
        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        cairo_set_source_rgb(context, 0, 0, 0)
        for mark in marks where mark.kind == .redaction {
            cairo_rectangle(context, mark.box.x0 * image.scale - 1, mark.box.y0 * image.scale - 1,
                            mark.box.width * image.scale + 2, mark.box.height * image.scale + 2)
        }
        cairo_fill(context)
        for kind in [PageMark.Kind.word, .region, .answer] {
            let (red, green, blue, alpha, lineWidth) = style(of: kind)
            cairo_set_source_rgba(context, red, green, blue, alpha)
            cairo_set_line_width(context, lineWidth)
            for mark in marks where mark.kind == kind {
                let box = mark.box
                let margin = kind == .answer ? 2.0 : 0
                cairo_rectangle(context, box.x0 * image.scale - margin, box.y0 * image.scale - margin,
                                box.width * image.scale + 2 * margin, box.height * image.scale + 2 * margin)
            }
            cairo_stroke(context)
        }
        var result = image
        result.png = pngBytes(surface)
        return result
    }

    private static func style(of kind: PageMark.Kind) -> (Double, Double, Double, Double, Double) {
        switch kind {
        case .word: (0.1, 0.35, 0.9, 0.55, 1)
        case .region: (0.0, 0.6, 0.2, 0.8, 1.5)
        case .answer: (1, 0, 0, 1, 3)
        case .redaction: (0, 0, 0, 1, 0)
        }
    }

    private static func renderPDF(_ bytes: [UInt8], page: Page, password: String?, width: Int) throws -> PageImage {
        let data = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(data) }
        var error: UnsafeMutablePointer<GError>?
        defer { if let error { g_error_free(error) } }
        guard let document = poppler_document_new_from_bytes(data, password, &error) else {
            return words(of: page, width: width)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        guard let popplerPage = poppler_document_get_page(document, Int32(page.number - 1)) else {
            throw ExtractError.damagedPage(page: page.number, pageCount: Int(poppler_document_get_n_pages(document)))
        }
        defer { g_object_unref(UnsafeMutableRawPointer(popplerPage)) }
        var pageWidth = 0.0, pageHeight = 0.0
        poppler_page_get_size(popplerPage, &pageWidth, &pageHeight)
        return onWhitePage(width: width, pointWidth: pageWidth, pointHeight: pageHeight) { context, scale in
            cairo_scale(context, scale, scale)
            poppler_page_render(popplerPage, context)
        }
    }

    private static func renderImage(_ bytes: [UInt8], as mediaType: MediaType, page: Page, width: Int) throws -> PageImage {
        var decoded = Leptonica.decodedPage(page.number - 1, of: bytes, as: mediaType)
        defer { pixDestroy(&decoded) }
        guard let decoded else { throw ExtractError.unreadableImage(mediaType) }
        let scale = Double(width) / max(page.width, 1)
        let height = max(1, Int((page.height * scale).rounded()))
        var color = pixConvertTo32(decoded)
        defer { pixDestroy(&color) }
        var sized = color.flatMap { pixScaleToSize($0, Int32(width), Int32(height)) }
        defer { pixDestroy(&sized) }
        guard let sized else { throw ExtractError.unreadableImage(mediaType) }
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        defer { cairo_surface_destroy(surface) }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let target = cairo_image_surface_get_data(surface)!
        let source = pixGetData(sized)!
        let wordsPerLine = Int(pixGetWpl(sized))
        for y in 0..<height {
            let row = UnsafeMutableRawPointer(target + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                // Leptonica: 0xRRGGBBAA per word; cairo RGB24: 0x00RRGGBB.
                row[x] = source[y * wordsPerLine + x] >> 8
            }
        }
        cairo_surface_mark_dirty(surface)
        return PageImage(png: pngBytes(surface), pixelWidth: width, pixelHeight: height, scale: scale)
    }

    private static func pngBytes(_ surface: OpaquePointer) -> [UInt8] {
        let writer = PNGWriter()
        withExtendedLifetime(writer) {
            _ = cairo_surface_write_to_png_stream(surface, { closure, data, length in
                let writer = Unmanaged<PNGWriter>.fromOpaque(closure!).takeUnretainedValue()
                writer.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(writer).toOpaque())
        }
        return writer.bytes
    }
}

private final class PNGWriter {
    var bytes: [UInt8] = []
}

private final class PNGReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        guard offset + count <= bytes.count else { return false }
        bytes.withUnsafeBufferPointer { source in buffer.update(from: source.baseAddress! + offset, count: count) }
        offset += count
        return true
    }
}
