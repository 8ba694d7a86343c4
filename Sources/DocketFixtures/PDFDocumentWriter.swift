import CPoppler

/// Writes a multi-page PDF with cairo into memory.
enum PDFDocumentWriter {
    /// Fixed so that the same pages always give the same bytes.
    static let creationDate = "2026-01-01T00:00:00Z"

    /// Calls `drawPage` once per page with a context whose units are points, origin at the top left.
    static func write(pageSizes: [(width: Double, height: Double)],
                      drawPage: (_ index: Int, _ context: OpaquePointer) -> Void) -> [UInt8] {
        precondition(!pageSizes.isEmpty, "a PDF needs at least one page")
        let sink = ByteSink()
        withExtendedLifetime(sink) {
            let first = pageSizes[0]
            guard let surface = cairo_pdf_surface_create_for_stream(
                { closure, data, length in
                    guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
                    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
                    if let data { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length))) }
                    return CAIRO_STATUS_SUCCESS
                },
                Unmanaged.passUnretained(sink).toOpaque(), first.width, first.height)
            else { fatalError("cairo could not create a PDF surface") }
            defer { cairo_surface_destroy(surface) }
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, creationDate)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Docket fixtures")

            guard let context = cairo_create(surface) else { fatalError("cairo could not create a context") }
            defer { cairo_destroy(context) }
            for (index, size) in pageSizes.enumerated() {
                cairo_pdf_surface_set_size(surface, size.width, size.height)
                cairo_save(context)
                drawPage(index, context)
                cairo_restore(context)
                cairo_show_page(context)
            }
            cairo_surface_finish(surface)
            let status = cairo_surface_status(surface)
            precondition(status == CAIRO_STATUS_SUCCESS, "cairo PDF failed: \(String(cString: cairo_status_to_string(status)))")
        }
        return sink.bytes
    }
}

/// Collects what cairo's write callback hands over; only touched on the thread that drives the surface.
private final class ByteSink {
    var bytes: [UInt8] = []
}
