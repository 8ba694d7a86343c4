import Foundation
import Testing

/// `GET /v1/search/semantic` on a real `docket serve`, over documents a real worker read and
/// embedded with the installed sentence encoder.
@Suite struct SemanticSearchAPITests {
    private func readAndEmbed(_ texts: [(name: String, text: String)], database: String) throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-semantic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try texts.map { name, text in
            let url = folder.appending(path: name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        #expect(try docket(["submit"] + paths, database: database).status == 0)
        let worker = try docket(["worker", "--drain", "--embed"], database: database)
        #expect(worker.status == 0, "\(worker.stderr)")
    }

    @Test(arguments: Backend.allCases) func findsAPageByMeaningWithItsNearestPassage(_ backend: Backend) async throws {
        let database = try backend.newDatabase()
        try readAndEmbed([
            ("invoice.txt", "Terms of settlement\nInvoices settled after the due date incur a surcharge of two percent per month."),
            ("recipe.txt", "Country bread\nPreheat the oven to 220 degrees and bake the loaf for forty minutes."),
        ], database: database)
        let server = try ServerProcess(database: database)
        let key = try server.key("read")
        let found = try await server.request("GET", "/v1/search/semantic?q=late%20payment%20fee&limit=5", key: key)
        #expect(found.status == 200, "\(found.text)")
        let hits = try #require(found.json["items"] as? [[String: Any]])
        try #require(hits.count == 2)
        #expect(hits[0]["document_name"] as? String == "invoice.txt")
        #expect(hits[0]["keyword_rank"] is NSNull, "no word of the query is on the page")
        #expect((hits[0]["similarity"] as? Double ?? 0) > (hits[1]["similarity"] as? Double ?? 1))
        #expect(hits[0]["box"] is [String: Any])

        let byWords = try await server.request("GET", "/v1/search/semantic?q=oven", key: key)
        #expect((byWords.json["items"] as? [[String: Any]])?.first?["keyword_rank"] as? Int == 1)
        #expect(try await server.request("GET", "/v1/search/semantic?q=%20", key: key).status == 400)
        #expect(server.stop() == 0)
    }

    @Test func withoutTheEncoderTheServerSaysHowToInstallIt() async throws {
        let empty = FileManager.default.temporaryDirectory.appending(path: "docket-no-encoder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let server = try ServerProcess(database: try Backend.sqlite.newDatabase(), environment: ["DOCKET_ENCODER_DIR": empty.path])
        let key = try server.key("read")
        let refused = try await server.request("GET", "/v1/search/semantic?q=total", key: key)
        #expect(refused.status == 503)
        #expect(refused.json["code"] as? String == "encoder_not_installed")
        #expect((refused.json["detail"] as? String)?.contains("deploy/install-encoder.sh") == true)
        #expect(try await server.request("GET", "/v1/search?q=total", key: key).status == 200, "search by words still works")
        #expect(server.stop() == 0)
    }
}
