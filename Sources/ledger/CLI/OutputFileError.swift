import AccountLedger

/// A file named by `--output` that could not be written to the end, such as
/// on a full disk. It exits with status 1, as standard output does then.
struct OutputFileError: Error, CustomStringConvertible {
    let path: String
    let failure: FileDescriptorIO.Failure

    var description: String {
        "cannot write \(path): \(failure.reason); the partial file was removed"
    }
}
