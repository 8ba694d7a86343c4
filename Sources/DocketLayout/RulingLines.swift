/// A straight line drawn on the page, in points: horizontal (`position` is its y, `start...end` its x
/// extent) or vertical (`position` is its x, `start...end` its y extent).
struct RulingLine: Hashable {
    var position: Double
    var start: Double
    var end: Double
    var thickness: Double

    var length: Double { end - start }
}

/// Finds ruling lines: long thin runs of ink, the lines of tables and form boxes.
struct RulingLineFinder {
    /// Shortest horizontal rule, in points: longer than any word's stroke.
    var minimumHorizontalLength = 30.0
    /// Shortest vertical rule, in points; short ones matter only where they meet horizontal rules.
    var minimumVerticalLength = 10.0
    /// Thicker than this is a filled shape, not a rule.
    var maximumThickness = 4.0

    func horizontalLines(in mask: InkMask) -> [RulingLine] {
        let minimum = mask.pixels(minimumHorizontalLength)
        // What the scan changes is declared inside the closure, not captured: see `ConnectedComponents`.
        let runs = mask.ink.withUnsafeBufferPointer { ink in
            var runs: [Run] = []
            for y in 0..<mask.height {
                var tracker = RunTracker(minimum: minimum)
                let row = y * mask.width, rowEnd = row + mask.width
                var x = ink.firstNonZero(from: row, to: rowEnd) - row
                while x < mask.width {
                    if let run = tracker.ink(at: x) { runs.append(Run(line: y, start: run.lowerBound, end: run.upperBound)) }
                    x = ink.firstNonZero(from: row + x + 1, to: rowEnd) - row
                }
                if let run = tracker.finish() { runs.append(Run(line: y, start: run.lowerBound, end: run.upperBound)) }
            }
            return runs
        }
        return merge(runs, mask: mask)
    }

    /// Scans row by row, as the pixels lie in memory, keeping a run per column.
    func verticalLines(in mask: InkMask) -> [RulingLine] {
        let minimum = mask.pixels(minimumVerticalLength)
        let runs = mask.ink.withUnsafeBufferPointer { ink in
            var trackers = [RunTracker](repeating: RunTracker(minimum: minimum), count: mask.width)
            var runsOfColumn = [[Run]](repeating: [], count: mask.width)
            for y in 0..<mask.height {
                let row = y * mask.width, rowEnd = row + mask.width
                var x = ink.firstNonZero(from: row, to: rowEnd) - row
                while x < mask.width {
                    if let run = trackers[x].ink(at: y) { runsOfColumn[x].append(Run(line: x, start: run.lowerBound, end: run.upperBound)) }
                    x = ink.firstNonZero(from: row + x + 1, to: rowEnd) - row
                }
            }
            for x in 0..<mask.width {
                if let run = trackers[x].finish() { runsOfColumn[x].append(Run(line: x, start: run.lowerBound, end: run.upperBound)) }
            }
            return runsOfColumn.flatMap { $0 }
        }
        return merge(runs, mask: mask)
    }

    private struct Run {
        var line: Int
        var start: Int
        var end: Int
    }

    /// Follows the ink along one row or column, told of each ink pixel in order, and hands back
    /// the runs at least `minimum` pixels long; a gap of one or two pixels (a scan's dropout)
    /// does not end a run.
    private struct RunTracker {
        let minimum: Int
        var start: Int?
        var lastInk = -10

        init(minimum: Int) {
            self.minimum = minimum
        }

        /// The run that ink at `position` ends, if it was long enough.
        mutating func ink(at position: Int) -> Range<Int>? {
            var ended: Range<Int>?
            if let runStart = start, position - lastInk > 3 {
                if lastInk + 1 - runStart >= minimum { ended = runStart..<(lastInk + 1) }
                start = position
            } else if start == nil {
                start = position
            }
            lastInk = position
            return ended
        }

        /// The last run, if it was long enough.
        func finish() -> Range<Int>? {
            guard let runStart = start, lastInk + 1 - runStart >= minimum else { return nil }
            return runStart..<(lastInk + 1)
        }
    }

    /// Runs on neighbouring rows (or columns) that overlap are one rule, as thick as the rows it spans.
    private func merge(_ runs: [Run], mask: InkMask) -> [RulingLine] {
        struct Group {
            var firstLine: Int
            var lastLine: Int
            var start: Int
            var end: Int
        }
        var open: [Group] = []
        var closed: [Group] = []
        for run in runs {
            if let index = open.firstIndex(where: { group in
                group.lastLine >= run.line - 1 && min(group.end, run.end) - max(group.start, run.start) > (run.end - run.start) / 2
            }) {
                open[index].lastLine = run.line
                open[index].start = min(open[index].start, run.start)
                open[index].end = max(open[index].end, run.end)
            } else {
                open.append(Group(firstLine: run.line, lastLine: run.line, start: run.start, end: run.end))
            }
            let stillOpen = open.filter { $0.lastLine >= run.line - 1 }
            closed += open.filter { $0.lastLine < run.line - 1 }
            open = stillOpen
        }
        closed += open
        let maximumRows = max(1, mask.pixels(maximumThickness))
        return closed.filter { $0.lastLine - $0.firstLine + 1 <= maximumRows }.map { group in
            RulingLine(position: mask.points(group.firstLine + group.lastLine + 1) / 2,
                       start: mask.points(group.start), end: mask.points(group.end),
                       thickness: mask.points(group.lastLine - group.firstLine + 1))
        }
    }
}
