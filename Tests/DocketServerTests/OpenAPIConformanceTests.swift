import Foundation
import Testing

/// What openapi.yaml says of inputs and answers holds for a real `docket serve`: values it allows
/// are taken, values it forbids are refused with a 4xx problem, and what comes back is described.
@Suite struct OpenAPIConformanceTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Sources/DocketServer/openapi.yaml")

    /// openapi.yaml as JSON objects, read with python3's yaml module (python3-yaml).
    static func described() throws -> [String: Any] {
        let result = try PythonClientTests.run([
            "-c", "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), sys.stdout)", file.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// The value at `keys` in nested objects, nil where one is missing.
    static func value(_ root: Any?, _ keys: String...) -> Any? {
        keys.reduce(root) { ($0 as? [String: Any])?[$1] }
    }

    /// The schema of the query parameter `name` of `method path`.
    static func querySchema(_ document: [String: Any], _ method: String, _ path: String, _ name: String) -> [String: Any]? {
        let parameters = value(document, "paths", path, method, "parameters") as? [[String: Any]] ?? []
        return parameters.first { $0["name"] as? String == name && $0["in"] as? String == "query" }?["schema"] as? [String: Any]
    }

    /// Whether `text` matches a JSON Schema `pattern` (unanchored, as JSON Schema reads it).
    static func matches(_ pattern: String, _ text: String) throws -> Bool {
        let expression = try NSRegularExpression(pattern: pattern)
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static func code(_ reply: ServerProcess.Reply) -> String? { reply.json["code"] as? String }

    @Test func aDescribedPathAskedWithAnotherMethodIs405NamingItsMethods() async throws {
        let document = try Self.described()
        let server = try ServerProcess(database: try Backend.sqlite.newDatabase())
        let key = try server.key("submit")
        let paths = try #require(document["paths"] as? [String: Any])
        for (path, item) in paths {
            let described = Set(((item as? [String: Any]) ?? [:]).keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }.map { $0.uppercased() })
            let concrete = path.replacingOccurrences(of: "{id}", with: "1")
            let reply = try await server.request("PUT", concrete, key: key)
            #expect(reply.status == 405, "PUT \(path): \(reply.text)")
            #expect(Self.code(reply) == "method_not_allowed", "PUT \(path): \(reply.text)")
            #expect(reply.header("Content-Type") == "application/problem+json")
            let allowed = Set((reply.header("Allow") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(allowed == described, "PUT \(path): Allow '\(reply.header("Allow") ?? "")', described \(described.sorted())")
        }
        let wrongMethod = try await server.request("PATCH", "/v1/documents/abc", key: key)
        #expect(wrongMethod.status == 405 && wrongMethod.header("Allow") == "GET, DELETE", "\(wrongMethod.text)")
        let noRoute = try await server.request("PUT", "/v1/nothing", key: key)
        #expect(noRoute.status == 404 && Self.code(noRoute) == "not_found")
        let anonymous = try await server.request("PUT", "/v1/jobs")
        #expect(anonymous.status == 401)
        #expect(server.stop() == 0)
    }
}
