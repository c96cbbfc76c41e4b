@testable import AccountLedger
import Foundation
import LedgerHarness
import Testing

@Suite struct RebuildTests {
    /// Creates a ledger with `accounts` accounts and `edits` renames and rotations each.
    private func populated(accounts: Int = 3, edits: Int = 3) throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        for index in 0..<accounts {
            let id = "a\(index)"
            try fixture.ledger.save(s3Connect(name: "Account \(index)"), accountID: id, context: context(at: "2026-01-01T00:00:00Z"))
            for edit in 0..<edits {
                let request = EditRequest(name: "Account \(index) v\(edit)", secrets: ["secretKey": Secret("key-\(index)-\(edit)")])
                let moment = time("2026-01-02") + Int64(edit) * 3_600_000
                try fixture.ledger.save(.edit(request), accountID: id, context: SaveContext(actor: "tester", occurredAt: moment))
            }
        }
        try fixture.ledger.save(.activateDataflow("df1"), accountID: "a0", context: context(at: "2026-02-01T00:00:00Z"))
        try fixture.ledger.save(.delete(force: true), accountID: "a0", context: context(at: "2026-02-02T00:00:00Z"))
        return fixture
    }

    @Test func rebuildEqualsInlineRowForRow() throws {
        let fixture = try populated()
        let inline = try ProjectionDump(path: fixture.path)
        let count = try fixture.ledger.rebuildProjections().eventCount
        #expect(count == 23)
        #expect(try ProjectionDump(path: fixture.path) == inline)
    }

    @Test func rebuildWithFewerStatesInMemoryThanAccountsEqualsInline() throws {
        // With room for one state, every account leaves memory between its
        // events: its state is read back and its last version row updated.
        let fixture = try populated()
        let inline = try ProjectionDump(path: fixture.path)
        let connection = try Database(path: fixture.path, mode: .readWrite)
        var rebuilder = ProjectionRebuilder(db: connection, projections: Set(ProjectionWriter.names))
        rebuilder.stateCapacity = 1
        #expect(try rebuilder.run(progress: nil).eventCount == 23)
        #expect(try ProjectionDump(path: fixture.path) == inline)
    }

    @Test func rebuildFallingBackAfterSeveralBatchesEqualsInline() throws {
        // Two accounts fill the room for states over more than two batches
        // of the fold thread. The third account's connect makes the rebuild
        // fold the rest on the calling thread.
        let fixture = try TemporaryLedger()
        var saves: [AccountSave] = []
        for id in ["a0", "a1"] {
            saves.append(AccountSave(s3Connect(name: id), accountID: id, context: context(at: "2026-01-01T00:00:00Z")))
        }
        for edit in 0..<600 {
            let id = edit % 2 == 0 ? "a0" : "a1"
            let moment = time("2026-01-02") + Int64(edit) * 60_000
            saves.append(AccountSave(.edit(EditRequest(name: "\(id) v\(edit)")), accountID: id, context: SaveContext(actor: "tester", occurredAt: moment)))
        }
        saves.append(AccountSave(s3Connect(name: "a2"), accountID: "a2", context: context(at: "2026-02-01T00:00:00Z")))
        saves.append(AccountSave(.edit(EditRequest(name: "a0 last")), accountID: "a0", context: context(at: "2026-02-02T00:00:00Z")))
        try fixture.ledger.save(saves)
        let inline = try ProjectionDump(path: fixture.path)
        var rebuilder = ProjectionRebuilder(db: try Database(path: fixture.path, mode: .readWrite), projections: Set(ProjectionWriter.names))
        rebuilder.stateCapacity = 2
        #expect(try rebuilder.run(progress: nil).eventCount == 604)
        #expect(try ProjectionDump(path: fixture.path) == inline)
    }

    @Test func rebuildKeepsTheSecondaryIndexes() throws {
        let fixture = try populated()
        func indexes() throws -> [String] {
            try Database(path: fixture.path, mode: .readOnly)
                .statement("SELECT name || ': ' || coalesce(sql, '') FROM sqlite_schema WHERE type = 'index' ORDER BY name")
                .rows { $0.string(0) }
        }
        let before = try indexes()
        try fixture.ledger.rebuildProjections()
        #expect(try indexes() == before)
        #expect(before.contains { $0.hasPrefix("credential_changes_by_new_value: CREATE INDEX") })
    }

    @Test func rebuildRestoresDamagedProjection() throws {
        let fixture = try populated()
        let inline = try ProjectionDump(path: fixture.path)
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM credential_changes WHERE position > 4")
        try fixture.ledger.rebuildProjections(["credential_changes"])
        #expect(try ProjectionDump(path: fixture.path) == inline)
    }

    @Test func rebuildOfOneProjectionLeavesOthers() throws {
        let fixture = try populated()
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM account_versions")
        try fixture.ledger.rebuildProjections(["credential_changes"])
        let dump = try ProjectionDump(path: fixture.path)
        #expect(dump.rows["account_versions"]?.isEmpty == true)
        #expect(dump.rows["credential_changes"]?.isEmpty == false)
    }

    @Test func emptyLedgerRebuildsAtOnce() throws {
        let fixture = try TemporaryLedger()
        let inline = try ProjectionDump(path: fixture.path)
        #expect(try fixture.ledger.rebuildProjections().eventCount == 0)
        #expect(try ProjectionDump(path: fixture.path) == inline)
    }

    @Test func unknownProjectionIsRejected() throws {
        let fixture = try TemporaryLedger()
        #expect(throws: LedgerError.self) { try fixture.ledger.rebuildProjections(["events"]) }
    }

    @Test func progressReachesTotal() throws {
        let fixture = try populated()
        var reports: [(Int64, Int64)] = []
        try fixture.ledger.rebuildProjections { reports.append(($0, $1)) }
        #expect(reports.last?.0 == 23)
        #expect(reports.last?.1 == 23)
    }

    @Test func progressComesEvery1024Events() throws {
        // The progress interval was 1,000 events, but the fold reports
        // whole batches of 512, so a report came at 1,024 and then at the
        // end of whichever batch crossed the next thousand. A log of just
        // over 1,000 events got an extra report at its last batch.
        let fixture = try TemporaryLedger()
        let list = SnapshotGenerator.connectionList(count: 1_010, revision: 0)
        try fixture.ledger.importSnapshots(
            [SnapshotFile(name: "list.json", bytes: Array(list.utf8))], options: SnapshotImportOptions(actor: "tester"))
        var reports: [Int64] = []
        let total = try fixture.ledger.rebuildProjections { done, _ in reports.append(done) }.eventCount
        try #require(total > 1_000 && total < 1_024)
        #expect(reports.last == total)
        #expect(Array(reports.dropLast()) == Array(stride(from: 1_024, through: total, by: 1_024)))
    }

    @Test func killedRebuildLeavesOldProjections() throws {
        let fixture = try populated(accounts: 10, edits: 14)
        let inline = try ProjectionDump(path: fixture.path)
        let process = try LedgerProcess.start(
            ["rebuild", "--db", fixture.path], environment: [Ledger.rebuildDelayVariable: "10000"])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The rebuild's write transaction holds the write lock; wait for it.
        let probe = try Database(path: fixture.path, mode: .readWrite, busyTimeoutMilliseconds: 0)
        var sawRebuildRunning = false
        for _ in 0..<500 where !sawRebuildRunning {
            do {
                try probe.write { _ in }
                usleep(10_000)
            } catch {
                sawRebuildRunning = true
            }
        }
        #expect(sawRebuildRunning)
        usleep(300_000)
        #expect(process.isRunning)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try ProjectionDump(path: fixture.path) == inline)
        try fixture.ledger.rebuildProjections()
        #expect(try ProjectionDump(path: fixture.path) == inline)
        #expect(try fixture.ledger.verify().eventCount == 292)
    }
}
