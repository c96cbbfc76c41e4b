@testable import AccountLedger
import Foundation
import Testing

/// SQLite files with tables named like a ledger's that `ledger init` did not
/// make, or ledgers whose `schema_migrations` or `ledger_metadata` rows were
/// removed or altered. Every command rejects them before its first query
/// with status 7 and one "is not a ledger" line, and leaves the file
/// byte for byte as it was. They used to get raw SQLite messages ("table
/// ledger_metadata already exists", "no such column: name"), and a write
/// switched the file to WAL first.
@Suite struct ForeignDatabaseTests {
    /// One damaged or foreign file: how the sqlite3 shell makes it, and
    /// the start of the detail after "is not a ledger: ".
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// Whether `sql` runs on a copy of a fresh ledger, not on an empty file.
        let startsFromLedger: Bool
        let sql: String
        let detail: String

        var testDescription: String { name }
    }

    static let cases = [
        Case(
            name: "hand-made events and accounts",
            startsFromLedger: false,
            sql: """
                CREATE TABLE events (id INTEGER PRIMARY KEY, note TEXT);
                CREATE TABLE accounts (owner TEXT);
                CREATE TABLE ledger_metadata (k, v);
                CREATE TABLE schema_migrations (version INTEGER);
                """,
            detail: "it is a SQLite database without the account_versions, credential_changes, "
                + "projection_checkpoints tables that every ledger has"),
        // A table of a module this build lacks, as a SpatiaLite file has,
        // once gave SQLite's "no such module" in place of this message.
        Case(
            name: "virtual table of an unknown module",
            startsFromLedger: false,
            sql: """
                CREATE TABLE places (id INTEGER PRIMARY KEY);
                PRAGMA writable_schema = ON;
                INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql)
                VALUES ('table', 'geo', 'geo', 0, 'CREATE VIRTUAL TABLE geo USING spatialmod(a)');
                """,
            detail: "it is a SQLite database without the schema_migrations, ledger_metadata, events, accounts, "
                + "account_versions, credential_changes, projection_checkpoints tables that every ledger has"),
        Case(
            name: "accounts table with other columns",
            startsFromLedger: true,
            sql: "DROP TABLE accounts; CREATE TABLE accounts (account_id TEXT PRIMARY KEY, owner TEXT);",
            detail: "table accounts has no column name, which a ledger's accounts table has"),
        Case(
            name: "column of another type",
            startsFromLedger: true,
            sql: """
                DROP TABLE projection_checkpoints;
                CREATE TABLE projection_checkpoints (projection TEXT PRIMARY KEY, position TEXT NOT NULL) STRICT;
                """,
            detail: "column position of table projection_checkpoints is not declared as a ledger declares it "
                + "(INTEGER, NOT NULL)"),
        Case(
            name: "schema_migrations rows deleted",
            startsFromLedger: true,
            sql: "DELETE FROM schema_migrations;",
            detail: "schema_migrations has no rows"),
        Case(
            name: "schema_migrations version altered",
            startsFromLedger: true,
            sql: "UPDATE schema_migrations SET version = 13 WHERE version = 3;",
            detail: "schema_migrations lists versions 1, 2, 4, 5, 6, 13, but a ledger records every version"),
        Case(
            name: "latest schema_migrations rows deleted",
            startsFromLedger: true,
            sql: "DELETE FROM schema_migrations WHERE version >= 4;",
            detail: "schema_migrations records schema version 3, but account_versions_at_time, which a later version "
                + "creates, exists"),
        Case(
            name: "key_check row deleted",
            startsFromLedger: true,
            sql: "DELETE FROM ledger_metadata WHERE name = 'key_check';",
            detail: "ledger_metadata has no key_check row"),
        Case(
            name: "key_check row altered",
            startsFromLedger: true,
            sql: "UPDATE ledger_metadata SET value = 'abc' WHERE name = 'key_check';",
            detail: "ledger_metadata.key_check is not 64 lower-case hexadecimal digits"),
    ]

    /// Reads and writes, each of which opens the file in its own way.
    static let commands: [[String]] = [
        ["accounts"], ["show", "s3"], ["history", "s3"], ["audit"], ["verify"], ["export"],
        ["edit", "s3", "--name", "Renamed"], ["delete", "s3", "--force"], ["rebuild"],
    ]

    private func checksum(_ path: String) throws -> String {
        Hex.encode(Digest.sha256(Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
    }

    /// Makes the case's file beside `ledger` with the sqlite3 shell. A copy
    /// of a ledger is switched to rollback mode, so that a -wal file beside it
    /// afterwards shows that a write connection opened it.
    private func makeFile(_ testCase: Case, beside ledger: CommandLineLedger) throws -> String {
        let path = ledger.folder.appendingPathComponent("other.sqlite").path
        let copy = testCase.startsFromLedger ? "cp '\(ledger.path)' '\(path)' && " : ""
        let mode = testCase.startsFromLedger ? "PRAGMA journal_mode = DELETE; " : ""
        let created = try ledger.runShell("\(copy)sqlite3 '\(path)' \"\(mode)\(testCase.sql)\" >/dev/null")
        try #require(created.status == 0, "\(created.standardError)")
        return path
    }

    @Test(arguments: cases)
    func everyCommandRejectsFile(_ testCase: Case) throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let path = try makeFile(testCase, beside: ledger)
        let before = try checksum(path)

        for command in Self.commands {
            let output = try ledger.run(command + ["--db", path])

            #expect(output.status == 7, "\(command): \(output.standardError)")
            #expect(output.standardOutput == "", "\(command)")
            #expect(output.standardError.hasPrefix("Error: database \(path): is not a ledger: \(testCase.detail)"),
                    "\(command): \(output.standardError)")
            #expect(output.standardError.filter { $0 == "\n" }.count == 1, "\(command): \(output.standardError)")
            #expect(try checksum(path) == before, "\(command)")
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "\(command)")
        }
    }

    @Test func importRejectsFileUnchanged() throws {
        let ledger = try CommandLineLedger()
        let path = try makeFile(Self.cases[0], beside: ledger)
        let before = try checksum(path)

        let output = try ledger.run(["import", try ledger.writeSnapshot(accounts: 1), "--db", path])

        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database \(path): is not a ledger: "), "\(output.standardError)")
        #expect(try checksum(path) == before)
    }
}
