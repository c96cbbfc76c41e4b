#if canImport(Glibc)
import Glibc
#endif

extension FileDescriptorIO {
    /// Reads from `descriptor` up to the end of its input, or returns nil
    /// once it contains more than `maximumBytes`, leaving the rest unread. A
    /// regular file whose remaining size is over the bound is rejected by
    /// its size before any read, so only pipes, terminals and devices are
    /// read up to `maximumBytes + 1` bytes.
    public static func readToEnd(_ descriptor: Int32, maximumBytes: Int) throws(Failure) -> [UInt8]? {
        var bytes: [UInt8] = []
        if let remaining = remainingFileBytes(descriptor) {
            guard remaining <= maximumBytes else { return nil }
            // One allocation of the right size, where doubling would leave a
            // large file's memory at up to twice its size.
            bytes.reserveCapacity(remaining + 1)
        }
        while bytes.count <= maximumBytes {
            let chunk = try read(descriptor, upTo: min(64 * 1024, maximumBytes + 1 - bytes.count))
            if chunk.isEmpty {
                return bytes
            }
            bytes.append(contentsOf: chunk)
        }
        return nil
    }

    /// Opens the file at `path` and reads it as `readToEnd(_:maximumBytes:)` does.
    public static func readFile(atPath path: String, maximumBytes: Int) throws(Failure) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Failure(code: errno)
        }
        defer { close(descriptor) }
        return try readToEnd(descriptor, maximumBytes: maximumBytes)
    }

    /// Returns the bytes between a regular file's read position and its
    /// end, or nil for anything else (a pipe, a terminal, a device).
    private static func remainingFileBytes(_ descriptor: Int32) -> Int? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let position = lseek(descriptor, 0, SEEK_CUR)
        guard position >= 0 else { return nil }
        return max(0, Int(status.st_size) - Int(position))
    }
}
