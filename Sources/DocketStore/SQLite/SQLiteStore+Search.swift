import DocketModel
import Foundation
import GRDB

extension SQLiteStore {
    /// Pages whose text matches `query`, best first. The query is FTS5's: words (all must occur),
    /// "a phrase", prefix*, OR, NOT, NEAR(a b); a word with punctuation in it (S/B, 03-2161) is
    /// searched as written.
    public func search(_ query: String, in filter: DocumentFilter, limit: Int) throws -> [SearchHit] {
        let match = Self.ftsQuery(query)
        guard !match.isEmpty else { throw StoreError.emptySearch }
        let documents = filter.conditions(on: "d")
        let sql = """
            SELECT p.document_id, d.original_name, d.document_type, p.number,
                   snippet(page_search, 0, '\(SearchHit.matchStart)', '\(SearchHit.matchEnd)', '…', 16) AS snippet,
                   bm25(page_search) AS rank
            FROM page_search JOIN pages p ON p.id = page_search.rowid JOIN documents d ON d.id = p.document_id
            WHERE page_search MATCH ?\(documents.sql)
            ORDER BY rank LIMIT ?
            """
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: sql, arguments: [match] + documents.arguments + [limit]).map { row in
                    SearchHit(
                        documentID: row["document_id"], documentName: row["original_name"],
                        documentType: (row["document_type"] as String?).flatMap(DocumentType.init(rawValue:)),
                        page: row["number"], snippet: row["snippet"], rank: row["rank"])
                }
            }
        } catch let error as DatabaseError where error.message?.contains("fts5") == true || error.message?.contains("syntax") == true {
            throw StoreError.badSearch(query: query, reason: error.message ?? "\(error)")
        }
    }

    /// The user's query as FTS5 syntax: quoted phrases, operators and prefix words kept; every
    /// other word quoted, so that punctuation inside it is not read as syntax.
    static func ftsQuery(_ query: String) -> String {
        var parts: [String] = []
        var rest = Substring(query)
        while let start = rest.firstIndex(where: { !$0.isWhitespace }) {
            rest = rest[start...]
            if rest.first == "\"" {
                let afterQuote = rest.index(after: rest.startIndex)
                let end = rest[afterQuote...].firstIndex(of: "\"") ?? rest.endIndex
                let phrase = rest[afterQuote..<end].replacingOccurrences(of: "\"", with: "")
                if !phrase.trimmingCharacters(in: .whitespaces).isEmpty { parts.append("\"\(phrase)\"") }
                rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
                continue
            }
            let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
            let word = String(rest[..<end])
            rest = rest[end...]
            if ["AND", "OR", "NOT"].contains(word) {
                parts.append(word)
            } else if word.hasSuffix("*"), word.dropLast().allSatisfy({ $0.isLetter || $0.isNumber }), word.count > 1 {
                parts.append(word)
            } else {
                let stripped = word.replacingOccurrences(of: "\"", with: "")
                if !stripped.isEmpty { parts.append("\"\(stripped)\"") }
            }
        }
        // A query that starts or ends with an operator is a typo, not a request.
        while let first = parts.first, ["AND", "OR", "NOT"].contains(first) { parts.removeFirst() }
        while let last = parts.last, ["AND", "OR", "NOT"].contains(last) { parts.removeLast() }
        return parts.joined(separator: " ")
    }
}
