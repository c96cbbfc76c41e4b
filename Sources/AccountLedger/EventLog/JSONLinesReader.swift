import Foundation

/// Reads a file one line at a time in fixed-size chunks, so a large export
/// is never held in memory whole.
final class JSONLinesReader {
    /// The longest line accepted, so a file without line ends cannot
    /// exhaust memory.
    static let maximumLineBytes = 16 * 1024 * 1024

    private let handle: FileHandle
    private let name: String
    private var buffer: [UInt8] = []
    private var start = 0
    /// The offset where the search for the next line end resumes. The bytes
    /// from `start` up to it contain none, so a long line that arrives in
    /// many chunks is scanned once, not once per chunk.
    private var searchFrom = 0
    private var isAtEnd = false
    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0

    init(handle: FileHandle, name: String) {
        self.handle = handle
        self.name = name
    }

    /// Returns the next line without its line end, or nil at the end of the file.
    ///
    /// - Throws: `LedgerError.invalidInput` for a line longer than
    ///   `maximumLineBytes`, one that is not UTF-8, or a failed read.
    func nextLine() throws -> String? {
        while true {
            if let newline = buffer[max(start, searchFrom)...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") {
                    end -= 1
                }
                let line = try text(buffer[start..<end])
                start = newline + 1
                searchFrom = start
                return line
            }
            searchFrom = buffer.count
            if isAtEnd {
                guard start < buffer.count else { return nil }
                let line = try text(buffer[start...])
                start = buffer.count
                return line
            }
            guard buffer.count - start <= Self.maximumLineBytes else {
                throw LedgerError.invalidInput(
                    location: "\(name) line \(lineNumber + 1)", problem: "longer than \(Self.maximumLineBytes) bytes")
            }
            buffer.removeSubrange(0..<start)
            searchFrom -= start
            start = 0
            let chunk: [UInt8]
            do {
                chunk = try FileDescriptorIO.read(handle.fileDescriptor, upTo: 64 * 1024)
            } catch {
                throw LedgerError.unreadable(name, error)
            }
            if chunk.isEmpty {
                isAtEnd = true
            } else {
                buffer.append(contentsOf: chunk)
            }
        }
    }

    private func text(_ bytes: ArraySlice<UInt8>) throws -> String {
        lineNumber += 1
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let column = Self.firstInvalidUTF8Offset(bytes) + 1
            let byte = String(bytes[bytes.startIndex + column - 1], radix: 16, uppercase: true)
            throw LedgerError.invalidInput(
                location: "\(name) line \(lineNumber)", problem: "not valid UTF-8 at column \(column): byte 0x\(byte)")
        }
        return text
    }

    /// Returns the offset of the first byte of `bytes` that does not start
    /// or continue a valid UTF-8 sequence, counting columns in bytes as the
    /// JSON messages do.
    private static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            offset += UTF8.width(scalar)
        }
        return min(offset, bytes.count - 1)
    }
}
