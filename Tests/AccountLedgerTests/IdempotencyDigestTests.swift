@testable import AccountLedger
import Testing

/// Request digests stored for idempotency keys: those of builds whose
/// digest left out the save's actor, reason and occurred time, and keys
/// whose events have no digest at all.
@Suite struct IdempotencyDigestTests {
    private let command = AccountCommand.edit(EditRequest(name: "A2"))

    /// Returns the context of the keyed edit (key k1) that `keyedLedger` saved.
    private var keyed: SaveContext {
        var keyed = context(at: "2026-01-05T00:00:00Z")
        keyed.idempotencyKey = "k1"
        return keyed
    }

    /// Returns a ledger with account a1 and the keyed edit `command` at position 2.
    private func keyedLedger() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(command, accountID: "a1", context: keyed)
        return fixture
    }

    @Test func olderDigestStillMatchesRetry() throws {
        let fixture = try keyedLedger()
        let key = try fixture.ledger.fingerprintKey()
        let older = try command.requestDigest(accountID: "a1", context: nil) { key.fingerprint($0).hex }
        try RawLedgerFile(path: fixture.path).execute("UPDATE idempotency_keys SET request_digest = '\(older)'")

        let retry = try Ledger(path: fixture.path, access: .write, environment: [:])
            .save(command, accountID: "a1", context: keyed)

        #expect(retry.wasAlreadyApplied)
    }

    @Test func missingDigestRejectsRetry() throws {
        let fixture = try keyedLedger()
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM idempotency_keys")

        #expect(throws: LedgerError.idempotencyKeyWithoutDigest(key: "k1", accountID: "a1", position: 2)) {
            try fixture.reopen().save(command, accountID: "a1", context: keyed)
        }
        #expect(try fixture.ledger.eventCount() == 2)
    }
}
