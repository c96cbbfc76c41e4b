import AccountLedger
import Foundation
import Testing

/// Visiting the audit trail one entry at a time, as `ledger audit` prints
/// it: the order and filters of `auditEntries`, and one snapshot for every
/// pass of a read.
@Suite struct AuditTrailVisitTests {
    private struct Stop: Error {}

    /// Three accounts whose connects occurred in the order a3, a1, a2. The
    /// actor of a1 is the precomposed "É", that of a2 "E" and U+0301.
    private func threeAccounts() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context("\u{C9}mile", at: "2026-01-02T00:00:00Z"))
        try fixture.ledger.save(s3Connect(), accountID: "a2", context: context("E\u{301}mile", at: "2026-01-03T00:00:00Z"))
        try fixture.ledger.save(s3Connect(), accountID: "a3", context: context("kim", at: "2026-01-01T00:00:00Z"))
        return fixture
    }

    private func visitedAccounts(_ ledger: Ledger, _ query: AuditQuery) throws -> [String] {
        var accountIDs: [String] = []
        try ledger.forEachAuditEntry(query) { entry in
            if accountIDs.last != entry.accountID {
                accountIDs.append(entry.accountID)
            }
        }
        return accountIDs
    }

    @Test func visitFollowsOccurredTime() throws {
        let fixture = try threeAccounts()
        #expect(try visitedAccounts(fixture.ledger, AuditQuery()) == ["a3", "a1", "a2"])
    }

    @Test func visitMatchesActorInEitherForm() throws {
        let fixture = try threeAccounts()
        var query = AuditQuery()
        query.actor = "E\u{301}mile"
        #expect(try visitedAccounts(fixture.ledger, query) == ["a1", "a2"])
    }

    @Test func visitAppliesKindAndTimeFilters() throws {
        let fixture = try threeAccounts()
        var query = AuditQuery()
        query.kinds = [.credentials]
        query.since = time("2026-01-02T00:00:00Z")
        var visited: [AuditEntry] = []
        try fixture.ledger.forEachAuditEntry(query) { visited.append($0) }
        #expect(visited.map(\.accountID) == ["a1", "a1", "a1", "a2", "a2", "a2"])
        #expect(visited.allSatisfy { $0.kind == .credentials })
        #expect(visited == (try fixture.ledger.auditEntries(query)))
    }

    @Test func visitStopsAtBodyError() throws {
        let fixture = try threeAccounts()
        var visitCount = 0
        #expect(throws: Stop.self) {
            try fixture.ledger.forEachAuditEntry(AuditQuery()) { _ in
                visitCount += 1
                throw Stop()
            }
        }
        #expect(visitCount == 1)
    }

    @Test func unknownAccountThrowsBeforeBody() throws {
        let fixture = try threeAccounts()
        var query = AuditQuery()
        query.accountID = "missing"
        var bodyRan = false
        #expect(throws: LedgerError.accountNotFound("missing")) {
            try fixture.ledger.readAuditTrail(query) { _ in bodyRan = true }
        }
        #expect(!bodyRan)
    }

    /// A table measures its columns in one pass and prints in the next, so
    /// an append between the passes must not reach the second one.
    @Test func passesOfOneReadSeeOneSnapshot() throws {
        let fixture = try threeAccounts()
        let writer = try fixture.reopen()
        var counts: [Int] = []
        try fixture.ledger.readAuditTrail(AuditQuery()) { trail in
            var first = 0
            try trail.forEach { _ in first += 1 }
            try writer.save(.edit(EditRequest(name: "Renamed")), accountID: "a3", context: context(at: "2026-01-04T00:00:00Z"))
            var second = 0
            try trail.forEach { _ in second += 1 }
            counts = [first, second]
        }
        #expect(counts.count == 2)
        #expect(counts.first == counts.last)
        #expect(try fixture.ledger.auditEntries(AuditQuery()).count == (counts.first ?? 0) + 1)
    }
}
