@testable import AccountLedger
import Foundation
import Testing

/// Input that starts with a UTF-8 byte order mark is rejected, as input
/// is rejected rather than repaired. The message names the mark and how
/// to save the file without it.
@Suite struct ByteOrderMarkTests {
    private let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private let advice = "save the file as UTF-8 without a byte order mark"

    @Test func parserNamesTheMark() {
        let error = #expect(throws: JSONSyntaxError.self) {
            try JSONParser.parse(byteOrderMark + Array("{}".utf8))
        }
        #expect(error?.line == 1)
        #expect(error?.column == 1)
        #expect(error?.message == "unexpected UTF-8 byte order mark (bytes EF BB BF), expected a value; \(advice)")
    }

    @Test func snapshotFileWithMarkIsRejected() throws {
        let file = SnapshotFile(name: "bom.json", bytes: byteOrderMark + Array(JSONWriter.pretty(s3Connection()).utf8))
        let error = try #require(throws: LedgerError.self) { try SnapshotReader.records(in: file) }
        #expect(error.category == .badInput)
        #expect("\(error)".hasPrefix("invalid input in bom.json line 1, column 1: unexpected UTF-8 byte order mark"))
    }

    @Test func receiptWithMarkIsRejected() throws {
        let fixture = try TemporaryLedger()
        let receipt = JSONWriter.pretty(try fixture.ledger.digest().json)
        let error = try #require(throws: LedgerError.self) {
            try DigestReceipt.parse(byteOrderMark + Array(receipt.utf8), source: "r.json")
        }
        #expect(error.category == .badInput)
        #expect("\(error)".contains("unexpected UTF-8 byte order mark"))
        #expect("\(error)".hasSuffix(advice))
    }

    @Test func eventExportWithMarkIsRejected() throws {
        let source = try TemporaryLedger()
        try source.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        var lines: [String] = []
        try source.ledger.exportEvents { lines.append($0) }
        let file = source.folder.appendingPathComponent("bom.jsonl")
        try Data(byteOrderMark + Array(lines.joined(separator: "\n").utf8)).write(to: file)
        let target = try TemporaryLedger()

        let error = try #require(throws: LedgerError.self) {
            try target.ledger.importEvents(from: FileHandle(forReadingFrom: file), name: "bom.jsonl")
        }

        #expect(error.category == .badInput)
        #expect("\(error)".hasPrefix("invalid input in bom.jsonl line 1: not valid JSON at column 1: unexpected UTF-8 byte order mark"))
        #expect(try target.ledger.verify().eventCount == 0)
    }

    @Test func secretWithMarkIsRejected() throws {
        let fixture = try TemporaryLedger()
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.save(s3Connect(secretKey: "\u{FEFF}secret-1"), accountID: "a1", context: context())
        }
        #expect(error.category == .badInput)
        #expect("\(error)".contains("the secret starts with a byte order mark (U+FEFF)"))
        #expect(try fixture.ledger.verify().eventCount == 0)
    }

    @Test func whoUsedSecretWithMarkIsRejected() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context())
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.credentialUsage(of: Secret("\u{FEFF}secret-1"))
        }
        #expect("\(error)" == "invalid input in secret: the secret starts with a byte order mark (U+FEFF), which editors put at the start of a file saved as UTF-8 with BOM; \(advice)")
    }
}
