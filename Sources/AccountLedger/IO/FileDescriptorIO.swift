#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Reads and writes a file descriptor with read(2) and write(2). Foundation's
/// `FileHandle.readData(ofLength:)`, `readDataToEndOfFile()` and
/// `write(_: Data)` stop the process on an error, such as a folder or a
/// closed descriptor on standard input or a full disk, instead of throwing.
public enum FileDescriptorIO {
    /// The `errno` of a failed read or write.
    public struct Failure: Error, Equatable {
        public let code: Int32

        public init(code: Int32) {
            self.code = code
        }

        /// The system's text for `code`, such as "Is a directory".
        public var reason: String { String(cString: strerror(code)) }
    }

    /// Reads at most `count` bytes. An empty array means the end of the input.
    public static func read(_ descriptor: Int32, upTo count: Int) throws(Failure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        while true {
            let read = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, count) }
            if read >= 0 {
                bytes.removeSubrange(read...)
                return bytes
            }
            if errno != EINTR {
                throw Failure(code: errno)
            }
        }
    }

    /// Reads from `descriptor` up to the end of its input.
    public static func readToEnd(_ descriptor: Int32) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            let chunk = try read(descriptor, upTo: 64 * 1024)
            if chunk.isEmpty {
                return bytes
            }
            bytes.append(contentsOf: chunk)
        }
    }

    /// Writes every byte of `bytes`, retrying short writes.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written >= 0 {
                offset += written
            } else if errno != EINTR {
                throw Failure(code: errno)
            }
        }
    }
}

extension LedgerError {
    /// Returns the error for an input file, or standard input, that could
    /// not be read, naming it and the system's reason.
    public static func unreadable(_ name: String, _ failure: FileDescriptorIO.Failure) -> LedgerError {
        .invalidInput(location: name, problem: "cannot be read: \(failure.reason)")
    }
}
