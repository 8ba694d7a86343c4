import Foundation

/// Reads a file given to `submit`. Only a regular file (or a link to one) is opened: a named pipe
/// would block until something wrote to it, /dev/zero would never end, and opening some devices
/// acts on them, so those are named and refused instead.
enum RegularFile {
    struct Refusal: Error {
        /// Completes "PATH ...", e.g. "is a FIFO (named pipe), not a regular file".
        var reason: String
        /// What to do about it, ending in a space; empty when the reason says it.
        var advice: String
    }

    static func contents(of path: String) -> Result<[UInt8], Refusal> {
        var status = stat()
        guard stat(path, &status) == 0 else { return .failure(refusal(errno: errno)) }
        if let kind = kind(status) {
            var link = stat()
            let isLink = lstat(path, &link) == 0 && link.st_mode & S_IFMT == S_IFLNK
            return .failure(notRegular(isLink ? "a symbolic link to \(kind)" : kind))
        }

        // O_NONBLOCK: should the path become a pipe after the stat above, opening it returns at once.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(refusal(errno: errno)) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        guard fstat(descriptor, &status) == 0 else { return .failure(refusal(errno: errno)) }
        if let kind = kind(status) { return .failure(notRegular(kind)) }
        do {
            return .success([UInt8](try handle.readToEnd() ?? Data()))
        } catch {
            return .failure(Refusal(reason: "cannot be read (\(error.localizedDescription))", advice: ""))
        }
    }

    /// What a path that is not a regular file is, in words; nil for a regular file.
    private static func kind(_ status: stat) -> String? {
        switch status.st_mode & S_IFMT {
        case S_IFREG: nil
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFDIR: "a folder"
        default: "an unknown kind of file"
        }
    }

    private static func notRegular(_ kind: String) -> Refusal {
        Refusal(reason: "is \(kind), not a regular file",
                advice: "Docket submits regular files: save what it holds to a file and submit that. ")
    }

    /// Why a path could not be opened or examined, from the error the system gave.
    static func refusal(errno code: Int32) -> Refusal {
        switch code {
        case ENOENT, ENOTDIR: Refusal(reason: "does not exist", advice: "")
        case EACCES, EPERM: Refusal(reason: "cannot be read (check its permissions)", advice: "")
        default: Refusal(reason: "cannot be read (\(String(cString: strerror(code))))", advice: "")
        }
    }
}
