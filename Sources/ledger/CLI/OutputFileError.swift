import AccountLedger
import Foundation

/// A file named by `--output` that could not be written to the end, such as
/// on a full disk. It exits with status 1, as standard output does then.
struct OutputFileError: Error, CustomStringConvertible {
    let path: String
    /// The cause, such as the system's text for a failed write.
    let reason: String

    init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String, failure: FileDescriptorIO.Failure) {
        self.init(path: path, reason: failure.reason)
    }

    var description: String {
        "cannot write \(path): \(reason); the partial file was removed"
    }
}

/// A file named by `--output` that cannot be created: one that exists, which
/// is never overwritten, a path that names no file, or one in a missing or
/// unwritable folder. It exits with status 5, as other values the command
/// rejects do.
struct OutputFileCreationError: Error, CustomStringConvertible {
    let description: String

    /// Reports the `errno` of a failed `open(2)` or of an existing file.
    init(path: String, code: Int32) {
        guard code != EEXIST else {
            self.init(description: "output file \(path) already exists, and export never overwrites a file; choose another --output path")
            return
        }
        self.init(path: path, problem: String(cString: strerror(code)))
    }

    /// Reports why `path` can name no new file, such as a missing folder.
    init(path: String, problem: String) {
        // An empty path is quoted, or the message would name nothing.
        let shownPath = path.isEmpty ? "''" : path
        self.init(description: "output file \(shownPath) cannot be created: \(problem)")
    }

    private init(description: String) {
        self.description = description
    }
}
