import AccountLedger
import Foundation
import Testing

/// Ledgers that builds at schema version 1 wrote, upgraded by the `ledger`
/// executable. Migration 1 changed after those builds. The first one also
/// created three `account_versions` indexes, and neither had the
/// `idempotency_keys` table.
@Suite struct SchemaVersion1UpgradeTests {
    private static let fixtures = ["schema1-ledger.sql", "schema1-first-build-ledger.sql"]

    /// For each fixture, an edit that sets an account's name to the name it
    /// has. It is the lightest write, which migrates and appends nothing.
    private static let unchangedEdits = [
        "schema1-ledger.sql": ["edit", "a", "--name", "B"],
        "schema1-first-build-ledger.sql": ["edit", "a", "--name", "B"],
        "schema5-ledger.sql": ["edit", "s3", "--name", "Exports"],
    ]

    private func upgradedLedger(_ fixture: String) throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        try ledger.replace(withFixture: fixture)
        let output = try ledger.run(try #require(Self.unchangedEdits[fixture]))
        try #require(output.status == 0, "\(output.standardError)")
        try #require(output.standardError.contains("upgraded the database"), "\(output.standardError)")
        return ledger
    }

    /// Returns every object of the schema, its whitespace collapsed, sorted.
    private func schemaObjects(_ path: String) throws -> [String] {
        let database = try Database(path: path, mode: .readOnly)
        return try database.statement("SELECT type, name, tbl_name, sql FROM sqlite_schema").rows { row in
            let sql = row.optionalString(3)?.split(whereSeparator: \.isWhitespace).joined(separator: " ") ?? "-"
            return "\(row.string(0)) \(row.string(1)) on \(row.string(2)): \(sql)"
        }.sorted()
    }

    /// The version 5 fixture kept either shape of migration 1 through
    /// migrations 2 to 5, so it is compared too.
    @Test(arguments: fixtures + ["schema5-ledger.sql"]) func schemaEqualsNewLedgers(fixture: String) throws {
        let upgraded = try upgradedLedger(fixture)
        let created = try CommandLineLedger()
        #expect(try schemaObjects(upgraded.path) == schemaObjects(created.path))
    }

    @Test(arguments: fixtures) func upgradedLedgerPassesVerify(fixture: String) throws {
        let ledger = try upgradedLedger(fixture)
        let output = try ledger.run(["verify"])
        #expect(output.status == 0, "\(output.standardError)")
    }

    @Test(arguments: fixtures) func upgradedLedgerRebuilds(fixture: String) throws {
        let ledger = try upgradedLedger(fixture)
        let rebuild = try ledger.run(["rebuild"])
        #expect(rebuild.status == 0, "\(rebuild.standardError)")
        let verify = try ledger.run(["verify"])
        #expect(verify.status == 0, "\(verify.standardError)")
    }

    @Test(arguments: fixtures) func upgradedLedgerReplays(fixture: String) throws {
        let ledger = try upgradedLedger(fixture)
        let into = ledger.folder.appendingPathComponent("replayed.sqlite").path
        let replay = try ledger.run(["replay", "--position", "1", "--into", into])
        #expect(replay.status == 0, "\(replay.standardError)")
        let account = try ledger.run(["show", "a", "--json", "--db", into])
        #expect(account.status == 0, "\(account.standardError)")
        #expect(account.standardOutput.contains(#""name": "A""#), "\(account.standardOutput)")
    }

    @Test(arguments: fixtures) func keyedEditAppendsOnce(fixture: String) throws {
        let ledger = try upgradedLedger(fixture)
        let arguments = ["edit", "a", "--name", "C", "--idempotency-key", "new-rename"]
        let first = try ledger.run(arguments)
        #expect(first.status == 0, "\(first.standardError)")
        let retry = try ledger.run(arguments)
        #expect(retry.status == 0, "\(retry.standardError)")
        let history = try ledger.run(["history", "a", "--json"])
        let renames = history.standardOutput.split(whereSeparator: \.isNewline).filter { $0.contains(#""type":"AccountRenamed""#) }
        #expect(renames.count == 2, "\(history.standardOutput)")
    }
}
