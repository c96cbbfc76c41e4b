@testable import AccountLedger
import Foundation
import Testing

/// A state row in the `accounts` projection that cannot be decoded is a
/// storage failure naming the account, the projection and the repair, for
/// every reader of that row.
@Suite struct StoredStateTests {
    /// Returns a ledger with accounts a1 and a2, whose `accounts` row of a1
    /// then has its state set to `state` (an SQL expression).
    private func ledger(withStateOfA1 state: String) throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(s3Connect(), accountID: "a2", context: context(at: "2026-01-02T00:00:00Z"))
        try RawLedgerFile(path: fixture.path).execute("UPDATE accounts SET state = \(state) WHERE account_id = 'a1'")
        return fixture
    }

    private func storageProblem(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch LedgerError.storage(_, let problem) {
            return problem
        } catch {
            return "unexpected error: \(error)"
        }
    }

    @Test func malformedStateNamesAccountAndProjection() throws {
        let fixture = try ledger(withStateOfA1: "'['")
        let problem = try #require(storageProblem { _ = try fixture.reopen(access: .read).account(id: "a1") })
        #expect(problem.hasPrefix("the stored state of account a1 in the accounts projection is unreadable (line 1, column 2:"))
        #expect(problem.hasSuffix("run `ledger verify` to check the event log, then `ledger rebuild` to write the projections again from it"))
    }

    @Test func stateWithoutIdNamesTheMember() throws {
        let fixture = try ledger(withStateOfA1: "'{}'")
        let problem = try #require(storageProblem { _ = try fixture.reopen(access: .read).account(id: "a1") })
        #expect(problem.hasPrefix("the stored state of account a1 in the accounts projection is unreadable (the member id is missing or invalid)"))
    }

    @Test func stateOfAnotherAccountIsRejected() throws {
        let fixture = try ledger(withStateOfA1: "(SELECT state FROM accounts WHERE account_id = 'a2')")
        let problem = try #require(storageProblem { _ = try fixture.reopen(access: .read).account(id: "a1") })
        #expect(problem.hasPrefix("the stored state of account a1 in the accounts projection is the state of account a2;"))
    }

    @Test func malformedStateStopsASave() throws {
        let fixture = try ledger(withStateOfA1: "'['")
        let before = try databaseSnapshot(path: fixture.path)
        let problem = storageProblem {
            try fixture.reopen().save(.edit(EditRequest(name: "Renamed")), accountID: "a1", context: context())
        }
        #expect(problem?.hasPrefix("the stored state of account a1 in the accounts projection is unreadable") == true)
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func rebuildRepairsMalformedState() throws {
        let fixture = try ledger(withStateOfA1: "'['")
        try fixture.reopen().rebuildProjections()
        #expect(try fixture.reopen(access: .read).account(id: "a1").name == "Exports")
    }
}
