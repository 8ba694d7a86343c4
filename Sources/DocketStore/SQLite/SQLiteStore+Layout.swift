import DocketModel
import Foundation
import GRDB

extension SQLiteStore {
    /// Writes a page's layout rows and marks the page analysed; a page without a layout writes nothing.
    static func insertLayout(_ db: Database, page pageID: Int64, layout: PageLayout?) throws {
        guard let layout else { return }
        try db.execute(sql: "UPDATE pages SET layout_analyzed = 1 WHERE id = ?", arguments: [pageID])
        let insertBlock = try db.cachedStatement(sql: """
            INSERT INTO layout_blocks (page_id, reading_order, kind, x0, y0, x1, y1, line_numbers, word_numbers)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for block in layout.blocks {
            try insertBlock.execute(arguments: [pageID, block.readingOrder, block.kind.rawValue, block.box.x0, block.box.y0,
                                                block.box.x1, block.box.y1, numberList(block.lineIndices), numberList(block.wordIndices)])
        }
        let insertTable = try db.cachedStatement(sql: """
            INSERT INTO layout_tables (page_id, number, x0, y0, x1, y1, row_count, column_count, ruled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertCell = try db.cachedStatement(sql: """
            INSERT INTO table_cells (page_id, table_number, row, "column", x0, y0, x1, y1, word_numbers, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (number, table) in layout.tables.enumerated() {
            try insertTable.execute(arguments: [pageID, number, table.box.x0, table.box.y0, table.box.x1, table.box.y1,
                                                table.rowCount, table.columnCount, table.ruled])
            for cell in table.cells {
                try insertCell.execute(arguments: [pageID, number, cell.row, cell.column, cell.box.x0, cell.box.y0,
                                                   cell.box.x1, cell.box.y1, numberList(cell.wordIndices), cell.text])
            }
        }
        let insertKeyValue = try db.cachedStatement(sql: """
            INSERT INTO key_values (page_id, number, relation, key_text, value_text, key_x0, key_y0, key_x1, key_y1,
                                    value_x0, value_y0, value_x1, value_y1, key_word_numbers, value_word_numbers)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (number, pair) in layout.keyValues.enumerated() {
            try insertKeyValue.execute(arguments: [
                pageID, number, pair.relation.rawValue, pair.keyText, pair.valueText,
                pair.keyBox.x0, pair.keyBox.y0, pair.keyBox.x1, pair.keyBox.y1,
                pair.valueBox.x0, pair.valueBox.y0, pair.valueBox.x1, pair.valueBox.y1,
                numberList(pair.keyWordIndices), numberList(pair.valueWordIndices),
            ])
        }
        let insertCheckbox = try db.cachedStatement(sql: """
            INSERT INTO checkboxes (page_id, number, x0, y0, x1, y1, checked, fill_ratio, label, label_word_numbers,
                                    label_x0, label_y0, label_x1, label_y1)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (number, checkbox) in layout.checkboxes.enumerated() {
            try insertCheckbox.execute(arguments: [
                pageID, number, checkbox.box.x0, checkbox.box.y0, checkbox.box.x1, checkbox.box.y1, checkbox.isChecked,
                checkbox.fillRatio, checkbox.labelText, numberList(checkbox.labelWordIndices),
                checkbox.labelBox?.x0, checkbox.labelBox?.y0, checkbox.labelBox?.x1, checkbox.labelBox?.y1,
            ])
        }
    }

    /// The page's stored layout, nil when the page was read before layouts were analysed.
    static func layout(_ db: Database, page pageID: Int64) throws -> PageLayout? {
        guard try Bool.fetchOne(db, sql: "SELECT layout_analyzed FROM pages WHERE id = ?", arguments: [pageID]) == true else {
            return nil
        }
        let blocks = try Row.fetchAll(db, sql: """
            SELECT reading_order, kind, x0, y0, x1, y1, line_numbers, word_numbers FROM layout_blocks WHERE page_id = ? ORDER BY reading_order
            """, arguments: [pageID]).map { row in
            LayoutBlock(kind: BlockKind(rawValue: row["kind"]) ?? .text, box: box(row, prefix: ""),
                        lineIndices: numbers(row["line_numbers"]), wordIndices: numbers(row["word_numbers"]),
                        readingOrder: row["reading_order"])
        }
        let cells = try Row.fetchAll(db, sql: """
            SELECT table_number, row, "column", x0, y0, x1, y1, word_numbers, text FROM table_cells
            WHERE page_id = ? ORDER BY table_number, row, "column"
            """, arguments: [pageID])
        let tables = try Row.fetchAll(db, sql: """
            SELECT number, x0, y0, x1, y1, row_count, column_count, ruled FROM layout_tables WHERE page_id = ? ORDER BY number
            """, arguments: [pageID]).map { row in
            let number: Int = row["number"]
            return LayoutTable(
                box: box(row, prefix: ""), rowCount: row["row_count"], columnCount: row["column_count"], ruled: row["ruled"],
                cells: cells.filter { $0["table_number"] == number }.map { cell in
                    TableCell(row: cell["row"], column: cell["column"], box: box(cell, prefix: ""),
                              wordIndices: numbers(cell["word_numbers"]), text: cell["text"])
                })
        }
        let keyValues = try Row.fetchAll(db, sql: "SELECT * FROM key_values WHERE page_id = ? ORDER BY number", arguments: [pageID]).map { row in
            KeyValuePair(keyWordIndices: numbers(row["key_word_numbers"]), valueWordIndices: numbers(row["value_word_numbers"]),
                         keyText: row["key_text"], valueText: row["value_text"], keyBox: box(row, prefix: "key_"),
                         valueBox: box(row, prefix: "value_"), relation: KeyValueRelation(rawValue: row["relation"]) ?? .right)
        }
        let checkboxes = try Row.fetchAll(db, sql: "SELECT * FROM checkboxes WHERE page_id = ? ORDER BY number", arguments: [pageID]).map { row in
            let labelX0: Double? = row["label_x0"]
            return Checkbox(box: box(row, prefix: ""), isChecked: row["checked"], fillRatio: row["fill_ratio"],
                            labelWordIndices: numbers(row["label_word_numbers"]), labelText: row["label"],
                            labelBox: labelX0 == nil ? nil : box(row, prefix: "label_"))
        }
        return PageLayout(blocks: blocks, tables: tables, keyValues: keyValues, checkboxes: checkboxes)
    }

    private static func numberList(_ numbers: [Int]) -> String {
        "[" + numbers.map(String.init).joined(separator: ",") + "]"
    }

    private static func numbers(_ list: String) -> [Int] {
        (try? JSONDecoder().decode([Int].self, from: Data(list.utf8))) ?? []
    }

    private static func box(_ row: Row, prefix: String) -> Box {
        Box(x0: row[prefix + "x0"], y0: row[prefix + "y0"], x1: row[prefix + "x1"], y1: row[prefix + "y1"])
    }
}
