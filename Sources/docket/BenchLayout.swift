import ArgumentParser
import DocketExtract
import DocketLayout
import DocketModel
import Foundation

struct BenchLayout: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layout",
        abstract: "Time layout analysis per page of the given files.",
        discussion: """
            Reads each page as the worker does, then times, on their own, making the pixels the \
            analysis reads (a text-layer PDF page is rendered for it; OCR pages and images already \
            have theirs) and the analysis itself, each the median of --repeat runs.

            EXAMPLE
              docket bench layout Samples/invoice.pdf Samples/scanned-letter.pdf Samples/form.jpg
            """)

    @Argument(help: "Files to read.") var files: [String]
    @Option(help: "Runs per page; the median is reported.") var `repeat`: Int = 5

    func run() throws {
        let limits = ExtractLimits.fromEnvironment()
        var engine: OCREngine?
        print("FILE                  PAGE  SOURCE      IMAGE (px)   PIXELS ms  ANALYSIS ms  BLOCKS TABLES PAIRS BOXES TICKED")
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            guard let mediaType = MediaType.detect(bytes) else { throw ValidationError("\(file): not a type Docket reads") }
            let reader = try openDocument(bytes, as: mediaType, limits: limits)
            let pages = try (1...reader.pageCount).map { number in
                try reader.readPage(number) {
                    if let engine { return engine }
                    let created = try OCREngine()
                    engine = created
                    return created
                }
            }
            let runs = max(1, `repeat`)
            var imageTimes = [[Double]](repeating: [], count: pages.count)
            var images: [GrayImage?] = []
            for _ in 0..<runs {
                let started = Date()
                images = LayoutImages.of(bytes, as: mediaType, pages: pages, limits: limits)
                let perPage = Date().timeIntervalSince(started) / Double(pages.count)
                for index in pages.indices where pages[index].source == .textLayer { imageTimes[index].append(perPage) }
            }
            for (index, page) in pages.enumerated() {
                var analysisTimes: [Double] = []
                var layout = PageLayout()
                for _ in 0..<runs {
                    let started = Date()
                    layout = LayoutAnalyzer.analyze(page, image: images[index])
                    analysisTimes.append(Date().timeIntervalSince(started))
                }
                let size = images[index].map { "\($0.width)x\($0.height)" } ?? "-"
                print(String(format: "%@  %4d  %@  %@  %9.1f  %11.1f  %6d %6d %5d %5d %6d",
                             pad((file as NSString).lastPathComponent, 20), page.number, pad(page.source.rawValue, 10), pad(size, 11),
                             1000 * middle(imageTimes[index]), 1000 * middle(analysisTimes),
                             layout.blocks.count, layout.tables.count, layout.keyValues.count, layout.checkboxes.count,
                             layout.checkboxes.filter(\.isChecked).count))
            }
        }
    }

    private func middle(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.sorted()[values.count / 2]
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
