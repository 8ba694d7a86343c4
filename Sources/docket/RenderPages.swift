import ArgumentParser
import DocketExtract
import DocketWorker
import Foundation

/// What the command that shows pages asks its `docket render-pages` child to draw; sent on the
/// child's standard input, so that a password never appears among a process's arguments.
struct PageRenderRequest: Codable {
    var document: Int64
    var pages: [Int]
    var width: Int
    var password: String?
}

/// The child process that draws a stored document's pages for `show --overlay` and `report`:
/// Poppler and Leptonica run here, under a memory cap and watched by the command that started it,
/// so that a page that crashes or hangs them costs that picture, not the command.
///
/// Writes each page as a line `NUMBER PIXEL_WIDTH PIXEL_HEIGHT SCALE PNG_BYTES` followed by the PNG.
struct RenderPages: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-pages", abstract: "Internal: draw stored pages as PNG, in a process of its own.", shouldDisplay: false)

    @OptionGroup var store: StoreOptions
    @Option var memoryLimit: Int

    func run() throws {
        ChildMemoryCap.apply(memoryLimitMiB: memoryLimit)
        let input = try FileHandle.standardInput.readToEnd() ?? Data()
        guard let request = try? JSONDecoder().decode(PageRenderRequest.self, from: input) else {
            Output.error("render-pages: expected a page render request on standard input.")
            throw ExitCode.validationFailure
        }
        let database = try store.openForReading()
        let (mediaType, bytes) = try withExitCodes { try database.content(of: request.document) }
        let pages = try withExitCodes { try database.pages(of: request.document) }
        let fault = InjectedFault(ProcessInfo.processInfo.environment["DOCKET_INJECT_FAULT"])
        for number in request.pages {
            guard let page = pages.first(where: { $0.number == number }) else { continue }
            fault?.trigger(onPage: number)
            let image: PageImage
            do {
                image = try PageImages.render(bytes, as: mediaType, page: page, password: request.password, width: request.width)
            } catch let error as ExtractError {
                Output.error(error.description)
                throw DocketExit.inputRefused
            }
            let header = "\(number) \(image.pixelWidth) \(image.pixelHeight) \(image.scale) \(image.png.count)\n"
            FileHandle.standardOutput.write(Data(header.utf8) + Data(image.png))
        }
    }
}

/// Pages drawn by a `docket render-pages` child, and why the others were not.
struct IsolatedPageRendering {
    /// Resident memory the child may use; its address space is capped at twice this plus 1 GiB.
    static let memoryLimitMiB = 2048
    /// The child is stopped after this long, and `timeoutPerPage` more for each page asked for.
    static let timeout = 60.0
    static let timeoutPerPage = 20.0

    let storeArgument: String

    struct Drawn {
        var images: [Int: PageImage]
        /// Why the child stopped before drawing every page ("crashed with SIGSEGV"); nil when it did not.
        var trouble: String?
    }

    /// Draws `request`'s pages. A child that fails with a message (a wrong password) passes its
    /// message and exit code on; one that crashes, hangs or grows too large leaves the pages it
    /// had not drawn out, with `trouble` saying what happened.
    func draw(_ request: PageRenderRequest) throws -> Drawn {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["render-pages", "--memory-limit", String(Self.memoryLimitMiB)]
        var environment = ProcessInfo.processInfo.environment
        // In the environment: a PostgreSQL URL may hold a password.
        environment["DOCKET_DB"] = storeArgument
        child.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        child.standardInput = input
        child.standardOutput = output
        child.standardError = errors
        try child.run()
        try input.fileHandleForWriting.write(contentsOf: JSONEncoder().encode(request))
        try input.fileHandleForWriting.close()

        // Both pipes are read while the child runs: a child blocked on a full pipe would look hung.
        let drawn = Collected(), messages = Collected()
        let readers = DispatchGroup()
        for (handle, collected) in [(output.fileHandleForReading, drawn), (errors.fileHandleForReading, messages)] {
            DispatchQueue.global().async(group: readers) { collected.bytes = (try? handle.readToEnd()).map { [UInt8]($0) } ?? [] }
        }
        let deadline = Date().addingTimeInterval(Self.timeout + Self.timeoutPerPage * Double(request.pages.count))
        var stopped: String?
        while child.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
            guard stopped == nil, child.isRunning else { continue }
            let residentMiB = ProcessStatus(of: child.processIdentifier).kibibytes("VmRSS") / 1024
            if residentMiB > Self.memoryLimitMiB {
                stopped = "it used \(residentMiB) MiB, more than \(Self.memoryLimitMiB) MiB"
            } else if Date() > deadline {
                stopped = "it took longer than \(Int(Self.timeout + Self.timeoutPerPage * Double(request.pages.count))) s"
            }
            if stopped != nil { kill(child.processIdentifier, SIGKILL) }
        }
        child.waitUntilExit()
        readers.wait()
        let images = Self.images(in: drawn.bytes)
        if let stopped { return Drawn(images: images, trouble: stopped) }
        if child.terminationReason == .uncaughtSignal {
            return Drawn(images: images, trouble: "Poppler or Leptonica crashed with \(SignalName.of(child.terminationStatus))")
        }
        if child.terminationStatus != 0 {
            FileHandle.standardError.write(Data(messages.bytes))
            throw ExitCode(child.terminationStatus)
        }
        return Drawn(images: images, trouble: nil)
    }

    private final class Collected: @unchecked Sendable {
        var bytes: [UInt8] = []
    }

    /// The complete pages in the child's output; a page cut short by the child's end is left out.
    static func images(in output: [UInt8]) -> [Int: PageImage] {
        var images: [Int: PageImage] = [:]
        var offset = 0
        while let newline = output[offset...].firstIndex(of: UInt8(ascii: "\n")) {
            let fields = String(decoding: output[offset..<newline], as: UTF8.self).split(separator: " ")
            guard fields.count == 5, let number = Int(fields[0]), let width = Int(fields[1]), let height = Int(fields[2]),
                  let scale = Double(fields[3]), let count = Int(fields[4]), newline + 1 + count <= output.count
            else { break }
            let png = Array(output[(newline + 1)..<(newline + 1 + count)])
            images[number] = PageImage(png: png, pixelWidth: width, pixelHeight: height, scale: scale)
            offset = newline + 1 + count
        }
        return images
    }
}
