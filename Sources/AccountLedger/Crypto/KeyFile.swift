import Foundation

/// Creates and reads small key files that only their owner may read.
///
/// Problems are reported through `error`, which turns a problem text into
/// the caller's `LedgerError`, so each kind of key keeps its own wording.
enum KeyFile {
    /// Creates `path` with `text` and `mode` (0600 unless given), failing if
    /// it exists, and syncs it to disk. The mode is set after creation as
    /// well, because the process's umask would otherwise narrow it, and a
    /// public key readable only by its owner is taken for a private one.
    static func create(path: String, text: String, mode: mode_t = 0o600, error: (String) -> LedgerError) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "already exists; refusing to overwrite a key" : String(cString: strerror(errno))
            throw error("cannot create: \(reason)")
        }
        defer { close(descriptor) }
        var failure: Int32?
        do {
            try FileDescriptorIO.writeAll(Array(text.utf8), to: descriptor)
            if fchmod(descriptor, mode) != 0 || fsync(descriptor) != 0 {
                failure = errno
            }
        } catch let written {
            failure = written.code
        }
        if let failure {
            // A key file cut short must not stay behind looking like a key.
            unlink(path)
            throw error("cannot write: \(String(cString: strerror(failure)))")
        }
    }

    /// Reads a key file after checking that no one but its owner can read it.
    ///
    /// - Parameters:
    ///   - missing: the problem text when the file does not exist.
    ///   - folder: the problem text when the path is a folder. It is checked
    ///     before the mode, because advice to `chmod 600` a folder fixes nothing.
    static func readPrivate(path: String, missing: String, folder: String, error: (String) -> LedgerError) throws -> String {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw error(missing)
        }
        guard status.st_mode & S_IFMT != S_IFDIR else {
            throw error(folder)
        }
        // Before the mode, because `chmod` follows a symbolic link, so the
        // advice would change the mode of a device such as /dev/zero.
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw error("is not a regular file (a device, FIFO or socket); point at a key file")
        }
        guard status.st_mode & 0o077 == 0 else {
            let mode = String(status.st_mode & 0o777, radix: 8)
            throw error("mode \(mode) lets other users read it; run `chmod 600 \(path.quotedAsShellPath())`")
        }
        return try readSmall(path: path, error: error)
    }

    /// The largest key file read. Every key file the ledger writes is 64
    /// hexadecimal digits and a line end, so anything near this size is not
    /// a key.
    static let maximumBytes = 4_096

    /// Reads a small text file such as a key, rejecting one larger than
    /// `maximumBytes` without reading it whole.
    static func readSmall(path: String, error: (String) -> LedgerError) throws -> String {
        let read: [UInt8]?
        do {
            read = try FileDescriptorIO.readFile(atPath: path, maximumBytes: maximumBytes)
        } catch let failure {
            throw error("cannot be read: \(failure.reason)")
        }
        guard let bytes = read else {
            throw error("is larger than \(maximumBytes) bytes, too large for a key file")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
