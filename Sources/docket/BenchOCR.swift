import ArgumentParser
import DocketExtract
import DocketModel
import Foundation

struct BenchOCR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "Measure OCR word accuracy on files whose true text is known.",
        discussion: """
            Reads each image or PDF as the worker reads it (the same readers, passes and limits, \
            one OCR engine) and compares its text with the file's true text: FILE.gold.txt, \
            FILE.groundtruth.txt or FILE.txt beside it, where FILE is the name without its \
            extension. A folder stands for the files in it that have a true text. Words are runs \
            of letters and digits, compared case-sensitively and in order; the words read right \
            are the longest common subsequence of the reading's words and the true text's (the \
            ISRI OCR evaluation tools' word accuracy). The total counts every true word once, \
            over all files. Files that cannot be read are named on stderr and left out, and the \
            command then exits 66.

            EXAMPLE
              docket bench ocr ../shared/corpus/ocr-groundtruth
            """)

    @Argument(help: "Files to read, or folders of them.") var paths: [String]
    @Option(help: BenchFormat.help) var format: BenchFormat = .text

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Give at least one file or folder to read.") }
    }

    struct FileResult: Encodable {
        var file: String
        var truthWords: Int
        var wordsReadRight: Int
        var accuracy: Double
        var seconds: Double

        enum CodingKeys: String, CodingKey {
            case file, accuracy, seconds
            case truthWords = "truth_words", wordsReadRight = "words_read_right"
        }
    }

    struct Summary: Encodable {
        var files: [FileResult]
        var truthWords: Int
        var wordsReadRight: Int
        var accuracy: Double
        var seconds: Double

        enum CodingKeys: String, CodingKey {
            case files, accuracy, seconds
            case truthWords = "truth_words", wordsReadRight = "words_read_right"
        }
    }

    func run() throws {
        let limits = ExtractLimits.fromEnvironment()
        var engine: OCREngine?
        var results: [FileResult] = []
        var unreadable = 0
        for (file, truthFile) in try pairs() {
            let started = ContinuousClock.now
            do {
                let truth = try String(contentsOfFile: truthFile, encoding: .utf8)
                let bytes = try RegularFile.contents(of: file).get()
                guard let mediaType = MediaType.detect(bytes), mediaType != .plainText else {
                    throw ValidationError("\(file) is not an image or a PDF.")
                }
                let reader = try openDocument(bytes, as: mediaType, limits: limits)
                let text = try (0..<reader.pageCount).map { index in
                    try reader.readPage(index + 1) {
                        if let engine { return engine }
                        let created = try OCREngine()
                        engine = created
                        return created
                    }.text
                }.joined(separator: "\n")
                let elapsed = ContinuousClock.now - started
                let score = OCRWordAccuracy(read: text, truth: truth)
                results.append(FileResult(file: file, truthWords: score.truthWords, wordsReadRight: score.wordsReadRight,
                                          accuracy: score.accuracy, seconds: elapsed.inSeconds))
            } catch let refusal as RegularFile.Refusal {
                Output.error("\(file) \(refusal.reason), left out. \(refusal.advice)".trimmingCharacters(in: .whitespaces))
                unreadable += 1
            } catch {
                Output.error("\(file): cannot be read, left out: \(error)")
                unreadable += 1
            }
        }
        let total = results.reduce(OCRWordAccuracy(truthWords: 0, wordsReadRight: 0)) {
            $0 + OCRWordAccuracy(truthWords: $1.truthWords, wordsReadRight: $1.wordsReadRight)
        }
        let summary = Summary(files: results, truthWords: total.truthWords, wordsReadRight: total.wordsReadRight,
                              accuracy: total.accuracy, seconds: results.reduce(0) { $0 + $1.seconds })
        switch format {
        case .text: print(Self.table(summary))
        case .json: try Output.json(summary)
        }
        if unreadable > 0 { throw DocketExit.inputUnreadable }
    }

    /// Each file to read with its true text, in the order given (a folder's files by name).
    private func pairs() throws -> [(file: String, truth: String)] {
        var pairs: [(file: String, truth: String)] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ValidationError("\(path) does not exist.")
            }
            if isFolder.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                for name in names {
                    let file = (path as NSString).appendingPathComponent(name)
                    if Self.isImageOrPDF(file), let truth = Self.truthFile(of: file) { pairs.append((file, truth)) }
                }
            } else if let truth = Self.truthFile(of: path) {
                pairs.append((path, truth))
            } else {
                throw ValidationError("\(path) has no true text beside it: write it to \(Self.withoutExtension(path)).txt.")
            }
        }
        return pairs
    }

    /// Whether the file begins as an image or a PDF does; zone files and notes beside the images do not.
    private static func isImageOrPDF(_ file: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64)).map { [UInt8]($0) } ?? []
        guard let type = MediaType.detect(head) else { return false }
        return type != .plainText
    }

    private static func withoutExtension(_ path: String) -> String { (path as NSString).deletingPathExtension }

    private static func truthFile(of file: String) -> String? {
        let stem = withoutExtension(file)
        return [".gold.txt", ".groundtruth.txt", ".txt"].map { stem + $0 }.first { FileManager.default.fileExists(atPath: $0) }
    }

    private static func table(_ summary: Summary) -> String {
        var lines = ["TRUE WORDS  READ RIGHT  ACCURACY  SECONDS  FILE"]
        func line(_ truthWords: Int, _ right: Int, _ accuracy: Double, _ seconds: Double, _ name: String) -> String {
            String(format: "%10d  %10d  %8.3f  %7.2f  ", truthWords, right, accuracy, seconds) + name
        }
        for file in summary.files {
            lines.append(line(file.truthWords, file.wordsReadRight, file.accuracy, file.seconds, file.file))
        }
        lines.append(line(summary.truthWords, summary.wordsReadRight, summary.accuracy, summary.seconds, "total"))
        return lines.joined(separator: "\n")
    }
}
