import CTesseract
import DocketModel

/// The size, declared resolution and a small preview of an image file (its first page).
public enum ImageMetadataReader {
    public static func read(_ bytes: [UInt8], as mediaType: MediaType) -> ImageMetadata? {
        var decoded = Leptonica.decodedPage(0, of: bytes, as: mediaType)
        defer { pixDestroy(&decoded) }
        guard let decoded else { return nil }
        let width = Int(pixGetWidth(decoded)), height = Int(pixGetHeight(decoded))
        let resolution = Int(pixGetXRes(decoded))
        let factor = min(1, Double(ImageMetadata.previewSize) / Double(max(width, height)))
        var scaled = factor < 1 ? pixScale(decoded, Float(factor), Float(factor)) : pixClone(decoded)
        defer { pixDestroy(&scaled) }
        var preview: [UInt8]?
        if let scaled {
            var data: UnsafeMutablePointer<UInt8>?
            var size = 0
            if pixWriteMem(&data, &size, scaled, Int32(IFF_PNG)) == 0, let data {
                preview = Array(UnsafeBufferPointer(start: data, count: size))
                lept_free(data)
            }
        }
        return ImageMetadata(widthPixels: width, heightPixels: height, resolution: resolution > 0 ? Double(resolution) : nil, preview: preview)
    }
}
