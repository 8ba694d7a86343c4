import DocketModel
import Foundation
import PostgresNIO

extension PostgresStore {
    /// Pages whose text matches `query`, best first. The query is Docket's search syntax (words,
    /// all of which must occur; "a phrase"; prefix*; OR; NOT), translated to a tsquery in the
    /// `docket_search` configuration. `SearchHit.rank` is the negated ts_rank: lower is better.
    public func search(_ query: String, in filter: DocumentFilter, limit: Int) throws -> [SearchHit] {
        let terms = Self.searchTerms(query)
        guard !terms.isEmpty else { throw StoreError.emptySearch }
        var statement = PostgresStatement()
        let match = Self.tsquery(terms, statement: &statement)
        let options = "StartSel=\"\(SearchHit.matchStart)\", StopSel=\"\(SearchHit.matchEnd)\", MaxWords=16, MinWords=8, "
            + "ShortWord=0, MaxFragments=1, FragmentDelimiter=\"…\""
        let optionsPlaceholder = statement.bind(options)
        let limitPlaceholder = statement.bind(limit)
        let conditions = filter.conditions(on: "d", bindingTo: &statement)
        statement.sql = """
            WITH q AS (SELECT \(match) AS query)
            SELECT m.document_id, m.original_name, m.document_type, m.number,
                   ts_headline('docket_search', p.text, q.query, \(optionsPlaceholder)), m.rank
            FROM (
                SELECT p.id, p.document_id, d.original_name, d.document_type, p.number, -ts_rank(p.search_vector, q.query)::float8 AS rank
                FROM q, pages p JOIN documents d ON d.id = p.document_id
                WHERE p.search_vector @@ q.query\(conditions)
                ORDER BY rank, p.document_id, p.number
                LIMIT \(limitPlaceholder)
            ) m JOIN pages p ON p.id = m.id, q
            ORDER BY m.rank, m.document_id, m.number
            """
        return try pool.withConnection { connection in
            try connection.run(statement.query).map { row in
                let (document, name, type, page, snippet, rank) = try row.decode((Int64, String, String?, Int, String, Double).self)
                return SearchHit(documentID: document, documentName: name, documentType: type.flatMap(DocumentType.init(rawValue:)),
                                 page: page, snippet: snippet, rank: rank)
            }
        }
    }

    enum SearchTerm: Equatable {
        /// Words that must occur in this order; one word is a phrase of one.
        case phrase(String)
        /// A word that begins with this.
        case prefix(String)
        case and, or, not
    }

    /// The query's terms: quoted phrases, operators and prefix words kept, every other word
    /// searched as written (punctuation inside it, as in S/B or 03-2161, is not syntax). As on
    /// SQLite, a query that starts or ends with an operator drops it.
    static func searchTerms(_ query: String) -> [SearchTerm] {
        var terms: [SearchTerm] = []
        var rest = Substring(query)
        while let start = rest.firstIndex(where: { !$0.isWhitespace }) {
            rest = rest[start...]
            if rest.first == "\"" {
                let afterQuote = rest.index(after: rest.startIndex)
                let end = rest[afterQuote...].firstIndex(of: "\"") ?? rest.endIndex
                let phrase = String(rest[afterQuote..<end])
                if !phrase.trimmingCharacters(in: .whitespaces).isEmpty { terms.append(.phrase(phrase)) }
                rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
                continue
            }
            let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
            let word = String(rest[..<end])
            rest = rest[end...]
            switch word {
            case "AND": terms.append(.and)
            case "OR": terms.append(.or)
            case "NOT": terms.append(.not)
            default:
                if word.hasSuffix("*"), word.count > 1, word.dropLast().allSatisfy({ $0.isLetter || $0.isNumber }) {
                    terms.append(.prefix(String(word.dropLast())))
                } else {
                    let stripped = word.replacingOccurrences(of: "\"", with: "")
                    if !stripped.isEmpty { terms.append(.phrase(stripped)) }
                }
            }
        }
        let operators: [SearchTerm] = [.and, .or, .not]
        while let first = terms.first, operators.contains(first) { terms.removeFirst() }
        while let last = terms.last, operators.contains(last) { terms.removeLast() }
        return terms
    }

    /// The terms as a tsquery expression with FTS5's precedence: NOT (a NOT b: a and not b) binds
    /// tighter than AND (also two terms side by side), which binds tighter than OR.
    static func tsquery(_ terms: [SearchTerm], statement: inout PostgresStatement) -> String {
        var alternatives: [String] = []
        var conjuncts: [String] = []
        var negateNext = false
        func finishAlternative() {
            if !conjuncts.isEmpty { alternatives.append("(" + conjuncts.joined(separator: " && ") + ")") }
            conjuncts = []
            negateNext = false
        }
        for term in terms {
            switch term {
            case .or: finishAlternative()
            case .and: break
            case .not: negateNext = true
            case .phrase(let text):
                let expression = "phraseto_tsquery('docket_search', \(statement.bind(text)))"
                conjuncts.append(negateNext ? "!!" + expression : expression)
                negateNext = false
            case .prefix(let word):
                // The word is letters and digits only, so it cannot carry tsquery syntax.
                let expression = "to_tsquery('docket_search', \(statement.bind(word + ":*")))"
                conjuncts.append(negateNext ? "!!" + expression : expression)
                negateNext = false
            }
        }
        finishAlternative()
        return alternatives.isEmpty ? "''::tsquery" : "(" + alternatives.joined(separator: " || ") + ")"
    }
}
