import Foundation
import Testing

/// What submit does with paths that are not regular files: it names them, never waits on them, and
/// with --recursive names everything it skips.
@Suite struct SubmitInputTests {
    private func nothingStored(_ docket: DocketProcess) throws -> Bool {
        try !FileManager.default.fileExists(atPath: docket.database) || docket.rows("SELECT count(*) FROM documents") == [["0"]]
    }

    private func makeFIFO(_ path: String) throws {
        try #require(mkfifo(path, 0o600) == 0)
    }

    @Test func aFIFOIsNamedAndNotOpened() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let fifo = scratch.folder.appending(path: "pipe").path
        try makeFIFO(fifo)
        let result = try docket.run(["submit", fifo])
        #expect(result.status == 66)
        #expect(result.stderr == "docket: \(fifo) is a FIFO (named pipe), not a regular file. Docket submits regular files: save what it holds to a file and submit that. Nothing was stored.\n")
        #expect(try nothingStored(docket))
    }

    @Test(.enabled(if: getuid() == 0, "making a device file with mknod needs root"))
    func aCharacterDeviceIsNamed() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        // A copy of /dev/zero, which would never end if it were read.
        let zero = try scratch.characterDevice("zero", minor: 5)
        let text = try scratch.write("note.txt", Array("hello\n".utf8))

        let result = try docket.run(["submit", text, zero])
        #expect(result.status == 66)
        #expect(result.stderr.hasPrefix("docket: \(zero) is a character device, not a regular file."))
        #expect(result.stderr.hasSuffix("Nothing was stored.\n"))
        #expect(try nothingStored(docket))
    }

    @Test func recursiveNamesEveryEntryItSkips() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let inbox = scratch.folder.appending(path: "inbox")
        let elsewhere = scratch.folder.appending(path: "elsewhere")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data("a letter\n".utf8).write(to: inbox.appending(path: "letter.txt"))
        try Data("hidden note\n".utf8).write(to: inbox.appending(path: ".draft.txt"))
        try Data("a memo kept elsewhere\n".utf8).write(to: elsewhere.appending(path: "memo.txt"))
        try makeFIFO(inbox.appending(path: "pipe").path)
        try FileManager.default.createSymbolicLink(atPath: inbox.appending(path: "memo-link.txt").path,
                                                   withDestinationPath: elsewhere.appending(path: "memo.txt").path)
        try FileManager.default.createSymbolicLink(atPath: inbox.appending(path: "folder-link").path, withDestinationPath: elsewhere.path)

        let result = try docket.run(["submit", "--recursive", inbox.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            \(inbox.path)/letter.txt: document 1, job 1, text/plain
            \(inbox.path)/memo-link.txt: document 2, job 2, text/plain

            """)
        #expect(result.stderr == """
            docket: skipped \(inbox.path)/folder-link: it is a symbolic link to a folder, not a regular file.
            docket: skipped \(inbox.path)/pipe: it is a FIFO (named pipe), not a regular file.

            """, "hidden files are left out without a word, as before")
    }
}
