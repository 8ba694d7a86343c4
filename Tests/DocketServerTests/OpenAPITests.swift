import DocketServer
import DocketStore
import Foundation
import Hummingbird
import Testing

/// openapi.yaml describes exactly the routes the router has.
@Suite struct OpenAPITests {
    /// "METHOD /path" for each operation in the description: paths at two spaces of indent,
    /// their methods at four.
    static func describedRoutes() throws -> Set<String> {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "Sources/DocketServer/openapi.yaml")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var routes: Set<String> = []
        var inPaths = false
        var path: String?
        for line in lines {
            if line == "paths:" { inPaths = true; continue }
            if inPaths, let first = line.first, first != " " { break }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
                let method = line.dropFirst(4).prefix { $0 != ":" }
                if ["get", "post", "put", "patch", "delete"].contains(String(method)) {
                    routes.insert("\(method.uppercased()) \(path)")
                }
            }
        }
        return routes
    }

    @Test func everyRouteIsDescribedAndEveryDescribedRouteExists() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "docket-openapi-\(UUID().uuidString).sqlite").path
        let server = APIServer(store: try SQLiteStore(path: path), settings: ServerSettings())
        let routed = Set(server.router().routes.map { "\($0.method.rawValue) \($0.path)" })
        let described = try Self.describedRoutes()
        #expect(routed.count >= 18)
        #expect(routed.subtracting(described).isEmpty, "routes missing from openapi.yaml: \(routed.subtracting(described).sorted())")
        #expect(described.subtracting(routed).isEmpty, "described routes the router lacks: \(described.subtracting(routed).sorted())")
    }

    /// Every problem code the server's sources can answer with is one the description lists, so a
    /// client that switches on `code` meets no value it was not told of.
    @Test func everyProblemCodeTheServerGivesIsDescribed() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let description = try String(contentsOf: root.appending(path: "Sources/DocketServer/openapi.yaml"), encoding: .utf8)
        let enumStart = try #require(description.range(of: "enum: [bad_request"))
        let enumEnd = try #require(description[enumStart.upperBound...].firstIndex(of: "]"))
        let described = Set(description[description.index(enumStart.lowerBound, offsetBy: "enum: [".count)..<enumEnd]
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        let sources = root.appending(path: "Sources/DocketServer")
        var given: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: sources.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appending(path: name), encoding: .utf8)
            let pattern = try Regex(#"code: "([a-z_]+)""#)
            for match in text.matches(of: pattern) {
                if let code = match.output[1].substring { given.insert(String(code)) }
            }
        }
        #expect(given.count >= 15)
        #expect(given.subtracting(described).isEmpty, "codes missing from the Problem schema: \(given.subtracting(described).sorted())")
    }
}
