/// How a page is laid out: its blocks in reading order, tables, key/value pairs and checkboxes.
/// Word and line indices refer to the page's `words` and `lines`.
public struct PageLayout: Codable, Sendable, Hashable {
    /// In reading order: a multi-column page reads column by column.
    public var blocks: [LayoutBlock]
    public var tables: [LayoutTable]
    public var keyValues: [KeyValuePair]
    public var checkboxes: [Checkbox]

    public init(blocks: [LayoutBlock] = [], tables: [LayoutTable] = [], keyValues: [KeyValuePair] = [],
                checkboxes: [Checkbox] = []) {
        self.blocks = blocks
        self.tables = tables
        self.keyValues = keyValues
        self.checkboxes = checkboxes
    }
}

public enum BlockKind: String, Codable, Sendable, CaseIterable {
    case text
    case heading
    case table
    /// Lines holding a label and its value, or a checkbox.
    case formField = "form-field"
}

/// Lines that belong together: a paragraph, a heading, a table, a form field.
public struct LayoutBlock: Codable, Sendable, Hashable {
    public var kind: BlockKind
    public var box: Box
    /// The lines with words in the block, top to bottom. A line a reader ran across the gutter of
    /// two columns belongs to a block in each.
    public var lineIndices: [Int]
    /// The block's words in reading order.
    public var wordIndices: [Int]
    /// 0-based position of the block in the page's reading order.
    public var readingOrder: Int

    public init(kind: BlockKind, box: Box, lineIndices: [Int], wordIndices: [Int], readingOrder: Int) {
        self.kind = kind
        self.box = box
        self.lineIndices = lineIndices
        self.wordIndices = wordIndices
        self.readingOrder = readingOrder
    }
}

public struct LayoutTable: Codable, Sendable, Hashable {
    public var box: Box
    public var rowCount: Int
    public var columnCount: Int
    /// True when the grid came from lines drawn on the page, false when from the alignment of words.
    public var ruled: Bool
    /// Row by row, left to right; one per grid position, empty cells included.
    public var cells: [TableCell]

    public init(box: Box, rowCount: Int, columnCount: Int, ruled: Bool, cells: [TableCell]) {
        self.box = box
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.ruled = ruled
        self.cells = cells
    }

    public func cell(row: Int, column: Int) -> TableCell? {
        cells.first { $0.row == row && $0.column == column }
    }

    /// The cells' texts, row by row.
    public var rows: [[String]] {
        (0..<rowCount).map { row in (0..<columnCount).map { cell(row: row, column: $0)?.text ?? "" } }
    }
}

public struct TableCell: Codable, Sendable, Hashable {
    /// 0-based.
    public var row: Int
    /// 0-based.
    public var column: Int
    public var box: Box
    public var wordIndices: [Int]
    public var text: String

    public init(row: Int, column: Int, box: Box, wordIndices: [Int], text: String) {
        self.row = row
        self.column = column
        self.box = box
        self.wordIndices = wordIndices
        self.text = text
    }
}

/// Where a value stands relative to its label.
public enum KeyValueRelation: String, Codable, Sendable, CaseIterable {
    case right
    case below
    /// Label and value share a box drawn on the page.
    case inBox = "in-box"
}

public struct KeyValuePair: Codable, Sendable, Hashable {
    public var keyWordIndices: [Int]
    public var valueWordIndices: [Int]
    public var keyText: String
    public var valueText: String
    public var keyBox: Box
    public var valueBox: Box
    public var relation: KeyValueRelation

    public init(keyWordIndices: [Int], valueWordIndices: [Int], keyText: String, valueText: String,
                keyBox: Box, valueBox: Box, relation: KeyValueRelation) {
        self.keyWordIndices = keyWordIndices
        self.valueWordIndices = valueWordIndices
        self.keyText = keyText
        self.valueText = valueText
        self.keyBox = keyBox
        self.valueBox = valueBox
        self.relation = relation
    }
}

/// A small square drawn on the page, ticked or empty, and the words that name it.
public struct Checkbox: Codable, Sendable, Hashable {
    public var box: Box
    public var isChecked: Bool
    /// Share of dark pixels inside the box's border, 0...1.
    public var fillRatio: Double
    public var labelWordIndices: [Int]
    public var labelText: String
    public var labelBox: Box?

    public init(box: Box, isChecked: Bool, fillRatio: Double, labelWordIndices: [Int], labelText: String, labelBox: Box?) {
        self.box = box
        self.isChecked = isChecked
        self.fillRatio = fillRatio
        self.labelWordIndices = labelWordIndices
        self.labelText = labelText
        self.labelBox = labelBox
    }
}
