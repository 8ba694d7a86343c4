import ArgumentParser
import DocketModel
import DocketStore
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write documents, fields or answers to a CSV, JSON or JSON Lines file for a spreadsheet or a script.",
        discussion: """
            Rows are flat: one per document, per field of a document, or per answer, with the same
            columns as the docket_documents, docket_fields and docket_answers views (see docket sql
            --help). CSV follows RFC 4180 with a header row, and a cell a spreadsheet would run as a
            formula (starting with =, +, -, @) gets a ' in front unless --raw-csv; JSON is one array;
            JSON Lines is one object per line. --to writes a file whole or not at all.

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
        switch table {
        case .documents:
            records = try database.summaries(of: documentFilter).map(ExportRecord.init(document:))
        case .fields:
            records = try database.fields(named: name, of: documentFilter, minimumConfidence: minConfidence, includeNotFound: true)
                .map(ExportRecord.init(field:))
        case .answers:
            records = try database.answers(of: documentFilter, minimumConfidence: minConfidence).map(ExportRecord.init(answer:))
        }
        let columns = ExportRecord.columns(of: table)
        let text: String
        switch format {
        case .csv: text = Output.csvText(columns, records.map { $0.cells.map(\.display) }, csvOptions)
        case .json: text = "[\n" + (try records.map { "  " + (try $0.jsonObject()) }.joined(separator: ",\n")) + "\n]\n"
        case .jsonl: text = try records.map { try $0.jsonObject() + "\n" }.joined()
        }
        if let to {
            try withExitCodes { try OutputFile.write(text, to: to) }
            Output.error("wrote \(records.count) \(table.rawValue) to \(OutputFile.describe(to))")
        } else {
            print(text, terminator: "")
        }
    }
}

/// One flat row of an export: named cells in a fixed order.
struct ExportRecord {
    var names: [String]
    var cells: [SQLCell]

    static func columns(of table: Export.Table) -> [String] {
        switch table {
        case .documents: documentColumns
        case .fields: ["document_id", "document_name", "document_type", "name", "text"] + answerColumns
        case .answers: ["document_id", "document_name", "question", "answer"] + answerColumns
        }
    }

    private static let documentColumns = [
        "id", "name", "type", "media_type", "bytes", "sha256", "pages", "words", "source", "confidence", "submitted_at", "read_seconds",
    ]
    private static let answerColumns = ["value", "value_kind", "value_unit", "confidence", "page", "x0", "y0", "x1", "y1"]

    init(document summary: DocumentSummary) {
        let document = summary.document
        names = Self.documentColumns
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
        names = Self.columns(of: .fields)
        cells = [.integer(row.documentID), .text(row.documentName), .optionalText(row.documentType?.rawValue),
                 .text(row.field.name), .optionalText(row.field.answer.text)] + Self.answerCells(row.field.answer)
    }

    init(answer row: AnswerRow) {
        let answer = row.answer
        names = Self.columns(of: .answers)
        cells = [.integer(row.documentID), .text(row.documentName), .text(answer.question), .optionalText(answer.text)]
            + Self.answerCells(answer)
    }

    private static func answerCells(_ answer: Answer) -> [SQLCell] {
        let box = answer.evidence.map { $0.box.array.map(SQLCell.real) } ?? [.null, .null, .null, .null]
        return [.optionalText(answer.value?.text), .optionalText(answer.value?.kind.rawValue), .optionalText(answer.value?.unit),
                .real(answer.confidence), answer.evidence.map { .integer(Int64($0.page)) } ?? .null] + box
    }

    /// The row as one JSON object whose keys keep the columns' order (JSONEncoder's do not).
    func jsonObject() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let members = try zip(names, cells).map { name, cell in
            String(decoding: try encoder.encode(name), as: UTF8.self) + ":" + String(decoding: try encoder.encode(cell), as: UTF8.self)
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}

extension SQLCell {
    static func optionalText(_ text: String?) -> SQLCell { text.map(SQLCell.text) ?? .null }
}
