@testable import AccountLedger
import Testing

/// An account has at most `InputLimits.maximumDataflowsPerAccount` active
/// dataflows, because every state snapshot stores the whole list.
@Suite struct DataflowLimitTests {
    /// Returns a ledger whose account `a1` has `count` active dataflows.
    private func ledger(withDataflows count: Int) throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        let at = context(at: "2026-01-01T00:00:00Z")
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: at)
        let activations = (1...count).map {
            AccountSave(.activateDataflow("df-\($0)"), accountID: "a1", context: at)
        }
        try fixture.ledger.save(activations)
        return fixture
    }

    @Test func activationPastLimitIsRejected() throws {
        let fixture = try ledger(withDataflows: InputLimits.maximumDataflowsPerAccount)
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.save(
                .activateDataflow("df-extra"), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        }
        #expect(error.category == LedgerError.Category.rejected)
        #expect("\(error)".hasSuffix("it has 1000 active dataflows, the most an account can have; deactivate one first"))
        #expect(try fixture.ledger.account(id: "a1").dataflows.count == 1_000)
    }

    @Test func activeDataflowAtLimitIsNoChange() throws {
        let fixture = try ledger(withDataflows: InputLimits.maximumDataflowsPerAccount)
        let result = try fixture.ledger.save(
            .activateDataflow("df-1"), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        #expect(result.events.isEmpty)
    }

    @Test func refusedDeleteNamesTenDataflows() throws {
        let fixture = try ledger(withDataflows: 12)
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.save(.delete(force: false), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        }
        #expect("\(error)".contains("12 dataflow(s) still use it (df-1, df-10, df-11, df-12, df-2, df-3, df-4, df-5, df-6, df-7 and 2 more);"))
    }

    /// A forged activation past the cap, re-hashed with the chain, loaded
    /// by `import --events` and passed `verify`, although no save writes it.
    @Test func activationPastLimitFailsVerify() throws {
        let fixture = try ledger(withDataflows: InputLimits.maximumDataflowsPerAccount)
        try RawLedgerFile(path: fixture.path).appendForged { head in
            var forged = head
            forged.version = head.version + 1
            let event = AccountEvent.dataflowActivated(dataflowID: "df-extra")
            forged.type = event.type.rawValue
            forged.schemaVersion = event.type.currentSchemaVersion
            forged.payloadText = JSONWriter.canonical(EventCodec.encode(event))
            return forged
        }
        try fixture.ledger.rebuildProjections()

        let failure = try #require(verificationFailure { _ = try fixture.ledger.verify() })
        #expect(failure.detail.contains(
            "payload.dataflowId: the account would hold 1001 active dataflows; an account holds at most 1000"), "\(failure.detail)")
    }
}
