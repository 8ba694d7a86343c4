extension OpenQuestionAnswerer {
    /// Tables read row by row come out as runs of figures after their row labels, with a run of column
    /// headers ("2005 2006 2007") above. When a question names a header and a row label ("the sales in
    /// 2006"), the figure at the header's place in the row's run is the cell it asks for.
    struct TableColumns {
        /// Per token: its place among the figures of the run it belongs to, or nil for a word.
        private let cellIndex: [Int?]
        /// Per token: where its run of figures starts.
        private let runStart: [Int]
        /// Places in a run held by a header the question names.
        private let askedColumns: Set<Int>

        init(tokens: [PageToken], isColumnTerm: [Bool]) {
            var cellIndex = [Int?](repeating: nil, count: tokens.count)
            var runStart = Array(tokens.indices)
            var runLength = [Int](repeating: 0, count: tokens.count)
            var start: Int?
            var cells = 0
            for (position, token) in tokens.enumerated() {
                if token.shape.contains(.hasDigit) {
                    if start == nil {
                        start = position
                        cells = 0
                    }
                    cellIndex[position] = cells
                    runStart[position] = start!
                    cells += 1
                } else if !token.shape.contains(.punctuation) {
                    start = nil
                }
                if let start { runLength[start] = cells }
            }
            var askedColumns = Set<Int>()
            for position in tokens.indices where isColumnTerm[position] {
                if let cell = cellIndex[position], runLength[runStart[position]] >= Self.shortestHeaderRun { askedColumns.insert(cell) }
            }
            self.cellIndex = cellIndex
            self.runStart = runStart
            self.askedColumns = askedColumns
        }

        /// A header needs company to read as one: "1987 1986", not a lone year in a sentence.
        private static let shortestHeaderRun = 2

        /// Whether the figure at `position` stands at an asked column of its run, and where its run starts
        /// (for the caller to check the row label before it).
        func askedCell(at position: Int) -> Int? {
            guard let cell = cellIndex[position], askedColumns.contains(cell) else { return nil }
            return runStart[position]
        }
    }
}
