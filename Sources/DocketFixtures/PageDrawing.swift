import CPoppler

/// Draws a fixture page's lines with cairo's toy text API, in page points.
enum PageDrawing {
    static let fontFamily = "DejaVu Sans"

    /// Draws black text; the caller has set up the transform from points to device units.
    static func drawLines(of page: FixturePage, on context: OpaquePointer) {
        useMachineIndependentFontOptions(on: context)
        cairo_set_source_rgb(context, 0, 0, 0)
        for line in page.lines {
            let weight = line.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL
            cairo_select_font_face(context, fontFamily, CAIRO_FONT_SLANT_NORMAL, weight)
            cairo_set_font_size(context, line.fontSize)
            cairo_move_to(context, line.x, line.y)
            cairo_show_text(context, line.text)
        }
        drawShapes(of: page, on: context)
    }

    private static func drawShapes(of page: FixturePage, on context: OpaquePointer) {
        cairo_set_line_cap(context, CAIRO_LINE_CAP_SQUARE)
        for shape in page.shapes {
            switch shape {
            case let .rule(x0, y0, x1, y1, width):
                cairo_set_line_width(context, width)
                cairo_move_to(context, x0, y0)
                cairo_line_to(context, x1, y1)
                cairo_stroke(context)
            case let .checkbox(x, y, side, ticked):
                cairo_set_line_width(context, 0.9)
                cairo_rectangle(context, x, y, side, side)
                cairo_stroke(context)
                guard ticked else { continue }
                let inset = side * 0.22
                cairo_set_line_width(context, 1.3)
                cairo_move_to(context, x + inset, y + inset)
                cairo_line_to(context, x + side - inset, y + side - inset)
                cairo_move_to(context, x + side - inset, y + inset)
                cairo_line_to(context, x + inset, y + side - inset)
                cairo_stroke(context)
            }
        }
    }

    /// Fontconfig defaults differ between machines (subpixel colour fringes, hinting that moves glyphs);
    /// fixing the options keeps rasters gray and identical wherever they are made.
    private static func useMachineIndependentFontOptions(on context: OpaquePointer) {
        guard let options = cairo_font_options_create() else { return }
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(context, options)
    }
}
