@testable import AccountLedger
import Testing

/// Edits that leave every table equal to a replay but change what queries
/// return: an index that no longer matches its table, and a value of the
/// wrong type in a STRICT table. Both need `PRAGMA writable_schema`, and
/// both restore the schema's text afterwards, so only SQLite's integrity
/// check in `verify` finds them.
@Suite struct IntegrityTamperTests {
    /// a1 and a2 share a secret key; a1 is rotated later.
    private func sharedSecretLedger() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(secretKey: "leaked"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(s3Connect(name: "Staging", secretKey: "leaked"), accountID: "a2", context: context(at: "2026-01-02T00:00:00Z"))
        try fixture.ledger.save(
            .edit(EditRequest(secrets: ["secretKey": Secret("rotated")])), accountID: "a1",
            context: context(at: "2026-01-03T00:00:00Z"))
        return fixture
    }

    /// Runs `sql` on a new connection to `path`, which reads the schema as
    /// the file stores it at that moment.
    private func execute(_ sql: String, on path: String) throws {
        try Database(path: path, mode: .readWrite).execute(sql)
    }

    /// Runs `whileIndexed` on `table`, takes `index` out of the schema, runs
    /// `unindexed`, and puts the index back with its old pages, so that it
    /// keeps the entries of the first edit while the table has the second.
    private func editBehindIndex(
        _ index: String, of table: String, in fixture: TemporaryLedger, whileIndexed: String, unindexed: String
    ) throws {
        let row = try fixture.ledger.database.statement(
            "SELECT rowid, rootpage, sql FROM sqlite_schema WHERE name = ?"
        ).firstRow([.text(index)]) { ($0.int64(0), $0.int64(1), $0.string(2)) }
        let (rowid, rootpage, indexSQL) = try #require(row)
        let quotedSQL = indexSQL.replacingOccurrences(of: "'", with: "''")
        try execute("""
            \(whileIndexed)
            PRAGMA writable_schema = ON;
            DELETE FROM sqlite_schema WHERE name = '\(index)';
            """, on: fixture.path)
        try execute("""
            \(unindexed)
            PRAGMA writable_schema = ON;
            INSERT INTO sqlite_schema (rowid, type, name, tbl_name, rootpage, sql)
                VALUES (\(rowid), 'index', '\(index)', '\(table)', \(rootpage), '\(quotedSQL)');
            """, on: fixture.path)
    }

    @Test func staleAuditIndexFailsVerify() throws {
        let fixture = try sharedSecretLedger()
        let index = "credential_changes_by_new_value"
        // a2's rows and their index entries are deleted; the rows come back
        // without their entries.
        try editBehindIndex(
            index, of: "credential_changes", in: fixture,
            whileIndexed: """
                CREATE TABLE saved AS SELECT * FROM credential_changes WHERE account_id = 'a2';
                DELETE FROM credential_changes WHERE account_id = 'a2';
                """,
            unindexed: "INSERT INTO credential_changes SELECT * FROM saved; DROP TABLE saved;")
        let reopened = try fixture.reopen(access: .read)

        let failure = try #require(verificationFailure { _ = try reopened.verify() })

        #expect(failure.position == nil)
        #expect(failure.detail.hasPrefix("SQLite's integrity check of the file found: "), "\(failure.detail)")
        #expect(failure.detail.contains(index))
    }

    /// Forged statistics once made the check read the covering index of
    /// `account_versions` for the table's side too, so the stale entry that
    /// `accounts --as-of` then showed passed `verify`.
    @Test func staleVersionIndexUnderForgedStatisticsFailsVerify() throws {
        let fixture = try sharedSecretLedger()
        let index = "account_versions_at_time"
        // The index takes the name EVIL while the table keeps the real one.
        try editBehindIndex(
            index, of: "account_versions", in: fixture,
            whileIndexed: "UPDATE account_versions SET name = 'EVIL' WHERE account_id = 'a2' AND version = 1;",
            unindexed: "UPDATE account_versions SET name = 'Staging' WHERE account_id = 'a2' AND version = 1;")
        try execute("""
            ANALYZE;
            UPDATE sqlite_stat1 SET stat = '1000 1 1 sz=10000' WHERE idx = 'account_versions';
            UPDATE sqlite_stat1 SET stat = '10 2 1 1 1 1 1 1 1 1 1 1 sz=1' WHERE idx = '\(index)';
            """, on: fixture.path)
        let reopened = try fixture.reopen(access: .read)

        let failure = try #require(verificationFailure { _ = try reopened.verify() })

        #expect(failure.detail.hasPrefix("SQLite's integrity check of the file found: "), "\(failure.detail)")
        #expect(failure.detail.contains(index))
    }

    @Test func blobAccountIDInEventsFailsVerify() throws {
        let fixture = try sharedSecretLedger()
        let tableSQL = try #require(try fixture.ledger.database.scalarString("SELECT sql FROM sqlite_schema WHERE name = 'events'"))
        let quotedSQL = tableSQL.replacingOccurrences(of: "'", with: "''")

        // STRICT is applied when a row is written, so it is taken off for
        // the write and put back.
        try execute("""
            PRAGMA writable_schema = ON;
            UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')') WHERE name = 'events';
            """, on: fixture.path)
        try RawLedgerFile(path: fixture.path).execute(
            "UPDATE events SET account_id = CAST(account_id AS BLOB) WHERE position = 2")
        try execute("""
            PRAGMA writable_schema = ON;
            UPDATE sqlite_schema SET sql = '\(quotedSQL)' WHERE name = 'events';
            """, on: fixture.path)
        let reopened = try fixture.reopen(access: .read)

        let failure = try #require(verificationFailure { _ = try reopened.verify() })

        #expect(failure.detail.contains("non-TEXT value in events.account_id"), "\(failure.detail)")
    }
}
