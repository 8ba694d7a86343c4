import Foundation
import Testing

/// --out and --to write into what they are given: a device stays a device, a symbolic link stays a
/// link (its target gets the bytes), - is standard output, and a path that cannot be created is
/// one line and exit 73. Devices are made in the test's own folder, never the system's /dev.
@Suite(.enabled(if: getuid() == 0, "making a device file with mknod needs root"))
struct OutputSafetyTests {
    private func readDocument() throws -> (DocketProcess, Scratch) {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let text = try scratch.write("note.txt", Array("Invoice number: 42\nTotal due: 5.00 EUR\n".utf8))
        #expect(try docket.run(["submit", text]).status == 0)
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        return (docket, scratch)
    }

    /// A character device like /dev/null (1, 3) or /dev/full (1, 7), in the scratch folder.
    private func device(_ name: String, minor: Int, in scratch: Scratch) throws -> String {
        let path = try scratch.characterDevice(name, minor: minor)
        try #require(kind(of: path) == S_IFCHR)
        return path
    }

    /// The report without its last line, which says when it was generated.
    private func withoutGenerated(_ report: some StringProtocol) -> String {
        report.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("Generated ") }.joined(separator: "\n")
    }

    private func kind(of path: String) -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else { return 0 }
        return status.st_mode & S_IFMT
    }

    @Test func aDeviceStaysADevice() throws {
        let (docket, scratch) = try readDocument()
        let null = try device("null", minor: 3, in: scratch)
        let reported = try docket.run(["report", "1", "--format", "md", "--out", null])
        #expect(reported.status == 0, "\(reported.stderr)")
        #expect(kind(of: null) == S_IFCHR)
        let exported = try docket.run(["export", "documents", "--to", null])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(kind(of: null) == S_IFCHR)

        let full = try device("full", minor: 7, in: scratch)
        let refused = try docket.run(["export", "documents", "--to", full])
        #expect(refused.status == 74)
        #expect(refused.stderr == "docket: writing \(full) failed: No space left on device. Free some space or give another path.\n")
        #expect(kind(of: full) == S_IFCHR)
    }

    @Test func aSymbolicLinkStaysALinkAndItsTargetGetsTheBytes() throws {
        let (docket, scratch) = try readDocument()
        let expected = try docket.run(["report", "1", "--format", "md"]).stdout
        for (index, arguments) in [["report", "1", "--format", "md", "--out"], ["export", "documents", "--to"],
                                   ["show", "1", "--overlay"]].enumerated() {
            let target = scratch.folder.appending(path: "target-\(index)").path
            try Data("old".utf8).write(to: URL(fileURLWithPath: target))
            let link = scratch.folder.appending(path: "link-\(index)").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
            let result = try docket.run(arguments + [link])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(kind(of: link) == S_IFLNK, "\(arguments)")
            #expect(kind(of: target) == S_IFREG, "\(arguments)")
            let written = try Data(contentsOf: URL(fileURLWithPath: target))
            #expect(written != Data("old".utf8), "\(arguments)")
            if index == 0 { #expect(withoutGenerated(String(decoding: written, as: UTF8.self)) == withoutGenerated(expected)) }
            if index == 2 { #expect(written.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47])) }
        }
    }

    @Test func aDashWritesStandardOutput() throws {
        let (docket, scratch) = try readDocument()
        let report = try docket.run(["report", "1", "--format", "md"])
        let dashed = try docket.run(["report", "1", "--format", "md", "--out", "-"], directory: scratch.folder)
        #expect(dashed.status == 0, "\(dashed.stderr)")
        #expect(withoutGenerated(dashed.stdout) == withoutGenerated(report.stdout))
        #expect(dashed.stdout.hasPrefix("# note.txt\n"))
        let exported = try docket.run(["export", "documents", "--format", "jsonl", "--to", "-"], directory: scratch.folder)
        #expect(exported.stdout == (try docket.run(["export", "documents", "--format", "jsonl"])).stdout)
        #expect(!FileManager.default.fileExists(atPath: scratch.folder.appending(path: "-").path))
    }

    @Test func aPathThatCannotBeCreatedIsOneLineAndExit73() throws {
        let (docket, scratch) = try readDocument()
        let missing = scratch.folder.appending(path: "missing/report.md").path
        let reported = try docket.run(["report", "1", "--out", missing])
        #expect(reported.status == 73)
        #expect(reported.stderr.split(separator: "\n").count == 1, "\(reported.stderr)")
        #expect(reported.stderr.hasPrefix("docket: cannot write \(missing): the folder \(scratch.folder.appending(path: "missing").path) does not exist."))
        #expect(reported.stdout.isEmpty)

        let folder = try docket.run(["export", "documents", "--to", scratch.folder.path])
        #expect(folder.status == 73)
        #expect(folder.stderr.split(separator: "\n").count == 1, "\(folder.stderr)")
        #expect(folder.stderr.contains("it is a folder"))
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: scratch.folder.path, isDirectory: &isFolder) && isFolder.boolValue)
    }
}
