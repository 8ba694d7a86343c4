import DocketExtract
import DocketFixtures
import DocketModel
import Foundation
import Testing
@testable import DocketAnswer

/// The statement of expenses drawn with cairo and read by the real extraction: Poppler's text
/// layer, or Tesseract on the page rendered to a scan.
private func readStatement(_ input: String, rules: TableFixtures.Rules) throws -> Page {
    let page = TableFixtures.statement(rules: rules)
    let bytes = input == "scanned PDF" ? Fixtures.scannedPDF([page]) : Fixtures.textPDF([page])
    var engine: OCREngine?
    return try openDocument(bytes, as: .pdf).readPage(1) {
        if let engine { return engine }
        let created = try OCREngine()
        engine = created
        return created
    }
}

private let inputs = ["text-layer PDF", "scanned PDF"]

@Suite struct TableCellAnswererTests {
    /// Three ways of naming a row and a year, used in turn so that every cell is asked one of them.
    static func question(row label: String, year: String, phrasing: Int) -> String {
        switch phrasing % 3 {
        case 0: "What is the \(label.lowercased()) for \(year)?"
        case 1: "\(label) in \(year)"
        default: "What was the \(label.lowercased()) in \(year)?"
        }
    }

    @Test(arguments: inputs, TableFixtures.Rules.allCases)
    func everyCellIsAnsweredFromItsRowAndYearNotTheNeighbouringYear(input: String, rules: TableFixtures.Rules) throws {
        let page = try readStatement(input, rules: rules)
        let table = try #require(page.layout?.tables.first)
        #expect(table.ruled == (rules != .none))
        for (row, expected) in TableFixtures.statementRows.enumerated() {
            for (year, figure) in expected.figures.enumerated() {
                let question = Self.question(row: expected.label, year: TableFixtures.years[year], phrasing: row + year)
                let answer = DocumentAnswerer().answer(question, pages: [page])
                #expect(answer.text == figure, "\(input), \(rules): \(question)")
                let evidence = try #require(answer.evidence, "\(question)")
                #expect(evidence.page == 1)
                // The cell of the statement's row (under the header) and the year's column (after the labels).
                #expect(evidence.box == table.cell(row: row + 1, column: year + 1)?.box, "\(question)")
                let printed = TableFixtures.pointOnFigure(row: row, year: year)
                #expect(evidence.box.contains(x: printed.x, y: printed.y), "\(question): \(evidence.box)")
                #expect(evidence.wordIndices.allSatisfy { evidence.box.contains(center: page.words[$0].box) })
                #expect(evidence.wordIndices.map { page.words[$0].text }.joined() == figure)
                #expect(answer.confidence >= 0.8)
            }
        }
    }

    @Test(arguments: inputs)
    func aFigureWithACurrencySignHasItsAmountAsValue(input: String) throws {
        let page = try readStatement(input, rules: .none)
        let rent = DocumentAnswerer().answer("What is the rent for 1986?", pages: [page])
        #expect(rent.text == "$1,350")
        #expect(rent.value?.kind == .amount && rent.value?.text == "1350")
        let total = DocumentAnswerer().answer("What was the total for 1987?", pages: [page])
        #expect(total.text == "$15,961")
        #expect(total.value?.kind == .amount && total.value?.text == "15961")
    }

    @Test(arguments: inputs)
    func aQuestionNamingOnlyARowOrOnlyAYearIsLeftToTheOtherAnswerers(input: String) throws {
        for rules in [TableFixtures.Rules.grid, .none] {
            let page = try readStatement(input, rules: rules)
            for question in ["What is the rent?", "Salaries", "What was the total?", "What was spent in 1986?", "1987",
                             "What is the date?", "Statement of expenses"] {
                #expect(TableCellAnswerer().answer(question, pages: [page]) == nil, "\(input), \(rules): \(question)")
            }
        }
    }
}

/// Tables built in code, for the cases the drawn statement does not hold.
@Suite struct TableCellChoiceTests {
    /// A page whose layout holds `tables`, each given row by row as its cells' texts.
    static func page(_ tables: [[[String]]]) -> Page {
        let layoutTables = tables.enumerated().map { number, rows in
            let top = Double(number) * 300
            var cells: [TableCell] = []
            for (row, texts) in rows.enumerated() {
                for (column, text) in texts.enumerated() {
                    let box = Box(x0: Double(column) * 100, y0: top + Double(row) * 20, x1: Double(column + 1) * 100, y1: top + Double(row + 1) * 20)
                    cells.append(TableCell(row: row, column: column, box: box, wordIndices: [], text: text))
                }
            }
            return LayoutTable(box: Box.enclosing(cells.map(\.box))!, rowCount: rows.count, columnCount: rows[0].count, ruled: false, cells: cells)
        }
        return Page(number: 1, width: 612, height: 792, source: .textLayer, words: [], lines: [], layout: PageLayout(tables: layoutTables))
    }

    @Test func aHeaderSetOnTwoLinesIsNamedByWhatTellsItFromItsNeighbours() throws {
        let page = Self.page([[
            ["", "Year ended", "Year ended"],
            ["", "2005", "2006"],
            ["Net sales", "4,210", "4,388"],
            ["Cost of goods sold", "2,950", "3,020"],
        ]])
        #expect(TableCellAnswerer().answer("What were net sales in 2006?", pages: [page])?.text == "4,388")
        #expect(TableCellAnswerer().answer("Cost of goods sold, year ended 2005", pages: [page])?.text == "2,950")
    }

    @Test func theExplanationNamesTheRowAndColumnTheQuestionNamed() throws {
        let page = Self.page([[
            ["", "Year ended", "Year ended"],
            ["", "2005", "2006"],
            ["Net sales", "4,210", "4,388"],
        ]])
        let explanation = DocumentAnswerer().explain("What were net sales in 2006?", pages: [page])
        #expect(explanation.answer.text == "4,388" && explanation.answer.answeredBy == .tableCell)
        #expect(explanation.candidates.first?.context == "row 'Net sales', column 'Year ended 2006'")
        #expect(explanation.candidates.first?.evidence == explanation.answer.evidence)
        let declined = DocumentAnswerer().explain("What were net sales?", pages: [page])
        let tableAttempt = try #require(declined.attempts.first { $0.answerer == .tableCell })
        #expect(tableAttempt.outcome == .declined)
        #expect(tableAttempt.detail == "names no row and column of the table found")
    }

    @Test func yearsDownTheSideAndItemsAcrossTheTopAreReadTheSameWay() throws {
        let page = Self.page([[
            ["Year", "Rent", "Salaries"],
            ["1985", "900", "12,000"],
            ["1986", "950", "12,600"],
        ]])
        #expect(TableCellAnswerer().answer("What is the rent for 1986?", pages: [page])?.text == "950")
        #expect(TableCellAnswerer().answer("Salaries in 1985", pages: [page])?.text == "12,000")
    }

    @Test func aRowNamedLikeAColumnIsToldApartByTheOtherWordsOfTheQuestion() throws {
        let page = Self.page([[
            ["Item", "1986", "Total"],
            ["Rent", "950", "1,850"],
            ["Total", "13,100", "25,900"],
        ]])
        #expect(TableCellAnswerer().answer("What was the total for 1986?", pages: [page])?.text == "13,100")
        #expect(TableCellAnswerer().answer("Total rent", pages: [page])?.text == "1,850")
    }

    @Test func theLongerNamedRowWins() throws {
        let page = Self.page([[
            ["", "1986", "1987"],
            ["Rent", "950", "990"],
            ["Rent deposit", "300", "310"],
        ]])
        #expect(TableCellAnswerer().answer("What was the rent deposit in 1987?", pages: [page])?.text == "310")
        #expect(TableCellAnswerer().answer("What was the rent in 1987?", pages: [page])?.text == "990")
    }

    @Test func aLineOfUnitsUnderTheHeaderIsPartOfTheHeaderNotARow() {
        let page = Self.page([[
            ["Tar", "Nicotine", "Tar", "Nicotine"],
            ["(Mg/Cigt)", "(Mg/Cigt)", "(Mg/Cigt)", "(Mg/Cigt)"],
            ["3", "0.3", "2", "0.2"],
        ]])
        #expect(TableCellAnswerer().answer("Tar (Mg /Cigt)", pages: [page]) == nil)
    }

    @Test func theTotalOfAReceiptIsNotTheTotalRowOfItsTaxSummary() {
        let page = Self.page([[["GST Summary", "Amount", "Tax"], ["SR @ 6%", "8.45", "0.51"], ["Total", "8.45", "0.51"]]])
        #expect(TableCellAnswerer().answer("What is the total amount on this receipt?", pages: [page]) == nil)
        #expect(TableCellAnswerer().answer("What is the total tax?", pages: [page])?.text == "0.51")
    }

    @Test func twoTablesWithTheSameHeadersLeaveTheQuestionToTheOtherAnswerers() {
        let table = [["", "1986", "1987"], ["Rent", "950", "990"], ["Total", "1,200", "1,300"]]
        #expect(TableCellAnswerer().answer("Rent in 1987", pages: [Self.page([table, table])]) == nil)
    }

    @Test func anEmptyCellIsNotFoundRatherThanANeighbour() throws {
        let page = Self.page([[["", "1986", "1987"], ["Rent", "950", ""], ["Total", "1,200", "1,300"]]])
        let answer = try #require(TableCellAnswerer().answer("Rent in 1987", pages: [page]))
        #expect(!answer.isFound)
    }

    @Test func aPageReadBeforeLayoutsHasNoTables() {
        var page = Self.page([[["", "1986", "1987"], ["Rent", "950", "990"], ["Total", "1,200", "1,300"]]])
        page.layout = nil
        #expect(TableCellAnswerer().answer("Rent in 1987", pages: [page]) == nil)
    }

    @Test(arguments: [("$1,234", QuestionAnalysis.ExpectedType.amount), ("(15.00)", .number), ("12%", .number), ("oral", .text), ("1984-07-02", .text)])
    func aFigureInACellIsNormalizedAsANumberEvenWhenTheQuestionAsksForText(cell: String, expected: QuestionAnalysis.ExpectedType) {
        #expect(TableCellAnswerer.expectedValue(of: cell, asked: .text) == expected)
        #expect(TableCellAnswerer.expectedValue(of: cell, asked: .date) == .date)
    }
}
