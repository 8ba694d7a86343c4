import DocketTestDatabases
import Foundation
import Testing

/// `docket index` and `docket search --semantic`, run as the built binary with the installed encoder
/// on documents read by a real worker.
@Suite struct SemanticSearchCLITests {
    static let invoice = """
        Terms of settlement
        Invoices settled after the due date incur a surcharge of two percent per month on the outstanding balance.
        """
    static let radiology = """
        Chest x-ray findings
        No pleural effusion. Heart size normal. Lungs clear.
        """
    static let recipe = """
        Country bread
        Preheat the oven to 220 degrees and bake the loaf for forty minutes.
        """

    @Test(arguments: StoreBackend.allCases) func findsTheInvoiceByMeaningAfterIndexing(backend: StoreBackend) throws {
        let docket = try backend.docket()
        let scratch = try Scratch()
        let files = try [("invoice.txt", Self.invoice), ("radiology.txt", Self.radiology), ("recipe.txt", Self.recipe)].map { name, text in
            try scratch.write(name, Array(text.utf8))
        }
        #expect(try docket.run(["submit"] + files).status == 0)
        let worker = try docket.run(["worker", "--drain"])
        #expect(worker.status == 0, "\(worker.stderr)")

        let query = "late payment fee"
        #expect(try docket.run(["search", query]).stdout.isEmpty, "the query shares a word with a document")
        let beforeIndex = try docket.run(["search", "--semantic", query])
        #expect(beforeIndex.status == 0, "\(beforeIndex.stderr)")
        #expect(beforeIndex.stderr.contains("3 documents have no vectors; run docket index"))

        let indexed = try docket.run(["index"])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stdout.contains("3 documents indexed"))
        #expect(indexed.stderr.contains("[3/3] document 3"))
        let vectorCount = try docket.rows("SELECT count(*) FROM passage_vectors")
        #expect(vectorCount != [["0"]])

        let again = try docket.run(["index"])
        #expect(again.status == 0 && again.stdout.isEmpty, "\(again.stdout)")
        #expect(again.stderr.contains("nothing to do"))
        #expect(try docket.rows("SELECT count(*) FROM passage_vectors") == vectorCount)
        #expect(try docket.rows("SELECT count(*) FROM embedded_documents") == [["3"]])

        let text = try docket.run(["search", "--semantic", query])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stderr.contains("no vectors"))
        #expect(text.stdout.hasPrefix("invoice.txt  document 1, page 1"), "\(text.stdout)")

        let hits = try #require(try docket.json(["search", "--semantic", query]) as? [[String: Any]])
        try #require(hits.count == 3)
        #expect(hits[0]["document_name"] as? String == "invoice.txt")
        #expect(Set(hits[0].keys) == ["document_id", "document_name", "document_type", "page", "snippet", "score", "keyword_rank", "similarity", "box"])
        #expect(hits[0]["document_id"] as? Int == 1 && hits[0]["page"] as? Int == 1)
        #expect(hits[0]["keyword_rank"] is NSNull)
        #expect((hits[0]["snippet"] as? String)?.contains("surcharge") == true)
        let box = try #require(hits[0]["box"] as? [String: Double])
        #expect(Set(box.keys) == ["x0", "y0", "x1", "y1"])
        let similarities = hits.compactMap { $0["similarity"] as? Double }
        #expect(similarities.count == 3 && similarities[0] > similarities[1] && similarities[0] > similarities[2], "\(similarities)")
        let scores = hits.compactMap { $0["score"] as? Double }
        #expect(scores.count == 3 && abs(scores[0] - 1.0 / 61) < 1e-9, "\(scores)")

        // A keyword match counts too: the radiology page is first in both rankings.
        let chest = try #require(try docket.json(["search", "--semantic", "chest"]) as? [[String: Any]])
        #expect(chest.first?["document_name"] as? String == "radiology.txt")
        #expect(chest.first?["keyword_rank"] as? Int == 1)
        #expect((chest.first?["snippet"] as? String)?.contains("[Chest]") == true)
        #expect(abs((chest.first?["score"] as? Double ?? 0) - 2.0 / 61) < 1e-9)
    }

    @Test func aCopyToPostgreSQLCarriesTheVectors() throws {
        let source = DocketProcess()
        let scratch = try Scratch()
        let files = try [("invoice.txt", Self.invoice), ("radiology.txt", Self.radiology)].map { name, text in
            try scratch.write(name, Array(text.utf8))
        }
        #expect(try source.run(["submit"] + files).status == 0)
        #expect(try source.run(["worker", "--drain", "--embed"]).status == 0)
        let destination = DocketProcess(database: try ThrowawayPostgres.newDatabase())
        let copied = try source.run(["copy", "--from", source.database, "--to", destination.database], namingDatabase: false)
        #expect(copied.status == 0, "\(copied.stderr)")

        let query = ["search", "--semantic", "late payment fee", "--format", "json"]
        let there = try destination.run(query)
        #expect(there.status == 0 && there.stderr.isEmpty, "\(there.stderr)")
        #expect(there.stdout == (try source.run(query)).stdout)
        #expect(try destination.rows("SELECT count(*) FROM embedded_documents") == [["2"]])
    }

    @Test func theWorkerEmbedsWhatItReadsWhenAskedTo() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let files = try [("invoice.txt", Self.invoice), ("radiology.txt", Self.radiology)].map { name, text in
            try scratch.write(name, Array(text.utf8))
        }
        #expect(try docket.run(["submit"] + files).status == 0)
        let worker = try docket.run(["worker", "--drain", "--embed"])
        #expect(worker.status == 0, "\(worker.stderr)")
        #expect(worker.stderr.contains("document 1 embedded: 1 passage in"), "\(worker.stderr)")
        #expect(try docket.rows("SELECT count(*) FROM embedded_documents") == [["2"]])

        let again = try docket.run(["index"])
        #expect(again.status == 0 && again.stderr.contains("nothing to do"), "\(again.stderr)")
        let search = try docket.run(["search", "--semantic", "late payment fee"])
        #expect(search.status == 0 && search.stderr.isEmpty, "\(search.stderr)")
        #expect(search.stdout.hasPrefix("invoice.txt  document 1, page 1"), "\(search.stdout)")

        // New questions of a document read before leave its pages, and its vectors, alone.
        #expect(try docket.run(["submit", files[0], "--question", "What is the surcharge?"]).status == 0)
        let askedAgain = try docket.run(["worker", "--drain", "--embed"])
        #expect(askedAgain.status == 0 && askedAgain.stderr.contains("(document 1) succeeded"), "\(askedAgain.stderr)")
        #expect(!askedAgain.stderr.contains("embedded"), "\(askedAgain.stderr)")

        // Without --embed the worker stores no vectors.
        let letter = try scratch.write("letter.txt", Array("Dear Ms Keller, thank you for your letter.".utf8))
        #expect(try docket.run(["submit", letter]).status == 0)
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        #expect(try docket.rows("SELECT count(*) FROM embedded_documents") == [["2"]])
        #expect(try docket.run(["search", "--semantic", "letter"]).stderr.contains("1 document has no vectors; run docket index"))
    }

    @Test func withoutTheEncoderTheSemanticCommandsRefuseInOneLineAndChangeNothing() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let emptyFolder = scratch.folder.appending(path: "no-encoder")
        try FileManager.default.createDirectory(at: emptyFolder, withIntermediateDirectories: true)
        let environment = ["DOCKET_ENCODER_DIR": emptyFolder.path]

        for arguments in [["index"], ["search", "--semantic", "late payment fee"], ["worker", "--drain", "--embed"]] {
            let refused = try docket.run(arguments, environment: environment)
            #expect(refused.status == 1, "\(arguments)")
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr == "docket: the sentence encoder is not installed: run deploy/install-encoder.sh "
                + "(or set DOCKET_ENCODER_DIR to the folder that holds it).\n", "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: docket.database), "a refused index created the database")
    }
}
