import DocketModel
import Foundation

/// Answers a question that names a row and a column of a table the layout found ("What is the rent
/// for 1987?"): the text of the cell where they meet, with the cell's box as evidence.
public struct TableCellAnswerer: Sendable {
    public init() {}

    /// Nil unless the question names a row label and a column header of one table, each with
    /// words of its own, and no other cell is named as well; then the cell's text, or not found
    /// when the cell is empty (a neighbouring figure would answer a different question).
    public func answer(_ question: String, pages: [Page]) -> Answer? {
        answer(question, pages: pages, recorder: nil)
    }

    func answer(_ question: String, pages: [Page], recorder: ExplanationRecorder?) -> Answer? {
        func declined(_ reason: String) -> Answer? {
            recorder?.report(.tableCell, detail: reason)
            return nil
        }
        // "What is the total amount on this receipt?" asks for the receipt's total, not for the
        // cell of a tax summary whose row is "Total" and whose column is "Amount".
        guard ReceiptField(question: question) == nil else { return declined("asks for a field every receipt has") }
        let asked = Set(TableHeaders.words(of: question))
        guard asked.count >= 2 else { return declined("names too few words to name a row and a column") }
        let tableCount = pages.reduce(0) { $0 + ($1.layout?.tables.count ?? 0) }
        guard tableCount > 0 else { return declined("the layout found no table") }
        var candidates: [(page: Page, cell: TableCell, row: TableHeaders.Header, column: TableHeaders.Header)] = []
        for page in pages {
            for table in page.layout?.tables ?? [] {
                let headers = TableHeaders(table)
                for row in headers.rowsNamed(by: asked) {
                    for column in headers.columnsNamed(by: asked) where row.words.isDisjoint(with: column.words) {
                        guard let cell = table.cell(row: row.index, column: column.index) else { continue }
                        candidates.append((page, cell, row, column))
                    }
                }
            }
        }
        func namedWords(_ candidate: (page: Page, cell: TableCell, row: TableHeaders.Header, column: TableHeaders.Header)) -> Int {
            candidate.row.words.count + candidate.column.words.count
        }
        guard let best = candidates.max(by: { namedWords($0) < namedWords($1) }) else {
            return declined("names no row and column of the \(tableCount == 1 ? "table" : "\(tableCount) tables") found")
        }
        // Two cells named as fully as each other: the question does not say which it means.
        let equallyNamed = candidates.filter { namedWords($0) == namedWords(best) }.count
        guard equallyNamed == 1 else { return declined("names \(equallyNamed) cells equally well") }
        let text = best.cell.text.trimmingCharacters(in: .whitespaces)
        let row = best.cell.row + 1, column = best.cell.column + 1
        let naming = "row '\(best.row.text)', column '\(best.column.text)'"
        guard !text.isEmpty else {
            recorder?.report(.tableCell, detail: "the cell at row \(row), column \(column) is empty")
            return .notFound(question)
        }
        let words = best.cell.wordIndices.compactMap { best.page.words[safe: $0] }
        let readConfidence = words.isEmpty ? 1 : words.map(\.confidence).reduce(0, +) / Double(words.count) / 100
        let evidence = Evidence(page: best.page.number, box: best.cell.box, wordIndices: best.cell.wordIndices)
        recorder?.report(.tableCell, candidates: [AnswerExplanation.Candidate(text: text, context: naming,
                                                                             score: nil, evidence: evidence)],
                         detail: "the cell at row \(row), column \(column), where the row and the column the question names meet")
        return Answer(question: question, text: text, confidence: 0.9 * readConfidence, evidence: evidence)
    }

    /// What a cell's text should be normalized to: the kind the question asks for, or, when it
    /// asks for text, an amount or a number when the cell holds a figure ("$1,234", "(15.00)").
    static func expectedValue(of cellText: String, asked: QuestionAnalysis.ExpectedType) -> QuestionAnalysis.ExpectedType {
        guard asked == .text, TableHeaders.isFigure(cellText) else { return asked }
        let namesACurrency = cellText.contains(where: TableHeaders.currencySigns.contains) || AmountNormalizer.currency(in: cellText) != nil
        return namesACurrency ? .amount : .number
    }
}
