import DocketModel
import DocketReport

/// One page as read: its size, text, words with boxes, lines and layout. Boxes are in PDF points
/// (1/72 inch) from the page's top-left corner, `{"x0", "y0", "x1", "y1"}`; word and line indices
/// count from 0 in the page's `words` and `lines`.
public struct PageResource: Codable, Sendable, Equatable {
    public var documentID: Int64
    /// 1-based.
    public var number: Int
    public var width: Double
    public var height: Double
    public var source: TextSource
    /// Mean word confidence, 0...100; nil on a page without words.
    public var meanConfidence: Double?
    /// One line of text per line.
    public var text: String
    public var words: [WordResource]
    public var lines: [LineResource]
    /// Nil when the page was read before Docket analysed layouts.
    public var layout: LayoutResource?
    /// Pictures on a text-layer page left unread when the time for reading its pictures ran out
    /// (`DOCKET_FIGURE_OCR_SECONDS`); 0 when every picture worth reading was read.
    public var picturesUnread: Int
    /// Degrees the page was turned clockwise to be read upright; boxes are on the page as submitted.
    public var turnedToRead: Int
    /// Whether a person should look at the page: read poorly, or pictures left unread.
    public var needsReview: Bool
    /// Why, in words; empty when not.
    public var reviewReasons: [String]

    public init(from page: Page, documentID: Int64) {
        self.documentID = documentID
        number = page.number
        width = page.width
        height = page.height
        source = page.source
        meanConfidence = page.meanConfidence
        text = page.text
        words = page.words.map(WordResource.init(from:))
        lines = page.lines.map(LineResource.init(from:))
        layout = page.layout.map(LayoutResource.init(from:))
        picturesUnread = page.picturesUnread
        turnedToRead = page.turnedToRead
        reviewReasons = ReportBuilder.quality(of: page).reasons
        needsReview = !reviewReasons.isEmpty
    }

    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", number, width, height, source, meanConfidence = "mean_confidence", text, words, lines, layout,
             picturesUnread = "pictures_unread", turnedToRead = "turned_to_read", needsReview = "needs_review",
             reviewReasons = "review_reasons"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(documentID, forKey: .documentID)
        try container.encode(number, forKey: .number)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(source, forKey: .source)
        try container.encode(meanConfidence, forKey: .meanConfidence)
        try container.encode(text, forKey: .text)
        try container.encode(words, forKey: .words)
        try container.encode(lines, forKey: .lines)
        try container.encode(layout, forKey: .layout)
        try container.encode(picturesUnread, forKey: .picturesUnread)
        try container.encode(turnedToRead, forKey: .turnedToRead)
        try container.encode(needsReview, forKey: .needsReview)
        try container.encode(reviewReasons, forKey: .reviewReasons)
    }
}

public struct WordResource: Codable, Sendable, Equatable {
    public var text: String
    public var box: Box
    /// 0...100; 100 for words read rather than recognised (text layer, plain text).
    public var confidence: Double
    /// Where this word came from when it differs from its page's source; nil otherwise.
    public var source: TextSource?

    public init(from word: Word) {
        text = word.text
        box = word.box
        confidence = word.confidence
        source = word.source
    }

    enum CodingKeys: String, CodingKey {
        case text, box, confidence, source
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(box, forKey: .box)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(source, forKey: .source)
    }
}

public struct LineResource: Codable, Sendable, Equatable {
    public var text: String
    public var box: Box
    public var wordIndices: [Int]

    public init(from line: Line) {
        text = line.text
        box = line.box
        wordIndices = line.wordIndices
    }

    enum CodingKeys: String, CodingKey {
        case text, box, wordIndices = "word_indices"
    }
}

/// How a page is laid out: blocks in reading order, tables, key/value pairs and checkboxes.
public struct LayoutResource: Codable, Sendable, Equatable {
    public struct Block: Codable, Sendable, Equatable {
        /// text, heading, table or form-field.
        public var kind: BlockKind
        public var box: Box
        public var lineIndices: [Int]
        public var wordIndices: [Int]
        /// 0-based position in the page's reading order.
        public var readingOrder: Int

        public init(from block: LayoutBlock) {
            kind = block.kind
            box = block.box
            lineIndices = block.lineIndices
            wordIndices = block.wordIndices
            readingOrder = block.readingOrder
        }

        enum CodingKeys: String, CodingKey {
            case kind, box, lineIndices = "line_indices", wordIndices = "word_indices", readingOrder = "reading_order"
        }
    }

    public struct Table: Codable, Sendable, Equatable {
        public var box: Box
        public var rowCount: Int
        public var columnCount: Int
        /// True when the grid came from lines drawn on the page, false when from the alignment of words.
        public var ruled: Bool
        /// Row by row, left to right; empty cells included.
        public var cells: [Cell]

        public init(from table: LayoutTable) {
            box = table.box
            rowCount = table.rowCount
            columnCount = table.columnCount
            ruled = table.ruled
            cells = table.cells.map(Cell.init(from:))
        }

        enum CodingKeys: String, CodingKey {
            case box, rowCount = "row_count", columnCount = "column_count", ruled, cells
        }
    }

    public struct Cell: Codable, Sendable, Equatable {
        /// 0-based.
        public var row: Int
        /// 0-based.
        public var column: Int
        public var box: Box
        public var wordIndices: [Int]
        public var text: String

        public init(from cell: TableCell) {
            row = cell.row
            column = cell.column
            box = cell.box
            wordIndices = cell.wordIndices
            text = cell.text
        }

        enum CodingKeys: String, CodingKey {
            case row, column, box, wordIndices = "word_indices", text
        }
    }

    public struct KeyValue: Codable, Sendable, Equatable {
        public var keyText: String
        public var valueText: String
        public var keyBox: Box
        public var valueBox: Box
        public var keyWordIndices: [Int]
        public var valueWordIndices: [Int]
        /// Where the value stands: right, below, or in-box (label and value share a drawn box).
        public var relation: KeyValueRelation

        public init(from pair: KeyValuePair) {
            keyText = pair.keyText
            valueText = pair.valueText
            keyBox = pair.keyBox
            valueBox = pair.valueBox
            keyWordIndices = pair.keyWordIndices
            valueWordIndices = pair.valueWordIndices
            relation = pair.relation
        }

        enum CodingKeys: String, CodingKey {
            case keyText = "key_text", valueText = "value_text", keyBox = "key_box", valueBox = "value_box"
            case keyWordIndices = "key_word_indices", valueWordIndices = "value_word_indices", relation
        }
    }

    public struct Checkbox: Codable, Sendable, Equatable {
        public var box: Box
        public var checked: Bool
        /// Share of dark pixels inside the box's border, 0...1.
        public var fillRatio: Double
        public var labelText: String
        /// Nil when no words name the checkbox.
        public var labelBox: Box?
        public var labelWordIndices: [Int]

        public init(from checkbox: DocketModel.Checkbox) {
            box = checkbox.box
            checked = checkbox.isChecked
            fillRatio = checkbox.fillRatio
            labelText = checkbox.labelText
            labelBox = checkbox.labelBox
            labelWordIndices = checkbox.labelWordIndices
        }

        enum CodingKeys: String, CodingKey {
            case box, checked, fillRatio = "fill_ratio", labelText = "label_text", labelBox = "label_box"
            case labelWordIndices = "label_word_indices"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(box, forKey: .box)
            try container.encode(checked, forKey: .checked)
            try container.encode(fillRatio, forKey: .fillRatio)
            try container.encode(labelText, forKey: .labelText)
            try container.encode(labelBox, forKey: .labelBox)
            try container.encode(labelWordIndices, forKey: .labelWordIndices)
        }
    }

    public var blocks: [Block]
    public var tables: [Table]
    public var keyValues: [KeyValue]
    public var checkboxes: [Checkbox]

    public init(from layout: PageLayout) {
        blocks = layout.blocks.map(Block.init(from:))
        tables = layout.tables.map(Table.init(from:))
        keyValues = layout.keyValues.map(KeyValue.init(from:))
        checkboxes = layout.checkboxes.map(Checkbox.init(from:))
    }

    enum CodingKeys: String, CodingKey {
        case blocks, tables, keyValues = "key_values", checkboxes
    }
}
