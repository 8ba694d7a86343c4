import CPoppler
import CTesseract
import DocketModel

extension PDFReader {
    /// Pages are drawn in full-width strips of at most this many pixels, so that cairo's 32-bit
    /// pixels take at most 256 MB whatever the page's size. Poppler decodes a page's images again
    /// for every strip it draws, so strips are as few as the bound allows: a letter page at 300 dpi
    /// is one strip, a 30-inch square scan two.
    static let renderStripPixels = 64 * 1_024 * 1_024

    /// `region` of the page (points from the top-left) drawn in 8-bit gray at `dpi`, lowered so that
    /// the raster stays within `maxPixels` and `Raster.maxSide`. Drawn strip by strip straight into
    /// the gray raster; nil when cairo or Leptonica cannot allocate their pixels.
    static func renderGray(
        _ page: OpaquePointer, region: DocketModel.Box, dpi requested: Double, maxPixels: Int, stripPixels: Int = renderStripPixels
    ) -> Raster? {
        let dpi = fittingResolution(width: region.width, height: region.height, dpi: requested, maxPixels: maxPixels)
        let pixelWidth = max(1, Int((region.width * dpi / 72).rounded(.down)))
        let pixelHeight = max(1, Int((region.height * dpi / 72).rounded(.down)))
        guard let pix = pixCreate(Int32(pixelWidth), Int32(pixelHeight), 8) else { return nil }
        let raster = Raster(owning: pix, dpi: dpi)
        pixSetResolution(pix, Int32(dpi.rounded()), Int32(dpi.rounded()))
        let strips = min(pixelHeight, max(1, (pixelWidth * pixelHeight + stripPixels - 1) / stripPixels))
        let stripHeight = (pixelHeight + strips - 1) / strips
        guard let strip = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pixelWidth), Int32(stripHeight)) else { return nil }
        defer { cairo_surface_destroy(strip) }
        guard cairo_surface_status(strip) == CAIRO_STATUS_SUCCESS else { return nil }
        for top in stride(from: 0, to: pixelHeight, by: stripHeight) {
            guard let context = cairo_create(strip) else { return nil }
            cairo_set_source_rgb(context, 1, 1, 1)
            cairo_paint(context)
            cairo_translate(context, 0, Double(-top))
            cairo_scale(context, dpi / 72, dpi / 72)
            cairo_translate(context, -region.x0, -region.y0)
            poppler_page_render(page, context)
            cairo_destroy(context)
            cairo_surface_flush(strip)
            guard let data = cairo_image_surface_get_data(strip) else { return nil }
            raster.copyGray(fromCairoRGB: data, stride: Int(cairo_image_surface_get_stride(strip)), left: 0, top: top,
                            width: pixelWidth, height: min(stripHeight, pixelHeight - top))
        }
        return raster
    }

    /// `dpi`, lowered as far as a `width` x `height` point region needs to stay within `maxPixels`
    /// and `Raster.maxSide`; never raised.
    static func fittingResolution(width: Double, height: Double, dpi: Double, maxPixels: Int) -> Double {
        var fitting = dpi
        let pixels = (width * dpi / 72) * (height * dpi / 72)
        if pixels > Double(maxPixels) { fitting *= (Double(maxPixels) / pixels).squareRoot() }
        let longestSide = max(width, height, 1)
        return min(fitting, Double(Raster.maxSide) * 72 / longestSide)
    }
}

extension Raster {
    /// Writes 32-bit cairo pixels (0xAARRGGBB in native order, rows `stride` bytes apart) as gray
    /// into this 8-bit raster, with their top-left corner at (`left`, `top`).
    func copyGray(fromCairoRGB data: UnsafePointer<UInt8>, stride: Int, left: Int, top: Int, width: Int, height: Int) {
        let wordsPerLine = Int(pixGetWpl(pix))
        let destination = UnsafeMutableRawPointer(pixGetData(pix)!)
        for y in 0..<height {
            let sourceRow = UnsafeRawPointer(data + y * stride)
            let destinationRow = destination + (top + y) * wordsPerLine * 4
            var x = 0
            while x < width {
                // Most of a page is white paper: four white pixels that fill one of Leptonica's
                // 32-bit words are written as one word.
                if (left + x) & 3 == 0, x + 4 <= width {
                    let first = sourceRow.loadUnaligned(fromByteOffset: x * 4, as: UInt64.self)
                    let second = sourceRow.loadUnaligned(fromByteOffset: x * 4 + 8, as: UInt64.self)
                    if first & second & Self.twoWhitePixels == Self.twoWhitePixels {
                        destinationRow.storeBytes(of: UInt32.max, toByteOffset: left + x, as: UInt32.self)
                        x += 4
                        continue
                    }
                }
                let pixel = sourceRow.load(fromByteOffset: x * 4, as: UInt32.self)
                let red = (pixel >> 16) & 0xFF, green = (pixel >> 8) & 0xFF, blue = pixel & 0xFF
                let gray = pixel & 0xFF_FFFF == 0xFF_FFFF ? 255 : UInt8((red * 299 + green * 587 + blue * 114) / 1000)
                // Leptonica packs 8-bit pixels big-endian within each 32-bit word.
                destinationRow.storeBytes(of: gray, toByteOffset: (left + x) ^ 3, as: UInt8.self)
                x += 1
            }
        }
    }

    /// Two cairo RGB24 pixels, read as one 64-bit number, are white when these bits are all set
    /// (the top byte of each pixel is unused).
    private static let twoWhitePixels: UInt64 = 0x00FF_FFFF_00FF_FFFF
}
