import DocketModel
import Testing
@testable import DocketLayout

@Suite struct CheckboxTests {
    @Test func tickedAndEmptyBoxesAreTellApartAndNamedByTheWordsBesideThem() throws {
        var page = SyntheticPage()
        page.checkbox(x: 72, y: 100, ticked: true)
        page.addLine("Urgent", x: 88, y: 100)
        page.checkbox(x: 200, y: 100, ticked: false)
        page.addLine("New patient", x: 216, y: 100)
        page.addLine("Insured:", x: 72, y: 140)
        page.checkbox(x: 130, y: 140, ticked: false)

        let checkboxes = page.layout().checkboxes
        #expect(checkboxes.map(\.labelText) == ["Urgent", "New patient", "Insured:"])
        #expect(checkboxes.map(\.isChecked) == [true, false, false])
        #expect(checkboxes[0].fillRatio > 0.2)
        #expect(checkboxes[1].fillRatio < 0.05)
    }

    @Test func lettersAndRulesAreNotCheckboxes() {
        var page = SyntheticPage()
        page.fill(x0: 72, y0: 100, x1: 80, y1: 118)          // a bar taller than wide
        page.horizontalRule(y: 200, from: 72, to: 300)
        page.fill(x0: 100, y0: 300, x1: 101.5, y1: 310)      // a stroke
        #expect(page.layout().checkboxes.isEmpty)
    }

    @Test func anOblongBoxBesideADateIsACheckbox() {
        var page = SyntheticPage()
        page.addLine("SEP 22", x: 72, y: 100)
        page.checkbox(x: 120, y: 100, width: 20, height: 11, ticked: true)
        page.addLine("AUG 11", x: 72, y: 130)
        page.checkbox(x: 120, y: 130, width: 20, height: 11, ticked: false)

        let checkboxes = page.layout().checkboxes
        #expect(checkboxes.map(\.labelText) == ["SEP 22", "AUG 11"])
        #expect(checkboxes.map(\.isChecked) == [true, false])
    }

    @Test func touchingLettersAreNotAnOblongCheckbox() {
        var page = SyntheticPage()
        // Upright strokes joined along their tops and feet, as bold serif capitals that touch ("EM") are.
        page.checkbox(x: 72, y: 100, width: 20, height: 11, ticked: false)
        for x in stride(from: 75.0, to: 90, by: 3.5) { page.fill(x0: x, y0: 100, x1: x + 2, y1: 111) }
        #expect(page.layout().checkboxes.isEmpty)
    }

    @Test func withoutPixelsThereAreNoCheckboxesAndNoRuledTables() {
        var page = SyntheticPage()
        page.checkbox(x: 72, y: 100, ticked: true)
        page.addLine("Urgent", x: 88, y: 100)
        let layout = page.layout(withImage: false)
        #expect(layout.checkboxes.isEmpty)
        #expect(layout.tables.isEmpty)
    }
}

@Suite struct TableTests {
    @Test func aRuledGridGivesCellsWithRowAndColumn() throws {
        var page = SyntheticPage()
        let columns = [72.0, 200, 300, 400]
        let rows = [["Item", "Qty", "Price"], ["Chair", "4", "159.00"], ["Paper", "10", "24.90"]]
        for (index, row) in rows.enumerated() {
            let top = 200 + Double(index) * 20
            page.horizontalRule(y: top, from: 72, to: 400)
            for (column, text) in row.enumerated() { page.addLine(text, x: columns[column] + 4, y: top + 5) }
        }
        page.horizontalRule(y: 260, from: 72, to: 400)
        for x in columns { page.verticalRule(x: x, from: 200, to: 261) }

        let table = try #require(page.layout().tables.first)
        #expect(table.ruled)
        #expect(table.rowCount == 3 && table.columnCount == 3)
        #expect(table.rows == rows)
        #expect(table.cell(row: 2, column: 1)?.text == "10")
        // The table's block lists its lines row by row, each row left to right: the same every run.
        let block = try #require(page.layout().blocks.first { $0.kind == .table })
        #expect(block.lineIndices == Array(0..<9))
    }

    @Test func rulesOnlyAboveAndBelowTheHeaderTakeColumnsFromTheWords() throws {
        var page = SyntheticPage()
        page.horizontalRule(y: 195, from: 72, to: 500)
        page.addLine("Description", x: 72, y: 200); page.addLine("Qty", x: 300, y: 200); page.addLine("Amount", x: 420, y: 200)
        page.horizontalRule(y: 214, from: 72, to: 500)
        page.addLine("Office chair", x: 72, y: 220); page.addLine("4", x: 300, y: 220); page.addLine("636.00", x: 420, y: 220)
        page.addLine("Copy paper", x: 72, y: 236); page.addLine("10", x: 300, y: 236); page.addLine("249.00", x: 420, y: 236)
        page.horizontalRule(y: 252, from: 72, to: 500)

        let table = try #require(page.layout().tables.first)
        #expect(table.rows == [["Description", "Qty", "Amount"], ["Office chair", "4", "636.00"], ["Copy paper", "10", "249.00"]])
    }

    @Test func wordsInColumnsWithoutRulesAreATable() throws {
        var page = SyntheticPage()
        page.addLine("Name Dose Route", x: 72, y: 90)   // one run of words: not a table row
        for (index, row) in [["Drug", "Dose", "Route"], ["Aspirin", "100 mg", "oral"], ["Heparin", "5000 IU", "subcutaneous"]].enumerated() {
            let top = 200 + Double(index) * 16
            for (column, text) in row.enumerated() { page.addLine(text, x: 72 + Double(column) * 150, y: top) }
        }
        let layout = page.layout(withImage: false)
        let table = try #require(layout.tables.first)
        #expect(layout.tables.count == 1)
        #expect(!table.ruled)
        #expect(table.rows == [["Drug", "Dose", "Route"], ["Aspirin", "100 mg", "oral"], ["Heparin", "5000 IU", "subcutaneous"]])
    }

    /// A statement: years over right-aligned figures of different widths, nothing over the labels.
    static let statement = [
        ["", "1985", "1986", "1987"],
        ["Rent", "$1,200", "$1,350", "$1,475"],
        ["Salaries", "$12,400", "$13,150", "$14,020"],
        ["Utilities", "$385", "$410", "$466"],
        ["Total", "$13,985", "$14,910", "$15,961"],
    ]

    @Test(arguments: [false, true])
    func aColumnPerYearWithABlankCornerIsATableWithOrWithoutRulesAcross(ruledAcross: Bool) throws {
        var page = SyntheticPage()
        let rights = [300.0, 400, 500]
        for (index, row) in Self.statement.enumerated() {
            let top = 150 + Double(index) * 20
            if ruledAcross, index <= 1 || index == Self.statement.count - 1 { page.horizontalRule(y: top - 5, from: 72, to: 505) }
            if !row[0].isEmpty { page.addLine(row[0], x: 72, y: top) }
            for (column, text) in row.dropFirst().enumerated() { page.addLine(text, x: rights[column] - Double(text.count) * 6, y: top) }
        }
        if ruledAcross { page.horizontalRule(y: 150 + Double(Self.statement.count) * 20 - 5, from: 72, to: 505) }

        let layout = page.layout()
        #expect(layout.tables.count == 1)
        let table = try #require(layout.tables.first)
        #expect(table.ruled == ruledAcross)
        #expect(table.rows == Self.statement)
    }
}

@Suite struct ReadingOrderTests {
    @Test func twoColumnsReadColumnByColumnAfterTheTitle() throws {
        var page = SyntheticPage()
        let title = page.addLine("Quarterly report", x: 72, y: 60, height: 20)
        var left: [Int] = [], right: [Int] = []
        for row in 0..<6 {
            left += page.addLine("left column line \(row)", x: 72, y: 120 + Double(row) * 14)
            right += page.addLine("right column line \(row)", x: 330, y: 120 + Double(row) * 14)
        }
        let layout = page.layout(withImage: false)
        #expect(layout.blocks.map(\.wordIndices) == [title, left, right])
        #expect(layout.blocks.map(\.readingOrder) == [0, 1, 2])
        #expect(layout.blocks[0].kind == .heading)
        #expect(layout.blocks[1].kind == .text)
    }
}

@Suite struct KeyValueTests {
    @Test func valuesRightOfTheirLabelAndBelowIt() throws {
        var page = SyntheticPage()
        page.addLine("Invoice number: NW-2026-0314", x: 330, y: 100)
        page.addLine("Bill to:", x: 72, y: 100)
        page.addLine("Acme Logistics GmbH", x: 72, y: 114)
        page.addLine("Due date: 2026-04-13", x: 330, y: 114)

        let pairs = page.layout(withImage: false).keyValues
        let found = Dictionary(uniqueKeysWithValues: pairs.map { ($0.keyText, ($0.valueText, $0.relation)) })
        #expect(found["Invoice number:"]?.0 == "NW-2026-0314")
        #expect(found["Invoice number:"]?.1 == .right)
        #expect(found["Bill to:"]?.0 == "Acme Logistics GmbH")
        #expect(found["Bill to:"]?.1 == .below)
        #expect(found["Due date:"]?.0 == "2026-04-13")
    }

    @Test func aLabelAndValueInOneDrawnBoxAreInBox() throws {
        var page = SyntheticPage()
        for y in [100.0, 130] { page.horizontalRule(y: y, from: 72, to: 472) }
        for x in [72.0, 272, 472] { page.verticalRule(x: x, from: 100, to: 131) }
        page.addLine("Name:", x: 76, y: 110); page.addLine("Jane Doe", x: 120, y: 110)
        page.addLine("Phone:", x: 276, y: 110); page.addLine("555-0178", x: 330, y: 110)

        let pairs = page.layout().keyValues
        #expect(pairs.map(\.valueText).sorted() == ["555-0178", "Jane Doe"])
        #expect(pairs.allSatisfy { $0.relation == .inBox })
    }
}

@Suite struct CheckboxInWordsTests {
    @Test func aSquareInsideALongerWordIsALetterNotACheckbox() {
        var page = SyntheticPage()
        page.addLine("Margaret Ellison", x: 72, y: 100, height: 12)
        page.checkbox(x: 80, y: 101.5, side: 9, ticked: true)
        #expect(page.layout().checkboxes.isEmpty)
    }

    @Test func smallSolidSquaresAreBullets() {
        var page = SyntheticPage()
        page.fill(x0: 72, y0: 100, x1: 78, y1: 106)
        page.fill(x0: 72, y0: 120, x1: 80, y1: 128)
        page.addLine("First point", x: 90, y: 98)
        #expect(page.layout().checkboxes.isEmpty)
    }

    @Test func aWordThatBeginsOnTheBoxLabelsIt() {
        var page = SyntheticPage()
        page.checkbox(x: 72, y: 100, ticked: true)
        page.addLine("[x]Yes", x: 72, y: 100)
        page.checkbox(x: 140, y: 100, ticked: false)
        page.addLine("No", x: 156, y: 100)
        #expect(page.layout().checkboxes.map(\.labelText) == ["[x]Yes", "No"])
    }
}

@Suite struct CheckboxRowTests {
    @Test func labelsOfBoxesInARowStopAtTheNextBox() {
        var page = SyntheticPage()
        page.addLine("Settlement:", x: 72, y: 100)
        for (x, label) in [(160.0, "Yes"), (210.0, "No"), (250.0, "Pending")] {
            page.checkbox(x: x, y: 100, ticked: label == "No")
            page.addLine(label, x: x + 14, y: 100)
        }
        let checkboxes = page.layout().checkboxes
        #expect(checkboxes.map(\.labelText) == ["Yes", "No", "Pending"])
        #expect(checkboxes.map(\.isChecked) == [false, true, false])
    }
}

@Suite struct ColumnsInOneLineTests {
    @Test func aLineRunAcrossTheGutterIsReadWithEachColumn() throws {
        var page = SyntheticPage()
        var left: [Int] = [], right: [Int] = []
        for row in 0..<5 {
            let words = page.addLine("left column line \(row)", x: 72, y: 120 + Double(row) * 14)
            let others = page.addLine("right column line \(row)", x: 330, y: 120 + Double(row) * 14)
            // Both halves as one line, the way OCR may read a row of a two-column page.
            page.lines.removeLast(2)
            page.lines.append(Line(wordIndices: words + others, box: page.words[words[0]].box.union(page.words[others.last!].box), text: ""))
            left += words
            right += others
        }
        let blocks = page.layout(withImage: false).blocks
        #expect(blocks.map(\.wordIndices) == [left, right])
        #expect(blocks.map(\.lineIndices) == [Array(0..<5), Array(0..<5)])
    }
}

@Suite struct DrawnBoxTests {
    @Test func aSmallCaptionAtTheTopOfABoxLabelsWhatIsWrittenInIt() throws {
        var page = SyntheticPage()
        for y in [100.0, 136] { page.horizontalRule(y: y, from: 72, to: 300) }
        for x in [72.0, 300] { page.verticalRule(x: x, from: 100, to: 137) }
        page.addLine("Account holder", x: 76, y: 103, height: 7)
        page.addLine("Jane Doe", x: 76, y: 117, height: 12)
        let pair = try #require(page.layout().keyValues.first)
        #expect(pair.keyText == "Account holder")
        #expect(pair.valueText == "Jane Doe")
        #expect(pair.relation == .inBox)
    }

    @Test func linesToWriteOnAreNotATable() {
        var page = SyntheticPage()
        page.addLine("Comments", x: 72, y: 90)
        for row in 0..<4 { page.horizontalRule(y: 120 + Double(row) * 20, from: 72, to: 500) }
        page.addLine("call back on Monday", x: 80, y: 125)
        #expect(page.layout().tables.isEmpty)
    }
}
