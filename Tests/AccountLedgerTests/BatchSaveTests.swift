import AccountLedger
import Testing

@Suite struct BatchSaveTests {
    @Test func batchAppendsEverySaveInOrder() throws {
        let fixture = try TemporaryLedger()
        let results = try fixture.ledger.save([
            AccountSave(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z")),
            AccountSave(.edit(EditRequest(name: "Renamed")), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z")),
            AccountSave(s3Connect(name: "Other"), accountID: "a2", context: context(at: "2026-01-03T00:00:00Z")),
        ])
        #expect(results.map(\.version) == [1, 2, 1])
        #expect(results.flatMap(\.events).map(\.position) == [1, 2, 3])
        #expect(try fixture.ledger.account(id: "a1").name == "Renamed")
    }

    @Test func batchSavesKeepTheirOwnCorrelationIDs() throws {
        let fixture = try TemporaryLedger()
        let results = try fixture.ledger.save([
            AccountSave(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z")),
            AccountSave(.edit(EditRequest(name: "Renamed")), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z")),
        ])
        #expect(results[0].events[0].correlationID != results[1].events[0].correlationID)
    }

    @Test func failingSaveLeavesBatchUnwritten() throws {
        let fixture = try TemporaryLedger()
        #expect(throws: LedgerError.accountNotFound("missing")) {
            try fixture.ledger.save([
                AccountSave(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z")),
                AccountSave(.edit(EditRequest(name: "Renamed")), accountID: "missing", context: context(at: "2026-01-02T00:00:00Z")),
            ])
        }
        #expect(try fixture.ledger.eventCount() == 0)
    }
}
