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
/// is never overwritten, or one in a missing or unwritable folder. It exits
/// with status 5, as other values the command rejects do.
struct OutputFileCreationError: Error, CustomStringConvertible {
    let path: String
    /// The `errno` of the failed `open(2)`.
    let code: Int32

    var description: String {
        if code == EEXIST {
            return "output file \(path) already exists, and export never overwrites a file; choose another --output path"
        }
        return "output file \(path) cannot be created: \(String(cString: strerror(code)))"
    }
}
