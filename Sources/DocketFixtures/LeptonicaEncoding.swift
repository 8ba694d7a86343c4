import CTesseract

/// Encodes Leptonica images with its in-memory writers and copies the result into Swift arrays.
enum LeptonicaEncoding {
    static func png(_ pix: UnsafeMutablePointer<PIX>) -> [UInt8] {
        encoded("PNG") { data, size in pixWriteMemPng(&data, &size, pix, 0) }
    }

    static func jpeg(_ pix: UnsafeMutablePointer<PIX>, quality: Int32) -> [UInt8] {
        encoded("JPEG") { data, size in pixWriteMemJpeg(&data, &size, pix, quality, 0) }
    }

    /// One TIFF directory (page) per image, in order.
    static func multipageTIFF(_ pixes: [UnsafeMutablePointer<PIX>]) -> [UInt8] {
        guard let pixa = pixaCreate(Int32(pixes.count)) else { fatalError("Leptonica could not create a PIXA") }
        var ownedPixa: UnsafeMutablePointer<PIXA>? = pixa
        defer { pixaDestroy(&ownedPixa) }
        for pix in pixes {
            var clone: UnsafeMutablePointer<PIX>? = pixClone(pix)
            // L_INSERT hands the clone over to the PIXA, which destroys it.
            guard pixaAddPix(pixa, clone, Int32(L_INSERT)) == 0 else {
                pixDestroy(&clone)
                fatalError("Leptonica could not add a page to the PIXA")
            }
        }
        return encoded("multi-page TIFF") { data, size in pixaWriteMemMultipageTiff(&data, &size, pixa) }
    }

    private static func encoded(_ format: String,
                                _ write: (inout UnsafeMutablePointer<UInt8>?, inout Int) -> l_ok) -> [UInt8] {
        var data: UnsafeMutablePointer<UInt8>?
        var size = 0
        let status = write(&data, &size)
        defer { lept_free(data) }
        guard status == 0, let data, size > 0 else { fatalError("Leptonica could not write \(format)") }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}
