import Foundation
import Testing

@testable import AccountLedger

@Suite struct JSONLinesReaderTests {
    /// Writes `text` to a new file and returns every line the reader gives.
    private func lines(of text: String) throws -> [String] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString).jsonl")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = JSONLinesReader(handle: try FileHandle(forReadingFrom: url), name: "lines.jsonl")
        var read: [String] = []
        while let line = try reader.nextLine() {
            read.append(line)
        }
        return read
    }

    @Test func linesAcrossChunksComeWhole() throws {
        // 200 KiB spans four of the reader's 64 KiB reads.
        let long = String(repeating: "x", count: 200 * 1024)
        #expect(try lines(of: "a\n\(long)\nb\n") == ["a", long, "b"])
    }

    @Test func manyLongLinesInOneFile() throws {
        let first = String(repeating: "1", count: 70 * 1024)
        let second = String(repeating: "2", count: 130 * 1024)
        #expect(try lines(of: "\(first)\r\n\(second)\n\(first)") == [first, second, first])
    }
}
