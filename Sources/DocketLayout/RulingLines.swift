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
        let runs = (0..<mask.height).flatMap { y in
            inkRuns(count: mask.width, minimum: mask.pixels(minimumHorizontalLength)) { mask.isInk($0, y) }
                .map { Run(line: y, start: $0.lowerBound, end: $0.upperBound) }
        }
        return merge(runs, mask: mask)
    }

    func verticalLines(in mask: InkMask) -> [RulingLine] {
        let runs = (0..<mask.width).flatMap { x in
            inkRuns(count: mask.height, minimum: mask.pixels(minimumVerticalLength)) { mask.isInk(x, $0) }
                .map { Run(line: x, start: $0.lowerBound, end: $0.upperBound) }
        }
        return merge(runs, mask: mask)
    }

    private struct Run {
        var line: Int
        var start: Int
        var end: Int
    }

    /// Runs of ink along one row or column at least `minimum` pixels long; a gap of one or two
    /// pixels (a scan's dropout) does not end a run.
    private func inkRuns(count: Int, minimum: Int, isInk: (Int) -> Bool) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        var lastInk = -10
        for position in 0..<count where isInk(position) {
            if let runStart = start, position - lastInk > 3 {
                if lastInk + 1 - runStart >= minimum { runs.append(runStart..<(lastInk + 1)) }
                start = position
            } else if start == nil {
                start = position
            }
            lastInk = position
        }
        if let runStart = start, lastInk + 1 - runStart >= minimum { runs.append(runStart..<(lastInk + 1)) }
        return runs
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
