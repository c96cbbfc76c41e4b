#if canImport(Glibc)
import Glibc
#endif
import AccountLedger

/// The file that `export --output FILE` writes, under the hidden name that
/// `NewFile` moves to FILE once it is complete. Lines are buffered so a
/// large log is not written one system call per event. Unless `commit()`
/// succeeds, the file is removed, so a failed export never leaves a file
/// that could be taken for a whole one.
final class ExportFile {
    /// The `--output` path, which messages name.
    let path: String
    private let partialPath: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var isClosed = false
    private static let bufferLimit = 64 * 1024

    /// Creates `partialPath`, private like the database because the log
    /// names actors and accounts.
    ///
    /// - Throws: `OutputFileCreationError` naming `path` when the file
    ///   cannot be created, such as in a missing or unwritable folder.
    init(creating partialPath: String, reportedAs path: String) throws {
        let descriptor = open(partialPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw OutputFileCreationError(path: path, code: errno)
        }
        self.path = path
        self.partialPath = partialPath
        self.descriptor = descriptor
    }

    deinit {
        if !isClosed {
            close(descriptor)
            unlink(partialPath)
        }
    }

    /// Appends `line` and a line end.
    func writeLine(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.bufferLimit {
            try flush()
        }
    }

    /// Writes the rest of the buffer, forces the file to the disk and closes it.
    func commit() throws {
        try flush()
        guard fsync(descriptor) == 0 else {
            throw OutputFileError(path: path, failure: .init(code: errno))
        }
        // close(2) can report a failed write-back, as on NFS. It releases
        // the descriptor even then, so deinit must not close it again.
        isClosed = true
        guard close(descriptor) == 0 else {
            let code = errno
            unlink(partialPath)
            throw OutputFileError(path: path, failure: .init(code: code))
        }
    }

    private func flush() throws {
        do {
            try FileDescriptorIO.writeAll(buffer, to: descriptor)
        } catch {
            throw OutputFileError(path: path, failure: error)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
