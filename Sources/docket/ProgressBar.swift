import Foundation

/// A one-line progress bar redrawn in place on standard error; silent when standard error is not
/// a terminal, so logs and pipes get no control characters.
final class ProgressBar {
    private let enabled: Bool
    private var drawn = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func show(_ label: String, done: Int, of total: Int) {
        guard enabled else { return }
        let width = 24
        let filled = total > 0 ? min(width, done * width / total) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\u{1B}[2K[\(bar)] \(label)".utf8))
        drawn = true
    }

    /// Ends the bar's line, so that what follows starts on a line of its own.
    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\n".utf8))
        drawn = false
    }
}
