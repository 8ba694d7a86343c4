import CPoppler
import CTesseract
import DocketModel

/// Documents with known text, made the same way on every run, for tests and the Samples folder.
public enum Fixtures {
    /// Born-digital PDF: real text layer drawn with cairo (font "DejaVu Sans"), coordinates in points,
    /// y of the baseline from the top.
    public static func textPDF(_ pages: [FixturePage]) -> [UInt8] {
        PDFDocumentWriter.write(pageSizes: pages.map { ($0.width, $0.height) }) { index, context in
            PageDrawing.drawLines(of: pages[index], on: context)
        }
    }

    /// Image-only "scanned" PDF: each page rasterized at `dpi` then placed as an image filling the page
    /// of a new PDF (no text layer at all).
    public static func scannedPDF(_ pages: [FixturePage], dpi: Double = 200) -> [UInt8] {
        PDFDocumentWriter.write(pageSizes: pages.map { ($0.width, $0.height) }) { index, context in
            let page = pages[index]
            PageRasterizer.withImageSurface(of: page, dpi: dpi) { image in
                let pixelWidth = Double(cairo_image_surface_get_width(image))
                let pixelHeight = Double(cairo_image_surface_get_height(image))
                cairo_scale(context, page.width / pixelWidth, page.height / pixelHeight)
                cairo_set_source_surface(context, image, 0, 0)
                cairo_paint(context)
            }
        }
    }

    /// Image-only PDF of one page scanned upside down: the page rasterized at `dpi`, then drawn
    /// turned by 180 degrees.
    public static func upsideDownScannedPDF(_ page: FixturePage, dpi: Double = 200) -> [UInt8] {
        PDFDocumentWriter.write(pageSizes: [(page.width, page.height)]) { _, context in
            PageRasterizer.withImageSurface(of: page, dpi: dpi) { image in
                let pixelWidth = Double(cairo_image_surface_get_width(image))
                let pixelHeight = Double(cairo_image_surface_get_height(image))
                cairo_translate(context, page.width, page.height)
                cairo_rotate(context, .pi)
                cairo_scale(context, page.width / pixelWidth, page.height / pixelHeight)
                cairo_set_source_surface(context, image, 0, 0)
                cairo_paint(context)
            }
        }
    }

    /// Born-digital PDF page with a picture on it: `page`'s lines as a text layer, and `picture`
    /// rasterized at `dpi` and drawn into `frame` (x, y, width, height in points from the top-left),
    /// so that the picture's text exists only as pixels.
    public static func textPDFWithPicture(_ page: FixturePage, picture: FixturePage,
                                          frame: (x: Double, y: Double, width: Double, height: Double),
                                          dpi: Double = 200) -> [UInt8] {
        PDFDocumentWriter.write(pageSizes: [(page.width, page.height)]) { _, context in
            PageDrawing.drawLines(of: page, on: context)
            PageRasterizer.withImageSurface(of: picture, dpi: dpi) { image in
                cairo_save(context)
                cairo_translate(context, frame.x, frame.y)
                cairo_scale(context, frame.width / Double(cairo_image_surface_get_width(image)),
                            frame.height / Double(cairo_image_surface_get_height(image)))
                cairo_set_source_surface(context, image, 0, 0)
                cairo_paint(context)
                cairo_restore(context)
            }
        }
    }

    /// 8-bit gray PNG of the page as a crooked scan: turned clockwise by `degrees` about its centre.
    public static func skewedPNG(_ page: FixturePage, degrees: Double, dpi: Double = 200) -> [UInt8] {
        withGrayPix(of: page, dpi: dpi) { pix in
            var turned = pixRotate(pix, Float(degrees * .pi / 180), Int32(L_ROTATE_AREA_MAP), Int32(L_BRING_IN_WHITE), 0, 0)
            defer { pixDestroy(&turned) }
            return LeptonicaEncoding.png(turned!)
        }
    }

    /// 8-bit gray PNG of the page scanned sideways or upside down: turned clockwise by
    /// `quarterTurns` times 90 degrees.
    public static func turnedPNG(_ page: FixturePage, clockwiseQuarterTurns quarterTurns: Int, dpi: Double = 200) -> [UInt8] {
        withGrayPix(of: page, dpi: dpi) { pix in
            var turned = pixRotateOrth(pix, Int32(quarterTurns))
            defer { pixDestroy(&turned) }
            return LeptonicaEncoding.png(turned!)
        }
    }

    /// 8-bit gray PNG of the page as a poor scan: gray ink, paper darkening into a shadow towards
    /// the bottom right to under half its brightness, and noise (the same on every run).
    public static func shadowedPNG(_ page: FixturePage, dpi: Double = 200) -> [UInt8] {
        withGrayPix(of: page, dpi: dpi) { pix in
            let width = Int(pixGetWidth(pix)), height = Int(pixGetHeight(pix))
            var noise = SplitMix64(seed: 7)
            for y in 0..<height {
                for x in 0..<width {
                    var value: UInt32 = 0
                    pixGetPixel(pix, Int32(x), Int32(y), &value)
                    let light = 0.95 - 0.5 * (0.6 * Double(x) / Double(width) + 0.4 * Double(y) / Double(height))
                    let ink = 60 + Double(value) / 255 * 195
                    let shaded = ink * light + (Double(noise.next() % 1000) / 1000 - 0.5) * 40
                    pixSetPixel(pix, Int32(x), Int32(y), UInt32(min(255, max(0, shaded))))
                }
            }
            return LeptonicaEncoding.png(pix)
        }
    }

    /// 8-bit gray PNG of the page printed faintly, as on a faded thermal receipt: ink at gray 222
    /// on paper at 240, with noise (the same on every run).
    public static func fadedPNG(_ page: FixturePage, dpi: Double = 200) -> [UInt8] {
        withGrayPix(of: page, dpi: dpi) { pix in
            var noise = SplitMix64(seed: 11)
            mapPixels(of: pix) { value in 222 + Double(value) / 255 * 18 + (Double(noise.next() % 1000) / 1000 - 0.5) * 12 }
            return LeptonicaEncoding.png(pix)
        }
    }

    /// 8-bit gray PNG of the page photographed lying on a dark table: black bands a sixth of the
    /// page wide down both sides and a black corner torn off the top right.
    public static func onDarkTablePNG(_ page: FixturePage, dpi: Double = 200) -> [UInt8] {
        withGrayPix(of: page, dpi: dpi) { pix in
            let width = Int(pixGetWidth(pix)), height = Int(pixGetHeight(pix))
            let band = width / 6, corner = width / 4
            var framed = pixCreate(Int32(width + 2 * band), Int32(height), 8)
            defer { pixDestroy(&framed) }
            pixRasterop(framed, Int32(band), 0, Int32(width), Int32(height), PIX_SRC, pix, 0, 0)
            for y in 0..<height {
                for x in 0..<(width + 2 * band) {
                    let onTable = x < band || x >= band + width || (x >= band + width - corner && y < corner - (band + width - x))
                    if onTable { pixSetPixel(framed, Int32(x), Int32(y), 8 + UInt32(x * 7 + y * 3) % 16) }
                }
            }
            return LeptonicaEncoding.png(framed!)
        }
    }

    /// Sets every pixel of an 8-bit `pix` to `transform` of its value, clamped to 0...255.
    private static func mapPixels(of pix: UnsafeMutablePointer<PIX>, _ transform: (UInt32) -> Double) {
        for y in 0..<Int32(pixGetHeight(pix)) {
            for x in 0..<Int32(pixGetWidth(pix)) {
                var value: UInt32 = 0
                pixGetPixel(pix, x, y, &value)
                pixSetPixel(pix, x, y, UInt32(max(0, min(255, transform(value).rounded()))))
            }
        }
    }

    /// 8-bit gray PNG with its resolution metadata set to `dpi`.
    public static func png(_ page: FixturePage, dpi: Double = 200) -> [UInt8] {
        withGrayPix(of: page, dpi: dpi) { LeptonicaEncoding.png($0) }
    }

    /// 8-bit gray JPEG with its resolution metadata set to `dpi`.
    public static func jpeg(_ page: FixturePage, dpi: Double = 200, quality: Int32 = 90) -> [UInt8] {
        withGrayPix(of: page, dpi: dpi) { LeptonicaEncoding.jpeg($0, quality: quality) }
    }

    /// 8-bit gray TIFF with one directory (page) per fixture page, each at `dpi`.
    public static func multipageTIFF(_ pages: [FixturePage], dpi: Double = 200) -> [UInt8] {
        precondition(!pages.isEmpty, "a TIFF needs at least one page")
        var pixes: [UnsafeMutablePointer<PIX>?] = pages.map { PageRasterizer.grayPix(of: $0, dpi: dpi) }
        defer {
            for index in pixes.indices { pixDestroy(&pixes[index]) }
        }
        return LeptonicaEncoding.multipageTIFF(pixes.compactMap { $0 })
    }

    private static func withGrayPix(of page: FixturePage, dpi: Double,
                                    _ encode: (UnsafeMutablePointer<PIX>) -> [UInt8]) -> [UInt8] {
        var pix: UnsafeMutablePointer<PIX>? = PageRasterizer.grayPix(of: page, dpi: dpi)
        defer { pixDestroy(&pix) }
        return encode(pix!)
    }
}
