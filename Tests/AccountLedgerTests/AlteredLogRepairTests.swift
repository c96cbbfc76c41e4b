@testable import AccountLedger
import Testing

/// An insider drops a guard trigger and edits an event's actor. `verify`
/// names the edited event before the missing trigger, and `rebuild`, the
/// repair it offers for the trigger, refuses to copy the edit into the
/// audit rows that still hold the true actor.
@Suite struct AlteredLogRepairTests {
    private func editedLedger() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context("alice", at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(
            .edit(EditRequest(secrets: ["secretKey": Secret("secret-2")])), accountID: "a1",
            context: context("alice", at: "2026-01-02T00:00:00Z"))
        try RawLedgerFile(path: fixture.path).executeKeepingGuards("""
            DROP TRIGGER events_reject_update;
            UPDATE events SET actor = 'mallory' WHERE position = 2;
            """)
        return fixture
    }

    private func auditActors(_ ledger: Ledger) throws -> [String] {
        try ledger.auditEntries(AuditQuery()).map(\.actor)
    }

    @Test func verifyNamesEditedEventBeforeMissingTrigger() throws {
        let fixture = try editedLedger()

        let failure = try #require(verificationFailure { _ = try fixture.reopen(access: .read).verify() })

        #expect(failure.position == 2)
        #expect(failure.detail.hasPrefix("stored hash "), "\(failure.detail)")
        #expect(failure.detail.contains("Besides, trigger events_reject_update on events is missing"), "\(failure.detail)")
    }

    @Test func rebuildRefusesEditedLogAndKeepsAuditRows() throws {
        let fixture = try editedLedger()
        let ledger = try fixture.reopen()
        let before = try auditActors(ledger)

        let failure = try #require(verificationFailure { try ledger.rebuildProjections() })

        #expect(failure.position == 2)
        #expect(failure.detail.hasPrefix("the event does not match the hash of its contents"), "\(failure.detail)")
        #expect(try auditActors(ledger) == before)
        #expect(!before.contains("mallory"))
    }

    @Test func rebuildRefusesDeletedEvent() throws {
        let fixture = try TemporaryLedger()
        for day in 1...3 {
            try fixture.ledger.save(
                s3Connect(), accountID: "a\(day)", context: context(at: "2026-01-0\(day)T00:00:00Z"))
        }
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM events WHERE position = 2")

        let failure = try #require(verificationFailure { try fixture.reopen().rebuildProjections() })

        #expect(failure.position == 2)
        #expect(failure.detail.hasPrefix("position 2 is missing; the next stored event is at position 3."), "\(failure.detail)")
    }
}
