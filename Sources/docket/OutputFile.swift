import ArgumentParser
import Foundation

/// Where `--out` and `--to` send what a command writes.
///
/// `-` is standard output. A regular file (or a name not yet taken) is replaced whole or not at
/// all: the bytes go to a temporary file beside it, renamed over it once complete. Anything else
/// that can be opened for writing (a device such as /dev/null, a named pipe, a terminal, or a
/// symbolic link to any of these or to a file) is written in place, so it stays what it is.
enum OutputFile {
    static let standardOutput = "-"

    static func write(_ text: String, to path: String) throws(OutputFileError) {
        try write(Array(text.utf8), to: path)
    }

    static func write(_ bytes: [UInt8], to path: String) throws(OutputFileError) {
        if path == standardOutput {
            // What print() buffered goes first.
            fflush(nil)
            try writeAll(bytes, to: STDOUT_FILENO, path: "standard output")
            return
        }
        var link = stat()
        guard lstat(path, &link) == 0 else {
            let error = errno
            guard error == ENOENT else { throw .cannotOpen(path: path, errno: error) }
            try replaceAtomically(path, with: bytes)
            return
        }
        switch fileType(link) {
        case S_IFREG: try replaceAtomically(path, with: bytes, keepingMode: link.st_mode & 0o7777)
        case S_IFDIR: throw .isFolder(path: path)
        default: try writeInPlace(path, bytes)  // a link (followed), a device, a pipe
        }
    }

    /// An option's help, with what it does with `-`, devices and links.
    static func help(_ text: String) -> String {
        text + " - is standard output; a device, pipe or symbolic link is written in place, a file replaced whole."
    }

    /// What `--out` was written to, for the line that says so.
    static func describe(_ path: String) -> String {
        path == standardOutput ? "standard output" : path
    }

    private static func fileType(_ status: stat) -> mode_t { status.st_mode & S_IFMT }

    /// Through a link, to a device or to a pipe: opened as it is, never replaced.
    private static func writeInPlace(_ path: String, _ bytes: [UInt8]) throws(OutputFileError) {
        // O_TRUNC empties a regular file behind a link and is ignored by devices and pipes.
        let descriptor = open(path, O_WRONLY | O_TRUNC | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let error = errno
            if error == EISDIR { throw .isFolder(path: path) }
            if error == ENOENT { throw .missingFolder(path: path, folder: folder(of: path)) }
            throw .cannotOpen(path: path, errno: error)
        }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, path: path)
    }

    /// The bytes go to a new file in the same folder, renamed over `path` when complete: a reader
    /// sees the old file or the new one, never half of it.
    private static func replaceAtomically(_ path: String, with bytes: [UInt8], keepingMode mode: mode_t? = nil) throws(OutputFileError) {
        let folder = folder(of: path)
        var folderStatus = stat()
        guard stat(folder, &folderStatus) == 0 else { throw .missingFolder(path: path, folder: folder) }
        guard fileType(folderStatus) == S_IFDIR else { throw .cannotOpen(path: path, errno: ENOTDIR) }

        let name = (path as NSString).lastPathComponent
        let temporary = (folder as NSString).appendingPathComponent(".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        // The umask applies to 0o666 as it would to a file the shell creates.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, errno: errno) }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do {
            defer { close(descriptor) }
            if let mode { fchmod(descriptor, mode) }
            try writeAll(bytes, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw OutputFileError.writeFailed(path: path, errno: errno) }
        }
        guard rename(temporary, path) == 0 else { throw .cannotOpen(path: path, errno: errno) }
        renamed = true
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(OutputFileError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(path: path, errno: errno)
            }
            written += count
        }
    }

    private static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}

/// Why `--out` or `--to` could not be written. Nothing else is changed when it is thrown.
enum OutputFileError: Error, CustomStringConvertible {
    case missingFolder(path: String, folder: String)
    case isFolder(path: String)
    case cannotOpen(path: String, errno: Int32)
    case writeFailed(path: String, errno: Int32)

    var description: String {
        switch self {
        case .missingFolder(let path, let folder):
            "cannot write \(path): the folder \(folder) does not exist. Create it (mkdir -p \(folder)) or give a path in a folder that exists."
        case .isFolder(let path):
            "cannot write \(path): it is a folder. Give the path of a file, in it or elsewhere."
        case .cannotOpen(let path, let code):
            "cannot write \(path): \(String(cString: strerror(code))). Check the folder's permissions or give another path."
        case .writeFailed(let path, let code):
            "writing \(path) failed: \(String(cString: strerror(code))). Free some space or give another path."
        }
    }

    /// sysexits.h: EX_CANTCREAT when the output cannot be created, EX_IOERR when writing it fails.
    var exitCode: ExitCode {
        switch self {
        case .missingFolder, .isFolder, .cannotOpen: DocketExit.cannotCreateOutput
        case .writeFailed: DocketExit.outputWriteFailed
        }
    }
}
