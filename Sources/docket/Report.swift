import ArgumentParser
import DocketServer
import DocketExtract
import DocketJSON
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
            Patient and study identifiers are hidden unless --show-identifiers is given, in a
            study and in the report of a medical document or DICOM image: the name, ID, birth date
            and accession number of the DICOM files and those the document writes after labels
            such as Patient, Name, MRN, DOB or Accession, wherever they are written and however
            (12-345-678 or 12345678, 01/01/1950 or Jan 1, 1950), in the text and painted over on
            the page images. When they cannot be read, nothing is shown and the exit status is 1.

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
        var (report, pages) = try withExitCodes { try StoredReports.build(document, store: database, rebuild: rebuild) }
        var identifiers: PatientIdentifiers?
        if !showIdentifiers {
            identifiers = try failingClosed("document \(document)") { try identifiersToHide(in: report, pages: pages, store: database) }
        }
        if let identifiers { report = Redaction.redact(report, identifiers: identifiers) }
        let text: String
        switch format {
        case .json: text = try DocketJSON.string(ReportResource(from: report), pretty: true) + "\n"
        case .md: text = MarkdownReport.render(report)
        case .html:
            text = HTMLReport.render(report, images: try pageImages(of: document, pages: pages, store: database, redacting: identifiers))
        }
        try write(text)
    }

    private func identifiersToHide(in report: DocumentReport, pages: [Page], store database: Store) throws -> PatientIdentifiers? {
        try StoredReports.identifiersToHide(in: report, pages: pages, store: database)
    }

    /// Runs `body`, which reads what identifies a patient; when it cannot, nothing is shown: the
    /// report would show what could not be found to hide.
    private func failingClosed<T>(_ subject: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Output.error("cannot read what identifies the patient of \(subject), so nothing is shown: \(error). Check the database with docket migrate, then ask for the report again.")
            throw ExitCode.failure
        }
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
        let (imagePages, metadata, built) = try failingClosed("study \(key)") {
            let imagePages = try study.images.map { try database.pages(of: $0.id) }
            let metadata = try study.images.map { try database.imageMetadata(of: $0.id) }
            let built = try study.reports.compactMap { record -> (DocumentReport, [Page])? in
                do {
                    // A study's written report is read as a medical report, whatever its words made of it alone.
                    return try StoredReports.build(record.id, store: database, rebuild: true, as: .medicalReport)
                } catch StoreError.notProcessed(_) {
                    return nil
                }
            }
            return (imagePages, metadata, built)
        }
        let identifiers = showIdentifiers ? nil : Redaction.identifiers(
            dicom: metadata.compactMap { $0?.dicom }, pages: built.flatMap(\.1) + imagePages.flatMap { $0 })

        var images: [StudyReport.Image] = []
        var imagePNGs: [Int64: [UInt8]] = [:]
        for (index, record) in study.images.enumerated() {
            let pages = imagePages[index]
            let text = pages.map(\.text).joined(separator: "\n")
            images.append(StudyReport.Image(
                documentID: record.id, name: record.originalName, mediaType: record.mediaType.rawValue,
                metadata: metadata[index], text: identifiers.map { $0.redact(text) } ?? text, showIdentifiers: showIdentifiers))
            if format == .html, let page = pages.first {
                let drawn = try StoredPageImages(store: database, storeArgument: try store.location.argument, document: record.id, password: nil)
                    .images(of: [page], width: 560)[0]
                imagePNGs[record.id] = try redacted(drawn, page: page, identifiers: identifiers).png
            }
        }
        var reports: [DocumentReport] = []
        var reportPages: [Int64: [ReportPageImage]] = [:]
        for (report, pages) in built {
            reports.append(identifiers.map { Redaction.redact(report, identifiers: $0) } ?? report)
            if format == .html {
                reportPages[report.document.id] = try pageImages(of: report.document.id, pages: pages, store: database, redacting: identifiers)
            }
        }
        let studyReport = StudyReport(key: key, images: images, reports: reports, identifiersShown: showIdentifiers)
        switch format {
        case .json: return try DocketJSON.string(StudyReportResource(from: studyReport), pretty: true) + "\n"
        case .md: return StudyReport.markdown(studyReport)
        case .html: return StudyReport.html(studyReport, imagePNGs: imagePNGs, reportPages: reportPages)
        }
    }

    /// `redacting`: what identifies the patient, its words painted over; nil to paint nothing.
    private func pageImages(of document: Int64, pages: [Page], store database: Store, redacting identifiers: PatientIdentifiers?) throws -> [ReportPageImage] {
        let images = try StoredPageImages(store: database, storeArgument: try store.location.argument, document: document, password: password)
            .images(of: pages, width: width)
        return try zip(pages, images).map { page, drawn in
            let image = try redacted(drawn, page: page, identifiers: identifiers)
            return ReportPageImage(page: page.number, png: image.png, pixelWidth: image.pixelWidth, pixelHeight: image.pixelHeight,
                                   pointWidth: page.width, pointHeight: page.height)
        }
    }

    private func redacted(_ image: PageImage, page: Page, identifiers: PatientIdentifiers?) throws -> PageImage {
        guard let identifiers else { return image }
        return try PageImages.overlay(Redaction.boxes(on: page, identifiers: identifiers).map { PageMark(box: $0, kind: .redaction) }, on: image)
    }
}
