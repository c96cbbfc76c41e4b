@testable import AccountLedger
import Testing

/// Activating an active dataflow changes nothing, but deactivating one that
/// is not active is rejected, because a mistyped dataflow id would
/// otherwise pass as "no change". The message lists what is active.
@Suite struct DataflowDeactivationTests {
    private func rejection(deactivating dataflowID: String, active: [String]) throws -> LedgerError {
        let fixture = try TemporaryLedger()
        let at = context(at: "2026-01-01T00:00:00Z")
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: at)
        for dataflow in active {
            try fixture.ledger.save(.activateDataflow(dataflow), accountID: "a1", context: at)
        }
        let before = try fixture.ledger.eventCount()
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.save(.deactivateDataflow(dataflowID), accountID: "a1", context: at)
        }
        #expect(try fixture.ledger.eventCount() == before)
        return error
    }

    @Test func inactiveDataflowNamesActiveOnes() throws {
        let error = try rejection(deactivating: "df-loyalti", active: ["df-loyalty", "df-churn"])

        #expect(error.category == .rejected)
        #expect("\(error)".hasSuffix("dataflow df-loyalti is not active on this account; its active dataflows are df-churn, df-loyalty"))
    }

    @Test func accountWithoutDataflowsSaysSo() throws {
        let error = try rejection(deactivating: "df-1", active: [])

        #expect("\(error)".hasSuffix("dataflow df-1 is not active on this account; it has no active dataflow"))
    }

    @Test func longListIsCutAtTen() throws {
        let error = try rejection(deactivating: "df-x", active: (1...12).map { String(format: "df-%02d", $0) })

        #expect("\(error)".hasSuffix("its active dataflows are df-01, df-02, df-03, df-04, df-05, df-06, df-07, df-08, df-09, df-10 and 2 more"))
    }
}
