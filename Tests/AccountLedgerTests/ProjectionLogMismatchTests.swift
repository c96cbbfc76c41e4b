@testable import AccountLedger
import Foundation
import Testing

/// A save takes the account's next version from the `accounts` projection.
/// When that row disagrees with the log, the append fails with a storage
/// error that names the account, both versions and the repair, instead of
/// the raw trigger or UNIQUE constraint message.
@Suite struct ProjectionLogMismatchTests {
    /// Returns a ledger whose account a1 has two events in the log.
    private func ledgerWithTwoVersions() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(
            .edit(EditRequest(name: "Renamed")), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        return fixture
    }

    /// Sets a1's version in the `accounts` row, and in its state, to `version`.
    private func setProjectedVersion(_ version: Int, in path: String) throws {
        try RawLedgerFile(path: path).execute("""
            UPDATE accounts SET version = \(version), state = json_set(state, '$.version', \(version))
            WHERE account_id = 'a1'
            """)
    }

    private func saveProblem(_ fixture: TemporaryLedger, _ command: AccountCommand) throws -> String? {
        let before = try databaseSnapshot(path: fixture.path)
        var problem: String?
        do {
            try fixture.reopen().save(command, accountID: "a1", context: context(at: "2026-01-03T00:00:00Z"))
        } catch LedgerError.storage(_, let storageProblem) {
            problem = storageProblem
        }
        #expect(try databaseSnapshot(path: fixture.path) == before)
        return problem
    }

    @Test func projectionBehindLogIsNamed() throws {
        let fixture = try ledgerWithTwoVersions()
        try setProjectedVersion(1, in: fixture.path)
        let problem = try saveProblem(fixture, .edit(EditRequest(name: "Again")))
        #expect(problem == "the accounts projection has account a1 at version 1, but the event log has it at version 2, "
            + "so the stored projection disagrees with the log and nothing was saved; " + StoredState.repairAdvice)
    }

    @Test func projectionAheadOfLogIsNamed() throws {
        let fixture = try ledgerWithTwoVersions()
        try setProjectedVersion(3, in: fixture.path)
        let problem = try saveProblem(fixture, .edit(EditRequest(name: "Again")))
        #expect(problem?.hasPrefix("the accounts projection has account a1 at version 3, but the event log has it at version 2") == true)
    }

    @Test func missingProjectionRowIsNamed() throws {
        let fixture = try ledgerWithTwoVersions()
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM accounts WHERE account_id = 'a1'")
        let problem = try saveProblem(fixture, s3Connect())
        #expect(problem?.hasPrefix("the accounts projection has no row for account a1, but the event log has it at version 2") == true)
    }
}
