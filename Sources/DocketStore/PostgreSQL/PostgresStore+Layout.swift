import DocketModel
import Foundation
import PostgresNIO

extension PostgresStore {
    /// Writes the page's layout, as `SQLiteStore.insertLayout` does; a page without a layout writes nothing.
    static func insertLayout(_ connection: PostgresConnection, page pageID: Int64, layout: PageLayout?) throws {
        guard let layout else { return }
        try connection.run("UPDATE pages SET layout_analyzed = true WHERE id = \(pageID)")
        for block in layout.blocks {
            try connection.run("""
                INSERT INTO layout_blocks (page_id, reading_order, kind, x0, y0, x1, y1, line_numbers, word_numbers)
                VALUES (\(pageID), \(block.readingOrder), \(block.kind.rawValue), \(block.box.x0), \(block.box.y0), \(block.box.x1),
                        \(block.box.y1), \(numberList(block.lineIndices)), \(numberList(block.wordIndices)))
                """)
        }
        for (number, table) in layout.tables.enumerated() {
            try connection.run("""
                INSERT INTO layout_tables (page_id, number, x0, y0, x1, y1, row_count, column_count, ruled)
                VALUES (\(pageID), \(number), \(table.box.x0), \(table.box.y0), \(table.box.x1), \(table.box.y1), \(table.rowCount),
                        \(table.columnCount), \(table.ruled))
                """)
            for cell in table.cells {
                try connection.run("""
                    INSERT INTO table_cells (page_id, table_number, row, "column", x0, y0, x1, y1, word_numbers, text)
                    VALUES (\(pageID), \(number), \(cell.row), \(cell.column), \(cell.box.x0), \(cell.box.y0), \(cell.box.x1),
                            \(cell.box.y1), \(numberList(cell.wordIndices)), \(cell.text))
                    """)
            }
        }
        for (number, pair) in layout.keyValues.enumerated() {
            try connection.run("""
                INSERT INTO key_values (page_id, number, relation, key_text, value_text, key_x0, key_y0, key_x1, key_y1,
                                        value_x0, value_y0, value_x1, value_y1, key_word_numbers, value_word_numbers)
                VALUES (\(pageID), \(number), \(pair.relation.rawValue), \(pair.keyText), \(pair.valueText),
                        \(pair.keyBox.x0), \(pair.keyBox.y0), \(pair.keyBox.x1), \(pair.keyBox.y1),
                        \(pair.valueBox.x0), \(pair.valueBox.y0), \(pair.valueBox.x1), \(pair.valueBox.y1),
                        \(numberList(pair.keyWordIndices)), \(numberList(pair.valueWordIndices)))
                """)
        }
        for (number, checkbox) in layout.checkboxes.enumerated() {
            try connection.run("""
                INSERT INTO checkboxes (page_id, number, x0, y0, x1, y1, checked, fill_ratio, label, label_word_numbers,
                                        label_x0, label_y0, label_x1, label_y1)
                VALUES (\(pageID), \(number), \(checkbox.box.x0), \(checkbox.box.y0), \(checkbox.box.x1), \(checkbox.box.y1),
                        \(checkbox.isChecked), \(checkbox.fillRatio), \(checkbox.labelText), \(numberList(checkbox.labelWordIndices)),
                        \(checkbox.labelBox?.x0), \(checkbox.labelBox?.y0), \(checkbox.labelBox?.x1), \(checkbox.labelBox?.y1))
                """)
        }
    }

    /// The page's stored layout. Call only for a page whose layout was analysed.
    static func layout(_ connection: PostgresConnection, page pageID: Int64) throws -> PageLayout {
        let blocks = try connection.run("""
            SELECT reading_order, kind, x0, y0, x1, y1, line_numbers, word_numbers FROM layout_blocks
            WHERE page_id = \(pageID) ORDER BY reading_order
            """).map { row in
            let (order, kind, x0, y0, x1, y1, lines, words) = try row.decode((Int, String, Double, Double, Double, Double, String, String).self)
            return LayoutBlock(kind: BlockKind(rawValue: kind) ?? .text, box: Box(x0: x0, y0: y0, x1: x1, y1: y1),
                               lineIndices: numbers(lines), wordIndices: numbers(words), readingOrder: order)
        }
        let cells = try connection.run("""
            SELECT table_number, row, "column", x0, y0, x1, y1, word_numbers, text FROM table_cells
            WHERE page_id = \(pageID) ORDER BY table_number, row, "column"
            """).map { row in
            let (table, cellRow, column, x0, y0, x1, y1, words, text) =
                try row.decode((Int, Int, Int, Double, Double, Double, Double, String, String).self)
            return (table: table, cell: TableCell(row: cellRow, column: column, box: Box(x0: x0, y0: y0, x1: x1, y1: y1),
                                                  wordIndices: numbers(words), text: text))
        }
        let tables = try connection.run("""
            SELECT number, x0, y0, x1, y1, row_count, column_count, ruled FROM layout_tables WHERE page_id = \(pageID) ORDER BY number
            """).map { row in
            let (number, x0, y0, x1, y1, rows, columns, ruled) = try row.decode((Int, Double, Double, Double, Double, Int, Int, Bool).self)
            return LayoutTable(box: Box(x0: x0, y0: y0, x1: x1, y1: y1), rowCount: rows, columnCount: columns, ruled: ruled,
                               cells: cells.filter { $0.table == number }.map(\.cell))
        }
        let keyValues = try connection.run("""
            SELECT relation, key_text, value_text, key_x0, key_y0, key_x1, key_y1, value_x0, value_y0, value_x1, value_y1,
                   key_word_numbers, value_word_numbers
            FROM key_values WHERE page_id = \(pageID) ORDER BY number
            """).map { row in
            let (relation, keyText, valueText, kx0, ky0, kx1, ky1, vx0, vy0, vx1, vy1, keyWords, valueWords) =
                try row.decode((String, String, String, Double, Double, Double, Double, Double, Double, Double, Double, String, String).self)
            return KeyValuePair(keyWordIndices: numbers(keyWords), valueWordIndices: numbers(valueWords), keyText: keyText,
                                valueText: valueText, keyBox: Box(x0: kx0, y0: ky0, x1: kx1, y1: ky1),
                                valueBox: Box(x0: vx0, y0: vy0, x1: vx1, y1: vy1),
                                relation: KeyValueRelation(rawValue: relation) ?? .right)
        }
        let checkboxes = try connection.run("""
            SELECT x0, y0, x1, y1, checked, fill_ratio, label, label_word_numbers, label_x0, label_y0, label_x1, label_y1
            FROM checkboxes WHERE page_id = \(pageID) ORDER BY number
            """).map { row in
            let (x0, y0, x1, y1, checked, fill, label, labelWords, lx0, ly0, lx1, ly1) =
                try row.decode((Double, Double, Double, Double, Bool, Double, String, String, Double?, Double?, Double?, Double?).self)
            var labelBox: Box?
            if let lx0, let ly0, let lx1, let ly1 { labelBox = Box(x0: lx0, y0: ly0, x1: lx1, y1: ly1) }
            return Checkbox(box: Box(x0: x0, y0: y0, x1: x1, y1: y1), isChecked: checked, fillRatio: fill,
                            labelWordIndices: numbers(labelWords), labelText: label, labelBox: labelBox)
        }
        return PageLayout(blocks: blocks, tables: tables, keyValues: keyValues, checkboxes: checkboxes)
    }

    private static func numberList(_ numbers: [Int]) -> String {
        "[" + numbers.map(String.init).joined(separator: ",") + "]"
    }

    private static func numbers(_ list: String) -> [Int] {
        (try? JSONDecoder().decode([Int].self, from: Data(list.utf8))) ?? []
    }
}
