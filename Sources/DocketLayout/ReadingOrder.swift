import DocketModel

/// Cuts the page into blocks and orders them the way a person reads: recursively split at the
/// widest band of white space, top to bottom across a horizontal band, left to right across a
/// vertical one (columns), so a multi-column page reads column by column.
struct ReadingOrder {
    struct Item {
        var box: Box
        var lineIndices: [Int]
        /// In reading order.
        var wordIndices: [Int]
        var table: Int?
    }

    /// The smallest vertical band of white between columns.
    let gutter: Double
    /// The smallest horizontal band of white between paragraphs.
    let paragraphGap: Double
    /// A horizontal band at least this tall is a section break, cut before any column.
    let sectionGap: Double

    /// The items grouped into blocks, in reading order.
    func blocks(_ items: [Item]) -> [[Item]] {
        guard items.count > 1 else { return items.isEmpty ? [] : [items] }
        let horizontal = widestGap(items, along: \.y0, \.y1)
        let vertical = widestGap(items, along: \.x0, \.x1)
        let cutAcross: Bool?   // true: a horizontal band of white, read top then bottom
        if let horizontal, horizontal.width >= sectionGap {
            cutAcross = true
        } else if let vertical, vertical.width >= gutter {
            cutAcross = false
        } else if let horizontal, horizontal.width >= paragraphGap {
            cutAcross = true
        } else {
            cutAcross = nil
        }
        guard let cutAcross else { return splitAroundTables(items) }
        let cut = cutAcross ? horizontal!.at : vertical!.at
        let first = items.filter { cutAcross ? $0.box.centerY < cut : $0.box.centerX < cut }
        let second = items.filter { cutAcross ? $0.box.centerY >= cut : $0.box.centerX >= cut }
        guard !first.isEmpty, !second.isEmpty else { return splitAroundTables(items) }
        return blocks(first) + blocks(second)
    }

    /// The widest gap between the items' extents along one axis, and where it is.
    private func widestGap(_ items: [Item], along start: KeyPath<Box, Double>, _ end: KeyPath<Box, Double>) -> (width: Double, at: Double)? {
        let sorted = items.sorted { $0.box[keyPath: start] < $1.box[keyPath: start] }
        var reach = sorted[0].box[keyPath: end]
        var best: (width: Double, at: Double)?
        for item in sorted.dropFirst() {
            let gap = item.box[keyPath: start] - reach
            if gap > 0, gap > best?.width ?? 0 { best = (gap, reach + gap / 2) }
            reach = max(reach, item.box[keyPath: end])
        }
        return best
    }

    /// A group that no white band divides: its tables stand apart from the lines around them.
    private func splitAroundTables(_ items: [Item]) -> [[Item]] {
        let sorted = items.sorted { $0.box.y0 < $1.box.y0 }
        var groups: [[Item]] = []
        for item in sorted {
            if item.table != nil || groups.last?.last?.table != nil || groups.isEmpty {
                groups.append([item])
            } else {
                groups[groups.count - 1].append(item)
            }
        }
        return groups
    }
}
