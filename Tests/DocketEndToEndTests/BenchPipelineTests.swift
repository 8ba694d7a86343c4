import DocketFixtures
import Foundation
import Testing

@Suite struct BenchPipelineTests {
    private let invoice = FixturePage(text: ["Northwind Office Supply", "Invoice date: 2026-03-14", "Total due: 1,237.60 EUR"], fontSize: 14)

    /// `docket bench pipeline ARGUMENTS --format json`, with its JSON (nil when it printed none).
    private func profile(_ arguments: [String]) throws -> (result: DocketProcess.Result, json: [String: Any]?) {
        let result = try DocketProcess().run(["bench", "pipeline"] + arguments + ["--format", "json"],
                                             environment: ["OMP_THREAD_LIMIT": "1"], namingDatabase: false)
        return (result, try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    private func stages(_ json: [String: Any]?) -> [String: [String: Any]] {
        let stages = json?["stages"] as? [[String: Any]] ?? []
        return Dictionary(stages.map { ($0["stage"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func shareSum(_ json: [String: Any]?) -> Double {
        (json?["stages"] as? [[String: Any]] ?? []).reduce(0) { $0 + ($1["share"] as? Double ?? 0) }
    }

    @Test func aBornDigitalPageIsReadFromItsTextLayerWithoutOCR() throws {
        let scratch = try Scratch()
        let (result, json) = try profile([try scratch.write("invoice.pdf", Fixtures.textPDF([invoice]))])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(json?["files"] as? Int == 1)
        #expect(json?["pages"] as? Int == 1)
        let stages = stages(json)
        #expect((stages["text_layer"]?["calls"] as? Int ?? 0) >= 1)
        #expect((stages["layout"]?["calls"] as? Int ?? 0) == 1)
        #expect(stages["store"] != nil)
        #expect(stages["first_reading"] == nil)
        #expect(abs(shareSum(json) - 1) <= 0.01, "\(result.stdout)")
        let order = (json?["stages"] as? [[String: Any]] ?? []).compactMap { $0["stage"] as? String }
        #expect(order.last == "other")
    }

    @Test func aScannedPageIsReadByOCRAndAnUnreadableFileIsNamedAndLeftOut() throws {
        let scratch = try Scratch()
        let scan = try scratch.write("scan.pdf", Fixtures.scannedPDF([invoice]))
        let broken = try scratch.write("broken.pdf", Array("%PDF-1.4\nnot a PDF after all\n".utf8))
        let missing = scratch.folder.appending(path: "missing.pdf").path
        let (result, json) = try profile([broken, scan, missing, "--question", "What is the total due?"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("broken.pdf: cannot be read"), "\(result.stderr)")
        #expect(result.stderr.contains("missing.pdf does not exist"), "\(result.stderr)")
        #expect(json?["files"] as? Int == 1)
        #expect(json?["pages"] as? Int == 1)
        let stages = stages(json)
        for stage in ["decode_or_render", "prepare", "first_reading", "layout", "fields", "store"] {
            #expect((stages[stage]?["calls"] as? Int ?? 0) >= 1, "\(stage) in \(result.stdout)")
        }
        #expect(stages["answers"]?["calls"] as? Int == 1)
        #expect(stages["report"] == nil)
        #expect(abs(shareSum(json) - 1) <= 0.01, "\(result.stdout)")
    }

    @Test func thePassesOfFigureOCRCountAsFigureOCROnly() throws {
        let scratch = try Scratch()
        let text = FixturePage(lines: [FixtureLine("Invoice number NW-2026-0314", y: 100, fontSize: 14),
                                       FixtureLine("Thank you for your order", y: 500, fontSize: 14)])
        let stamp = FixturePage(lines: [FixtureLine("PAID IN FULL", x: 20, y: 80, fontSize: 30, bold: true)], width: 360, height: 120)
        let pdf = Fixtures.textPDFWithPicture(text, picture: stamp, frame: (x: 72, y: 286, width: 360, height: 120))
        let (result, json) = try profile([try scratch.write("stamped.pdf", pdf)])
        #expect(result.status == 0, "\(result.stderr)")
        let stages = stages(json)
        #expect(stages["figure_ocr"]?["calls"] as? Int == 1, "\(result.stdout)")
        for nested in ["decode_or_render", "prepare", "first_reading", "sparse_search", "line_rereads"] {
            #expect(stages[nested] == nil, "\(nested) in \(result.stdout)")
        }
        #expect(abs(shareSum(json) - 1) <= 0.01, "\(result.stdout)")
    }

    @Test func theTextTableNamesEachStageAndThePagesPerSecond() throws {
        let scratch = try Scratch()
        let result = try DocketProcess().run(["bench", "pipeline", try scratch.write("invoice.pdf", Fixtures.textPDF([invoice])), "--report"],
                                             namingDatabase: false)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("STAGE"))
        #expect(result.stdout.contains("\ntext layer "))
        #expect(result.stdout.contains("\nreport "))
        #expect(result.stdout.contains("\nother "))
        #expect(result.stdout.contains("pages/s:"))
    }
}
