import AccountLedger
import Testing

/// A connection keeps decoded account states between saves; these check
/// that it never decides a save against a state that is no longer stored.
@Suite struct AccountStateCacheTests {
    @Test func saveSeesChangeFromOtherConnection() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let other = try fixture.reopen()
        try other.save(.edit(EditRequest(name: "Renamed elsewhere")), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))

        let result = try fixture.ledger.save(
            .edit(EditRequest(description: "Later")), accountID: "a1", context: context(at: "2026-01-03T00:00:00Z"))

        #expect(result.version == 3)
        #expect(try fixture.ledger.account(id: "a1").name == "Renamed elsewhere")
    }

    @Test func rolledBackBatchLeavesNoCachedState() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        #expect(throws: LedgerError.accountNotFound("missing")) {
            try fixture.ledger.save([
                AccountSave(.edit(EditRequest(name: "Rolled back")), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z")),
                AccountSave(.edit(EditRequest(name: "Never")), accountID: "missing", context: context(at: "2026-01-02T00:00:00Z")),
            ])
        }

        let result = try fixture.ledger.save(
            .edit(EditRequest(description: "After")), accountID: "a1", context: context(at: "2026-01-03T00:00:00Z"))

        #expect(result.version == 2)
        #expect(try fixture.ledger.account(id: "a1").name == "Exports")
    }
}
