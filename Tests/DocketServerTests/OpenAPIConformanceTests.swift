import DocketModel
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

    @Test func contentComesWithADescribedMediaType() async throws {
        let document = try Self.described()
        let described = Set((Self.value(document, "paths", "/v1/documents/{id}/content", "get", "responses", "200", "content")
            as? [String: Any] ?? [:]).keys)
        for type in MediaType.allCases {
            #expect(described.contains(type.rawValue), "\(type.rawValue) is not described as a content type")
        }
        let server = try ServerProcess(database: try Backend.sqlite.newDatabase())
        let key = try server.key("submit")
        for sample in ["invoice.pdf", "receipt.png", "form.jpg", "fax-3-pages.tiff", "chest-xray.dcm", "radiology-report.txt"] {
            let stored = try await server.request("POST", "/v1/documents?job=false", key: key, body: try Samples.bytes(sample))
            #expect(stored.status == 201, "\(sample): \(stored.text)")
            let id = try #require(stored.json["id"] as? Int)
            let content = try await server.request("GET", "/v1/documents/\(id)/content", key: key)
            #expect(content.status == 200)
            let type = content.header("Content-Type") ?? ""
            #expect(described.contains(type), "\(sample) came as \(type), described: \(described.sorted())")
        }
        #expect(server.stop() == 0)
    }

    @Test func idsAndCursorsUpToTheDescribedBoundsAreTaken() async throws {
        let document = try Self.described()
        let jobMaximum = try #require((Self.value(document, "components", "parameters", "JobID", "schema", "maximum") as? NSNumber)?.int64Value)
        let documentMaximum = try #require((Self.value(document, "components", "parameters", "DocumentID", "schema", "maximum") as? NSNumber)?.int64Value)
        let filterMaximum = try #require((Self.querySchema(document, "get", "/v1/jobs", "document")?["maximum"] as? NSNumber)?.int64Value)
        let cursorPattern = try #require(Self.value(document, "components", "parameters", "Cursor", "schema", "pattern") as? String)

        let server = try ServerProcess(database: try Backend.sqlite.newDatabase())
        let key = try server.key("submit")
        #expect(try await server.request("GET", "/v1/jobs/\(jobMaximum)", key: key).status == 404)
        #expect(try await server.request("POST", "/v1/jobs/\(jobMaximum)/retry", key: key).status == 404)
        #expect(try await server.request("GET", "/v1/documents/\(documentMaximum)", key: key).status == 404)
        #expect(try await server.request("GET", "/v1/jobs?document=\(filterMaximum)", key: key).status == 200)
        let pastMaximum = try await server.request("GET", "/v1/jobs/\(UInt64(jobMaximum) + 1)", key: key)
        #expect(pastMaximum.status == 400 && Self.code(pastMaximum) == "bad_request")

        for cursor in ["1", "42", "999999999999999999"] {
            #expect(try Self.matches(cursorPattern, cursor))
            let page = try await server.request("GET", "/v1/jobs?cursor=\(cursor)", key: key)
            #expect(page.status == 200, "cursor \(cursor): \(page.text)")
        }
        for cursor in ["", "0", "-1", "abc", "99999999999999999999"] {
            #expect(try !Self.matches(cursorPattern, cursor), "the cursor pattern allows '\(cursor)'")
            let page = try await server.request("GET", "/v1/jobs?cursor=\(cursor)", key: key)
            #expect(page.status == 400 && Self.code(page) == "bad_request", "cursor '\(cursor)': \(page.text)")
        }
        #expect(server.stop() == 0)
    }

    @Test func submitParametersWithinTheDescribedBoundsAreTaken() async throws {
        let document = try Self.described()
        let priority = try #require(Self.querySchema(document, "post", "/v1/documents", "priority"))
        let lowest = try #require((priority["minimum"] as? NSNumber)?.intValue)
        let highest = try #require((priority["maximum"] as? NSNumber)?.intValue)
        let questions = try #require(Self.querySchema(document, "post", "/v1/documents", "question"))
        #expect(questions["type"] as? String == "array")
        let mostQuestions = try #require((questions["maxItems"] as? NSNumber)?.intValue)
        let callbackPattern = try #require(Self.querySchema(document, "post", "/v1/documents", "callback_url")?["pattern"] as? String)
        let multipartRequired = Self.value(document, "paths", "/v1/documents", "post", "requestBody", "content", "multipart/form-data", "schema", "required")
        #expect((multipartRequired as? [String])?.contains("file") == true)

        let server = try ServerProcess(database: try Backend.sqlite.newDatabase())
        let key = try server.key("submit")
        var count = 0
        func submit(_ query: String) async throws -> ServerProcess.Reply {
            count += 1
            return try await server.request("POST", "/v1/documents?\(query)", key: key, body: Data("document \(count)\n".utf8))
        }
        #expect(try await submit("priority=\(highest)").status == 202)
        #expect(try await submit("priority=\(lowest)").status == 202)
        #expect(try await submit("priority=\(highest + 1)").status == 400)
        #expect(try await submit("priority=\(lowest - 1)").status == 400)

        let most = Array(repeating: "question=Total", count: mostQuestions).joined(separator: "&")
        #expect(try await submit(most).status == 202)
        let tooMany = try await submit(most + "&question=Total")
        #expect(tooMany.status == 400 && Self.code(tooMany) == "bad_request", "\(tooMany.text)")

        for url in ["hTtp://B", "https://example.com:8443/hooks/docket", "http://10.0.0.1/x"] {
            #expect(try Self.matches(callbackPattern, url), "the callback_url pattern refuses \(url)")
            let escaped = url.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? url
            let reply = try await submit("callback_url=\(escaped)")
            #expect(reply.status == 202, "\(url): \(reply.text)")
        }
        for url in ["ftp://example.com/x", "mailto:someone@example.com", "http://", "/hooks/docket"] {
            #expect(try !Self.matches(callbackPattern, url), "the callback_url pattern allows \(url)")
            let escaped = url.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? url
            let reply = try await submit("callback_url=\(escaped)")
            #expect(reply.status == 400 && Self.code(reply) == "bad_request", "\(url): \(reply.text)")
        }

        let noFilePart = try await server.request(
            "POST", "/v1/documents", key: key,
            body: Data("--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--B--\r\n".utf8),
            headers: ["Content-Type": "multipart/form-data; boundary=B"])
        #expect(noFilePart.status == 400 && Self.code(noFilePart) == "bad_request", "\(noFilePart.text)")
        #expect(server.stop() == 0)
    }

    @Test func blankQuestionsAndSearchesAreRefusedAsDescribed() async throws {
        let document = try Self.described()
        let questionPattern = try #require(Self.value(
            document, "paths", "/v1/documents/{id}/questions", "post", "requestBody", "content", "application/json", "schema",
            "properties", "questions", "items", "pattern") as? String)
        let searchPattern = try #require(Self.querySchema(document, "get", "/v1/search", "q")?["pattern"] as? String)
        for blank in ["", " ", "\n", "\t \r\n"] {
            #expect(try !Self.matches(questionPattern, blank))
            #expect(try !Self.matches(searchPattern, blank))
        }
        #expect(try Self.matches(questionPattern, "What is the total?"))
        #expect(try Self.matches(searchPattern, "impression"))

        let server = try ServerProcess(database: try Backend.sqlite.newDatabase(), arguments: ["--workers", "1"])
        let key = try server.key("submit")
        let uploaded = try await server.request("POST", "/v1/documents", key: key, body: try Samples.bytes("radiology-report.txt"))
        let location = try #require(uploaded.header("Location"))
        let documentID = try #require((uploaded.json["document"] as? [String: Any])?["id"] as? Int)
        #expect(try await server.request("GET", location + "?wait=60", key: key).json["state"] as? String == "succeeded")

        let asked = try await server.request("POST", "/v1/documents/\(documentID)/questions", key: key,
                                             body: Data(#"{"questions": ["What is the impression?"]}"#.utf8))
        #expect(asked.status == 200, "\(asked.text)")
        let blankAmongOthers = try await server.request("POST", "/v1/documents/\(documentID)/questions", key: key,
                                                        body: Data(#"{"questions": ["What is the impression?", " "]}"#.utf8))
        #expect(blankAmongOthers.status == 400 && Self.code(blankAmongOthers) == "bad_request", "\(blankAmongOthers.text)")
        #expect((blankAmongOthers.json["detail"] as? String)?.contains("Question 2 of 2 is blank") == true, "\(blankAmongOthers.text)")

        #expect(try await server.request("GET", "/v1/search?q=impression", key: key).status == 200)
        let newline = try await server.request("GET", "/v1/search?q=%0A", key: key)
        #expect(newline.status == 400 && Self.code(newline) == "bad_request")
        #expect((newline.json["detail"] as? String)?.contains("Give the words to find as q") == true, "\(newline.text)")
        #expect(server.stop() == 0)
    }

    @Test func aNULInAQueryParameterIs400NotAServerError() async throws {
        let document = try Self.described()
        let textParameters = [("get", "/v1/search", "q"), ("post", "/v1/documents", "name"), ("post", "/v1/documents", "password")]
        for (method, path, name) in textParameters {
            let pattern = try #require(Self.querySchema(document, method, path, name)?["pattern"] as? String, "\(name) has no pattern")
            #expect(try !Self.matches(pattern, "total\0due"), "\(method) \(path) \(name) allows a NUL")
            #expect(try Self.matches(pattern, "total due"))
        }
        let questionPattern = try #require(
            (Self.querySchema(document, "post", "/v1/documents", "question")?["items"] as? [String: Any])?["pattern"] as? String)
        #expect(try !Self.matches(questionPattern, "total\0due"))

        for backend in Backend.allCases {
            let server = try ServerProcess(database: try backend.newDatabase())
            let key = try server.key("submit")
            let search = try await server.request("GET", "/v1/search?q=total%00due", key: key)
            #expect(search.status == 400 && Self.code(search) == "bad_request", "\(backend): \(search.text)")
            #expect((search.json["detail"] as? String)?.contains("'q' contains a NUL character") == true, "\(search.text)")
            for query in ["name=invoice%00.pdf", "question=Total%00due", "password=a%00b", "job=false&name=invoice%00.pdf"] {
                let submitted = try await server.request("POST", "/v1/documents?\(query)", key: key, body: Data("nul \(query)\n".utf8))
                #expect(submitted.status == 400 && Self.code(submitted) == "bad_request", "\(backend) \(query): \(submitted.text)")
            }
            #expect((try await server.request("GET", "/v1/jobs", key: key).json["items"] as? [Any])?.isEmpty == true)
            #expect(try await server.request("GET", "/v1/documents/1", key: key).status == 404)
            #expect(server.stop() == 0)
        }
    }

    @Test func receiptsJobsAndDocumentsHaveExactlyTheDescribedFields() async throws {
        let document = try Self.described()
        func described(_ name: String) throws -> Set<String> {
            let schema = try #require(Self.value(document, "components", "schemas", name) as? [String: Any], "no schema \(name)")
            let properties = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
            #expect(Set(schema["required"] as? [String] ?? []) == properties, "\(name): every described field is always sent")
            return properties
        }
        let receiptFields = try described("SubmitReceipt"), jobFields = try described("Job"), documentFields = try described("Document")
        #expect(!jobFields.isEmpty && !documentFields.isEmpty)

        let server = try ServerProcess(database: try Backend.sqlite.newDatabase())
        let key = try server.key("submit")
        let receipt = try await server.request("POST", "/v1/documents?question=Total", key: key, body: Data("receipt text\n".utf8))
        #expect(receipt.status == 202)
        #expect(Set(receipt.json.keys) == receiptFields, "\(receipt.text)")
        #expect(Set((receipt.json["job"] as? [String: Any] ?? [:]).keys) == jobFields, "\(receipt.text)")
        #expect(Set((receipt.json["document"] as? [String: Any] ?? [:]).keys) == documentFields, "\(receipt.text)")

        let jobs = try await server.request("GET", "/v1/jobs", key: key)
        let listed = try #require((jobs.json["items"] as? [[String: Any]])?.first)
        #expect(Set(listed.keys) == jobFields)
        #expect(jobs.json.keys.contains("next_cursor"))
        let stored = try await server.request("POST", "/v1/documents?job=false", key: key, body: Data("stored text\n".utf8))
        #expect(stored.status == 201)
        #expect(Set(stored.json.keys) == documentFields, "\(stored.text)")
        let storedAgain = try await server.request("POST", "/v1/documents?job=false", key: key, body: Data("stored text\n".utf8))
        #expect(storedAgain.status == 200)
        #expect(Set(storedAgain.json.keys) == documentFields, "\(storedAgain.text)")
        let sameBytes = Self.value(document, "paths", "/v1/documents", "post", "responses", "200", "content", "application/json", "schema", "oneOf")
        let shapes = Set((sameBytes as? [[String: Any]] ?? []).compactMap { $0["$ref"] as? String })
        #expect(shapes == ["#/components/schemas/SubmitReceipt", "#/components/schemas/Document"], "200 to a submit is described as \(shapes)")
        #expect(server.stop() == 0)
    }

    @Test func answersFieldsHitsAndStudiesHaveExactlyTheDescribedFields() async throws {
        let document = try Self.described()
        func described(_ name: String) throws -> Set<String> {
            let schema = try #require(Self.value(document, "components", "schemas", name) as? [String: Any], "no schema \(name)")
            let properties = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
            #expect(Set(schema["required"] as? [String] ?? []) == properties, "\(name): every described field is always sent")
            return properties
        }
        func listed(_ path: String, _ method: String = "get") -> String? {
            Self.value(document, "paths", path, method, "responses", "200", "content", "application/json", "schema", "$ref") as? String
        }
        #expect(listed("/v1/documents/{id}/answers") == "#/components/schemas/AnswerList")
        #expect(listed("/v1/documents/{id}/questions", "post") == "#/components/schemas/AskedAnswerList")
        #expect(listed("/v1/documents/{id}/fields") == "#/components/schemas/FieldList")
        #expect(listed("/v1/search") == "#/components/schemas/SearchHitList")
        #expect(listed("/v1/studies") == "#/components/schemas/StudyList")

        let server = try ServerProcess(database: try Backend.sqlite.newDatabase(), arguments: ["--workers", "1"])
        let key = try server.key("submit")
        var documentIDs: [Int] = []
        for sample in ["radiology-report.txt", "chest-xray.dcm"] {
            let uploaded = try await server.request("POST", "/v1/documents?question=What%20is%20the%20impression%3F", key: key,
                                                    body: try Samples.bytes(sample))
            let location = try #require(uploaded.header("Location"), "\(uploaded.text)")
            #expect(try await server.request("GET", location + "?wait=60", key: key).json["state"] as? String == "succeeded")
            documentIDs.append(try #require((uploaded.json["document"] as? [String: Any])?["id"] as? Int))
        }
        func items(_ path: String) async throws -> [[String: Any]] {
            let reply = try await server.request("GET", path, key: key)
            #expect(reply.status == 200, "\(path): \(reply.text)")
            #expect(reply.json.keys.contains("next_cursor"), "\(path): \(reply.text)")
            return reply.json["items"] as? [[String: Any]] ?? []
        }
        let answers = try await items("/v1/documents/\(documentIDs[0])/answers")
        #expect(!answers.isEmpty && answers.allSatisfy { Set($0.keys) == (try? described("Answer")) }, "\(answers)")
        let asked = try await server.request("POST", "/v1/documents/\(documentIDs[0])/questions?explain=true", key: key,
                                             body: Data(#"{"questions": ["What is the impression?", "Who signed it?"]}"#.utf8))
        #expect(asked.status == 200, "\(asked.text)")
        let explained = try #require(asked.json["items"] as? [[String: Any]])
        let askedItems = Self.value(document, "components", "schemas", "AskedAnswerList", "properties", "items", "items", "allOf") as? [[String: Any]]
        #expect(askedItems?.first?["$ref"] as? String == "#/components/schemas/Answer")
        #expect(Self.value(askedItems?.last, "properties", "explanation", "$ref") as? String == "#/components/schemas/AnswerExplanation")
        let explanation = try #require(Self.value(document, "components", "schemas", "AnswerExplanation") as? [String: Any])
        /// The properties `schema` describes, each of them required.
        func fields(_ schema: Any?, _ name: String) -> Set<String> {
            let properties = Set(((schema as? [String: Any])?["properties"] as? [String: Any] ?? [:]).keys)
            #expect(Set((schema as? [String: Any])?["required"] as? [String] ?? []) == properties, "\(name): every described field is always sent")
            return properties
        }
        let candidate = Self.value(explanation, "properties", "candidates", "items")
        #expect(explained.count == 2)
        for item in explained {
            #expect(Set(item.keys) == (try described("Answer")).union(["explanation"]), "\(item)")
            let given = try #require(item["explanation"] as? [String: Any])
            #expect(Set(given.keys) == fields(explanation, "AnswerExplanation"), "\(given)")
            #expect(Set((given["analysis"] as? [String: Any] ?? [:]).keys) == fields(Self.value(explanation, "properties", "analysis"), "analysis"))
            for attempt in given["attempts"] as? [[String: Any]] ?? [] {
                #expect(Set(attempt.keys) == fields(Self.value(explanation, "properties", "attempts", "items"), "attempt"), "\(attempt)")
            }
            for reading in given["candidates"] as? [[String: Any]] ?? [] {
                #expect(Set(reading.keys) == fields(candidate, "candidate"), "\(reading)")
                for feature in reading["features"] as? [[String: Any]] ?? [] {
                    #expect(Set(feature.keys) == fields(Self.value(candidate, "properties", "features", "items"), "feature"))
                }
            }
        }
        #expect(explained.contains { !(($0["explanation"] as? [String: Any])?["candidates"] as? [Any] ?? []).isEmpty }, "\(asked.text)")
        let fields = try await items("/v1/documents/\(documentIDs[0])/fields")
        #expect(fields.allSatisfy { Set($0.keys) == (try? described("Field")) }, "\(fields)")
        let hits = try await items("/v1/search?q=impression")
        #expect(!hits.isEmpty && hits.allSatisfy { Set($0.keys) == (try? described("SearchHit")) }, "\(hits)")
        let studies = try await items("/v1/studies")
        #expect(!studies.isEmpty && studies.allSatisfy { Set($0.keys) == (try? described("Study")) }, "\(studies)")
        #expect(server.stop() == 0)
    }
}
