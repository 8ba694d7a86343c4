import ArgumentParser
import DocketExtract
import DocketModel
import DocketReport
import DocketStore
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A report of one document: its type, a summary, its fields, answers, findings and reading quality, each with where it was read.",
        discussion: """
            json is the whole report for programs; md is Markdown for a ticket or a wiki; html is one
            self-contained file (images inline, no network needed) with each page and numbered boxes
            over the places the answers were read from, the answers beside them.

            Every statement of the summary is something the document says, with its page and box;
            nothing is inferred. Pages a person should check (read by OCR with low confidence, or
            with no text) are named.

            A study (submit --study, or an image and a report that share an accession number) is
            reported with --study: its images with their attributes beside the report's findings.
            Patient and study identifiers are hidden unless --show-identifiers is given.

            A document submitted with --report has its report stored by its job; that report is
            shown unless --rebuild asks for one from the current results.

            EXAMPLES
              docket report 3 --format html --out invoice-report.html
              docket report 3 --format md
              docket report 3 --format json | jq '.summary'
              docket report --study CXR-2026-0042 --format html --out study.html
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, md, html }

    @OptionGroup var store: StoreOptions
    @Argument(help: "Document id.") var document: Int64?
    @Option(help: ArgumentHelp("Report this study instead of one document.", valueName: "key")) var study: String?
    @Flag(help: "Show patient and study identifiers (hidden by default).") var showIdentifiers = false
    @Flag(help: "Build the report from the current results even if a job stored one.") var rebuild = false
    @Option(help: "json, md or html.") var format: Format = .md
    @Option(help: ArgumentHelp(OutputFile.help("Write the report to this file instead of standard output."), valueName: "file")) var out: String?
    @Option(help: "Width of the page images of an html report, in pixels.") var width: Int = 1000
    @Option(help: "The password of an encrypted PDF, to show its pages as they look (otherwise its words are drawn).")
    var password: String?

    func validate() throws {
        guard (200...4000).contains(width) else { throw ValidationError("--width is between 200 and 4000 pixels.") }
        guard (document == nil) != (study == nil) else { throw ValidationError("Give a document id, or --study KEY.") }
    }

    func run() throws {
        let database = try store.openForReading()
        if let study {
            try write(try studyReport(study, store: database))
            return
        }
        guard let document else { return }
        let (report, pages) = try withExitCodes { try DocumentReports.build(document, store: database, rebuild: rebuild) }
        let text: String
        switch format {
        case .json: text = try Output.jsonText(report, pretty: true) + "\n"
        case .md: text = MarkdownReport.render(report)
        case .html:
            text = HTMLReport.render(report, images: try pageImages(of: document, pages: pages, store: database))
        }
        try write(text)
    }

    private func write(_ text: String) throws {
        if let out {
            try withExitCodes { try OutputFile.write(text, to: out) }
            if out != OutputFile.standardOutput { Output.error("wrote the report to \(out)") }
        } else {
            print(text, terminator: "")
        }
    }

    private func studyReport(_ key: String, store database: Store) throws -> String {
        guard let study = try database.study(key: key) else {
            Output.error("There is no study \(key). Submit its files with --study \(key), or check the key with docket sql \"SELECT key FROM studies\".")
            throw DocketExit.notFound
        }
        var images: [StudyReport.Image] = []
        var imagePNGs: [Int64: [UInt8]] = [:]
        for record in study.images {
            let pages = try database.pages(of: record.id)
            images.append(StudyReport.Image(
                documentID: record.id, name: record.originalName, mediaType: record.mediaType.rawValue,
                metadata: try database.imageMetadata(of: record.id), text: pages.map(\.text).joined(separator: "\n"),
                showIdentifiers: showIdentifiers))
            if format == .html, let page = pages.first {
                imagePNGs[record.id] = try StoredPageImages(store: database, document: record.id, password: nil).image(of: page, width: 560).png
            }
        }
        var reports: [DocumentReport] = []
        var reportPages: [Int64: [ReportPageImage]] = [:]
        let identifiers = study.images.compactMap { try? database.imageMetadata(of: $0.id)?.dicom }
            .flatMap(Redaction.identifyingValues)
        for record in study.reports {
            // A study's written report is read as a medical report, whatever its words made of it alone.
            guard let (report, pages) = try? DocumentReports.build(record.id, store: database, rebuild: true, as: .medicalReport)
            else { continue }
            reports.append(showIdentifiers ? report : Redaction.redact(report, identifiers: identifiers))
            if format == .html {
                let redacted = showIdentifiers ? [] : identifiers
                reportPages[record.id] = try pageImages(of: record.id, pages: pages, store: database, redacting: redacted)
            }
        }
        let studyReport = StudyReport(key: key, images: images, reports: reports, identifiersShown: showIdentifiers)
        switch format {
        case .json: return try Output.jsonText(studyReport, pretty: true) + "\n"
        case .md: return StudyReport.markdown(studyReport)
        case .html: return StudyReport.html(studyReport, imagePNGs: imagePNGs, reportPages: reportPages)
        }
    }

    /// `redacting`: identifiers whose words are painted over, with the values of labels that name a person.
    private func pageImages(of document: Int64, pages: [Page], store database: Store, redacting identifiers: [String]? = nil) throws -> [ReportPageImage] {
        let images = try StoredPageImages(store: database, document: document, password: password)
        return try pages.map { page in
            var image = try images.image(of: page, width: width)
            if let identifiers {
                image = try PageImages.overlay(Redaction.boxes(on: page, identifiers: identifiers).map { PageMark(box: $0, kind: .redaction) }, on: image)
            }
            return ReportPageImage(page: page.number, png: image.png, pixelWidth: image.pixelWidth, pixelHeight: image.pixelHeight,
                                   pointWidth: page.width, pointHeight: page.height)
        }
    }
}

/// Reports of stored documents.
enum DocumentReports {
    /// The document's report, and its pages: the one its job stored, unless `rebuild` or there is
    /// none; otherwise built from its stored pages, type, fields and answers.
    static func build(_ document: Int64, store: Store, rebuild: Bool, as type: DocumentType? = nil) throws -> (DocumentReport, [Page]) {
        let record = try store.document(document)
        let pages = try store.pages(of: document)
        guard !pages.isEmpty else { throw StoreError.notProcessed(document: document) }
        if !rebuild, let stored = try store.storedReport(of: document),
           let report = try? JSONDecoder().decode(DocumentReport.self, from: Data(stored.utf8)) {
            return (report, pages)
        }
        let fields = try store.fields(of: DocumentFilter(document: document), includeNotFound: true).map(\.field)
        let answers = try store.answers(of: document).reversed()
        let source = DocumentReport.Source(
            id: record.id, name: record.originalName, mediaType: record.mediaType.rawValue, sha256: record.sha256,
            submittedAt: Output.date(record.createdAt), pages: pages.count)
        let report = ReportBuilder().build(
            source: source, pages: pages, type: type ?? record.documentType, fields: type != nil ? [] : record.documentType == nil ? nil : fields,
            answers: Array(answers))
        return (report, pages)
    }
}
