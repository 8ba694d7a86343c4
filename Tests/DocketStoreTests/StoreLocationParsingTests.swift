import DocketStore
import Foundation
import Testing

@Suite struct StoreLocationParsingTests {
    @Test func aPathIsSQLiteAndAPostgresURLIsPostgreSQL() throws {
        #expect(try StoreLocation("var/docket.sqlite") == .sqlite(path: "var/docket.sqlite"))
        #expect(try StoreLocation("/srv/docket/db.sqlite").isPostgres == false)
        #expect(try StoreLocation("postgres://docket@db.internal/docket").isPostgres)
        #expect(try StoreLocation("postgresql://docket@db.internal/docket").isPostgres)
    }

    @Test func theURLsPartsAreRead() throws {
        let address = try PostgresAddress(url: "postgres://erp%40acme:s%3Acret@db.internal:6432/docket_prod?sslmode=require")
        #expect(address.user == "erp@acme")
        #expect(address.password == "s:cret")
        #expect(address.host == "db.internal")
        #expect(address.port == 6432)
        #expect(address.database == "docket_prod")
        #expect(address.tls == .require)
        #expect(!address.urlWithoutPassword.contains("cret"))
    }

    @Test func theDefaultsAreLibpqs() throws {
        let address = try PostgresAddress(url: "postgres://docket@localhost")
        #expect(address.port == 5432)
        #expect(address.database == "docket")
        #expect(address.tls == .prefer)
    }

    @Test func whatCannotBeUsedIsRefusedWithTheReason() {
        #expect(throws: StoreError.self) { try StoreLocation("mysql://db/docket") }
        #expect(throws: StoreError.self) { try PostgresAddress(url: "postgres:///docket") }
        #expect(throws: StoreError.self) { try PostgresAddress(url: "postgres://h/d?sslmode=maybe") }
        #expect(throws: StoreError.self) { try PostgresAddress(url: "postgres://h/d?pool=3") }
    }
}

@Suite struct TLSParameterParsingTests {
    @Test func everySSLModeIsRead() throws {
        for mode in PostgresAddress.TLS.allCases.map(\.rawValue) where mode != "verify-ca" && mode != "verify-full" {
            #expect(try PostgresAddress(url: "postgres://h/d?sslmode=\(mode)").tls.rawValue == mode)
        }
        let address = try PostgresAddress(url: "postgres://h/d?sslmode=verify-full&sslrootcert=/etc/docket/ca.pem")
        #expect(address.tls == .verifyFull)
        #expect(address.rootCertificates == "/etc/docket/ca.pem")
        #expect(try PostgresAddress(url: "postgres://h/d?sslmode=verify-ca&sslrootcert=system").tls == .verifyCA)
        #expect(try PostgresAddress(url: "postgres://h/d?sslmode=allow").tls == .prefer)
    }

    @Test func checkingACertificateNeedsTheCA() throws {
        guard !FileManager.default.fileExists(atPath: FileManager.default.homeDirectoryForCurrentUser.appending(path: ".postgresql/root.crt").path)
        else { return }
        let error = try #require(throws: StoreError.self) { try PostgresAddress(url: "postgres://h/d?sslmode=verify-full") }
        #expect(error.description.contains("sslrootcert=PATH"))
        #expect(throws: StoreError.self) { try PostgresAddress(url: "postgres://h/d?sslmode=disable&sslrootcert=/ca.pem") }
    }
}
