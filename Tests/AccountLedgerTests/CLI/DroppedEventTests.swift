@testable import AccountLedger
import Foundation
import Testing

/// A trigger the schema does not define can make SQLite skip an insert
/// into `events` without an error (`RAISE(IGNORE)`). Every command that
/// appends events then fails with status 8 and saves nothing.
@Suite struct DroppedEventTests {
    /// Adds a trigger that silently drops the insert of the event at
    /// `position`, or of every event when `position` is nil.
    private func dropInserts(into path: String, atPosition position: Int64? = nil) throws {
        let condition = position.map { "WHEN NEW.position = \($0) " } ?? ""
        try RawLedgerFile(path: path).executeKeepingGuards(
            "CREATE TRIGGER swallow BEFORE INSERT ON events \(condition)BEGIN SELECT RAISE(IGNORE); END")
    }

    private func expectDropped(_ output: LedgerProcess.Output, position: Int64) {
        #expect(output.status == 8, "\(output.standardError)")
        #expect(output.standardError.contains("event at position \(position) was not stored"), "\(output.standardError)")
        #expect(output.standardError.contains("trigger"), "\(output.standardError)")
        #expect(output.standardError.contains("`ledger verify"), "\(output.standardError)")
        #expect(output.standardError.contains("`ledger rebuild"), "\(output.standardError)")
    }

    @Test func droppedEditSavesNothing() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3()
        try dropInserts(into: ledger.path)
        let before = try ledger.snapshot()

        let output = try ledger.run(["edit", "s3", "--name", "Renamed"])

        expectDropped(output, position: 2)
        #expect(try ledger.snapshot() == before)
    }

    @Test func droppedSecondEventSavesNothing() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3()
        try dropInserts(into: ledger.path, atPosition: 3)
        let before = try ledger.snapshot()

        let output = try ledger.run(
            ["edit", "s3", "--name", "Renamed", "--secret", "secretKey=stdin"], input: "secret-2\n")

        expectDropped(output, position: 3)
        #expect(try ledger.snapshot() == before)
    }

    @Test func droppedSnapshotImportSavesNothing() throws {
        let ledger = try CommandLineLedger()
        try dropInserts(into: ledger.path)
        let before = try ledger.snapshot()

        let output = try ledger.run(["import", ImportFixtures.path("connections-list-salesforce.json")])

        expectDropped(output, position: 1)
        #expect(try ledger.snapshot() == before)
    }

    @Test func droppedEventImportSavesNothing() throws {
        let source = try CommandLineLedger()
        try source.connectS3()
        let file = source.folder.appendingPathComponent("events.jsonl").path
        let export = try source.run(["export", "--output", file])
        try #require(export.status == 0, "\(export.standardError)")
        let sourceKey = try Ledger(path: source.path, access: .read, environment: [:]).fingerprintKey()
        let key = [FingerprintKey.environmentVariable: Hex.encode(sourceKey.bytes)]
        let target = source.folder.appendingPathComponent("target.sqlite").path
        try #require(try LedgerProcess.run(["init", "--db", target], environment: key).status == 0)
        try dropInserts(into: target)
        let before = try databaseSnapshot(path: target)

        let output = try LedgerProcess.run(["import", "--db", target, "--events", file], environment: key)

        expectDropped(output, position: 1)
        #expect(try databaseSnapshot(path: target) == before)
    }
}
