import DocketModel
import Foundation
import PostgresNIO

extension PostgresStore {
    public func document(_ id: Int64) throws -> DocumentRecord {
        throw Self.unimplemented(#function)
    }

    public func content(of id: Int64) throws -> (MediaType, [UInt8]) {
        throw Self.unimplemented(#function)
    }

    public func summary(of id: Int64) throws -> DocumentSummary {
        throw Self.unimplemented(#function)
    }

    public func summaries(of filter: DocumentFilter) throws -> [DocumentSummary] {
        throw Self.unimplemented(#function)
    }

    public func readDocument(sha256: String) throws -> Int64? {
        throw Self.unimplemented(#function)
    }

    public func insertReadDocuments(_ documents: [ReadDocument]) throws {
        throw Self.unimplemented(#function)
    }

    public func stage(_ pages: [Page]) throws -> StagedPages {
        throw Self.unimplemented(#function)
    }

    public func discard(_ staged: StagedPages) throws {
        throw Self.unimplemented(#function)
    }

    public func pages(of id: Int64) throws -> [Page] {
        throw Self.unimplemented(#function)
    }

    public func storedPages(of id: Int64) throws -> [Page]? {
        throw Self.unimplemented(#function)
    }

    public func answers(of filter: DocumentFilter, minimumConfidence: Double?) throws -> [AnswerRow] {
        throw Self.unimplemented(#function)
    }

    public func answers(of id: Int64) throws -> [Answer] {
        throw Self.unimplemented(#function)
    }

    public func fields(named name: String?, of filter: DocumentFilter, minimumConfidence: Double?, includeNotFound: Bool) throws -> [FieldRow] {
        throw Self.unimplemented(#function)
    }

    public func search(_ query: String, in filter: DocumentFilter, limit: Int) throws -> [SearchHit] {
        throw Self.unimplemented(#function)
    }

    public func imageMetadata(of id: Int64) throws -> ImageMetadata? {
        throw Self.unimplemented(#function)
    }

    public func study(key: String) throws -> Study? {
        throw Self.unimplemented(#function)
    }

    public func studies() throws -> [Study] {
        throw Self.unimplemented(#function)
    }

    public func storedReport(of id: Int64) throws -> String? {
        throw Self.unimplemented(#function)
    }
}
