import CPoppler
import CTesseract

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
