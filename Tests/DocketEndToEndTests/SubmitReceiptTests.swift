import Foundation
import Testing

/// The job a submit prints is the job the queue holds for the document.
@Suite struct SubmitReceiptTests {
    @Test func aStudySubmissionPrintsTheJobsDocketJobsLists() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        // An earlier job, so job ids and study ids differ.
        let earlier = try scratch.write("earlier.txt", Array("an earlier note\n".utf8))
        #expect(try docket.run(["submit", earlier]).status == 0)

        let image = try scratch.write("report.txt", Array("CHEST X-RAY REPORT\nNo pneumothorax.\n".utf8))
        let other = try scratch.write("addendum.txt", Array("ADDENDUM\nNo change.\n".utf8))
        let receipts = try #require(try docket.json(["submit", "--study", "CXR-1", image, other]) as? [[String: Any]])
        let jobs = try #require(try docket.json(["jobs"]) as? [[String: Any]])
        let jobOfDocument = Dictionary(uniqueKeysWithValues: jobs.compactMap { job in
            (job["document_id"] as? Int).map { ($0, job["id"] as? Int) }
        })
        #expect(receipts.count == 2)
        for receipt in receipts {
            let document = try #require((receipt["document"] as? [String: Any])?["id"] as? Int)
            let job = try #require(receipt["job"] as? [String: Any])
            #expect(job["id"] as? Int == jobOfDocument[document] ?? nil, "\(receipt)")
            #expect(job["document_id"] as? Int == document && job["state"] as? String == "queued")
        }

        let text = try docket.run(["submit", "--study", "CXR-2", try scratch.write("third.txt", Array("third\n".utf8))])
        #expect(text.stdout == "third.txt: document 4, job 4, text/plain\n")
    }
}
