import Foundation
import Testing

/// SIGTERM while an upload's body is still arriving, with a real `docket serve` on SQLite.
@Suite struct ShutdownDuringUploadTests {
    static let declaredLength = 3 << 20
    static let sentBeforeSignal = 1 << 20

    @Test func anUploadFinishedWithinGraceIsStoredAndTheServerExitsZero() async throws {
        let upload = try UploadInFlight(grace: 30)
        defer { upload.removeFolder() }
        try await upload.startAndSignal()

        try upload.connection.send(upload.body[Self.sentBeforeSignal...])
        let reply = upload.connection.receiveUntilClosed()
        #expect(RawConnection.status(of: reply) == 202, "\(String(decoding: reply, as: UTF8.self))")
        let status = await upload.server.exitStatus(within: 120)
        #expect(status == 0)
        #expect(try rowCount("docket_documents", database: upload.server.database) == 1)
        #expect(try upload.leftoverFiles().isEmpty)
    }

    @Test func anUploadStalledPastGraceIsDroppedAndLeavesNothingBehind() async throws {
        let upload = try UploadInFlight(grace: 2)
        defer { upload.removeFolder() }
        try await upload.startAndSignal()

        let status = await upload.server.exitStatus(within: 120)
        #expect(status == 0)
        let reply = upload.connection.receiveUntilClosed()
        #expect(RawConnection.status(of: reply) != 202, "\(String(decoding: reply, as: UTF8.self))")
        #expect(try rowCount("docket_documents", database: upload.server.database) == 0)
        #expect(try upload.leftoverFiles().isEmpty, "upload files left in the upload folder")
        // The dropped upload is logged as the client's or the stopping server's doing, not as a fault.
        let logged = try String(contentsOf: upload.logFile, encoding: .utf8).split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }.filter { $0["method"] as? String == "POST" }
        let record = try #require(logged.first, "no log line for the upload")
        #expect([400, 503].contains(record["status"] as? Int ?? 0), "\(record)")
        #expect(record["level"] as? String != "error", "\(record)")
    }
}

/// A body that breaks off is the client's doing: 400 upload_incomplete, nothing stored.
@Suite struct BrokenUploadTests {
    @Test func aMalformedChunkedBodyIsA400AndStoresNothing() async throws {
        let server = try ServerProcess(database: try Backend.sqlite.newDatabase())
        let key = try server.key("submit")
        let connection = try RawConnection(port: server.port)
        try connection.send(Array("""
            POST /v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(key)\r\nContent-Type: text/plain\r\n\
            Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nZZ\r\n
            """.utf8))
        let reply = String(decoding: connection.receiveUntilClosed(), as: UTF8.self)
        #expect(RawConnection.status(of: Data(reply.utf8)) == 400, "\(reply)")
        #expect(reply.contains("\"code\":\"upload_incomplete\""), "\(reply)")
        #expect(try rowCount("docket_documents", database: server.database) == 0)
        #expect(server.stop() == 0)
    }
}

/// A server with an upload folder of its own, and a connection that has sent part of a
/// POST /v1/documents when the server is sent SIGTERM.
private struct UploadInFlight {
    let folder: URL
    let server: ServerProcess
    let connection: RawConnection
    let body: [UInt8]
    let logFile: URL

    init(grace: Int) throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "docket-uploads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        logFile = folder.appending(path: "serve.log")
        server = try ServerProcess(database: try Backend.sqlite.newDatabase(),
                                   arguments: ["--grace", "\(grace)", "--upload-folder", folder.path], logFile: logFile)
        body = [UInt8](repeating: UInt8(ascii: "a"), count: ShutdownDuringUploadTests.declaredLength)
        let key = try server.key("submit")
        connection = try RawConnection(port: server.port)
        try connection.send(Array("""
            POST /v1/documents HTTP/1.1\r
            Host: 127.0.0.1:\(server.port)\r
            Authorization: Bearer \(key)\r
            Content-Type: text/plain\r
            Content-Length: \(body.count)\r
            Connection: close\r
            \r

            """.utf8))
    }

    /// Sends the first part of the body, waits until the server streams it to its upload file,
    /// sends SIGTERM and waits until the server no longer accepts connections.
    func startAndSignal() async throws {
        try connection.send(body[..<ShutdownDuringUploadTests.sentBeforeSignal])
        try await waitUntil("the upload file to appear") { try !leftoverFiles().isEmpty }
        server.sendTerminate()
        try await waitUntil("the server to stop accepting connections") { (try? RawConnection(port: server.port)) == nil }
    }

    func leftoverFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("docket-upload-") }
    }

    func removeFolder() { try? FileManager.default.removeItem(at: folder) }

    struct NeverHappened: Error { var what: String }

    private func waitUntil(_ what: String, _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while try !condition() {
            guard ContinuousClock.now < deadline else { throw NeverHappened(what: what) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
