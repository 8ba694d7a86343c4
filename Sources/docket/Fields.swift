import ArgumentParser
import DocketJSON
import DocketModel
import DocketStore

struct Fields: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Line up the same field across documents: one row per document and field.",
        discussion: """
            A document's fields are read with it, by its type: a receipt's vendor, date, address and
            total; an invoice's vendor, invoice-number, date, due-date and total; a letter's date.
            VALUE is normalized (dates as YYYY-MM-DD, amounts as plain decimals with the currency in
            UNIT), so a spreadsheet can sort and sum it. A field a document lacks is not listed
            unless --missing is given.

            EXAMPLES
              docket fields --name total --type receipt
              docket fields --name total --since 2026-03-01 --until 2026-04-01 --format csv > march.csv
              docket fields --min-confidence 0.8 --format json
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "Only this field: vendor, date, address, total, invoice-number, due-date.") var name: String?
    @OptionGroup var filter: DocumentFilterOptions
    @Option(help: "Only fields read at least this confidently (0-1).") var minConfidence: Double?
    @Flag(help: "Also list fields a document lacks (not found).") var missing = false
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions

    func validate() throws {
        if let minConfidence, !(0...1).contains(minConfidence) {
            throw ValidationError("--min-confidence is between 0 and 1, e.g. 0.8.")
        }
    }

    func run() throws {
        let rows = try store.openForReading().fields(
            named: name, of: try filter.filter(), minimumConfidence: minConfidence, includeNotFound: missing)
        let header = ["DOC", "NAME", "TYPE", "FIELD", "TEXT", "VALUE", "UNIT", "CONF", "PAGE"]
        try Output.emit(format, csvOptions, json: rows.map(FieldResource.init(from:)), header: header, rows: rows.map { row in
            let answer = row.field.answer
            return ["\(row.documentID)", row.documentName, row.documentType?.rawValue ?? "", row.field.name,
                    answer.text ?? "(not found)", answer.value?.text ?? "", answer.value?.unit ?? "",
                    String(format: "%.2f", answer.confidence), answer.evidence.map { "\($0.page)" } ?? ""]
        }, csv: ExportRecord.csv(rows.map(ExportRecord.init(field:)), of: .fields))
    }
}
