import DocketModel

/// A DICOM image: its first frame converted by dcmtk and read as an image (burned-in text such as
/// "PORTABLE" or a side marker is read by OCR), with its attributes kept as metadata.
final class DICOMReader: DocumentReader {
    private let file: DICOMFile
    private let image: ImageReader

    init(bytes: [UInt8], limits: ExtractLimits) throws {
        file = try StageTimings.measure(.decodeOrRender) { try DICOMFile(bytes: bytes) }
        guard file.rows * file.columns <= limits.maxPixels else {
            throw ExtractError.imageTooLarge(width: file.columns, height: file.rows, limit: limits.maxPixels)
        }
        image = try ImageReader(bytes: file.png, mediaType: .png, limits: limits)
    }

    var pageCount: Int { image.pageCount }

    func readPage(_ number: Int, ocr: () throws -> OCREngine) throws -> Page {
        try image.readPage(number, ocr: ocr)
    }

    var imageMetadata: ImageMetadata? {
        var metadata = ImageMetadataReader.read(file.png, as: .png)
        metadata?.dicom = file.attributes
        return metadata
    }
}
