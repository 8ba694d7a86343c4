@testable import DocketStore
import DocketTestDatabases
import Foundation
import Testing

/// `sslmode` and `sslrootcert` against a throwaway cluster with TLS on, whose certificate a
/// self-signed CA made for the test signed.
@Suite struct PostgresTLSTests {
    /// A CA that signed nothing the server has, made with openssl in a temporary folder.
    private func otherCertificateAuthority() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-other-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=Another CA",
                             "-keyout", folder.appending(path: "ca.key").path, "-out", folder.appending(path: "ca.crt").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl could not make a CA")
        return folder.appending(path: "ca.crt").path
    }

    private func encrypted(_ store: any Store) throws -> Bool {
        try count("SELECT count(*) FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl", in: store) == 1
    }

    @Test func verifyFullConnectsWithTheCAThatSignedTheServersCertificate() throws {
        let (url, certificateAuthority) = try ThrowawayPostgres.newTLSDatabase()
        let byName = url.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        let store = try PostgresStore(address: PostgresAddress(url: byName + "?sslmode=verify-full&sslrootcert=\(certificateAuthority)"))
        #expect(try encrypted(store))
        #expect(try store.appliedMigrations() == PostgresStore.knownMigrations)
    }

    @Test func verifyCAAndRequireWithARootCertificateConnect() throws {
        let (url, certificateAuthority) = try ThrowawayPostgres.newTLSDatabase()
        for mode in ["verify-ca", "require"] {
            let store = try PostgresStore(address: PostgresAddress(url: url + "?sslmode=\(mode)&sslrootcert=\(certificateAuthority)"))
            #expect(try encrypted(store), "sslmode=\(mode)")
        }
    }

    @Test func verifyFullRefusesAServerThatAnotherCASigned() throws {
        let (url, _) = try ThrowawayPostgres.newTLSDatabase()
        let wrong = try otherCertificateAuthority()
        for mode in ["verify-full", "verify-ca", "require"] {
            let address = try PostgresAddress(url: url + "?sslmode=\(mode)&sslrootcert=\(wrong)")
            let error = try #require(throws: StoreError.self) { try PostgresStore(address: address) }
            #expect(error.description.contains("the server's TLS certificate was refused"), "\(error)")
            #expect(error.description.contains("sslrootcert"), "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    /// The server's certificate names localhost, not 127.0.0.1: verify-full by address is refused,
    /// verify-ca (which does not check the name) is not.
    @Test func verifyFullChecksThatTheCertificateNamesTheHost() throws {
        let (url, certificateAuthority) = try ThrowawayPostgres.newTLSDatabase()
        let query = "?sslmode=verify-full&sslrootcert=\(certificateAuthority)"
        let error = try #require(throws: StoreError.self) { try PostgresStore(address: PostgresAddress(url: url + query)) }
        #expect(error.description.contains("names 127.0.0.1"), "\(error)")
        #expect(throws: Never.self) { try PostgresStore(address: PostgresAddress(url: url.replacingOccurrences(of: "127.0.0.1", with: "localhost") + query)) }
        #expect(throws: Never.self) {
            try PostgresStore(address: PostgresAddress(url: url + "?sslmode=verify-ca&sslrootcert=\(certificateAuthority)"))
        }
    }

    @Test func prefersAndRequiresEncryptionWithoutARootCertificate() throws {
        let (url, _) = try ThrowawayPostgres.newTLSDatabase()
        #expect(try encrypted(PostgresStore(address: PostgresAddress(url: url + "?sslmode=require"))))
        #expect(try encrypted(PostgresStore(address: PostgresAddress(url: url))))
        #expect(try !encrypted(PostgresStore(address: PostgresAddress(url: url + "?sslmode=disable"))))
    }
}
