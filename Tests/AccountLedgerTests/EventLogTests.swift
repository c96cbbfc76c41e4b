@testable import AccountLedger
import Foundation
import LedgerHarness
import Testing

@Suite struct EventLogTests {
    private func populated() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "One"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(
            .edit(EditRequest(name: "One renamed", secrets: ["secretKey": Secret("k2")])), accountID: "a1",
            context: context(at: "2026-01-02T00:00:00Z", reason: "rotation"))
        try fixture.ledger.save(s3Connect(name: "Two"), accountID: "a2", context: context(at: "2026-01-03T00:00:00Z"))
        try fixture.ledger.save(.activateDataflow("df1"), accountID: "a2", context: context(at: "2026-01-04T00:00:00Z"))
        try fixture.ledger.save(.delete(force: false), accountID: "a1", context: context(at: "2026-01-05T00:00:00Z"))
        return fixture
    }

    private func exportLines(_ ledger: Ledger) throws -> [String] {
        var lines: [String] = []
        try ledger.exportEvents { lines.append($0) }
        return lines
    }

    /// Writes `lines` to a file in `fixture`'s folder and loads it into a new ledger there.
    private func importLines(_ lines: [String], beside fixture: TemporaryLedger) throws -> (Ledger, String) {
        let file = fixture.folder.appendingPathComponent("export-\(UUID().uuidString).jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let path = fixture.folder.appendingPathComponent("imported-\(UUID().uuidString).sqlite").path
        let ledger = try Ledger.create(path: path, environment: [:])
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        try ledger.importEvents(from: handle, name: "export.jsonl")
        return (ledger, path)
    }

    private func hashes(_ ledger: Ledger) throws -> [String] {
        try ledger.database.read { db in
            try db.statement("SELECT hash FROM events ORDER BY position").rows { $0.string(0) }
        }
    }

    @Test func roundTripKeepsHashesAndProjections() throws {
        let fixture = try populated()
        let (imported, path) = try importLines(try exportLines(fixture.ledger), beside: fixture)
        #expect(try hashes(imported) == hashes(fixture.ledger))
        #expect(try ProjectionDump(path: path) == ProjectionDump(path: fixture.path))
        #expect(try exportLines(imported) == exportLines(fixture.ledger))
    }

    @Test func alteredEventIsRejectedByPosition() throws {
        let fixture = try populated()
        var lines = try exportLines(fixture.ledger)
        lines[2] = lines[2].replacingOccurrences(of: "\"actor\":\"tester\"", with: "\"actor\":\"mallory\"")
        let error = try #require(throws: LedgerError.self) { try importLines(lines, beside: fixture) }
        guard case .invalidInput(let location, let problem) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(location == "export.jsonl line 3")
        #expect(problem.contains("event at position 3"))
        #expect(problem.contains("does not match its contents"))
    }

    @Test func missingEventIsRejectedAsGap() throws {
        let fixture = try populated()
        var lines = try exportLines(fixture.ledger)
        lines.remove(at: 1)
        let error = try #require(throws: LedgerError.self) { try importLines(lines, beside: fixture) }
        #expect("\(error)".contains("line 2"))
        #expect("\(error)".contains("expected position 2"))
    }

    @Test func rejectedImportLeavesLedgerEmpty() throws {
        let fixture = try populated()
        var lines = try exportLines(fixture.ledger)
        lines[4] = "{\"not\": \"an event\"}"
        let file = fixture.folder.appendingPathComponent("broken.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let target = try Ledger.create(path: fixture.folder.appendingPathComponent("target.sqlite").path, environment: [:])
        let handle = try FileHandle(forReadingFrom: file)
        #expect(throws: LedgerError.self) { try target.importEvents(from: handle, name: "broken.jsonl") }
        #expect(try target.eventCount() == 0)
        #expect(try target.accounts(AccountQuery()).isEmpty)
    }

    @Test func importIntoNonEmptyLedgerIsRejected() throws {
        let fixture = try populated()
        let file = fixture.folder.appendingPathComponent("export.jsonl")
        try Data(try exportLines(fixture.ledger).joined(separator: "\n").utf8).write(to: file)
        let handle = try FileHandle(forReadingFrom: file)
        #expect(throws: LedgerError.self) { try fixture.ledger.importEvents(from: handle, name: "export.jsonl") }
        #expect(try fixture.ledger.eventCount() == 6)
    }

    @Test func replayCopiesPrefixAndLeavesSourceUntouched() throws {
        let fixture = try populated()
        let before = try fileDigests(fixture.path)
        let into = fixture.folder.appendingPathComponent("replay.sqlite").path
        let source = try fixture.reopen(access: .read)
        #expect(try source.replay(upToPosition: 4, into: into) == 4)
        #expect(try fileDigests(fixture.path) == before)
        let replayed = try Ledger(path: into, access: .read, environment: [:])
        #expect(try hashes(replayed) == Array(hashes(fixture.ledger).prefix(4)))
        #expect(try replayed.verify().eventCount == 4)
        var then = AccountQuery()
        then.at = TimePoint(knownAtPosition: 4)
        #expect(try replayed.accounts(AccountQuery()).map(\.name) == fixture.ledger.accounts(then).map(\.name))
        // The copied key matches the fingerprints: the replay finds the same secret.
        #expect(try replayed.credentialUsage(of: Secret("k2")).count == 1)
    }

    @Test func replayRefusesExistingTarget() throws {
        let fixture = try populated()
        #expect(throws: LedgerError.self) { try fixture.ledger.replay(upToPosition: 2, into: fixture.path) }
    }

    @Test func commandLineRoundTrip() throws {
        let fixture = try populated()
        let export = try LedgerProcess.run(["export", "--db", fixture.path])
        #expect(export.status == 0, "\(export.standardError)")
        let file = fixture.folder.appendingPathComponent("cli.jsonl")
        try Data(export.standardOutput.utf8).write(to: file)
        let target = fixture.folder.appendingPathComponent("cli.sqlite").path
        #expect(try LedgerProcess.run(["init", "--db", target]).status == 0)
        let load = try LedgerProcess.run(["import", "--db", target, "--events", file.path])
        #expect(load.status == 0, "\(load.standardError)")
        let reexport = try LedgerProcess.run(["export", "--db", target])
        #expect(reexport.standardOutput == export.standardOutput)
    }

    /// SHA-256 of the database file and its WAL, as hex.
    private func fileDigests(_ path: String) throws -> [String] {
        try [path, path + "-wal"].map { file in
            let bytes = FileManager.default.contents(atPath: file).map { Array($0) } ?? []
            return Hex.encode(Digest.sha256(bytes))
        }
    }
}
