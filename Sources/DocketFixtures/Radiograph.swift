import CPoppler
import CTesseract

extension Fixtures {
    /// A made-up frontal chest radiograph as a gray JPEG: dark lung fields in a lighter thorax, a
    /// brighter heart and spine, and white burned-in markers ("R", "PORTABLE"), as a DICOM image
    /// for tests and samples would carry. No patient's image.
    public static func radiograph(width: Int = 768, height: Int = 896, markers: [String] = ["R", "PORTABLE"], quality: Int32 = 85) -> [UInt8] {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            fatalError("cairo could not create a \(width)x\(height) image surface")
        }
        defer { cairo_surface_destroy(surface) }
        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        let w = Double(width), h = Double(height)

        cairo_set_source_rgb(context, 0.05, 0.05, 0.05)
        cairo_paint(context)
        func ellipse(x: Double, y: Double, rx: Double, ry: Double, level: Double) {
            let gradient = cairo_pattern_create_radial(x, y, 0, x, y, max(rx, ry))!
            cairo_pattern_add_color_stop_rgb(gradient, 0, level, level, level)
            cairo_pattern_add_color_stop_rgb(gradient, 1, level * 0.7, level * 0.7, level * 0.7)
            cairo_save(context)
            cairo_translate(context, x, y)
            cairo_scale(context, rx, ry)
            cairo_arc(context, 0, 0, 1, 0, 2 * Double.pi)
            cairo_restore(context)
            cairo_set_source(context, gradient)
            cairo_fill(context)
            cairo_pattern_destroy(gradient)
        }
        ellipse(x: w / 2, y: h * 0.58, rx: w * 0.42, ry: h * 0.41, level: 0.55)        // thorax
        ellipse(x: w * 0.33, y: h * 0.5, rx: w * 0.14, ry: h * 0.3, level: 0.18)        // right lung
        ellipse(x: w * 0.67, y: h * 0.5, rx: w * 0.14, ry: h * 0.3, level: 0.18)        // left lung
        ellipse(x: w * 0.54, y: h * 0.66, rx: w * 0.13, ry: h * 0.12, level: 0.75)      // heart
        cairo_set_source_rgb(context, 0.8, 0.8, 0.8)
        cairo_rectangle(context, w * 0.485, h * 0.18, w * 0.03, h * 0.78)               // spine
        cairo_fill(context)

        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_select_font_face(context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
        // Markers stand in the dark corner above the thorax, as on a real film.
        cairo_set_font_size(context, h / 26)
        for (index, marker) in markers.enumerated() {
            cairo_move_to(context, w * 0.04, h * 0.06 + Double(index) * h / 18)
            cairo_show_text(context, marker)
        }
        cairo_surface_flush(surface)
        var pix: UnsafeMutablePointer<PIX>? = PageRasterizer.grayPix(of: surface, dpi: 72)
        defer { pixDestroy(&pix) }
        return LeptonicaEncoding.jpeg(pix!, quality: quality)
    }
}
