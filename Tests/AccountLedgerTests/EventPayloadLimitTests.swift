@testable import AccountLedger
import Foundation
import Testing

/// One event's payload is at most 4 MiB of canonical JSON, so every stored
/// event fits a line that `import --events` reads (16 MiB).
@Suite struct EventPayloadLimitTests {
    /// Returns 256 settings, each `symbol` repeated to the longest value a
    /// setting may have. A 4-byte symbol makes each value 8 KiB of UTF-8.
    private func longestSettings(_ symbol: String) -> [String: String] {
        numberedSettings(
            InputLimits.maximumSettingsPerAccount,
            value: String(repeating: symbol, count: InputLimits.maximumSettingLength))
    }

    @Test func oversizedSaveIsRejected() throws {
        // Each setting is within its limits, and the connect (about 2 MiB)
        // fits, but changing all of them stores every value twice.
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(settings: longestSettings("𝄞")), accountID: "s3", context: context())
        let edit = AccountCommand.edit(EditRequest(settings: longestSettings("𝄠")))
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.save(edit, accountID: "s3", context: context())
        }
        #expect(error.category == .badInput)
        #expect("\(error)".hasPrefix("invalid input in account s3: the SettingsChanged event would be 42"), "\(error)")
        #expect("\(error)".hasSuffix(
            " bytes of JSON, more than the 4194304 (4 MiB) that one event may hold, because of its 256 setting changes; "
                + "change fewer settings at once, or shorten their values"), "\(error)")
        #expect(try fixture.ledger.eventCount() == 1)
    }

    @Test func forcedDeleteNamesItsDataflows() {
        // Only an account with tens of thousands of active dataflows reaches
        // 4 MiB, so the test passes a small maximum instead.
        let event = AccountEvent.deleted(forced: true, activeDataflows: ["df-1", "df-2", "df-3"])
        let text = JSONWriter.canonical(EventCodec.encode(event, sourceEtag: nil))
        let problem = EventPayloadLimit.problem(event, payloadText: text, maximumBytes: 20)
        #expect(problem == "the AccountDeleted event would be \(text.utf8.count) bytes of JSON, more than the 20 "
            + "that one event may hold, because it lists 3 active dataflows; deactivate some of them first")
    }

    @Test func payloadAtLimitIsAccepted() {
        let event = AccountEvent.renamed(from: "One", to: "Two")
        let text = JSONWriter.canonical(EventCodec.encode(event, sourceEtag: nil))
        #expect(EventPayloadLimit.problem(event, payloadText: text, maximumBytes: text.utf8.count) == nil)
    }

    @Test func oversizedStoredPayloadFailsVerify() throws {
        // `import --events` applies the same check (VerifyLimitsTests).
        let fixture = try TemporaryLedger.withEvents(1)
        try RawLedgerFile(path: fixture.path).rewrite(position: 1, rechain: true) { event in
            event.payloadText = event.payloadText.replacingOccurrences(
                of: #""description":"""#,
                with: #""description":""# + String(repeating: "d", count: EventPayloadLimit.maximumBytes) + "\"")
        }
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 1)
        #expect(failure?.detail.hasPrefix("field payload: is 41") == true, "\(failure?.detail ?? "no failure")")
        #expect(failure?.detail.hasSuffix(
            " bytes of canonical JSON; one event's payload may be at most 4194304 bytes (4 MiB)") == true)
    }
}
