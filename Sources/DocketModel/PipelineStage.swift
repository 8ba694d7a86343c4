/// The stages of reading a document, in the order `docket bench pipeline` lists them.
public enum PipelineStage: String, CaseIterable, Sendable {
    /// A PDF page rendered by Poppler for OCR, an image file's page decoded, a DICOM file converted.
    case decodeOrRender = "decode_or_render"
    /// The words of a PDF page's own text layer.
    case textLayer = "text_layer"
    /// The page image made ready for Tesseract: inverted, scaled, straightened, binarized.
    case prepare
    /// Tesseract's first reading of the prepared page.
    case firstReading = "first_reading"
    /// A form's or receipt's second reading, larger (and its own preparation).
    case secondReading = "second_reading"
    /// The search for sparse words a scattered page's readings passed over.
    case sparseSearch = "sparse_search"
    /// The least certain lines read again from larger crops.
    case lineRereads = "line_rereads"
    /// Tesseract's orientation detection, run on a page that read poorly.
    case orientation
    /// OCR of the pictures on a text-layer PDF page, every pass inside it included.
    case figureOCR = "figure_ocr"
    /// Layout analysis, with the pixels made for it.
    case layout
    /// The job's questions answered.
    case answers
    /// The document's type and standard fields.
    case fields
    /// The report, as JSON, when the job asks for one.
    case report
    /// Pages, answers and fields written with the job's completion.
    case store
    /// Whatever the stages above leave of the time: never measured, the remainder of a run.
    case other

    /// The name a table shows: "first reading".
    public var title: String {
        switch self {
        case .decodeOrRender: "decode or render"
        case .textLayer: "text layer"
        case .firstReading: "first reading"
        case .secondReading: "second reading"
        case .sparseSearch: "sparse search"
        case .lineRereads: "line re-reads"
        case .figureOCR: "figure OCR"
        case .prepare, .orientation, .layout, .answers, .fields, .report, .store, .other: rawValue
        }
    }
}
