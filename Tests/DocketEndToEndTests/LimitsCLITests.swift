import DocketFixtures
import Foundation
import Testing

@Suite struct LimitsCLITests {
    @Test func aTextFileOverTheByteLimitFailsItsJobOnceNamingTheVariableAndTheWorkerGoesOn() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let large = try scratch.write("large.txt", Array(String(repeating: "lorem ipsum dolor sit amet 12345\n", count: 400).utf8))
        let small = try scratch.write("small.txt", Array("Total due 12.50 EUR\n".utf8))
        #expect(try docket.run(["submit", large, small]).status == 0)

        let worker = try docket.run(["worker", "--drain"], environment: ["DOCKET_MAX_TEXT_BYTES": "10000"])
        #expect(worker.status == 0)
        let status = try #require(try docket.json(["status", "1"]) as? [String: Any])
        #expect(status["state"] as? String == "failed")
        let message = try #require(status["last_error"] as? String)
        #expect(message.contains("13200 bytes"))
        #expect(message.contains("limit of 10000 bytes"))
        #expect(message.contains("DOCKET_MAX_TEXT_BYTES"))
        #expect(try docket.rows("SELECT count(*) FROM job_attempts WHERE job_id = 1") == [["1"]])
        #expect(try docket.run(["status", "2"]).stdout.contains("job 2: succeeded"))
    }

    @Test func aTextPageOverTheWordLimitFailsItsJobNamingThePageAndTheVariable() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let text = "a short first page\u{0C}" + String(repeating: "many words on the second page ", count: 100)
        #expect(try docket.run(["submit", try scratch.write("wordy.txt", Array(text.utf8))]).status == 0)
        #expect(try docket.run(["worker", "--drain"], environment: ["DOCKET_MAX_PAGE_WORDS": "200"]).status == 0)
        let status = try #require(try docket.json(["status", "1"]) as? [String: Any])
        #expect(status["state"] as? String == "failed")
        let message = try #require(status["last_error"] as? String)
        #expect(message.contains("Page 2 has 600 words"))
        #expect(message.contains("DOCKET_MAX_PAGE_WORDS"))
    }

    @Test func aDocumentOverTheWordLimitFailsItsJobNamingTheVariable() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let text = Array(repeating: String(repeating: "word ", count: 50), count: 5).joined(separator: "\u{0C}")
        #expect(try docket.run(["submit", try scratch.write("long.txt", Array(text.utf8))]).status == 0)
        #expect(try docket.run(["worker", "--drain"], environment: ["DOCKET_MAX_DOCUMENT_WORDS": "120"]).status == 0)
        let status = try #require(try docket.json(["status", "1"]) as? [String: Any])
        #expect(status["state"] as? String == "failed")
        let message = try #require(status["last_error"] as? String)
        #expect(message.contains("at least 150 words"))
        #expect(message.contains("DOCKET_MAX_DOCUMENT_WORDS"))
    }
}
