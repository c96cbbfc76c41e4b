import AccountLedger
import Foundation
import Testing

/// `ledger verify` checks the `idempotency_keys` rows against the log, and
/// `ledger rebuild` removes the rows that contradict it. Each test runs the
/// built `ledger` executable; tampering goes through raw SQL.
@Suite struct IdempotencyVerifyTests {
    /// Returns a ledger with a1 connected at position 1, a2 at position 2, the keyed
    /// edit k1 of a1 at position 3, and k2, a keyed edit of a1 that changed
    /// nothing, remembered at position 3.
    private func keyedLedger() throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("a1").status == 0)
        try #require(try ledger.connectS3("a2").status == 0)
        let edit = try ledger.run(["edit", "a1", "--description", "A", "--idempotency-key", "k1"])
        try #require(edit.status == 0, "\(edit.standardError)")
        let unchanged = try ledger.run(["edit", "a1", "--name", "Exports", "--idempotency-key", "k2"])
        try #require(unchanged.standardOutput.hasPrefix("No change"), "\(unchanged.combined)")
        return ledger
    }

    private func tamper(_ ledger: CommandLineLedger, _ sql: String) throws {
        try RawLedgerFile(path: ledger.path).execute(sql)
    }

    @Test func verifyPassesWithConsistentKeys() throws {
        let ledger = try keyedLedger()
        let output = try ledger.run(["verify"])
        #expect(output.status == 0, "\(output.standardError)")
    }

    @Test(arguments: ["not-hex", String(repeating: "z", count: 64), String(repeating: "A", count: 64)])
    func verifyRejectsMalformedRequestDigest(digest: String) throws {
        let ledger = try keyedLedger()
        try tamper(ledger, "UPDATE idempotency_keys SET request_digest = '\(digest)' WHERE idempotency_key = 'k1'")

        let output = try ledger.run(["verify"])

        #expect(output.status == 8)
        #expect(output.standardError.contains(
            "verification failed at position 3: idempotency_keys row for key k1 has a request digest that is not "
                + "64 lower-case hex digits (it has \(digest.utf8.count) bytes)"), "\(output.standardError)")
    }

    @Test func verifyRejectsKeyOnOtherAccount() throws {
        let ledger = try keyedLedger()
        try tamper(ledger, "UPDATE idempotency_keys SET account_id = 'a2' WHERE idempotency_key = 'k1'")

        let output = try ledger.run(["verify"])

        #expect(output.status == 8)
        #expect(output.standardError.contains("verification failed at position 3: idempotency_keys row for key k1 names account a2"))
        #expect(output.standardError.contains("belongs to account a1"))
    }

    @Test func verifyRejectsKeyBeforeItsLastEvent() throws {
        let ledger = try keyedLedger()
        try tamper(ledger, "UPDATE idempotency_keys SET position = 2 WHERE idempotency_key = 'k1'")

        let output = try ledger.run(["verify"])

        #expect(output.status == 8)
        #expect(output.standardError.contains("idempotency_keys row for key k1 is at position 2"))
        #expect(output.standardError.contains("the last event with that key is at position 3"))
    }

    @Test func verifyRejectsKeyPastEndOfLog() throws {
        let ledger = try keyedLedger()
        try tamper(ledger, "UPDATE idempotency_keys SET position = 99 WHERE idempotency_key = 'k2'")

        let output = try ledger.run(["verify"])

        #expect(output.status == 8)
        #expect(output.standardError.contains("idempotency_keys row for key k2 is at position 99, but the log ends at position 3"))
        #expect(output.standardError.contains("ledger verify --digest RECEIPT"))
    }

    @Test func verifyRejectsKeyOfUnknownAccount() throws {
        let ledger = try keyedLedger()
        try tamper(ledger, "UPDATE idempotency_keys SET account_id = 'ghost' WHERE idempotency_key = 'k2'")

        let output = try ledger.run(["verify"])

        #expect(output.status == 8)
        #expect(output.standardError.contains("idempotency_keys row for key k2 names account ghost, which was not connected by position 3"))
    }

    @Test func verifyRejectsKeyBeforeAccountConnected() throws {
        let ledger = try keyedLedger()
        try tamper(ledger, "UPDATE idempotency_keys SET account_id = 'a2', position = 1 WHERE idempotency_key = 'k2'")

        let output = try ledger.run(["verify"])

        #expect(output.status == 8)
        #expect(output.standardError.contains("idempotency_keys row for key k2 names account a2, which was not connected by position 1"))
    }

    @Test func verifyRejectsKeyAfterAccountDeleted() throws {
        let ledger = try keyedLedger()
        try #require(try ledger.run(["delete", "a2"]).status == 0)
        try tamper(ledger, "UPDATE idempotency_keys SET account_id = 'a2', position = 4 WHERE idempotency_key = 'k2'")

        let output = try ledger.run(["verify"])

        #expect(output.status == 8)
        #expect(output.standardError.contains("idempotency_keys row for key k2 names account a2, which was deleted at position 4"))
    }

    @Test func verifyPassesAfterKeyedDeleteOfOtherAccount() throws {
        // A keyed delete carries its key in the AccountDeleted event, so the
        // row is judged by that event, not by the account's deletion.
        let ledger = try keyedLedger()
        try #require(try ledger.run(["delete", "a2", "--idempotency-key", "k3"]).status == 0)

        let output = try ledger.run(["verify"])

        #expect(output.status == 0, "\(output.standardError)")
    }

    @Test func rebuildRemovesContradictingRowOnly() throws {
        let ledger = try keyedLedger()
        try tamper(ledger, "UPDATE idempotency_keys SET account_id = 'a2' WHERE idempotency_key = 'k1'")

        let rebuild = try ledger.run(["rebuild"])

        #expect(rebuild.status == 0, "\(rebuild.standardError)")
        #expect(rebuild.standardOutput.contains("Removed 1 idempotency_keys row(s) that contradict the log: k1."))
        #expect(try ledger.run(["verify"]).status == 0)
        let unchanged = try ledger.run(["edit", "a1", "--name", "Other", "--idempotency-key", "k2"])
        #expect(unchanged.status == 4)
        #expect(unchanged.standardError.contains("idempotency key k2 was already used for a different request on account a1"))
    }

    @Test func rebuiltLedgerRejectsRetryOfRemovedKey() throws {
        let ledger = try keyedLedger()
        try tamper(ledger, "UPDATE idempotency_keys SET account_id = 'a2' WHERE idempotency_key = 'k1'")
        try #require(try ledger.run(["rebuild"]).status == 0)
        let before = try ledger.snapshot()

        let retry = try ledger.run(["edit", "a1", "--description", "A", "--idempotency-key", "k1"])

        #expect(retry.status == 4)
        #expect(retry.standardError.contains("idempotency key k1"))
        #expect(retry.standardError.contains("on account a1"))
        #expect(retry.standardError.contains("holds no digest of that request"))
        #expect(try ledger.snapshot() == before)
    }

    @Test func rebuildWithConsistentKeysRemovesNothing() throws {
        let ledger = try keyedLedger()
        let rows = try ledger.snapshot()["idempotency_keys"]

        let rebuild = try ledger.run(["rebuild"])

        #expect(rebuild.status == 0, "\(rebuild.standardError)")
        #expect(!rebuild.standardOutput.contains("idempotency_keys"))
        #expect(try ledger.snapshot()["idempotency_keys"] == rows)
    }

    @Test func replayRejectsContradictingRow() throws {
        let ledger = try keyedLedger()
        try tamper(ledger, "UPDATE idempotency_keys SET account_id = 'a2' WHERE idempotency_key = 'k1'")
        let into = ledger.folder.appendingPathComponent("replay.sqlite").path

        let output = try ledger.run(["replay", "--position", "3", "--into", into])

        #expect(output.status == 8)
        #expect(output.standardError.contains("idempotency_keys row for key k1 names account a2"))
        #expect(!FileManager.default.fileExists(atPath: into))
    }
}
