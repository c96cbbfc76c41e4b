import AccountLedger
import Foundation
import Testing

/// Idempotency keys in copies of a ledger: a retry sent to a `replay --into`
/// copy gets the result the source returned at the copy's last position,
/// and an `import --events` copy, which has no request digests, rejects a
/// retry it cannot compare.
/// Each test runs the built `ledger` executable on real files.
@Suite struct IdempotencyCopyTests {
    /// Returns a ledger with account a1 (version 1) and the keyed edit
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

    /// Exports `ledger` and loads it with `import --events` into a new ledger
    /// made with the same key; returns its path and the environment that opens it.
    private func importedCopy(of ledger: CommandLineLedger) throws -> (path: String, environment: [String: String]) {
        let file = ledger.folder.appendingPathComponent("log.jsonl").path
        try #require(try ledger.run(["export", "--output", file]).status == 0)
        let key = try String(contentsOfFile: ledger.keyPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let environment = [FingerprintKey.environmentVariable: key]
        let target = ledger.folder.appendingPathComponent("imported.sqlite").path
        try #require(try ledger.run(["init", "--db", target], environment: environment).status == 0)
        let load = try ledger.run(["import", "--db", target, "--events", file], environment: environment)
        try #require(load.status == 0, "\(load.standardError)")
        return (target, environment)
    }

    private func eventCount(_ path: String, environment: [String: String] = [:]) throws -> Int64 {
        try Ledger(path: path, access: .read, environment: environment).eventCount()
    }

    // MARK: - replay --into

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

    @Test func replayCutInsideSaveRejectsRetry() throws {
        let ledger = try keyedLedger()
        let arguments = ["edit", "a1", "--name", "Renamed", "--secret", "secretKey=stdin", "--idempotency-key", "k3"]
        let twoEvents = try ledger.run(arguments, input: "secret-2\n")
        try #require(twoEvents.standardOutput.contains("positions 3-4"), "\(twoEvents.combined)")
        let copy = try replay(ledger, position: 3)

        let retry = try ledger.run(arguments + ["--db", copy], input: "secret-2\n")

        #expect(retry.status == 4)
        #expect(retry.standardError.contains("holds no digest of that request"))
        #expect(try eventCount(copy) == 3)
    }

    // MARK: - import --events

    @Test func importedCopyRejectsRetry() throws {
        let ledger = try keyedLedger()
        let (copy, environment) = try importedCopy(of: ledger)

        let retry = try ledger.run(
            ["edit", "a1", "--db", copy, "--description", "A", "--idempotency-key", "k1"], environment: environment)

        #expect(retry.status == 4)
        #expect(retry.standardError.contains("idempotency key k1"))
        #expect(retry.standardError.contains("holds no digest of that request"))
        #expect(retry.standardError.contains("use a new key"))
        #expect(try eventCount(copy, environment: environment) == 2)
    }

    @Test func importedCopyRejectsOtherRequest() throws {
        let ledger = try keyedLedger()
        let (copy, environment) = try importedCopy(of: ledger)

        let other = try ledger.run(
            ["edit", "a1", "--db", copy, "--description", "B", "--idempotency-key", "k1"], environment: environment)

        #expect(other.status == 4)
        #expect(other.standardError.contains("holds no digest of that request"))
        #expect(try Ledger(path: copy, access: .read, environment: environment).account(id: "a1").description == "A")
    }

    @Test func importedCopyAcceptsNewKey() throws {
        let ledger = try keyedLedger()
        let (copy, environment) = try importedCopy(of: ledger)

        let save = try ledger.run(
            ["edit", "a1", "--db", copy, "--description", "B", "--idempotency-key", "k9"], environment: environment)

        #expect(save.status == 0, "\(save.standardError)")
        #expect(try eventCount(copy, environment: environment) == 3)
    }
}
