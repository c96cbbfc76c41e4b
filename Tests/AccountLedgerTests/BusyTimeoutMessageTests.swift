@testable import AccountLedger
import CSQLite
import Testing

/// A write that waits for another writer's lock longer than the busy
/// timeout fails with a message that names how long it waited.
@Suite struct BusyTimeoutMessageTests {
    @Test func busyMessageNamesTheTimeout() {
        let error = StorageErrors.describe(SQLiteError(code: SQLITE_BUSY, message: "database is locked"), path: "l.sqlite")
        #expect(error == .storage(
            path: "l.sqlite", problem: "is locked by another writer for longer than the busy timeout of 5 s; retry"))
    }

    @Test func ledgerConnectionUsesTheNamedTimeout() throws {
        let fixture = try TemporaryLedger()
        for access in [Ledger.Access.read, .write] {
            let timeout = try fixture.reopen(access: access).database.scalarInt("PRAGMA busy_timeout")
            #expect(timeout == Int64(Ledger.busyTimeoutMilliseconds))
        }
        #expect(try fixture.ledger.database.scalarInt("PRAGMA busy_timeout") == Int64(Ledger.busyTimeoutMilliseconds))
    }
}
