import Foundation
import Testing

@testable import AccountLedger

/// `FileDescriptorIO.readToEnd(_:maximumBytes:)` on a pipe, which has no
/// size to check first: it reads at most one byte past the bound.
@Suite struct BoundedReadTests {
    /// Writes `bytes` into a new pipe, closes its write end and returns
    /// the read end, which the caller closes.
    private func pipe(holding bytes: [UInt8]) throws -> Int32 {
        var ends: [Int32] = [0, 0]
        try #require(Glibc.pipe(&ends) == 0)
        try FileDescriptorIO.writeAll(bytes, to: ends[1])
        close(ends[1])
        return ends[0]
    }

    @Test func pipeWithinBoundIsReadWhole() throws {
        let descriptor = try pipe(holding: Array(repeating: 7, count: 100))
        defer { close(descriptor) }

        let bytes = try FileDescriptorIO.readToEnd(descriptor, maximumBytes: 100)

        #expect(bytes == Array(repeating: 7, count: 100))
    }

    @Test func pipeOverBoundStopsOnePast() throws {
        let descriptor = try pipe(holding: Array(repeating: 7, count: 1_000))
        defer { close(descriptor) }

        let bytes = try FileDescriptorIO.readToEnd(descriptor, maximumBytes: 100)
        let rest = try FileDescriptorIO.readToEnd(descriptor)

        #expect(bytes == nil)
        #expect(rest.count == 1_000 - 101)
    }

    @Test func emptyPipeIsEmpty() throws {
        let descriptor = try pipe(holding: [])
        defer { close(descriptor) }

        #expect(try FileDescriptorIO.readToEnd(descriptor, maximumBytes: 100) == [])
    }
}
