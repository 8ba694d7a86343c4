import ArgumentParser
import DocketEncoder
import DocketJSON
import DocketStore
import Foundation

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Embed the passages of read documents that have no vectors yet, for search --semantic.",
        discussion: """
            Each layout block of a page (a few lines at a time on a page read without layout) is \
            turned into a vector by the sentence encoder (all-MiniLM-L6-v2, installed by \
            deploy/install-encoder.sh), on this machine, one thread, --batch passages at a time. \
            Each document's vectors are stored as soon as it is done, so an interrupted run goes on \
            where it stopped when run again; documents that have vectors are left alone. A document \
            read again later loses its vectors until it is indexed again (or read by `worker --embed`). \
            Progress goes to stderr.

            EXAMPLES
              docket index
              docket index --type invoice --since 7d
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var filter: DocumentFilterOptions
    @Option(help: "Passages embedded together.") var batch: Int = SentenceEncoder.defaultBatchSize

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1.") }
    }

    func run() throws {
        let encoder = try InstalledEncoder.load()
        let documentFilter = try filter.filter()
        let database = try store.open()
        let documents = try withExitCodes { try database.documentsWithoutVectors(model: .sentenceEncoder, in: documentFilter) }
        guard !documents.isEmpty else {
            Output.error("every read document has vectors; nothing to do.")
            return
        }
        let started = ContinuousClock.now
        var passageCount = 0
        for (position, document) in documents.enumerated() {
            let documentStarted = ContinuousClock.now
            let stored: [PassageVector]? = try withExitCodes {
                do {
                    let vectors = InstalledEncoder.passageVectors(of: try database.pages(of: document), encoder: encoder, batchSize: batch)
                    try database.replacePassageVectors(of: document, with: vectors, model: .sentenceEncoder)
                    return vectors
                } catch StoreError.documentNotFound {
                    return nil
                }
            }
            guard let vectors = stored else {
                Output.error("[\(position + 1)/\(documents.count)] document \(document) was deleted meanwhile; skipped.")
                continue
            }
            passageCount += vectors.count
            let seconds = String(format: "%.2f", (ContinuousClock.now - documentStarted).inSeconds)
            Output.error("[\(position + 1)/\(documents.count)] document \(document): \(InstalledEncoder.passages(vectors.count)), \(seconds) s")
        }
        let documentsIndexed = documents.count == 1 ? "1 document" : "\(documents.count) documents"
        print("\(documentsIndexed) indexed: \(InstalledEncoder.passages(passageCount)) in \(String(format: "%.1f", (ContinuousClock.now - started).inSeconds)) s")
    }
}
