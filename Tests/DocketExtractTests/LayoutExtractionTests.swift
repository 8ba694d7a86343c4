import DocketExtract
import DocketFixtures
import DocketModel
import Foundation
import Testing

/// How much of a layout fixture's known layout a read page recovers.
struct LayoutScore {
    /// Expected checkboxes found, by label, with the right state.
    var checkboxesRight = 0
    var checkboxesExpected = 0
    /// Expected table cells whose text was read into the right row and column.
    var cellsRight = 0
    var cellsExpected = 0

    init(_ page: Page) {
        let layout = page.layout ?? PageLayout()
        for expected in LayoutFixtures.formCheckboxes {
            checkboxesExpected += 1
            let found = layout.checkboxes.first { Self.normalized($0.labelText) == Self.normalized(expected.label) }
            if found?.isChecked == expected.ticked { checkboxesRight += 1 }
        }
        let table = layout.tables.first { $0.ruled }
        for (row, cells) in LayoutFixtures.formTable.enumerated() {
            for (column, text) in cells.enumerated() {
                cellsExpected += 1
                if let table, Self.normalized(table.cell(row: row, column: column)?.text ?? "") == Self.normalized(text) { cellsRight += 1 }
            }
        }
    }

    static func normalized(_ text: String) -> String {
        text.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    var summary: String { "checkboxes \(checkboxesRight)/\(checkboxesExpected), table cells \(cellsRight)/\(cellsExpected)" }
}

@Suite struct LayoutExtractionTests {
    @Test func aBornDigitalFormGivesItsCheckboxesTableAndLabelledValues() throws {
        let page = try #require(try readAll(openDocument(Fixtures.textPDF([LayoutFixtures.form]), as: .pdf)).first)
        let score = LayoutScore(page)
        print("layout of the text-layer form: \(score.summary)")
        #expect(score.checkboxesRight == score.checkboxesExpected)
        #expect(score.cellsRight == score.cellsExpected)
        let layout = try #require(page.layout)
        let table = try #require(layout.tables.first)
        #expect(table.rowCount == 4 && table.columnCount == 4 && table.ruled)
        let values = Dictionary(layout.keyValues.map { ($0.keyText, $0.valueText) }, uniquingKeysWith: { first, _ in first })
        for (label, value) in LayoutFixtures.formValues { #expect(values[label] == value, "\(label)") }
        #expect(layout.keyValues.first { $0.keyText == "Address:" }?.relation == .below)
        #expect(layout.blocks.first?.kind == .heading)
        #expect(layout.blocks.contains { $0.kind == .table })
    }

    @Test(arguments: ["scanned PDF", "PNG"])
    func aScannedFormGivesTheSameCheckboxStatesAndTable(input: String) throws {
        let bytes = input == "PNG" ? Fixtures.png(LayoutFixtures.form) : Fixtures.scannedPDF([LayoutFixtures.form])
        let page = try #require(try readAll(openDocument(bytes, as: input == "PNG" ? .png : .pdf)).first)
        let score = LayoutScore(page)
        print("layout of the \(input) form: \(score.summary)")
        #expect(score.checkboxesRight == score.checkboxesExpected)
        #expect(Double(score.cellsRight) >= 0.9 * Double(score.cellsExpected))
    }

    @Test(arguments: [("PNG", 100.0), ("PNG", 300.0), ("JPEG", 150.0), ("JPEG", 100.0)])
    func checkboxStatesHoldAcrossResolutionsAndCompression(format: String, dpi: Double) throws {
        let bytes = format == "PNG" ? Fixtures.png(LayoutFixtures.form, dpi: dpi) : Fixtures.jpeg(LayoutFixtures.form, dpi: dpi, quality: 75)
        let page = try #require(try readAll(openDocument(bytes, as: format == "PNG" ? .png : .jpeg)).first)
        let score = LayoutScore(page)
        print("layout of the \(format) form at \(Int(dpi)) dpi: \(score.summary)")
        #expect(score.checkboxesRight == score.checkboxesExpected)
        #expect(Double(score.cellsRight) >= 0.8 * Double(score.cellsExpected))
    }

    @Test func aScannedFormGivesItsLabelledValues() throws {
        let page = try #require(try readAll(openDocument(Fixtures.scannedPDF([LayoutFixtures.form]), as: .pdf)).first)
        let layout = try #require(page.layout)
        let values = Dictionary(layout.keyValues.map { ($0.keyText, $0.valueText) }, uniquingKeysWith: { first, _ in first })
        for (label, value) in LayoutFixtures.formValues { #expect(values[label] == value, "\(label)") }
    }

    @Test(arguments: ["text-layer PDF", "scanned PDF"])
    func twoColumnsReadColumnByColumn(input: String) throws {
        let bytes = input == "scanned PDF" ? Fixtures.scannedPDF([LayoutFixtures.twoColumns]) : Fixtures.textPDF([LayoutFixtures.twoColumns])
        let page = try #require(try readAll(openDocument(bytes, as: .pdf)).first)
        let layout = try #require(page.layout)
        let text = layout.blocks.map { block in block.wordIndices.map { page.words[$0].text }.joined(separator: " ") }
        #expect(text == ["Town council newsletter", LayoutFixtures.leftColumn.joined(separator: " "),
                         LayoutFixtures.rightColumn.joined(separator: " ")])
    }

    @Test func plainTextHasALayoutWithoutPixels() throws {
        let page = try #require(try readAll(openDocument(Array("Name: Jane Doe\n\nSome words here.\n".utf8), as: .plainText)).first)
        let layout = try #require(page.layout)
        #expect(layout.checkboxes.isEmpty)
        #expect(layout.keyValues.map(\.valueText) == ["Jane Doe"])
        #expect(layout.blocks.count == 2)
    }
}
