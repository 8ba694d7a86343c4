import DocketAnswer
import DocketFixtures
import DocketQueue
import DocketStore
import DocketWorker
import Foundation
import Testing

@Suite struct EvaluationTests {
    @Test func readsTheSetsDocumentsAsJobsAnswersScoresAndReusesThemTheSecondTime() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appending(path: "documents"), withIntermediateDirectories: true)
        try Data(Fixtures.textPDF([FixturePage(text: ["Invoice date: 2026-03-14", "Total due: 99.00"])]))
            .write(to: folder.appending(path: "documents/invoice.pdf"))
        try Data("Name: Jane Doe\n".utf8).write(to: folder.appending(path: "documents/form.txt"))
        let lines = [
            #"{"id": "q1", "document": "documents/invoice.pdf", "question": "Total due", "answers": ["99.00"], "kind": "field"}"#,
            #"{"id": "q2", "document": "documents/invoice.pdf", "question": "Invoice date", "answers": ["2026-03-15"], "kind": "field"}"#,
            #"{"id": "q3", "document": "documents/form.txt", "question": "Name:", "answers": ["Jane Doe"], "kind": "key-value"}"#,
            #"{"id": "q4", "document": "documents/form.txt", "question": "Signature", "kind": "key-value"}"#,
            #"{"id": "q5", "document": "documents/missing.png", "question": "Total", "answers": ["1"], "kind": "field"}"#,
        ]
        let qa = folder.appending(path: "qa.jsonl")
        try lines.joined(separator: "\n").write(to: qa, atomically: true, encoding: .utf8)

        let queue = JobQueue(store: try SQLiteStore(path: folder.appending(path: "eval.sqlite").path))
        let worker = Worker(queue: queue, configuration: WorkerConfiguration(drain: true, pollInterval: 0.05))
        let set = try Evaluation.load(qa)
        let report = try Evaluation(worker: worker).run(set, folder: folder)

        #expect(report.documentsRead == 2 && report.documentsReused == 0)
        #expect(report.documentErrors.keys.sorted() == ["documents/missing.png"])
        #expect(report.predictions.map(\.id) == ["q1", "q2", "q3", "q4", "q5"])
        #expect(report.predictions[0].answer == "99.00")
        #expect(report.predictions[0].evidence?.page == 1)
        #expect(report.predictions[4].answer == nil)
        let field = try #require(report.scores.first { $0.kind == "field" })
        #expect(field.questions == 3 && field.scored == 3 && field.answered == 2)
        // 1 for the total, 0.9 for the date one character off, 0 for the missing document.
        #expect(abs(field.anls - 1.9 / 3) < 1e-9)
        let keyValue = try #require(report.scores.first { $0.kind == "key-value" })
        #expect(keyValue.scored == 1 && keyValue.exactMatches == 1)

        let again = try Evaluation(worker: worker).run(set, folder: folder)
        #expect(again.documentsRead == 0 && again.documentsReused == 2)
        #expect(try queue.jobs().count == 2)
    }

    @Test func crossValidationAnswersEachFoldWithTheModelsTheSetLabelsFittedWithoutIt() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-eval-cv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appending(path: "documents"), withIntermediateDirectories: true)
        var lines: [String] = []
        for (index, total) in ["12.50", "7.00", "33.10", "5.95"].enumerated() {
            let receipt = "KEDAI MAJU SDN BHD\nNo. \(index + 1), Jalan Besar\nDate: 0\(index + 1)/02/2018\nTea 1 2.00\nTOTAL RM \(total)\nCASH 50.00\n"
            try Data(receipt.utf8).write(to: folder.appending(path: "documents/receipt-\(index).txt"))
            lines.append(#"{"id": "t\#(index)", "document": "documents/receipt-\#(index).txt", "question": "What is the total amount on this receipt?", "answers": ["\#(total)"], "kind": "field"}"#)
        }
        let qa = folder.appending(path: "qa.jsonl")
        try lines.joined(separator: "\n").write(to: qa, atomically: true, encoding: .utf8)
        let queue = JobQueue(store: try SQLiteStore(path: folder.appending(path: "eval.sqlite").path))
        let worker = Worker(queue: queue, configuration: WorkerConfiguration(drain: true, pollInterval: 0.05))
        let set = try Evaluation.load(qa)

        let crossValidated = try Training(evaluation: Evaluation(worker: worker)).crossValidatedRun(set, folder: folder, folds: 2)

        #expect(crossValidated.refitted == [.receiptFields] && crossValidated.folds == 2)
        #expect(crossValidated.predictions.map(\.id).sorted() == ["t0", "t1", "t2", "t3"])
        let field = try #require(crossValidated.scores.first { $0.kind == "field" })
        #expect(field.questions == 4 && field.scored == 4)
        #expect(try queue.jobs().count == 4)
    }
}
