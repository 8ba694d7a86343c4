import CPoppler
import CTesseract

/// Renders a fixture page to pixels: white background, black antialiased text.
enum PageRasterizer {
    static func pixelSize(of page: FixturePage, dpi: Double) -> (width: Int32, height: Int32) {
        (Int32((page.width * dpi / 72).rounded()), Int32((page.height * dpi / 72).rounded()))
    }

    /// Gives `body` an RGB24 cairo image surface of the page, alive only for the call.
    static func withImageSurface<Result>(of page: FixturePage, dpi: Double,
                                         _ body: (_ surface: OpaquePointer) -> Result) -> Result {
        precondition(dpi > 0, "dpi must be positive")
        let size = pixelSize(of: page, dpi: dpi)
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, size.width, size.height),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS
        else { fatalError("cairo could not create a \(size.width)x\(size.height) image surface") }
        defer { cairo_surface_destroy(surface) }
        guard let context = cairo_create(surface) else { fatalError("cairo could not create a context") }
        defer { cairo_destroy(context) }

        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, Double(size.width) / page.width, Double(size.height) / page.height)
        PageDrawing.drawLines(of: page, on: context)
        cairo_surface_flush(surface)
        return body(surface)
    }

    /// An 8 bpp gray Leptonica image of the page with its resolution set to `dpi`; the caller destroys it.
    static func grayPix(of page: FixturePage, dpi: Double) -> UnsafeMutablePointer<PIX> {
        withImageSurface(of: page, dpi: dpi) { surface in grayPix(of: surface, dpi: dpi) }
    }

    /// The gray levels of a gray RGB24 surface as an 8 bpp Leptonica image; the caller destroys it.
    static func grayPix(of surface: OpaquePointer, dpi: Double) -> UnsafeMutablePointer<PIX> {
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let sourceStride = Int(cairo_image_surface_get_stride(surface))
        guard let source = cairo_image_surface_get_data(surface) else { fatalError("cairo image has no data") }
        guard let pix = pixCreate(Int32(width), Int32(height), 8) else { fatalError("Leptonica could not create a PIX") }
        let resolution = Int32(dpi.rounded())
        pixSetResolution(pix, resolution, resolution)

        let wordsPerLine = Int(pixGetWpl(pix))
        let destination = pixGetData(pix)!
        let rawSource = UnsafeRawPointer(source)
        for row in 0..<height {
            let sourceRow = (rawSource + row * sourceStride).assumingMemoryBound(to: UInt32.self)
            let destinationRow = destination + row * wordsPerLine
            for column in 0..<width {
                // RGB24 pixels are native-endian 0x00RRGGBB words, and the drawing is gray, so green is the gray value.
                let gray = (sourceRow[column] >> 8) & 0xFF
                // Leptonica keeps 8 bpp pixels in 32-bit words, leftmost pixel in the most significant byte.
                destinationRow[column >> 2] |= gray << UInt32(24 - 8 * (column & 3))
            }
        }
        return pix
    }
}
