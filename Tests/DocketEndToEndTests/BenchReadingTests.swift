import DocketFixtures
import Foundation
import Testing

@Suite struct BenchOCRTests {
    private let letter = FixturePage(text: ["Northwind Office Supply", "Invoice date: 2026-03-14", "Total due: 1,237.60 EUR"], fontSize: 14)

    @Test func aScanIsScoredAgainstItsTrueTextAndFilesWithoutOneAreLeftAlone() throws {
        let scratch = try Scratch()
        _ = try scratch.write("letter.pdf", Fixtures.scannedPDF([letter]))
        _ = try scratch.write("letter.gold.txt", Array(letter.lines.map(\.text).joined(separator: "\n").utf8))
        _ = try scratch.write("letter.txt", Array("not the text to score against\n".utf8))
        _ = try scratch.write("letter.uzn", Array("0 0 100 100 Text\n".utf8))
        _ = try scratch.write("untold.pdf", Fixtures.scannedPDF([letter]))
        let result = try DocketProcess().run(["bench", "ocr", scratch.folder.path, "--format", "json"],
                                             environment: ["OMP_THREAD_LIMIT": "1"], namingDatabase: false)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = json["files"] as? [[String: Any]] ?? []
        #expect(files.compactMap { ($0["file"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } } == ["letter.pdf"])
        #expect(json["truth_words"] as? Int == 14)
        #expect((json["words_read_right"] as? Int ?? 0) >= 12, "\(result.stdout)")
        #expect((json["accuracy"] as? Double ?? 0) >= 0.85)
    }

    @Test func aFileWithoutATrueTextIsRefusedWithWhereToWriteIt() throws {
        let scratch = try Scratch()
        let scan = try scratch.write("scan.pdf", Fixtures.scannedPDF([letter]))
        let result = try DocketProcess().run(["bench", "ocr", scan], environment: ["OMP_THREAD_LIMIT": "1"], namingDatabase: false)
        #expect(result.status != 0)
        #expect(result.stderr.contains("has no true text beside it"), "\(result.stderr)")
        #expect(result.stderr.contains("scan.txt"), "\(result.stderr)")
    }
}

@Suite struct BenchThroughputTests {
    @Test func eachGroupIsTimedAgainstItsPlainToolsAndAnEncryptedFileIsLeftOut() throws {
        let scratch = try Scratch()
        let page = FixturePage(text: ["Northwind Office Supply", "Invoice date: 2026-03-14", "Total due: 1,237.60 EUR",
                                      "Thank you for your order and see you again soon"], fontSize: 14)
        let scan = try scratch.write("scan.pdf", Fixtures.scannedPDF([page]))
        let text = try scratch.write("text.pdf", Fixtures.textPDF([page, page]))
        let encrypted = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "Fixtures/encrypted-aes256-password-foo.pdf")
        let locked = try scratch.write("locked.pdf", Array(try Data(contentsOf: encrypted)))
        let result = try DocketProcess().run(["bench", "throughput", scan, text, locked, "--format", "json"],
                                             environment: ["OMP_THREAD_LIMIT": "1"], namingDatabase: false)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("locked.pdf: pdfinfo cannot open it"), "\(result.stderr)")
        let groups = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(groups.map { $0["group"] as? String } == ["scanned", "born-digital"])
        #expect(groups.map { $0["pages"] as? Int } == [1, 2])
        for group in groups {
            #expect((group["limit_seconds"] as? Double ?? 0) > 0)
            #expect((group["docket_seconds"] as? Double ?? 0) > 0)
            #expect((group["ratio"] as? Double ?? 0) > 0)
        }
    }
}

@Suite struct BenchSoakTests {
    @Test func copiesOfOneFileAreEachReadAndTheWorkerIsMeasuredAtEachCheckpoint() throws {
        let scratch = try Scratch()
        let page = FixturePage(text: ["Northwind Office Supply", "Total due: 1,237.60 EUR"], fontSize: 14)
        // Scanned pages, read with OCR, take long enough that the soak's look every 0.2 s finds the
        // first mark before the last: text pages may all be read between two looks.
        let scan = try scratch.write("scan.pdf", Fixtures.scannedPDF([page, page]))
        let result = try DocketProcess().run(["bench", "soak", scan, "--documents", "6", "--every", "3", "--format", "json"],
                                             environment: ["OMP_THREAD_LIMIT": "1"], namingDatabase: false)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let checkpoints = json["checkpoints"] as? [[String: Any]] ?? []
        // A checkpoint is taken at the first look after its mark is passed, so it may count a document more.
        let documents = checkpoints.compactMap { $0["documents"] as? Int }
        #expect(documents.count == 2 && (3..<6).contains(documents[0]) && documents[1] == 6, "\(documents)")
        #expect(checkpoints.compactMap { $0["pages"] as? Int } == documents.map { $0 * 2 })
        #expect(checkpoints.allSatisfy { ($0["worker_resident_mib"] as? Double ?? 0) > 0 }, "\(result.stdout)")
        #expect(json["failed"] as? Int == 0)
        #expect(json["worker_growth"] is Double)
    }
}

@Suite struct BenchSoakRefusalTests {
    @Test func aDamagedPDFsFailuresAreExplainedAndAFileThatIsNoPDFIsRefused() throws {
        let scratch = try Scratch()
        let broken = try scratch.write("broken.pdf", Array("%PDF-1.4\nnot a PDF after all\n".utf8))
        let failing = try DocketProcess().run(["bench", "soak", broken, "--documents", "2", "--every", "2"],
                                              environment: ["OMP_THREAD_LIMIT": "1"], namingDatabase: false)
        #expect(failing.status == 0, "\(failing.stderr)")
        #expect(failing.stdout.contains("2 documents failed; soak-"), "\(failing.stdout)")
        #expect(failing.stdout.contains("broken.pdf: "), "\(failing.stdout)")

        let empty = try scratch.write("empty.pdf", [])
        let refused = try DocketProcess().run(["bench", "soak", empty, "--documents", "2"], environment: ["OMP_THREAD_LIMIT": "1"],
                                              namingDatabase: false)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("empty.pdf is not a PDF; leave it out of the soak."), "\(refused.stderr)")

        let emptyText = try scratch.write("empty.txt", [])
        let refusedText = try DocketProcess().run(["bench", "soak", emptyText, "--documents", "2"], environment: ["OMP_THREAD_LIMIT": "1"],
                                                  namingDatabase: false)
        #expect(refusedText.status == 64)
        #expect(refusedText.stderr.contains("empty.txt is neither a PDF nor plain text; leave it out of the soak."), "\(refusedText.stderr)")
    }

    @Test func plainTextFilesAreSoakedToo() throws {
        let scratch = try Scratch()
        let note = try scratch.write("note.txt", Array("Total: 12.00 EUR\n".utf8))
        let soak = try DocketProcess().run(["bench", "soak", note, "--documents", "4", "--every", "2"], environment: ["OMP_THREAD_LIMIT": "1"],
                                           namingDatabase: false)
        #expect(soak.status == 0, "\(soak.stderr)")
        #expect(soak.stdout.contains("     4 documents       4 pages"), "\(soak.stdout)")
        #expect(!soak.stdout.contains("failed"), "\(soak.stdout)")
    }
}
