import Foundation

/// A process's /proc/PID/status, read once: its memory figures for the benchmarks.
struct ProcessStatus {
    private let text: String

    /// Empty (every figure 0) for a process that has ended.
    init(of pid: Int32) {
        text = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    }

    /// A field given in kB, such as VmRSS or VmHWM; 0 when the process or the field is missing.
    func kibibytes(_ field: String) -> Int {
        text.split(separator: "\n").first { $0.hasPrefix(field + ":") }.flatMap { line in
            line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
        } ?? 0
    }
}
