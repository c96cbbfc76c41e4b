import AccountLedger
import Foundation
import Testing

/// Idempotency keys in copies of a ledger: a `replay --into` copy answers
/// retries as the source did at its last position. Each test runs the
/// built `ledger` executable on real files.
@Suite struct IdempotencyCopyTests {
    /// A ledger with account a1 (version 1) and the keyed edit
    /// `--description A --idempotency-key k1` at position 2.
    private func keyedLedger() throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("a1").status == 0)
        let edit = try ledger.run(["edit", "a1", "--description", "A", "--idempotency-key", "k1"])
        try #require(edit.status == 0, "\(edit.standardError)")
        return ledger
    }

    /// Runs `ledger replay --position` into a new file beside `ledger` and returns its path.
    private func replay(_ ledger: CommandLineLedger, position: Int) throws -> String {
        let into = ledger.folder.appendingPathComponent("replay-\(position).sqlite").path
        let output = try ledger.run(["replay", "--position", "\(position)", "--into", into])
        try #require(output.status == 0, "\(output.standardError)")
        return into
    }

    private func eventCount(_ path: String) throws -> Int64 {
        try Ledger(path: path, access: .read, environment: [:]).eventCount()
    }

    @Test func replayCopyRejectsOtherRequest() throws {
        let ledger = try keyedLedger()
        let copy = try replay(ledger, position: 2)

        let other = try ledger.run(["edit", "a1", "--db", copy, "--description", "B", "--idempotency-key", "k1"])

        #expect(other.status == 4)
        #expect(other.standardError.contains("idempotency key k1 was already used for a different request"))
        #expect(try Ledger(path: copy, access: .read, environment: [:]).account(id: "a1").description == "A")
    }

    @Test func replayCopyAcceptsExactRetry() throws {
        let ledger = try keyedLedger()
        let copy = try replay(ledger, position: 2)

        let retry = try ledger.run(["edit", "a1", "--db", copy, "--description", "A", "--idempotency-key", "k1"])

        #expect(retry.status == 0, "\(retry.standardError)")
        #expect(retry.standardOutput.hasPrefix("Already applied: account a1 is at version 2"))
        #expect(try eventCount(copy) == 2)
    }

    @Test func replayCopyRemembersSaveWithoutEvents() throws {
        let ledger = try keyedLedger()
        let unchanged = try ledger.run(["edit", "a1", "--name", "Exports", "--idempotency-key", "k2"])
        try #require(unchanged.standardOutput.hasPrefix("No change"))
        let copy = try replay(ledger, position: 2)

        let other = try ledger.run(["edit", "a1", "--db", copy, "--name", "Other", "--idempotency-key", "k2"])

        #expect(other.status == 4)
        #expect(other.standardError.contains("idempotency key k2 was already used for a different request"))
        #expect(try eventCount(copy) == 2)
    }

    @Test func replayCopyForgetsKeysAfterCut() throws {
        let ledger = try keyedLedger()
        let copy = try replay(ledger, position: 1)

        let save = try ledger.run(["edit", "a1", "--db", copy, "--description", "B", "--idempotency-key", "k1"])

        #expect(save.status == 0, "\(save.standardError)")
        #expect(try Ledger(path: copy, access: .read, environment: [:]).account(id: "a1").description == "B")
    }
}
