import DocketModel

/// Finds a page's layout from its words and lines and, when there is one, its picture: ruling
/// lines and checkboxes exist only in pixels.
public enum LayoutAnalyzer {
    public static func analyze(_ page: Page, image: GrayImage?) -> PageLayout {
        analyze(words: page.words, lines: page.lines, image: image)
    }

    public static func analyze(words: [Word], lines: [Line], image: GrayImage?) -> PageLayout {
        let wordHeight = median(words.map(\.box.height)) ?? 12
        let pageWidth = max(words.map(\.box.x1).max() ?? 612, Double(image?.width ?? 0) * (image?.pointsPerPixel ?? 0))
        let mask = image.map(InkMask.init)
        let ruling = RulingLineFinder()
        let horizontal = mask.map { ruling.horizontalLines(in: $0) } ?? []
        let vertical = mask.map { ruling.verticalLines(in: $0) } ?? []

        let checkboxFinder = CheckboxFinder()
        // A bold letter or digit can look like a filled square; it lies inside a word much larger
        // than itself, past the word's start (where OCR puts a box it read with its label, "[_]yes").
        let foundBoxes = (mask.map { checkboxFinder.find(in: $0) } ?? []).filter { found in
            !words.contains { word in
                word.text.filter { $0.isLetter || $0.isNumber }.count >= 3 && word.box.area > 3 * found.box.area
                    && found.box.intersectionArea(with: word.box) >= 0.5 * found.box.area
                    && found.box.x0 > word.box.x0 + 0.5 * found.box.width
            }
        }
        // A reader may recognise a checkbox's square as a character or two ("O", "[x]").
        let markWords = Set(words.indices.filter { index in
            foundBoxes.contains { $0.box.intersectionArea(with: words[index].box) >= 0.5 * words[index].box.area }
        })
        let checkboxes = foundBoxes.sorted { ($0.box.y0, $0.box.x0) < ($1.box.y0, $1.box.x0) }.map { found in
            let label = CheckboxLabels.label(of: found.box, among: foundBoxes.map(\.box), words: words,
                                             excluded: markWords, wordHeight: wordHeight)
            return Checkbox(box: found.box, isChecked: checkboxFinder.isChecked(fillRatio: found.fillRatio),
                            fillRatio: found.fillRatio, labelWordIndices: label, labelText: text(of: label, words: words),
                            labelBox: enclosingBox(of: label, words: words))
        }

        let tableFinder = TableFinder(words: words, wordHeight: wordHeight)
        let ruled = tableFinder.ruledTables(horizontal: horizontal, vertical: vertical)
        var tables = ruled.tables
        tables += tableFinder.alignedTables(excluding: Set(tables.flatMap { $0.cells.flatMap(\.wordIndices) }).union(markWords))

        let keyValues = KeyValueFinder(words: words, wordHeight: wordHeight, pageWidth: pageWidth, excluded: markWords,
                                       checkboxes: checkboxes.map(\.box))
            .find(drawnBoxes: ruled.drawnBoxes)

        let blocks = makeBlocks(lines: lines, words: words, tables: tables, keyValues: keyValues,
                                checkboxes: checkboxes, wordHeight: wordHeight)
        return PageLayout(blocks: blocks, tables: tables, keyValues: keyValues, checkboxes: checkboxes)
    }

    private static func makeBlocks(lines: [Line], words: [Word], tables: [LayoutTable], keyValues: [KeyValuePair],
                                   checkboxes: [Checkbox], wordHeight: Double) -> [LayoutBlock] {
        var items: [ReadingOrder.Item] = tables.enumerated().map { index, table in
            ReadingOrder.Item(box: table.box, lineIndices: [], wordIndices: table.cells.flatMap(\.wordIndices), table: index)
        }
        let lineHeight = median(lines.filter { !$0.wordIndices.isEmpty }.map(\.box.height)) ?? wordHeight
        let gutter = max(12, 1.2 * lineHeight)
        for (index, line) in lines.enumerated() where !line.wordIndices.isEmpty {
            if let table = tables.firstIndex(where: { $0.box.contains(center: line.box) }) {
                items[table].lineIndices.append(index)
                continue
            }
            // A reader may run one line across two columns of prose; each column's part reads with its column.
            let ordered = line.wordIndices.sorted { words[$0].box.x0 < words[$1].box.x0 }
            let pieces = VisualRows.chunks(of: ordered, words: words, gap: gutter)
            let parts = pieces.count > 1 && pieces.allSatisfy({ $0.count >= 3 }) ? pieces : [line.wordIndices]
            for part in parts {
                items.append(ReadingOrder.Item(box: enclosingBox(of: part, words: words)!, lineIndices: [index], wordIndices: part, table: nil))
            }
        }
        let order = ReadingOrder(gutter: gutter, paragraphGap: 0.7 * lineHeight, sectionGap: 2.5 * lineHeight)
        let formWords = Set(keyValues.flatMap { $0.keyWordIndices + $0.valueWordIndices } + checkboxes.flatMap(\.labelWordIndices))
        return order.blocks(items).enumerated().map { position, group in
            // Lines that start on one height (a table's row) read left to right.
            let lineIndices = Set(group.flatMap(\.lineIndices)).sorted {
                (lines[$0].box.y0, lines[$0].box.x0, $0) < (lines[$1].box.y0, lines[$1].box.x0, $1)
            }
            let box = Box.enclosing(group.map(\.box))!
            let blockWords = group.sorted { $0.box.y0 < $1.box.y0 }.flatMap(\.wordIndices)
            let kind: BlockKind
            if group.contains(where: { $0.table != nil }) {
                kind = .table
            } else if blockWords.contains(where: formWords.contains)
                        || checkboxes.contains(where: { box.contains(center: $0.box) }) {
                kind = .formField
            } else if lineIndices.count <= 2, blockWords.count <= 12,
                      (median(blockWords.map { words[$0].box.height }) ?? 0) >= 1.25 * wordHeight {
                kind = .heading
            } else {
                kind = .text
            }
            return LayoutBlock(kind: kind, box: box, lineIndices: lineIndices, wordIndices: blockWords, readingOrder: position)
        }
    }
}

enum CheckboxLabels {
    /// The words that name a checkbox: those just right of it on its row, or, when there are none,
    /// those left of it ("Urgent: [ ]"), never reaching past another checkbox.
    static func label(of box: Box, among boxes: [Box], words: [Word], excluded: Set<Int>, wordHeight: Double) -> [Int] {
        let row = words.indices.filter { index in
            !excluded.contains(index) && words[index].box.verticalOverlap(with: box) > 0.3 * min(box.height, words[index].box.height)
        }
        let others = boxes.filter { $0 != box && $0.verticalOverlap(with: box) > 0 }
        let gap = 1.5 * max(wordHeight, box.height)

        var right: [Int] = []
        var edge = box.x1
        // OCR may read the box and the word after it as one word ("[_]yes"): it starts on the box and ends right of it.
        let rightOfBox = row.filter { words[$0].box.x0 >= box.x0 - 1 && words[$0].box.x1 > box.x1 + 0.5 * box.width }
        for index in rightOfBox.sorted(by: { words[$0].box.x0 < words[$1].box.x0 }) {
            let word = words[index].box
            guard word.x0 - edge <= gap, !others.contains(where: { $0.x0 >= edge - 1 && $0.x0 <= word.x0 + 1 }) else { break }
            right.append(index)
            edge = word.x1
        }
        var left: [Int] = []
        edge = box.x0
        for index in row.filter({ words[$0].box.x1 <= box.x0 + 1 }).sorted(by: { words[$0].box.x1 > words[$1].box.x1 }) {
            let word = words[index].box
            // Forms often set their boxes in a column a little way right of labels of different lengths.
            guard edge - word.x1 <= (left.isEmpty ? max(4 * max(wordHeight, box.height), 90) : wordHeight),
                  !others.contains(where: { $0.x1 <= edge && $0.x1 > word.x1 }) else { break }
            left.insert(index, at: 0)
            edge = word.x0
        }
        // "Urgent: [ ] New patient: [ ]": words right of a box that end with a colon label the next box.
        if let last = right.last, words[last].text.hasSuffix(":"), !left.isEmpty { return left }
        return right.isEmpty ? left : right
    }
}
