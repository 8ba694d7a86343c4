import DocketModel
@testable import DocketStore
import Foundation
import GRDB
import Testing

@Suite struct LayoutStoreTests {
    static let words = [
        Word(text: "Urgent", box: Box(x0: 88, y0: 100, x1: 130, y1: 110), confidence: 100),
        Word(text: "Name:", box: Box(x0: 72, y0: 130, x1: 100, y1: 140), confidence: 100),
        Word(text: "Jane", box: Box(x0: 105, y0: 130, x1: 130, y1: 140), confidence: 100),
        Word(text: "Qty", box: Box(x0: 76, y0: 204, x1: 95, y1: 214), confidence: 100),
        Word(text: "4", box: Box(x0: 204, y0: 204, x1: 210, y1: 214), confidence: 100),
    ]

    static var page: Page {
        let lines = [
            Line(wordIndices: [0], box: words[0].box, text: "Urgent"),
            Line(wordIndices: [1, 2], box: words[1].box.union(words[2].box), text: "Name: Jane"),
            Line(wordIndices: [3, 4], box: words[3].box.union(words[4].box), text: "Qty 4"),
        ]
        let table = LayoutTable(
            box: Box(x0: 72, y0: 200, x1: 300, y1: 220), rowCount: 1, columnCount: 2, ruled: true,
            cells: [TableCell(row: 0, column: 0, box: Box(x0: 72, y0: 200, x1: 200, y1: 220), wordIndices: [3], text: "Qty"),
                    TableCell(row: 0, column: 1, box: Box(x0: 200, y0: 200, x1: 300, y1: 220), wordIndices: [4], text: "4")])
        let layout = PageLayout(
            blocks: [LayoutBlock(kind: .formField, box: Box(x0: 72, y0: 100, x1: 130, y1: 140), lineIndices: [0, 1], wordIndices: [0, 1, 2], readingOrder: 0),
                     LayoutBlock(kind: .table, box: table.box, lineIndices: [2], wordIndices: [3, 4], readingOrder: 1)],
            tables: [table],
            keyValues: [KeyValuePair(keyWordIndices: [1], valueWordIndices: [2], keyText: "Name:", valueText: "Jane",
                                     keyBox: words[1].box, valueBox: words[2].box, relation: .right)],
            checkboxes: [Checkbox(box: Box(x0: 72, y0: 100, x1: 82, y1: 110), isChecked: true, fillRatio: 0.42,
                                  labelWordIndices: [0], labelText: "Urgent", labelBox: words[0].box),
                         Checkbox(box: Box(x0: 72, y0: 150, x1: 82, y1: 160), isChecked: false, fillRatio: 0,
                                  labelWordIndices: [], labelText: "", labelBox: nil)])
        return Page(number: 1, width: 612, height: 792, source: .textLayer, words: words, lines: lines, layout: layout)
    }

    private func stored(_ pages: [Page]) throws -> (SQLiteStore, Int64) {
        let store = try SQLiteStore(path: temporaryDatabasePath())
        let id = try store.database.write { db in
            let id = try SQLiteStore.insertDocument(db, content: .bytes([7]), sha256: "layout", mediaType: .pdf, originalName: "form.pdf", now: 0).id
            try SQLiteStore.replacePages(db, document: id, with: pages)
            return id
        }
        return (store, id)
    }

    @Test func aPageLayoutReadsBackAsItWasStored() throws {
        let (store, id) = try stored([Self.page])
        #expect(try store.pages(of: id) == [Self.page])
    }

    @Test func layoutRowsAnswerQuestionsInSQL() throws {
        let (store, _) = try stored([Self.page])
        try store.database.read { (db: Database) throws -> Void in
            #expect(try String.fetchAll(db, sql: "SELECT label FROM checkboxes WHERE checked = 1") == ["Urgent"])
            #expect(try String.fetchOne(db, sql: """
                SELECT text FROM table_cells WHERE table_number = 0 AND row = 0 AND "column" = 1
                """) == "4")
            #expect(try String.fetchOne(db, sql: "SELECT value_text FROM key_values WHERE key_text = 'Name:'") == "Jane")
            #expect(try String.fetchAll(db, sql: "SELECT kind FROM layout_blocks ORDER BY reading_order") == ["form-field", "table"])
        }
    }

    @Test func aPageWithoutAnalysisHasNoLayoutAndAnEmptyLayoutIsNotMissing() throws {
        var unanalysed = Self.page
        unanalysed.layout = nil
        var empty = Self.page
        empty.number = 2
        empty.layout = PageLayout()
        let (store, id) = try stored([unanalysed, empty])
        let pages = try store.pages(of: id)
        #expect(pages[0].layout == nil)
        #expect(pages[1].layout == PageLayout())
    }

    @Test func readingAgainReplacesTheLayoutRows() throws {
        let (store, id) = try stored([Self.page])
        try store.database.write { db in try SQLiteStore.replacePages(db, document: id, with: [Self.page]) }
        try store.database.read { (db: Database) throws -> Void in
            for table in ["layout_blocks", "layout_tables", "table_cells", "key_values", "checkboxes"] {
                let expected = ["layout_blocks": 2, "layout_tables": 1, "table_cells": 2, "key_values": 1, "checkboxes": 2][table]
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") == expected, "\(table)")
            }
        }
    }
}
