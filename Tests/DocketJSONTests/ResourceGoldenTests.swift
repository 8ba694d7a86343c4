import DocketAnswer
import DocketJSON
import DocketModel
import DocketReport
@testable import DocketStore
import Foundation
import Testing

/// Fixed records and the exact JSON each resource writes for them.
@Suite struct ResourceGoldenTests {
    static let submitted = 1_796_479_387.25 // 2026-12-05T14:03:07.250Z

    static let queuedJob = JobRecord(
        id: 12, documentID: 3, documentName: "invoice.pdf", state: .queued, priority: 0, attempts: 0, maxAttempts: 3,
        questions: [], language: .english, idempotencyKey: nil, cancelRequested: false, pagesDone: 0, pagesTotal: nil, lastError: nil, worker: nil,
        createdAt: submitted, runAt: submitted, startedAt: nil, finishedAt: nil)

    static let failedJob = JobRecord(
        id: 13, documentID: 4, documentName: "scans/a.tiff", state: .failed, priority: 10, attempts: 2, maxAttempts: 3,
        questions: ["What is the total?"], language: OCRLanguage(unchecked: "deu+eng"), idempotencyKey: "order-77", cancelRequested: true, pagesDone: 1, pagesTotal: 2,
        lastError: "OCR failed on page 2", worker: "host-1/pid-42", createdAt: submitted, runAt: submitted + 60,
        startedAt: submitted + 61.5, finishedAt: submitted + 62.001)

    static let record = DocumentRecord(
        id: 3, sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", mediaType: .pdf, byteCount: 18_322,
        originalName: "invoice.pdf", createdAt: submitted, documentType: .invoice)

    static let summary = DocumentSummary(
        document: record, pageCount: 1, wordCount: 10, sources: [.textLayer], meanConfidence: 100, seconds: 0.25)

    static let unreadSummary = DocumentSummary(
        document: DocumentRecord(id: 4, sha256: "ab", mediaType: .tiff, byteCount: 7, originalName: "scans/a.tiff", createdAt: submitted,
                                 documentType: nil),
        pageCount: 0, wordCount: 0, sources: [], meanConfidence: nil, seconds: nil)

    static let total = Answer(
        question: "What is the total due?", text: "1,237.60 EUR", value: NormalizedValue(kind: .amount, text: "1237.60", unit: "EUR"),
        confidence: 0.875, evidence: Evidence(page: 1, box: Box(x0: 72, y0: 120.5, x1: 180, y1: 134), wordIndices: [8, 9]),
        answeredBy: .label)

    @Test func aQueuedJobHasEveryKeyWithNullsForWhatIsNotKnownYet() throws {
        #expect(try DocketJSON.string(JobResource(from: Self.queuedJob)) == """
            {"attempts":0,"cancel_requested":false,"created_at":"2026-12-05T14:03:07.250Z","document_id":3,"document_name":"invoice.pdf",\
            "finished_at":null,"id":12,"idempotency_key":null,"language":"eng","last_error":null,"max_attempts":3,"priority":0,\
            "progress":{"pages_done":0,"pages_total":null},"questions":[],"run_at":"2026-12-05T14:03:07.250Z","started_at":null,\
            "state":"queued","worker":null}
            """)
    }

    @Test func aFinishedJob() throws {
        #expect(try DocketJSON.string(JobResource(from: Self.failedJob)) == """
            {"attempts":2,"cancel_requested":true,"created_at":"2026-12-05T14:03:07.250Z","document_id":4,"document_name":"scans/a.tiff",\
            "finished_at":"2026-12-05T14:04:09.251Z","id":13,"idempotency_key":"order-77","language":"deu+eng",\
            "last_error":"OCR failed on page 2",\
            "max_attempts":3,"priority":10,"progress":{"pages_done":1,"pages_total":2},"questions":["What is the total?"],\
            "run_at":"2026-12-05T14:04:07.250Z","started_at":"2026-12-05T14:04:08.750Z","state":"failed","worker":"host-1/pid-42"}
            """)
    }

    @Test func aDocument() throws {
        #expect(try DocketJSON.string(DocumentResource(from: Self.summary)) == """
            {"bytes":18322,"created_at":"2026-12-05T14:03:07.250Z","id":3,"mean_confidence":100,"media_type":"application/pdf",\
            "name":"invoice.pdf","page_count":1,"read_seconds":0.25,\
            "sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","sources":["text-layer"],"type":"invoice",\
            "word_count":10}
            """)
        #expect(try DocketJSON.string(DocumentResource(from: Self.unreadSummary)) == """
            {"bytes":7,"created_at":"2026-12-05T14:03:07.250Z","id":4,"mean_confidence":null,"media_type":"image/tiff",\
            "name":"scans/a.tiff","page_count":0,"read_seconds":null,"sha256":"ab","sources":[],"type":null,"word_count":0}
            """)
    }

    @Test func aSubmitReceiptNamesTheFileTheDocumentAndTheJob() throws {
        let receipt = SubmitReceipt(name: "scans/a.tiff", documentID: 4, jobID: 12, mediaType: "image/tiff", sha256: "ab",
                                    reusedDocument: true, reusedJob: false)
        let resource = SubmitReceiptResource(from: receipt, document: Self.unreadSummary, job: Self.queuedJob)
        let document = try DocketJSON.string(DocumentResource(from: Self.unreadSummary))
        let job = try DocketJSON.string(JobResource(from: Self.queuedJob))
        #expect(try DocketJSON.string(resource) == """
            {"deduplicated":true,"document":\(document),"file":"scans/a.tiff","job":\(job),"reused_job":false}
            """)
    }

    @Test func queueStatsCountEveryStateEvenWhenNoJobIsInIt() throws {
        let stats = QueueStats(counts: ["queued": 4, "succeeded": 7], finishedLastMinute: 1, finishedLastHour: 7,
                               latencyMedian: nil, latency95: nil)
        #expect(try DocketJSON.string(QueueStatsResource(from: stats)) == """
            {"counts":{"cancelled":0,"dead":0,"failed":0,"queued":4,"running":0,"succeeded":7},"finished_last_hour":7,\
            "finished_last_minute":1,"latency_median_seconds":null,"latency_p95_seconds":null}
            """)
    }

    @Test func aFoundAnswerAndOneNotFound() throws {
        #expect(try DocketJSON.string(AnswerResource(documentID: 3, documentName: "invoice.pdf", answer: Self.total)) == """
            {"answer":"1,237.60 EUR","answered_by":"label","box":{"x0":72,"x1":180,"y0":120.5,"y1":134},"confidence":0.875,"document_id":3,\
            "document_name":"invoice.pdf","evidence":{"box":{"x0":72,"x1":180,"y0":120.5,"y1":134},"page":1,"word_indices":[8,9]},\
            "page":1,"question":"What is the total due?","value":{"kind":"amount","text":"1237.60","unit":"EUR"}}
            """)
        let row = AnswerRow(documentID: 3, documentName: "invoice.pdf", answer: .notFound("Who signed?"))
        #expect(try DocketJSON.string(AnswerResource(from: row)) == """
            {"answer":null,"answered_by":null,"box":null,"confidence":0,"document_id":3,"document_name":"invoice.pdf","evidence":null,"page":null,\
            "question":"Who signed?","value":null}
            """)
    }

    @Test func anExplainedAnswerHasTheAnswersKeysAndItsExplanationBesideThem() throws {
        let pages = [gridPage(["Northwind Office Supply", "Invoice date: 2026-03-14", "Total due: 1,237.60 EUR"])]
        let explanation = DocumentAnswerer().explain("What is the total due?", pages: pages)
        let json = try #require(try JSONSerialization.jsonObject(
            with: DocketJSON.encoder.encode(ExplainedAnswerResource(documentID: 3, documentName: "invoice.pdf", explanation: explanation)))
            as? [String: Any])
        let answerKeys = try #require(try JSONSerialization.jsonObject(
            with: DocketJSON.encoder.encode(AnswerResource(documentID: 3, documentName: "invoice.pdf", answer: explanation.answer)))
            as? [String: Any]).keys
        #expect(Set(json.keys) == Set(answerKeys).union(["explanation"]))
        #expect(json["answer"] as? String == "1,237.60 EUR" && json["answered_by"] as? String == "label")
        let explained = try #require(json["explanation"] as? [String: Any])
        #expect(Set(explained.keys) == ["analysis", "attempts", "candidates", "decided_by", "reason"])
        #expect(explained["decided_by"] as? String == "label")
        let analysis = try #require(explained["analysis"] as? [String: Any])
        #expect(analysis["expected"] as? String == "amount" && analysis["terms"] as? [String] == ["total", "due"])
        let attempts = try #require(explained["attempts"] as? [[String: Any]])
        #expect(attempts.map { $0["answerer"] as? String } == ["checkbox", "finding", "table_cell", "label"])
        #expect(attempts.map { $0["outcome"] as? String } == ["declined", "declined", "declined", "answered"])
        #expect(attempts.allSatisfy { Set($0.keys) == ["answerer", "outcome", "confidence", "detail"] })
        let candidates = try #require(explained["candidates"] as? [[String: Any]])
        #expect(candidates.first?["text"] as? String == "1,237.60 EUR")
        #expect(candidates.allSatisfy { Set($0.keys) == ["text", "context", "score", "evidence", "features"] })
    }

    @Test func aField() throws {
        let row = FieldRow(documentID: 3, documentName: "invoice.pdf", documentType: .invoice,
                           field: DocumentField(name: "date", answer: Answer(
                            question: "Invoice date", text: "14 Mar 2026", value: NormalizedValue(kind: .date, text: "2026-03-14"),
                            confidence: 0.5, evidence: Evidence(page: 1, box: Box(x0: 1, y0: 2, x1: 3, y1: 4), wordIndices: [4]))))
        #expect(try DocketJSON.string(FieldResource(from: row)) == """
            {"box":{"x0":1,"x1":3,"y0":2,"y1":4},"confidence":0.5,"document_id":3,"document_name":"invoice.pdf","document_type":"invoice",\
            "evidence":{"box":{"x0":1,"x1":3,"y0":2,"y1":4},"page":1,"word_indices":[4]},"name":"date","page":1,"text":"14 Mar 2026",\
            "value":{"kind":"date","text":"2026-03-14","unit":null}}
            """)
    }

    @Test func aSearchHitMarksItsMatchesWithBrackets() throws {
        let hit = SearchHit(documentID: 5, documentName: "cxr.txt", documentType: nil, page: 2,
                            snippet: "small \u{E000}pleural\u{E001}\n\u{E000}effusion\u{E001} on the left", rank: -1.5)
        #expect(try DocketJSON.string(SearchHitResource(from: hit)) == """
            {"document_id":5,"document_name":"cxr.txt","document_type":null,"page":2,"rank":-1.5,\
            "snippet":"small [pleural] [effusion] on the left"}
            """)
    }

    @Test func aStudyListsItsMembersWithTheirRoles() throws {
        let image = DocumentRecord(id: 7, sha256: "cd", mediaType: .dicom, byteCount: 9, originalName: "chest.dcm", createdAt: Self.submitted,
                                   documentType: .other)
        let study = Study(id: 2, key: "CXR-2026-0042", members: [
            Study.Member(document: image, role: .image), Study.Member(document: Self.record, role: .report),
        ])
        #expect(try DocketJSON.string(StudyResource(from: study)) == """
            {"id":2,"key":"CXR-2026-0042","members":[{"document_id":7,"document_name":"chest.dcm","media_type":"application/dicom",\
            "role":"image"},{"document_id":3,"document_name":"invoice.pdf","media_type":"application/pdf","role":"report"}]}
            """)
    }

    @Test func aPageWithItsWordsLinesAndLayout() throws {
        let box = Box(x0: 10, y0: 20, x1: 30, y1: 40)
        let page = Page(
            number: 1, width: 612, height: 792, source: .textLayer,
            words: [Word(text: "Paid", box: box, confidence: 100), Word(text: "yes", box: box, confidence: 91.5, source: .ocr)],
            lines: [Line(wordIndices: [0, 1], box: box, text: "Paid yes")],
            layout: PageLayout(
                blocks: [LayoutBlock(kind: .formField, box: box, lineIndices: [0], wordIndices: [0, 1], readingOrder: 0)],
                tables: [LayoutTable(box: box, rowCount: 1, columnCount: 1, ruled: true,
                                     cells: [TableCell(row: 0, column: 0, box: box, wordIndices: [0], text: "Paid")])],
                keyValues: [KeyValuePair(keyWordIndices: [0], valueWordIndices: [1], keyText: "Paid", valueText: "yes", keyBox: box,
                                         valueBox: box, relation: .right)],
                checkboxes: [Checkbox(box: box, isChecked: true, fillRatio: 0.25, labelWordIndices: [], labelText: "", labelBox: nil)]))
        let boxJSON = #"{"x0":10,"x1":30,"y0":20,"y1":40}"#
        #expect(try DocketJSON.string(PageResource(from: page, documentID: 3)) == """
            {"document_id":3,"height":792,"layout":{"blocks":[{"box":\(boxJSON),"kind":"form-field","line_indices":[0],"reading_order":0,\
            "word_indices":[0,1]}],"checkboxes":[{"box":\(boxJSON),"checked":true,"fill_ratio":0.25,"label_box":null,"label_text":"",\
            "label_word_indices":[]}],"key_values":[{"key_box":\(boxJSON),"key_text":"Paid","key_word_indices":[0],"relation":"right",\
            "value_box":\(boxJSON),"value_text":"yes","value_word_indices":[1]}],"tables":[{"box":\(boxJSON),"cells":[{"box":\(boxJSON),"column":0,\
            "row":0,"text":"Paid","word_indices":[0]}],"column_count":1,"row_count":1,"ruled":true}]},"lines":[{"box":\(boxJSON),\
            "text":"Paid yes","word_indices":[0,1]}],"mean_confidence":95.75,"needs_review":false,"number":1,"pictures_unread":0,\
            "review_reasons":[],"source":"text-layer","text":"Paid yes","turned_to_read":0,\
            "width":612,"words":[{"box":\(boxJSON),"confidence":100,"source":null,"text":"Paid"},{"box":\(boxJSON),"confidence":91.5,\
            "source":"ocr","text":"yes"}]}
            """)
        var unanalysed = page
        unanalysed.layout = nil
        #expect(try DocketJSON.string(PageResource(from: unanalysed, documentID: 3)).contains(#""layout":null"#))
    }

    @Test func aPageReadTurnedOrPoorlySaysSo() throws {
        let box = Box(x0: 10, y0: 20, x1: 30, y1: 40)
        let gibberish = Page(number: 2, width: 612, height: 792, source: .ocr,
                             words: [Word(text: "~=;", box: box, confidence: 31), Word(text: "i1l", box: box, confidence: 22)],
                             lines: [Line(wordIndices: [0, 1], box: box, text: "~=; i1l")], turnedToRead: 180)
        let json = try DocketJSON.string(PageResource(from: gibberish, documentID: 3))
        #expect(json.contains(#""needs_review":true"#))
        #expect(json.contains(#""review_reasons":["mean confidence 26 is below 75","100% of its words were read with confidence below 60"]"#), "\(json)")
        #expect(json.contains(#""turned_to_read":180"#))
    }

    @Test func whatShowPrintsHidesNothingItIsNotGiven() throws {
        let image = ImageMetadata(widthPixels: 2048, heightPixels: 2500, resolution: nil,
                                  dicom: DICOMAttributes(modality: "CR", patientName: "(hidden)"), preview: [1, 2, 3])
        let shown = DocumentPagesResource(document: Self.summary, image: image, pages: [])
        #expect(try DocketJSON.string(shown) == """
            {"document":\(try DocketJSON.string(DocumentResource(from: Self.summary))),"image":{"dicom":{"accession_number":null,\
            "body_part":null,"modality":"CR","patient_birth_date":null,"patient_id":null,"patient_name":"(hidden)","study_date":null,\
            "study_description":null,"study_id":null,"study_instance_uid":null},"height_pixels":2500,"resolution":null,\
            "width_pixels":2048},"pages":[]}
            """)
    }

    /// A report as the worker stores it (the report's own Codable form), read back.
    static let storedReport = """
        {"document":{"id":3,"name":"invoice.pdf","mediaType":"application/pdf","sha256":"ab","submittedAt":"2026-12-05T14:03:07Z",\
        "pages":1},"type":"invoice","summary":[{"kind":"amount","label":"Total","text":"1,237.60 EUR",\
        "value":{"kind":"amount","text":"1237.60","unit":"EUR"},"evidence":{"page":1,"box":{"x0":1,"y0":2,"x1":3,"y1":4},\
        "wordIndices":[8]}}],"fields":[{"name":"total","answer":{"question":"Total","confidence":0}}],"answers":[],\
        "keyValues":[{"key":"Paid","value":"yes","confidence":1,"evidence":{"page":1,"box":{"x0":1,"y0":2,"x1":3,"y1":4},\
        "wordIndices":[1]}}],"tables":[{"page":1,"box":{"x0":1,"y0":2,"x1":3,"y1":4},"ruled":false,"rows":[["a","b"]]}],\
        "checkboxes":[{"label":"Paid","checked":true,"fillRatio":0.5,"evidence":{"page":1,"box":{"x0":1,"y0":2,"x1":3,"y1":4},\
        "wordIndices":[]}}],"sections":[{"name":"Findings","text":"No effusion."}],"findings":[{"finding":"pleural effusion",\
        "status":"no","sentence":"No effusion."}],"quality":[{"page":1,"source":"ocr","words":10,"lowConfidenceShare":0.1,\
        "needsReview":false,"reasons":[]}],"generatedAt":"2026-12-05T14:05:00Z"}
        """

    @Test func aReport() throws {
        let report = try JSONDecoder().decode(DocumentReport.self, from: Data(Self.storedReport.utf8))
        let boxJSON = #"{"x0":1,"x1":3,"y0":2,"y1":4}"#
        #expect(try DocketJSON.string(ReportResource(from: report)) == """
            {"answers":[],"checkboxes":[{"checked":true,"evidence":{"box":\(boxJSON),"page":1,"word_indices":[]},"fill_ratio":0.5,\
            "label":"Paid"}],"document_id":3,"document_name":"invoice.pdf","fields":[{"box":null,"confidence":0,"document_id":3,\
            "document_name":"invoice.pdf","document_type":"invoice","evidence":null,"name":"total","page":null,"text":null,\
            "value":null}],"findings":[{"evidence":null,"finding":"pleural effusion","section":null,"sentence":"No effusion.",\
            "status":"no"}],"generated_at":"2026-12-05T14:05:00.000Z","key_values":[{"confidence":1,"evidence":{"box":\(boxJSON),\
            "page":1,"word_indices":[1]},"key":"Paid","value":"yes"}],"media_type":"application/pdf","page_count":1,\
            "quality":[{"low_confidence_share":0.1,"mean_confidence":null,"needs_review":false,"page":1,"reasons":[],"source":"ocr",\
            "word_count":10}],"sections":[{"name":"Findings","text":"No effusion."}],"sha256":"ab","submitted_at":\
            "2026-12-05T14:03:07.000Z","summary":[{"evidence":{"box":\(boxJSON),"page":1,"word_indices":[8]},"kind":"amount",\
            "label":"Total","text":"1,237.60 EUR","value":{"kind":"amount","text":"1237.60","unit":"EUR"}}],\
            "tables":[{"box":\(boxJSON),"page":1,"rows":[["a","b"]],"ruled":false}],"type":"invoice"}
            """)
    }

    @Test func everyResourceReadsBackWhatItWrote() throws {
        func roundTrip<T: Codable & Equatable>(_ value: T) throws {
            let decoded = try DocketJSON.decoder.decode(T.self, from: try DocketJSON.encoder.encode(value))
            #expect(decoded == value, "\(T.self)")
        }
        try roundTrip(JobResource(from: Self.queuedJob))
        try roundTrip(JobResource(from: Self.failedJob))
        try roundTrip(DocumentResource(from: Self.summary))
        try roundTrip(DocumentResource(from: Self.unreadSummary))
        try roundTrip(AnswerResource(documentID: 3, documentName: "invoice.pdf", answer: Self.total))
        try roundTrip(AnswerResource(documentID: 3, documentName: "invoice.pdf", answer: .notFound("Who?")))
        try roundTrip(QueueStatsResource(from: QueueStats(counts: [:], finishedLastMinute: 0, finishedLastHour: 0, latencyMedian: 1.5,
                                                          latency95: nil)))
        try roundTrip(ReportResource(from: try JSONDecoder().decode(DocumentReport.self, from: Data(Self.storedReport.utf8))))
    }

    @Test func prettyOutputIsTheSameJSONIndented() throws {
        let resource = JobResource(from: Self.queuedJob)
        let pretty = try DocketJSON.string(resource, pretty: true)
        #expect(pretty.contains("\n  \"created_at\" : \"2026-12-05T14:03:07.250Z\",\n"))
        #expect(try DocketJSON.decoder.decode(JobResource.self, from: Data(pretty.utf8)) == resource)
    }
}

@Suite struct KeyConventionTests {
    /// Every key of `json`, nested ones included.
    static func keys(of json: Any) -> [String] {
        if let object = json as? [String: Any] { return object.keys.sorted() + object.values.flatMap(keys(of:)) }
        if let array = json as? [Any] { return array.flatMap(keys(of:)) }
        return []
    }

    @Test func everyKeyOfEveryResourceIsSnakeCase() throws {
        let report = try JSONDecoder().decode(DocumentReport.self, from: Data(ResourceGoldenTests.storedReport.utf8))
        let resources: [any Encodable] = [
            JobResource(from: ResourceGoldenTests.failedJob), DocumentResource(from: ResourceGoldenTests.summary),
            AnswerResource(documentID: 1, documentName: "a", answer: ResourceGoldenTests.total), ReportResource(from: report),
            ExplainedAnswerResource(documentID: 1, documentName: "a", explanation: DocumentAnswerer().explain(
                "Date", pages: [gridPage(["Date: 2026-03-14", "Total: 9.50"])])),
            StudyReportResource(from: StudyReport(key: "k", images: [], reports: [report], identifiersShown: false)),
        ]
        let snakeCase = /[a-z][a-z0-9]*(_[a-z0-9]+)*/
        for resource in resources {
            let json = try JSONSerialization.jsonObject(with: try DocketJSON.encoder.encode(resource))
            let keys = Self.keys(of: json)
            #expect(!keys.isEmpty)
            for key in keys { #expect(key.wholeMatch(of: snakeCase) != nil, "\(type(of: resource)): \(key)") }
        }
    }
}
