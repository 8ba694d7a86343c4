import ArgumentParser
import DocketJSON
import DocketStore

struct Studies: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List studies: images joined with their written report.",
        discussion: """
            A study is made by submit --study KEY, or found when a DICOM image and a medical report
            share an accession number (its key is then acc- and 12 hex digits of an HMAC-SHA256 of
            the number under a secret drawn for each database, so that the number is not printed
            and cannot be found again from the key).

            EXAMPLES
              docket studies
              docket report --study acc-3f9a0c2b7d41 --format html --out study.html
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions

    func run() throws {
        let studies = try store.openForReading().studies()
        let rows = studies.map { study in
            [study.key, study.images.map { "\($0.id) \($0.originalName)" }.joined(separator: ", "),
             study.reports.map { "\($0.id) \($0.originalName)" }.joined(separator: ", ")]
        }
        try Output.emit(format, csvOptions, json: studies.map(StudyResource.init(from:)), header: ["KEY", "IMAGES", "REPORTS"], rows: rows,
                        csv: (["key", "images", "reports"], rows))
    }
}
