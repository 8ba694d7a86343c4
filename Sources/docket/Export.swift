import ArgumentParser
import DocketJSON
import DocketModel
import DocketStore
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write documents, fields or answers to a CSV, JSON or JSON Lines file for a spreadsheet or a script.",
        discussion: """
            One row per document, per field of a document, or per answer. CSV rows are flat, with the
            same columns as the docket_documents, docket_fields and docket_answers views (see docket
            sql --help), RFC 4180 with a header row, and a cell a spreadsheet would run as a formula
            (starting with =, +, -, @) gets a ' in front unless --raw-csv. JSON is one array and JSON
            Lines one object per line, of the same objects `docket documents`, `docket fields` and
            `docket answers` print. --to writes a file whole or not at all.

            EXAMPLES
              docket export fields --type receipt --format csv --to receipts.csv
              docket export answers --since 7d --format jsonl | jq .answer
              docket export documents --format json --to documents.json
            """)

    enum Table: String, ExpressibleByArgument, CaseIterable {
        case documents, fields, answers
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json, jsonl
    }

    @OptionGroup var store: StoreOptions
    @Argument(help: "What to export: documents, fields, answers.") var table: Table
    @OptionGroup var filter: DocumentFilterOptions
    @Option(help: "fields: only this field (total, date, vendor, ...).") var name: String?
    @Option(help: "fields and answers: only those at least this confident (0-1).") var minConfidence: Double?
    @Option(help: "csv, json or jsonl.") var format: Format = .csv
    @OptionGroup var csvOptions: CSVOptions
    @Option(help: ArgumentHelp(OutputFile.help("Write to this file instead of standard output."), valueName: "file")) var to: String?

    func run() throws {
        let database = try store.openForReading()
        let documentFilter = try filter.filter()
        let records: [ExportRecord]
        let objects: [any Encodable]
        switch table {
        case .documents:
            let summaries = try database.summaries(of: documentFilter)
            records = summaries.map(ExportRecord.init(document:))
            objects = summaries.map(DocumentResource.init(from:))
        case .fields:
            let rows = try database.fields(named: name, of: documentFilter, minimumConfidence: minConfidence, includeNotFound: true)
            records = rows.map(ExportRecord.init(field:))
            objects = rows.map(FieldResource.init(from:))
        case .answers:
            let rows = try database.answers(of: documentFilter, minimumConfidence: minConfidence)
            records = rows.map(ExportRecord.init(answer:))
            objects = rows.map(AnswerResource.init(from:))
        }
        let text: String
        switch format {
        case .csv:
            let table = ExportRecord.csv(records, of: table)
            text = Output.csvText(table.header, table.rows, csvOptions)
        case .json: text = "[\n" + (try objects.map { "  " + (try DocketJSON.string($0)) }.joined(separator: ",\n")) + "\n]\n"
        case .jsonl: text = try objects.map { try DocketJSON.string($0) + "\n" }.joined()
        }
        if let to {
            try withExitCodes { try OutputFile.write(text, to: to) }
            Output.error("wrote \(records.count) \(table.rawValue) to \(OutputFile.describe(to))")
        } else {
            print(text, terminator: "")
        }
    }
}

/// One flat row of a CSV export: named cells in a fixed order.
struct ExportRecord {
    var cells: [SQLCell]

    /// The header and the cells of `records`, as CSV writes them.
    static func csv(_ records: [ExportRecord], of table: Export.Table) -> (header: [String], rows: [[String]]) {
        (columns(of: table), records.map { $0.cells.map(\.display) })
    }

    static func columns(of table: Export.Table) -> [String] {
        switch table {
        case .documents: documentColumns
        case .fields: ["document_id", "document_name", "document_type", "name", "text"] + answerColumns
        case .answers: ["document_id", "document_name", "question", "answer"] + answerColumns + ["answered_by"]
        }
    }

    private static let documentColumns = [
        "id", "name", "type", "media_type", "bytes", "sha256", "pages", "words", "source", "confidence", "submitted_at", "read_seconds",
    ]
    private static let answerColumns = ["value", "value_kind", "value_unit", "confidence", "page", "x0", "y0", "x1", "y1"]

    init(document summary: DocumentSummary) {
        let document = summary.document
        cells = [
            .integer(document.id), .text(document.originalName), .optionalText(document.documentType?.rawValue),
            .text(document.mediaType.rawValue), .integer(Int64(document.byteCount)), .text(document.sha256),
            .integer(Int64(summary.pageCount)), .integer(Int64(summary.wordCount)),
            .optionalText(summary.sources.isEmpty ? nil : summary.sources.map(\.rawValue).joined(separator: "+")),
            summary.meanConfidence.map(SQLCell.real) ?? .null, .text(Output.date(document.createdAt)),
            summary.seconds.map(SQLCell.real) ?? .null,
        ]
    }

    init(field row: FieldRow) {
        cells = [.integer(row.documentID), .text(row.documentName), .optionalText(row.documentType?.rawValue),
                 .text(row.field.name), .optionalText(row.field.answer.text)] + Self.answerCells(row.field.answer)
    }

    init(answer row: AnswerRow) {
        self.init(documentID: row.documentID, documentName: row.documentName, answer: row.answer)
    }

    init(documentID: Int64, documentName: String, answer: Answer) {
        cells = [.integer(documentID), .text(documentName), .text(answer.question), .optionalText(answer.text)]
            + Self.answerCells(answer) + [.optionalText(answer.answeredBy?.rawValue)]
    }

    private static func answerCells(_ answer: Answer) -> [SQLCell] {
        let box = answer.evidence.map { $0.box.array.map(SQLCell.real) } ?? [.null, .null, .null, .null]
        return [.optionalText(answer.value?.text), .optionalText(answer.value?.kind.rawValue), .optionalText(answer.value?.unit),
                .real(answer.confidence), answer.evidence.map { .integer(Int64($0.page)) } ?? .null] + box
    }
}

extension SQLCell {
    static func optionalText(_ text: String?) -> SQLCell { text.map(SQLCell.text) ?? .null }
}
