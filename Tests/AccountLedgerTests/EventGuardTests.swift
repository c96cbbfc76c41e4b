@testable import AccountLedger
import Foundation
import Testing

/// The triggers on `events` that keep the log append-only and gapless:
/// `verify` fails when one is missing or altered, and `rebuild` recreates
/// them from the schema. A trigger the schema does not define fails
/// `verify` too, and `rebuild` drops it.
@Suite struct EventGuardTests {
    private static let guardNames = [
        "events_reject_update", "events_reject_delete", "events_require_next_position", "events_require_next_version",
    ]

    private func populated() throws -> TemporaryLedger {
        try TemporaryLedger.withEvents(1)
    }

    private func runSQL(_ sql: String, on fixture: TemporaryLedger) throws {
        try RawLedgerFile(path: fixture.path).executeKeepingGuards(sql)
    }

    @Test func droppedTriggerFailsVerify() throws {
        for name in Self.guardNames {
            let fixture = try populated()
            try runSQL("DROP TRIGGER \(name)", on: fixture)
            let failure = try #require(verificationFailure { _ = try fixture.ledger.verify() }, "\(name)")
            #expect(failure.position == nil)
            #expect(failure.detail.contains("trigger \(name) on events is missing"), "\(failure.detail)")
        }
    }

    @Test func firstDroppedTriggerIsNamed() throws {
        let fixture = try populated()
        try runSQL("DROP TRIGGER events_reject_update; DROP TRIGGER events_reject_delete", on: fixture)
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.detail.hasPrefix("trigger events_reject_update on events is missing") == true)
    }

    @Test func alteredTriggerFailsVerify() throws {
        let fixture = try populated()
        try runSQL("""
            DROP TRIGGER events_reject_delete;
            CREATE TRIGGER events_reject_delete BEFORE DELETE ON events WHEN 0 BEGIN SELECT 1; END;
            """, on: fixture)
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.detail.contains("trigger events_reject_delete on events differs from") == true, "\(failure?.detail ?? "no failure")")
    }

    @Test func rebuildRestoresDroppedTriggers() throws {
        let fixture = try populated()
        try runSQL("DROP TRIGGER events_reject_update; DROP TRIGGER events_reject_delete", on: fixture)
        let result = try fixture.ledger.rebuildProjections()
        #expect(result.restoredTriggers == ["events_reject_update", "events_reject_delete"])
        #expect(try fixture.ledger.verify().eventCount == 1)
        #expect(throws: SQLiteError.self) { try runSQL("DELETE FROM events", on: fixture) }
        #expect(try fixture.ledger.eventCount() == 1)
    }

    @Test func rebuildReplacesAlteredTrigger() throws {
        let fixture = try populated()
        try runSQL("""
            DROP TRIGGER events_reject_update;
            CREATE TRIGGER events_reject_update BEFORE UPDATE ON events WHEN 0 BEGIN SELECT 1; END;
            """, on: fixture)
        #expect(try fixture.ledger.rebuildProjections().restoredTriggers == ["events_reject_update"])
        #expect(try fixture.ledger.verify().eventCount == 1)
    }

    @Test func foreignTriggerOnEventsFailsVerify() throws {
        let fixture = try populated()
        try runSQL("CREATE TRIGGER swallow BEFORE INSERT ON events BEGIN SELECT RAISE(IGNORE); END", on: fixture)
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.detail.hasPrefix("trigger swallow on events is not part of the ledger's schema") == true,
                "\(failure?.detail ?? "no failure")")
    }

    @Test func foreignTriggerOnProjectionFailsVerify() throws {
        let fixture = try populated()
        try runSQL("CREATE TRIGGER rename AFTER UPDATE ON accounts BEGIN SELECT 1; END", on: fixture)
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.detail.hasPrefix("trigger rename on accounts is not part of the ledger's schema") == true,
                "\(failure?.detail ?? "no failure")")
    }

    @Test func rebuildDropsForeignTriggersFirst() throws {
        let fixture = try populated()
        // Fires on the rebuild's own inserts unless it is dropped first.
        try runSQL("""
            CREATE TRIGGER forge AFTER INSERT ON accounts BEGIN UPDATE accounts SET name = 'forged'; END;
            CREATE TRIGGER swallow BEFORE INSERT ON events BEGIN SELECT RAISE(IGNORE); END;
            """, on: fixture)
        let result = try fixture.ledger.rebuildProjections()
        #expect(result.droppedTriggers == ["forge", "swallow"])
        #expect(result.restoredTriggers.isEmpty)
        #expect(try fixture.ledger.verify().eventCount == 1)
        #expect(try fixture.ledger.rebuildProjections().droppedTriggers.isEmpty)
    }

    @Test func rebuildOfIntactLedgerRestoresNothing() throws {
        let fixture = try populated()
        #expect(try fixture.ledger.rebuildProjections().restoredTriggers.isEmpty)
    }

    @Test func commandLineVerifyThenRebuildRestores() throws {
        let fixture = try populated()
        try runSQL("DROP TRIGGER events_reject_update; DROP TRIGGER events_reject_delete", on: fixture)
        let failed = try LedgerProcess.run(["verify", "--db", fixture.path])
        #expect(failed.status == 8)
        #expect(failed.standardError.hasPrefix("Error: verification failed: trigger events_reject_update on events is missing"),
                "\(failed.standardError)")
        let json = try LedgerProcess.run(["verify", "--db", fixture.path, "--json"])
        let report = try JSONParser.parse(json.standardOutput)
        #expect(report["verified"] == .bool(false))
        #expect(report["position"] == .null)
        let rebuilt = try LedgerProcess.run(["rebuild", "--db", fixture.path])
        #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
        #expect(rebuilt.standardOutput.contains(
            "Restored triggers events_reject_update, events_reject_delete on events from the schema."), "\(rebuilt.standardOutput)")
        let verified = try LedgerProcess.run(["verify", "--db", fixture.path])
        #expect(verified.status == 0, "\(verified.standardError)")
    }

    @Test func commandLineRebuildNamesDroppedTrigger() throws {
        let fixture = try populated()
        try runSQL("CREATE TRIGGER swallow BEFORE INSERT ON events BEGIN SELECT RAISE(IGNORE); END", on: fixture)
        let rebuilt = try LedgerProcess.run(["rebuild", "--db", fixture.path])
        #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
        #expect(rebuilt.standardOutput.contains(
            "Dropped trigger swallow, which the ledger's schema does not define."), "\(rebuilt.standardOutput)")
    }
}
