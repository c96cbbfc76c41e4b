import Foundation

/// Creates and reads small key files that only their owner may read.
///
/// Problems are reported through `error`, which turns a problem text into
/// the caller's `LedgerError`, so each kind of key keeps its own wording.
enum KeyFile {
    /// Creates `path` with `text` and mode 0600, failing if it exists, and
    /// syncs it to disk.
    static func create(path: String, text: String, error: (String) -> LedgerError) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "already exists; refusing to overwrite a key" : String(cString: strerror(errno))
            throw error("cannot create: \(reason)")
        }
        defer { close(descriptor) }
        let written = text.utf8CString.withUnsafeBufferPointer { buffer in
            Foundation.write(descriptor, buffer.baseAddress, buffer.count - 1)
        }
        guard written == text.utf8.count, fsync(descriptor) == 0 else {
            throw error("cannot write: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads a key file after checking that no one but its owner can read it.
    ///
    /// - Parameter missing: the problem text when the file does not exist.
    static func readPrivate(path: String, missing: String, error: (String) -> LedgerError) throws -> String {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw error(missing)
        }
        guard status.st_mode & 0o077 == 0 else {
            let mode = String(status.st_mode & 0o777, radix: 8)
            throw error("mode \(mode) lets other users read it; run `chmod 600 \(path)`")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw error("cannot be read")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
