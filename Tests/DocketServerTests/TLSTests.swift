import Foundation
import Testing

/// `docket serve --tls-cert --tls-key`: HTTPS straight from the server, checked with curl and a
/// throwaway CA that only this test trusts.
@Suite struct TLSTests {
    @Test func servesHTTPSWithTheGivenCertificateAndKey() async throws {
        let certificates = try ThrowawayCertificates()
        defer { certificates.remove() }
        let server = try ServerProcess(database: try Backend.sqlite.newDatabase(),
                                       arguments: ["--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey])
        #expect(server.baseURL.scheme == "https")
        let url = server.baseURL.absoluteString
        let trusting = ["--cacert", certificates.authority]

        let health = try curl(trusting + [url + "/healthz"])
        #expect(health.status == 200, "\(health.error)")
        #expect(health.body == "ok\n")

        let key = try server.key("submit")
        let invoice = Samples.folder.appending(path: "invoice.pdf").path
        let uploaded = try curl(trusting + ["-H", "Authorization: Bearer \(key)", "--data-binary", "@\(invoice)", url + "/v1/documents"])
        #expect(uploaded.status == 202, "\(uploaded.body) \(uploaded.error)")
        let jobID = try #require(((try? JSONSerialization.jsonObject(with: Data(uploaded.body.utf8))) as? [String: Any])
            .flatMap { $0["job"] as? [String: Any] }?["id"] as? Int, "\(uploaded.body)")
        let job = try curl(trusting + ["-H", "Authorization: Bearer \(key)", url + "/v1/jobs/\(jobID)"])
        #expect(job.status == 200, "\(job.body)")
        #expect(job.body.contains("\"state\""))
        let anonymous = try curl(trusting + [url + "/v1/jobs"])
        #expect(anonymous.status == 401)

        // Trusting only the system's authorities, curl refuses the throwaway CA's certificate (60).
        let untrusted = try tool("curl", ["-sS", "-o", "/dev/null", url + "/healthz"])
        #expect(untrusted.status == 60, "\(untrusted.stderr)")
        #expect(server.stop() == 0)
    }

    @Test(arguments: [["--tls-cert", "server.crt"], ["--tls-key", "server.key"]])
    func oneFlagWithoutTheOtherIsAUsageError(flags: [String]) throws {
        let certificates = try ThrowawayCertificates()
        defer { certificates.remove() }
        let database = try Backend.sqlite.newDatabase()
        let arguments = [flags[0], certificates.folder.appending(path: flags[1]).path]
        let result = try docket(["serve", "--listen", "127.0.0.1:0"] + arguments, database: database)
        #expect(result.status == 64)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(lines.first?.hasPrefix("docket: \(flags[0]) needs \(flags[0] == "--tls-cert" ? "--tls-key" : "--tls-cert")") == true, "\(result.stderr)")
    }

    /// Each case: the file given in place of the good one, the option it is given to, and the exit code.
    @Test func unreadableOrMalformedFilesAreNamedOnOneLine() throws {
        let certificates = try ThrowawayCertificates()
        defer { certificates.remove() }
        let notPEM = certificates.folder.appending(path: "notes.txt")
        try Data("this is not a certificate\n".utf8).write(to: notPEM)
        let cases: [(option: String, file: String, status: Int32, says: String)] = [
            ("--tls-cert", certificates.folder.appending(path: "missing.crt").path, 66, "does not exist"),
            ("--tls-key", certificates.folder.appending(path: "missing.key").path, 66, "does not exist"),
            ("--tls-key", certificates.folder.path, 66, "is a folder"),
            ("--tls-cert", notPEM.path, 65, "holds no PEM certificate"),
            ("--tls-key", notPEM.path, 65, "holds no unencrypted PEM private key"),
            ("--tls-cert", certificates.serverKey, 65, "holds no PEM certificate"),
            ("--tls-key", certificates.otherKey, 65, "is not the private key of the certificate"),
        ]
        for (option, file, status, says) in cases {
            let database = try Backend.sqlite.newDatabase()
            let certificate = option == "--tls-cert" ? file : certificates.serverCertificate
            let key = option == "--tls-key" ? file : certificates.serverKey
            let result = try docket(["serve", "--listen", "127.0.0.1:0", "--tls-cert", certificate, "--tls-key", key], database: database)
            #expect(result.status == status, "\(option) \(file): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(option) \(file): \(result.stderr)")
            #expect(lines.first?.hasPrefix("docket: \(option) \(file) ") == true, "\(result.stderr)")
            #expect(result.stderr.contains(says), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: database), "the database is not opened before the files are checked")
        }
    }

    private func curl(_ arguments: [String]) throws -> (status: Int, body: String, error: String) {
        let marker = "\nhttp-status:"
        let result = try tool("curl", ["-sS", "--max-time", "120", "-w", marker + "%{http_code}"] + arguments)
        guard let range = result.stdout.range(of: marker, options: .backwards) else { return (0, result.stdout, result.stderr) }
        return (Int(result.stdout[range.upperBound...]) ?? 0, String(result.stdout[..<range.lowerBound]), result.stderr)
    }
}

/// A CA and a certificate it signed for 127.0.0.1, made with openssl in a folder of their own.
struct ThrowawayCertificates {
    let folder: URL
    var authority: String { folder.appending(path: "ca.crt").path }
    var serverCertificate: String { folder.appending(path: "server.crt").path }
    var serverKey: String { folder.appending(path: "server.key").path }
    /// A key of the same kind that no certificate here belongs to.
    var otherKey: String { folder.appending(path: "other.key").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "docket-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        try Data("subjectAltName = IP:127.0.0.1\nbasicConstraints = CA:FALSE\n".utf8).write(to: folder.appending(path: "server.ext"))
        let steps: [[String]] = [
            ["req", "-x509"] + curve + ["-days", "2", "-subj", "/CN=Docket test CA", "-keyout", path("ca.key"), "-out", authority],
            ["req"] + curve + ["-subj", "/CN=127.0.0.1", "-keyout", serverKey, "-out", path("server.csr")],
            ["x509", "-req", "-in", path("server.csr"), "-CA", authority, "-CAkey", path("ca.key"), "-CAcreateserial", "-days", "2",
             "-extfile", path("server.ext"), "-out", serverCertificate],
            ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", otherKey],
        ]
        for step in steps {
            let result = try tool("openssl", step)
            guard result.status == 0 else { throw OpenSSLFailure(step: step, stderr: result.stderr) }
        }
    }

    struct OpenSSLFailure: Error { var step: [String]; var stderr: String }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    private func path(_ name: String) -> String { folder.appending(path: name).path }
}
