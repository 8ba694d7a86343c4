import DocketExtract
import DocketModel
import DocketQueue
import DocketStore
import Foundation

/// The pages of a stored document drawn as images, from the bytes that were submitted. Poppler
/// and Leptonica draw them in a child process (`IsolatedPageRendering`); a page they cannot draw
/// there shows its words in their boxes instead, with a line on stderr saying why.
struct StoredPageImages {
    private let store: Store
    private let storeArgument: String
    private let document: Int64
    private let mediaType: MediaType
    private let password: String?
    /// An encrypted PDF whose password was not given: never opened, since Poppler may crash on some.
    private let isLocked: Bool

    init(store: Store, storeArgument: String, document: Int64, password: String?) throws {
        self.store = store
        self.storeArgument = storeArgument
        self.document = document
        self.password = password
        mediaType = try store.document(document).mediaType
        guard mediaType == .pdf else {
            isLocked = false
            return
        }
        let bytes = try store.content(of: document).1
        let encrypted = MediaType.pdfDeclaresEncryption(bytes)
        isLocked = encrypted && password == nil
        if encrypted, let password, try PDFPasswordProbe.needsPassword(.bytes(bytes), password: password) {
            Output.error("The --password given does not open document \(document), an encrypted PDF. Give its password, or leave --password out to see its words drawn in their boxes.")
            throw DocketExit.inputRefused
        }
    }

    /// Each page as it looks, in the order given; its words drawn in their boxes when it has no
    /// look of its own (text) or cannot be opened or drawn.
    func images(of pages: [Page], width: Int) throws -> [PageImage] {
        guard mediaType != .plainText, !isLocked else { return pages.map { PageImages.words(of: $0, width: width) } }
        let drawn = try IsolatedPageRendering(storeArgument: storeArgument).draw(
            PageRenderRequest(document: document, pages: pages.map(\.number), width: width, password: password))
        let missing = pages.filter { drawn.images[$0.number] == nil }.map(\.number)
        if let trouble = drawn.trouble, !missing.isEmpty {
            let which = missing.count == 1 ? "page \(missing[0])" : "pages " + missing.map(String.init).joined(separator: ", ")
            Output.error("\(which) of document \(document) could not be drawn (\(trouble)); \(missing.count == 1 ? "its" : "their") words are shown instead.")
        }
        return pages.map { drawn.images[$0.number] ?? PageImages.words(of: $0, width: width) }
    }

    /// The boxes of the document's answers and fields on `page`.
    func evidenceBoxes(onPage page: Int) throws -> [Box] {
        let answers = try store.answers(of: document)
        let fields = try store.fields(of: DocumentFilter(document: document)).map(\.field.answer)
        return (answers + fields).compactMap(\.evidence).filter { $0.page == page }.map(\.box)
    }
}
