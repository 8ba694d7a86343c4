import DocketExtract
import DocketModel
import DocketStore
import Foundation

/// The pages of a stored document drawn as images, from the bytes that were submitted.
struct StoredPageImages {
    private let store: Store
    private let document: Int64
    private let mediaType: MediaType
    private let bytes: [UInt8]
    private let password: String?

    init(store: Store, document: Int64, password: String?) throws {
        self.store = store
        self.document = document
        (mediaType, bytes) = try store.content(of: document)
        self.password = password
    }

    /// The page as it looks; its words drawn in their boxes when it has no look of its own (text)
    /// or cannot be opened (an encrypted PDF without its password is never opened: Poppler may
    /// crash on some of them).
    func image(of page: Page, width: Int) throws -> PageImage {
        if mediaType == .pdf, password == nil, MediaType.pdfDeclaresEncryption(bytes) {
            return PageImages.words(of: page, width: width)
        }
        return try PageImages.render(bytes, as: mediaType, page: page, password: password, width: width)
    }

    /// The boxes of the document's answers and fields on `page`.
    func evidenceBoxes(onPage page: Int) throws -> [Box] {
        let answers = try store.answers(of: document)
        let fields = try store.fields(of: DocumentFilter(document: document)).map(\.field.answer)
        return (answers + fields).compactMap(\.evidence).filter { $0.page == page }.map(\.box)
    }
}
