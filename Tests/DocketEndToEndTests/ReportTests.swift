import DocketFixtures
import Foundation
import Testing

/// Headless Chromium from Debian's packages, as the reviewers' browsers render the HTML report.
struct HeadlessBrowser {
    static var binary: URL? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].map(URL.init(fileURLWithPath:))
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    let binary: URL
    let profile: URL

    init() throws {
        binary = try #require(Self.binary, "chromium is not installed: run `make packages`")
        profile = FileManager.default.temporaryDirectory.appending(path: "docket-chromium-\(UUID().uuidString)")
    }

    private func run(_ arguments: [String]) throws -> String {
        try standardOutput(of: binary, ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                                        "--user-data-dir=\(profile.path)", "--window-size=1400,1400", "--virtual-time-budget=3000"] + arguments)
    }

    /// The page's DOM after its scripts ran.
    func dom(of file: URL) throws -> String { try run(["--dump-dom", file.absoluteString]) }

    /// A 1400 x 1400 screenshot of the top of the page.
    func screenshot(of file: URL) throws -> [UInt8] {
        let target = profile.appending(path: "shot.png")
        _ = try run(["--screenshot=\(target.path)", file.absoluteString])
        return [UInt8](try Data(contentsOf: target))
    }
}

@Suite struct ReportTests {
    private static let invoice = FixturePage(text: [
        "Northwind Office Supply", "INVOICE", "Invoice number: NW-2026-0314", "Invoice date: 2026-03-14",
        "Due date: 2026-04-13", "Bill to: Acme Logistics GmbH", "Total due: 1,237.60 EUR", "Payment terms: 30 days net",
    ], fontSize: 14)

    /// Reads the invoice, a scan of it, and asks a question, as a user would.
    private func readInvoice() throws -> (DocketProcess, Scratch) {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let pdf = try scratch.write("invoice.pdf", Fixtures.textPDF([Self.invoice]))
        let scan = try scratch.write("scan.png", Fixtures.png(Self.invoice, dpi: 150))
        #expect(try docket.run(["submit", pdf, scan, "--question", "What is the total due?"]).status == 0)
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        return (docket, scratch)
    }

    @Test func theJSONReportSaysOnlyWhatTheDocumentSays() throws {
        let (docket, _) = try readInvoice()
        let report = try #require(try docket.json(["report", "1"]) as? [String: Any])
        #expect(report["type"] as? String == "invoice")
        let summary = try #require(report["summary"] as? [[String: Any]])
        #expect(summary.map { $0["label"] as? String } == ["Title", "Issued by", "Date", "Due date", "Total"])
        let shown = try #require(try docket.json(["show", "1"]) as? [String: Any])
        let words = try #require(((shown["pages"] as? [[String: Any]])?.first?["words"] as? [[String: Any]])?.compactMap { $0["text"] as? String })
        for item in summary {
            let evidence = try #require(item["evidence"] as? [String: Any])
            let indices = try #require(evidence["word_indices"] as? [Int])
            #expect(indices.map { words[$0] }.joined(separator: " ") == item["text"] as? String, "\(item)")
        }
        let answers = try #require(report["answers"] as? [[String: Any]])
        #expect(answers.first?["answer"] as? String == "1,237.60 EUR")
        let quality = try #require((report["quality"] as? [[String: Any]])?.first)
        #expect(quality["source"] as? String == "text-layer" && quality["needs_review"] as? Bool == false)
    }

    @Test func theMarkdownReportListsFieldsWithTheirBoxes() throws {
        let (docket, _) = try readInvoice()
        let markdown = try docket.run(["report", "2", "--format", "md"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.hasPrefix("# scan.png\n"))
        #expect(markdown.stdout.contains("| total | 1,237.60 EUR | 1237.60 EUR |"))
        #expect(markdown.stdout.contains("| 1 | ocr |"))
    }

    @Test func theHTMLReportDrawsEachBoxWhereItsAnswerIsInARealBrowser() throws {
        let (docket, scratch) = try readInvoice()
        let browser = try HeadlessBrowser()
        for document in ["1", "2"] {
            let path = scratch.folder.appending(path: "report-\(document).html")
            let written = try docket.run(["report", document, "--format", "html", "--out", path.path, "--width", "800"])
            #expect(written.status == 0, "\(written.stderr)")
            let html = try String(contentsOf: path, encoding: .utf8)
            #expect(!html.contains("http://") && !html.contains("https://"), "the report must not need a network")
            #expect(html.contains("Total due") || html.contains("1,237.60"))

            // The browser lays the report out; a script added to a copy reports where it put the page image and each box.
            let probe = scratch.folder.appending(path: "probe-\(document).html")
            try html.replacingOccurrences(of: "</body>", with: Self.geometryScript + "</body>").write(to: probe, atomically: true, encoding: .utf8)
            let geometry = try Self.geometry(in: try browser.dom(of: probe))
            #expect(geometry.count >= 5, "\(document): \(geometry.count) boxes")
            for mark in geometry {
                // Where the box's PDF-point rectangle falls on the image as the browser drew it.
                let expectedLeft = mark.image.left + mark.box[0] / mark.points.width * mark.image.width
                let expectedTop = mark.image.top + mark.box[1] / mark.points.height * mark.image.height
                let expectedWidth = (mark.box[2] - mark.box[0]) / mark.points.width * mark.image.width
                #expect(abs(mark.rect.left + 3 - expectedLeft) < 1.5, "\(mark)")
                #expect(abs(mark.rect.top + 3 - expectedTop) < 1.5, "\(mark)")
                #expect(abs(mark.rect.width - 6 - expectedWidth) < 1.5, "\(mark)")
            }

            // And the screenshot shows red where the browser put the total's box.
            let pixels = try #require(PNGPixels(try browser.screenshot(of: path)))
            let visible = geometry.filter { $0.rect.top + $0.rect.height < Double(pixels.height) }
            #expect(!visible.isEmpty)
            for mark in visible {
                let x = Int(mark.rect.left + 1), y = Int(mark.rect.top + mark.rect.height / 2)
                #expect(pixels.isEvidenceRed(x: x, y: y), "no red border at \(x),\(y) for \(mark.id)")
            }
        }
    }

    @Test func anOverlayDrawsTheEvidenceOverThePage() throws {
        let (docket, scratch) = try readInvoice()
        let path = scratch.folder.appending(path: "overlay.png").path
        let drawn = try docket.run(["show", "1", "--page", "1", "--overlay", path, "--width", "1224"])
        #expect(drawn.status == 0, "\(drawn.stderr)")
        let pixels = try #require(PNGPixels([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))))
        #expect(pixels.width == 1224)
        let answers = try #require(try docket.json(["answers", "--document", "1"]) as? [[String: Any]])
        let box = try #require(answers.first?["box"] as? [String: Double])
        // 1224 pixels over 612 points: 2 pixels per point; the border is drawn 2 pixels outside the box.
        let left = Int((box["x0"]! * 2).rounded()) - 2, middle = Int(((box["y0"]! + box["y1"]!)).rounded())
        #expect(pixels.isEvidenceRed(x: left, y: middle))
        #expect(!pixels.isEvidenceRed(x: left - 12, y: middle))
        let missing = try docket.run(["show", "1", "--page", "9", "--overlay", path])
        #expect(missing.status == 64 && missing.stderr.contains("has 1 page"))
    }

    @Test func aPageThatCrashesTheRendererShowsItsWordsAndTheCommandSaysWhy() throws {
        let (docket, scratch) = try readInvoice()
        let crashing = ["DOCKET_INJECT_FAULT": "segv-on-page:1", "SWIFT_BACKTRACE": "enable=no"]
        let path = scratch.folder.appending(path: "overlay.png").path
        let drawn = try docket.run(["show", "1", "--overlay", path, "--width", "612"], environment: crashing)
        #expect(drawn.status == 0, "\(drawn.stderr)")
        #expect(drawn.stderr.contains("page 1 of document 1 could not be drawn (Poppler or Leptonica crashed with SIGSEGV); its words are shown instead."),
                "\(drawn.stderr)")
        #expect(PNGPixels([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))?.width == 612)

        let report = scratch.folder.appending(path: "report.html").path
        let written = try docket.run(["report", "1", "--format", "html", "--out", report], environment: crashing)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stderr.contains("could not be drawn (Poppler or Leptonica crashed with SIGSEGV)"), "\(written.stderr)")
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("data:image/png;base64,"))
    }

    @Test func aWrongPasswordForAnEncryptedPagesPictureIsRefusedAndTheRightOneDrawsIt() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "Fixtures/encrypted-aes256-password-foo.pdf")
        #expect(try docket.run(["submit", fixture.path, "--password", "foo"]).status == 0)
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        let path = scratch.folder.appending(path: "overlay.png").path
        let wrong = try docket.run(["show", "1", "--overlay", path, "--password", "bar"], environment: ["SWIFT_BACKTRACE": "enable=no"])
        #expect(wrong.status == 65)
        #expect(wrong.stderr.contains("The --password given does not open document 1, an encrypted PDF."), "\(wrong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
        let right = try docket.run(["show", "1", "--overlay", path, "--password", "foo"])
        #expect(right.status == 0, "\(right.stderr)")
        #expect(!right.stderr.contains("could not be drawn"), "\(right.stderr)")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    struct MarkGeometry: CustomStringConvertible {
        var id: String
        var box: [Double]
        var points: (width: Double, height: Double)
        var image: (left: Double, top: Double, width: Double, height: Double)
        var rect: (left: Double, top: Double, width: Double, height: Double)
        var description: String { "\(id) box \(box) image \(image) rect \(rect)" }
    }

    static let geometryScript = """
        <script>
        window.addEventListener('load', () => {
          const rows = [];
          for (const sheet of document.querySelectorAll('figure.sheet')) {
            const i = sheet.querySelector('img').getBoundingClientRect();
            for (const m of sheet.querySelectorAll('.mark')) {
              const r = m.getBoundingClientRect();
              rows.push([m.id, m.dataset.box, sheet.dataset.points, i.left, i.top + scrollY, i.width, i.height, r.left, r.top + scrollY, r.width, r.height].join(' '));
            }
          }
          const pre = document.createElement('pre');
          pre.id = 'geometry';
          pre.textContent = rows.join('\\n');
          document.body.appendChild(pre);
        });
        </script>
        """

    static func geometry(in dom: String) throws -> [MarkGeometry] {
        let start = try #require(dom.range(of: "<pre id=\"geometry\">"), "the browser ran no script: \(dom.prefix(300))")
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        return try dom[start.upperBound..<end.lowerBound].split(separator: "\n").map { line in
            let fields = line.split(separator: " ").map(String.init)
            let box = fields[1].split(separator: ",").compactMap { Double($0) }
            let points = fields[2].split(separator: "x").compactMap { Double($0) }
            let numbers = fields[3...].compactMap(Double.init)
            try #require(box.count == 4 && points.count == 2 && numbers.count == 8, "\(line)")
            return MarkGeometry(id: fields[0], box: box, points: (points[0], points[1]),
                                image: (numbers[0], numbers[1], numbers[2], numbers[3]), rect: (numbers[4], numbers[5], numbers[6], numbers[7]))
        }
    }
}
