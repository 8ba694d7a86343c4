@testable import DocketLayout
import DocketModel
import Testing

@Suite struct ConnectedComponentsTests {
    /// The components found from runs are those a flood fill pixel by pixel finds, in the same order.
    @Test(arguments: [0.05, 0.2, 0.45, 0.6])
    func runsJoinAsAFloodFillWould(inkShare: Double) {
        var generator = SplitMix64(seed: UInt64(inkShare * 1000))
        for size in [(1, 1), (1, 40), (40, 1), (37, 23), (120, 90)] {
            let (width, height) = size
            let pixels = (0..<(width * height)).map { _ in Double.random(in: 0..<1, using: &generator) < inkShare ? UInt8(0) : 255 }
            let mask = InkMask(GrayImage(width: width, height: height, pixels: pixels, pointsPerPixel: 1))
            let found = ConnectedComponents.boundingBoxes(of: mask).map { [$0.x0, $0.y0, $0.x1, $0.y1] }
            #expect(found == Self.floodFill(mask), "\(width) x \(height)")
        }
    }

    @Test func aRingAndADiagonalAreOneComponentEach() {
        let rows = [
            "#####....#",
            "#...#...#.",
            "#.#.#..#..",
            "#...#.....",
            "#####.....",
        ]
        let pixels = rows.flatMap { $0.map { $0 == "#" ? UInt8(0) : 255 } }
        let mask = InkMask(GrayImage(width: 10, height: 5, pixels: pixels, pointsPerPixel: 1))
        let found = ConnectedComponents.boundingBoxes(of: mask).map { [$0.x0, $0.y0, $0.x1, $0.y1] }
        #expect(found == [[0, 0, 5, 5], [7, 0, 10, 3], [2, 2, 3, 3]])
    }

    private static func floodFill(_ mask: InkMask) -> [[Int]] {
        var seen = [Bool](repeating: false, count: mask.width * mask.height)
        var found: [[Int]] = []
        for y in 0..<mask.height {
            for x in 0..<mask.width where mask.isInk(x, y) && !seen[y * mask.width + x] {
                var bounds = [x, y, x + 1, y + 1]
                var stack = [(x, y)]
                seen[y * mask.width + x] = true
                while let (px, py) = stack.popLast() {
                    bounds = [min(bounds[0], px), min(bounds[1], py), max(bounds[2], px + 1), max(bounds[3], py + 1)]
                    for ny in (py - 1)...(py + 1) where ny >= 0 && ny < mask.height {
                        for nx in (px - 1)...(px + 1) where nx >= 0 && nx < mask.width && mask.isInk(nx, ny) && !seen[ny * mask.width + nx] {
                            seen[ny * mask.width + nx] = true
                            stack.append((nx, ny))
                        }
                    }
                }
                found.append(bounds)
            }
        }
        return found
    }
}
