import Foundation

/// Creates and reads small key files that only their owner may read.
enum KeyFile {
    /// Creates `path` with `text`, failing if it exists, and syncs it to disk.
    static func create(path: String, text: String, mode: mode_t, what: String) throws {
        let location = "\(what) \(path)"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "already exists; refusing to overwrite a key" : String(cString: strerror(errno))
            throw LedgerError.invalidInput(location: location, problem: "cannot create: \(reason)")
        }
        defer { close(descriptor) }
        let written = text.utf8CString.withUnsafeBufferPointer { buffer in
            Foundation.write(descriptor, buffer.baseAddress, buffer.count - 1)
        }
        guard written == text.utf8.count, fsync(descriptor) == 0 else {
            throw LedgerError.invalidInput(location: location, problem: "cannot write: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads a private key file, trimmed, after checking no one but its owner can read it.
    static func readPrivate(path: String, what: String) throws -> String {
        let location = "\(what) \(path)"
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw LedgerError.invalidInput(location: location, problem: "missing")
        }
        guard status.st_mode & 0o077 == 0 else {
            let mode = String(status.st_mode & 0o777, radix: 8)
            throw LedgerError.invalidInput(location: location, problem: "mode \(mode) lets other users read it; run `chmod 600 \(path)`")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LedgerError.invalidInput(location: location, problem: "cannot be read")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
