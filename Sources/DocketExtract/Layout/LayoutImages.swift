import CPoppler
import CTesseract
import DocketLayout
import DocketModel

/// The pixels layout analysis reads for each page of a document, made apart from reading the
/// words, so that `docket bench layout` can time the analysis on its own.
public enum LayoutImages {
    /// One image per page of `pages` (as read from `bytes`): a text-layer PDF page rendered at the
    /// layout resolution, a page read by OCR at the resolution the readers hand to the analysis,
    /// nothing for plain text.
    public static func of(_ bytes: [UInt8], as mediaType: MediaType, pages: [Page],
                          limits: ExtractLimits = ExtractLimits()) -> [GrayImage?] {
        switch mediaType {
        case .plainText:
            return pages.map { _ in nil }
        case .dicom:
            guard let file = try? DICOMFile(bytes: bytes) else { return pages.map { _ in nil } }
            return of(file.png, as: .png, pages: pages, limits: limits)
        case .png, .jpeg:
            return pages.indices.map { index in index == 0 ? grayImage(Leptonica.decodedImage(bytes)) : nil }
        case .tiff:
            let offsets = TIFFDirectories(bytes)?.prefix(pages.count).map(\.offset) ?? []
            return pages.indices.map { index in
                index < offsets.count ? grayImage(Leptonica.decodedTIFFDirectory(at: offsets[index], of: bytes)) : nil
            }
        case .pdf:
            let data = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
            defer { g_bytes_unref(data) }
            guard let document = poppler_document_new_from_bytes(data, nil, nil) else { return pages.map { _ in nil } }
            defer { g_object_unref(UnsafeMutableRawPointer(document)) }
            return pages.map { page in
                guard let popplerPage = poppler_document_get_page(document, Int32(page.number - 1)) else { return nil }
                defer { g_object_unref(UnsafeMutableRawPointer(popplerPage)) }
                // OCR renders at the OCR resolution, which `grayImage()` shrinks to at most 1.5 x the layout one.
                let dpi = page.source == .textLayer ? layoutDPI : 1.5 * layoutDPI
                return PDFReader.layoutImage(of: popplerPage, width: page.width, height: page.height,
                                             maxPixels: limits.maxPixels, dpi: dpi)
            }
        }
    }

    /// One decoded page, taken over, as layout analysis reads it.
    private static func grayImage(_ decoded: UnsafeMutablePointer<PIX>?) -> GrayImage? {
        decoded.flatMap { Raster(owning: $0, dpi: ImageReader.resolution(of: $0)).grayscale()?.grayImage() }
    }
}
