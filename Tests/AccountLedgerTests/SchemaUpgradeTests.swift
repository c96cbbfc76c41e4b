@testable import AccountLedger
import Foundation
import Testing

/// Ledgers written by an older build open under this one: the first write
/// access applies the missing migrations and every query returns what it did before.
@Suite struct SchemaUpgradeTests {
    /// Turns a current ledger back into one at schema version 3, as the
    /// build before migrations 4 and 5 left it.
    private func downgradeToVersion3(_ path: String) throws {
        let database = try Database(path: path, mode: .readWrite)
        try database.execute("""
            DROP INDEX account_versions_at_time;
            DROP INDEX accounts_by_destination;
            CREATE INDEX accounts_by_destination ON accounts (destination, name);
            CREATE INDEX account_versions_by_account_time ON account_versions (account_id, valid_from);
            DROP TABLE account_snapshots;
            DELETE FROM schema_migrations WHERE version >= 4;
            """)
    }

    private func viewOfS3(_ ledger: Ledger, at moment: String) throws -> [AccountRow] {
        var query = AccountQuery()
        query.at = TimePoint(asOf: time(moment))
        query.destinations = ["amazon-s3"]
        return try ledger.accounts(query)
    }

    /// The upgrade ran, its row was swallowed, and every later open saw an
    /// old version over the new schema and failed with a raw SQLite error.
    @Test func swallowedVersionRowRollsUpgradeBack() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "Old"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try downgradeToVersion3(fixture.path)
        let database = try Database(path: fixture.path, mode: .readWrite)
        try database.execute(
            "CREATE TRIGGER sm BEFORE INSERT ON schema_migrations BEGIN SELECT RAISE(IGNORE); END")
        let before = try databaseSnapshot(path: fixture.path)

        let error = try #require(throws: LedgerError.self) { try fixture.reopen(access: .write) }
        #expect(error.category == .integrity)
        #expect("\(error)".contains("the upgrade to schema version 4 was rolled back"), "\(error)")
        #expect(try databaseSnapshot(path: fixture.path) == before)

        // Dropping the trigger, as the message advises, lets the upgrade run.
        try database.execute("DROP TRIGGER sm")
        #expect(try fixture.reopen(access: .write).schemaUpgradeNote != nil)
    }

    @Test func version3LedgerGetsTheViewIndexesOnWrite() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "Old"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(.edit(EditRequest(name: "New")), accountID: "a1", context: context(at: "2026-02-01T00:00:00Z"))
        try downgradeToVersion3(fixture.path)

        #expect(throws: LedgerError.self) { try fixture.reopen(access: .read) }
        let upgraded = try fixture.reopen(access: .write)

        let database = try Database(path: fixture.path, mode: .readOnly)
        let definitions = try database.statement(
            "SELECT name, sql FROM sqlite_schema WHERE name IN ('accounts_by_destination', 'account_versions_at_time', 'account_versions_by_account_time') ORDER BY name")
            .rows { "\($0.string(0)): \($0.string(1).split(whereSeparator: \.isWhitespace).joined(separator: " "))" }
        #expect(definitions == [
            "account_versions_at_time: CREATE INDEX account_versions_at_time ON account_versions ( account_id, valid_from, version, position, name, username, dataflow_count, authorized_at, expires_at, deleted)",
            "accounts_by_destination: CREATE INDEX accounts_by_destination ON accounts (destination, name, account_id, connection_type)",
        ])
        #expect(try Migrations.currentVersion(database) == Migrations.latestVersion)
        #expect(upgraded.schemaUpgradeNote == "upgraded the database from schema version 3 to \(Migrations.latestVersion); "
            + "run `ledger rebuild` once to write the state snapshots of its existing history; "
            + "rebuilt the audit trail from the event log, which adds rows for the description, settings and "
            + "authorization date of each connect and for the dataflows each forced delete left")
        #expect(try fixture.reopen(access: .write).schemaUpgradeNote == nil)
        #expect(try viewOfS3(upgraded, at: "2026-01-15T00:00:00Z").map(\.name) == ["Old"])
        #expect(try viewOfS3(upgraded, at: "2026-02-15T00:00:00Z").map(\.name) == ["New"])
    }
}
