import DocketEncoder
import Synchronization

/// The sentence encoder for semantic search, loaded on the first semantic query (90 MB of weights
/// a server that is never asked one does not hold), and again after a failed load, so that
/// installing it needs no restart.
final class QueryEncoder: Sendable {
    private let loaded = Mutex<SentenceEncoder?>(nil)

    /// The installed encoder; a 503 problem that says how to install it when it is not.
    func encoder() throws -> SentenceEncoder {
        if let encoder = loaded.withLock({ $0 }) { return encoder }
        do {
            let encoder = try SentenceEncoder.installed()
            loaded.withLock { $0 = encoder }
            return encoder
        } catch EncoderError.notInstalled {
            throw Problem(.serviceUnavailable, code: "encoder_not_installed", title: "Sentence encoder not installed",
                          detail: "Semantic search needs the sentence encoder on the server: run deploy/install-encoder.sh there "
                              + "(or set DOCKET_ENCODER_DIR to the folder that holds it), or search by words with /v1/search.")
        }
    }
}
