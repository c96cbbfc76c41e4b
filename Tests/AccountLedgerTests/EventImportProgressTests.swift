@testable import AccountLedger
import Foundation
import LedgerHarness
import Testing

/// `importEvents` reports its progress every 1,024 events and once at the
/// end, so that `ledger import --events` of a large export does not sit
/// silent for minutes.
@Suite struct EventImportProgressTests {
    /// Returns a ledger of more than 1,024 events, from a snapshot import
    /// of 1,100 new accounts.
    private func largeLedger() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        let list = SnapshotGenerator.connectionList(count: 1_100, revision: 0)
        try fixture.ledger.importSnapshots(
            [SnapshotFile(name: "list.json", bytes: Array(list.utf8))], options: SnapshotImportOptions(actor: "tester"))
        return fixture
    }

    /// Loads `lines` into a new ledger with `fixture`'s key and returns
    /// each progress report.
    private func reports(loading lines: [String], beside fixture: TemporaryLedger) throws -> [(Int64, Int64?)] {
        let file = fixture.folder.appendingPathComponent("export-\(UUID().uuidString).jsonl")
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: file)
        let target = try Ledger.create(
            path: fixture.folder.appendingPathComponent("target-\(UUID().uuidString).sqlite").path,
            environment: [FingerprintKey.environmentVariable: Hex.encode(try fixture.ledger.fingerprintKey().bytes)])
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var reports: [(Int64, Int64?)] = []
        try target.importEvents(from: handle, name: "export.jsonl") { reports.append(($0, $1)) }
        return reports
    }

    @Test func progressComesEvery1024EventsAndAtEnd() throws {
        let fixture = try largeLedger()
        let lines = try fixture.exportLines()
        let total = Int64(lines.count - 1)
        try #require(total > 1_024 && total < 2_048)

        let reports = try reports(loading: lines, beside: fixture)

        #expect(reports.map(\.0) == [1_024, total])
        #expect(reports.map(\.1) == [total, total])
    }

    @Test func progressWithoutHeaderHasNoTotal() throws {
        let fixture = try TemporaryLedger.withEvents(3)
        let lines = try fixture.exportLines()

        let reports = try reports(loading: Array(lines.dropFirst()), beside: fixture)

        #expect(reports.map(\.0) == [3])
        #expect(reports.map(\.1) == [nil])
    }
}
