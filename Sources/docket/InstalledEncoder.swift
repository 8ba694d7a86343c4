import ArgumentParser
import DocketEncoder
import DocketModel
import DocketStore

/// The sentence encoder for `index`, `search --semantic` and `worker --embed`, loaded before
/// anything else is opened, so that a machine without it changes nothing.
enum InstalledEncoder {
    /// The installed encoder; without it, one line on stderr saying how to install it, and exit 1.
    static func load() throws -> SentenceEncoder {
        do {
            return try SentenceEncoder.installed()
        } catch EncoderError.notInstalled {
            Output.error("the sentence encoder is not installed: run deploy/install-encoder.sh (or set DOCKET_ENCODER_DIR to the folder that holds it).")
            throw ExitCode.failure
        } catch {
            Output.error("the sentence encoder cannot be loaded: \(error)")
            throw ExitCode.failure
        }
    }

    /// The vectors of the document's passages, page by page, embedded in batches of `batchSize`.
    static func passageVectors(of pages: [Page], encoder: SentenceEncoder, batchSize: Int) -> [PassageVector] {
        let passages = pages.flatMap { page in page.passages.map { (page: page.number, passage: $0) } }
        let vectors = encoder.embed(passages.map(\.passage.text), batchSize: batchSize)
        return zip(passages, vectors).map { PassageVector(page: $0.page, passage: $0.passage, vector: $1) }
    }

    /// "1 passage" or "3 passages".
    static func passages(_ count: Int) -> String {
        count == 1 ? "1 passage" : "\(count) passages"
    }

    /// "1 document has" or "3 documents have".
    static func documentsHave(_ count: Int) -> String {
        count == 1 ? "1 document has" : "\(count) documents have"
    }
}
