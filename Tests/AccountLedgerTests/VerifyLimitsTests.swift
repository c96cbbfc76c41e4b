@testable import AccountLedger
import Foundation
import Testing

/// `verify` applies the limits a save applies, the same ones
/// `import --events` applies, so a ledger verifies only if its own export
/// loads. Each test edits the stored log as an attacker with the sqlite3
/// shell would: it re-hashes the chain and rebuilds the projections, so
/// only the limits can catch the edit.
@Suite struct VerifyLimitsTests {
    private func populated() throws -> TemporaryLedger {
        try TemporaryLedger.withEvents(2)
    }

    /// Appends a forged event of a1 after the head, with the head's times
    /// unless `edit` changes them, and rebuilds the projections.
    private func appendRebuilt(_ fixture: TemporaryLedger, _ edit: (inout RecordedEvent) -> Void) throws {
        try RawLedgerFile(path: fixture.path).appendForged { head in
            var forged = head
            forged.version = head.version + 1
            forged.reason = nil
            forged.idempotencyKey = nil
            edit(&forged)
            return forged
        }
        try fixture.ledger.rebuildProjections()
    }

    /// Changes the event at `position`, re-hashes the chain and rebuilds the projections.
    private func rewriteRebuilt(_ fixture: TemporaryLedger, position: Int64, _ edit: (inout RecordedEvent) -> Void) throws {
        try RawLedgerFile(path: fixture.path).rewrite(position: position, rechain: true, edit)
        try fixture.ledger.rebuildProjections()
    }

    /// Returns ledgers that each break one limit, with the position and the
    /// member that break it.
    private func tamperedLedgers() throws -> [(name: String, fixture: TemporaryLedger, position: Int64, field: String)] {
        let password = try populated()
        try appendRebuilt(password) { event in
            event.type = "SettingsChanged"
            event.payloadText = #"{"changes":[{"from":null,"name":"password","to":"hunter2"}]}"#
        }

        let controlCharacter = try populated()
        try rewriteRebuilt(controlCharacter, position: 2) { $0.actor = "mal\u{1}lory" }

        let newline = try populated()
        try rewriteRebuilt(newline, position: 2) { $0.actor = "mal\nlory" }

        let fullHint = try populated()
        try rewriteRebuilt(fullHint, position: 1) { event in
            event.payloadText = event.payloadText.replacingOccurrences(of: "\"…0001\"", with: "\"…AKIAEXAMPLE0001\"")
        }

        let manySettings = try populated()
        try appendRebuilt(manySettings) { event in
            event.type = "SettingsChanged"
            let changes = (0...InputLimits.maximumSettingsPerAccount).map { index -> JSONValue in
                ["from": .null, "name": .string("setting" + String(format: "%03d", index)), "to": "value"]
            }
            event.payloadText = JSONWriter.canonical(["changes": .array(changes)])
        }

        let largePayload = try populated()
        try appendRebuilt(largePayload) { event in
            event.type = "AccountRenamed"
            let name = String(repeating: "n", count: EventPayloadLimit.maximumBytes)
            event.payloadText = JSONWriter.canonical(["from": "One", "to": .string(name)])
        }

        let futureOccurred = try populated()
        try appendRebuilt(futureOccurred) { event in
            event.type = "AccountRenamed"
            event.payloadText = #"{"from":"One","to":"Later"}"#
            event.occurredAt = time("2099-01-01T00:00:00Z")
        }

        let futureRecorded = try populated()
        try appendRebuilt(futureRecorded) { event in
            event.type = "AccountRenamed"
            event.payloadText = #"{"from":"One","to":"Later"}"#
            event.occurredAt = time("2099-01-01T00:00:00Z")
            event.recordedAt = time("2099-01-01T00:00:00Z")
        }

        return [
            ("password setting", password, 3, "payload.changes[0].name"),
            ("U+0001 in actor", controlCharacter, 2, "actor"),
            ("newline in actor", newline, 2, "actor"),
            ("full access key id as hint", fullHint, 1, "payload.credentials.accessKeyId.hint"),
            ("257 settings", manySettings, 3, "payload.changes"),
            ("payload over 4 MiB", largePayload, 3, "payload"),
            ("occurred_at far after recorded_at", futureOccurred, 3, "occurred_at"),
            ("recorded_at in 2099", futureRecorded, 3, "recorded_at"),
        ]
    }

    @Test func verifyRejectsWhatASaveRejects() throws {
        for (name, fixture, position, field) in try tamperedLedgers() {
            let failure = verificationFailure { _ = try fixture.ledger.verify() }
            #expect(failure?.position == position, "\(name)")
            #expect(failure?.detail.hasPrefix("field \(field): ") == true, "\(name): \(failure?.detail ?? "no failure")")
        }
    }

    @Test func exportOfSuchALedgerDoesNotLoad() throws {
        // The same check rejects the event in both, at the same member.
        for (name, fixture, position, field) in try tamperedLedgers() {
            let loaded = try fixture.loadIntoNewLedger(try fixture.exportLines())
            let error = try #require(throws: LedgerError.self, "\(name)") { try loaded.result.get() }
            #expect(error.category == .badInput, "\(name)")
            #expect("\(error)".contains("line \(position + 1), field \(field): event at position \(position): "), "\(name): \(error)")
        }
    }

    @Test func recordedTimeAheadOfClockFails() throws {
        // 15 minutes is the most a save lets occurred_at run ahead of its
        // recorded_at; recorded_at may run as far ahead of the clock.
        let fixture = try populated()
        let ahead = Clock.nowMilliseconds() + 20 * 60_000
        try appendRebuilt(fixture) { event in
            event.type = "AccountRenamed"
            event.payloadText = #"{"from":"One","to":"Later"}"#
            event.occurredAt = ahead
            event.recordedAt = ahead
        }
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 3)
        #expect(failure?.detail.contains("is in the future") == true, "\(failure?.detail ?? "no failure")")
    }

    @Test func untouchedLedgerStillVerifies() throws {
        let fixture = try populated()
        #expect(try fixture.ledger.verify().eventCount == 2)
    }

    @Test func commandLineVerifyNamesTheField() throws {
        let fixture = try populated()
        try appendRebuilt(fixture) { event in
            event.type = "SettingsChanged"
            event.payloadText = #"{"changes":[{"from":null,"name":"password","to":"hunter2"}]}"#
        }
        let output = try LedgerProcess.run(["verify", "--db", fixture.path])
        #expect(output.status == 8)
        #expect(output.standardError.hasPrefix(
            "Error: verification failed at position 3: field payload.changes[0].name: the setting name contains \"password\""),
            "\(output.standardError)")
        #expect(!output.standardError.contains("hunter2"))
    }
}
