/// The check every open makes that a SQLite file is a ledger, before any
/// command reads or writes it.
///
/// A SQLite file with tables named like a ledger's, but made by hand or by
/// another program, or a ledger whose `schema_migrations` or
/// `ledger_metadata` rows were removed or altered, would otherwise reach the
/// commands' queries. They failed with raw SQLite messages such as "no such
/// column: name", and a write switched the file to WAL or started a
/// migration on it first. The check reads only `sqlite_schema`, the
/// columns of the ledger's tables, `schema_migrations` and one row of
/// `ledger_metadata`, so it stays cheap enough for every command. What it
/// leaves to `ledger verify` is the rest of the schema (indexes, triggers,
/// STRICT) and the contents of the log.
enum LedgerIdentity {
    /// One column as `PRAGMA table_info` describes it.
    struct Column: Equatable, Sendable {
        let name: String
        let declaredType: String
        let isNotNull: Bool
        /// The column's position in the primary key, from 1, or 0 when it is in none.
        let primaryKeyPosition: Int
    }

    /// The tables that every ledger has had from its first build on. The
    /// others (`idempotency_keys`, `account_snapshots`) are missing from files
    /// of older builds until a write migrates them, so they are required only
    /// at the latest schema version.
    static let tablesOfEveryVersion = [
        "schema_migrations", "ledger_metadata", "events", "accounts", "account_versions", "credential_changes",
        "projection_checkpoints",
    ]

    /// Throws unless the file of `db` is a ledger at a schema version this
    /// build can read.
    ///
    /// - Throws: `LedgerError.storage` whose problem starts with "is not a
    ///   ledger: " and names the first thing wrong, or reports a schema
    ///   version newer than this build's. `SQLiteError` when a query fails.
    static func check(_ db: Database) throws {
        // Another process may migrate the file while this one checks it.
        // Separate statements could then read the old version list and the
        // new schema, and report a sound ledger as altered, so every read
        // shares one snapshot. A snapshot at an older version passes, and
        // the write that follows migrates in a transaction of its own.
        try db.read(checkSnapshot)
    }

    private static func checkSnapshot(_ db: Database) throws {
        func notALedger(_ detail: String) -> LedgerError {
            LedgerError.storage(path: db.path, problem: "is not a ledger: \(detail)")
        }

        let found = try columns(in: db, tables: Set(expectedColumns.keys))
        // A newer build may have changed the other tables, so the versions
        // come first, where the file's schema_migrations is the ledger's.
        var versions: [Int] = []
        if found["schema_migrations"] != nil && columnProblem(found, tables: ["schema_migrations"]) == nil {
            versions = try db.statement("SELECT version FROM schema_migrations ORDER BY version").rows { $0.int(0) }
            if let current = versions.last, versions != Array(1...max(current, 1)) {
                let listed = versions.map(String.init).joined(separator: ", ")
                throw notALedger("schema_migrations lists versions \(listed), but a ledger records every version "
                    + "from 1 to its current one; the rows were altered, so restore the file from a backup")
            }
            if let current = versions.last, current > Migrations.latestVersion {
                throw LedgerError.storage(
                    path: db.path,
                    problem: "schema version \(current) is newer than this build supports "
                        + "(\(Migrations.latestVersion)); upgrade ledger")
            }
        }
        // Other applications keep a schema_migrations table too (Rails, for
        // one), so the tables every ledger has are required as well.
        let missing = tablesOfEveryVersion.filter { found[$0] == nil }
        if !missing.isEmpty {
            throw notALedger(missingTablesText(missing, version: nil))
        }
        if let problem = columnProblem(found, tables: expectedColumns.keys.sorted()) {
            throw notALedger(problem)
        }
        guard let current = versions.last else {
            throw notALedger("schema_migrations has no rows, but `ledger init` records every schema version there; "
                + "the rows were deleted or the file was not made by `ledger init`, so restore it from a backup")
        }
        if current == Migrations.latestVersion {
            let missingLater = expectedColumns.keys.sorted().filter { found[$0] == nil }
            if !missingLater.isEmpty {
                throw notALedger(missingTablesText(missingLater, version: current))
            }
        }
        if let problem = try laterObjectProblem(db, version: current) {
            throw notALedger(problem)
        }
        if let problem = try keyCheckProblem(db) {
            throw notALedger(problem)
        }
    }

    /// Describes a table or index that a migration after `version` creates
    /// when the file already has it: rows of `schema_migrations` were then
    /// removed, and migrating would fail on that object. Only files at an
    /// older version pay for this check.
    private static func laterObjectProblem(_ db: Database, version: Int) throws -> String? {
        guard version < Migrations.latestVersion else { return nil }
        let atVersion = Set(Migrations.readSchema(atVersion: version, objectNames(in:)))
        let later = Migrations.readSchema(atVersion: Migrations.latestVersion, objectNames(in:))
            .filter { !atVersion.contains($0) }
        let present = Set(try objectNames(in: db))
        guard let object = later.first(where: present.contains) else { return nil }
        return "schema_migrations records schema version \(version), but \(object), which a later version creates, "
            + "exists; rows of schema_migrations were removed, so restore the file from a backup"
    }

    /// Describes a missing or malformed `ledger_metadata.key_check`, which
    /// `ledger init` writes and which identifies the fingerprint key.
    private static func keyCheckProblem(_ db: Database) throws -> String? {
        guard let value = try db.scalarString("SELECT value FROM ledger_metadata WHERE name = 'key_check'") else {
            return "ledger_metadata has no key_check row, which `ledger init` writes to identify the fingerprint key; "
                + "the row was deleted or the file was not made by `ledger init`, so restore it from a backup"
        }
        guard Hex.isEncoded(value, count: 64) else {
            return "ledger_metadata.key_check is not 64 lower-case hexadecimal digits, so it identifies no "
                + "fingerprint key; the row was altered, so restore the file from a backup"
        }
        return nil
    }

    /// Names missing tables that every ledger has, or every ledger at
    /// schema `version` when one is given.
    private static func missingTablesText(_ tables: [String], version: Int?) -> String {
        let noun = tables.count == 1 ? "table" : "tables"
        let ledgers = version.map { "every ledger at schema version \($0)" } ?? "every ledger"
        return "it is a SQLite database without the \(tables.joined(separator: ", ")) \(noun) that \(ledgers) "
            + "has; point --db at a ledger file"
    }

    /// Describes the first column of `tables` that differs from the schema's,
    /// or returns nil when all match. Tables the file lacks are skipped.
    private static func columnProblem(_ found: [String: [Column]], tables: [String]) -> String? {
        for table in tables {
            guard let stored = found[table], let expected = expectedColumns[table], stored != expected else {
                continue
            }
            let storedByName = Dictionary(stored.map { ($0.name, $0) }) { first, _ in first }
            let expectedNames = Set(expected.map(\.name))
            if let missing = expected.first(where: { storedByName[$0.name] == nil }) {
                return "table \(table) has no column \(missing.name), which a ledger's \(table) table has"
            }
            if let extra = stored.first(where: { !expectedNames.contains($0.name) }) {
                return "table \(table) has a column \(extra.name), which a ledger's \(table) table does not have"
            }
            if let differing = expected.first(where: { storedByName[$0.name] != $0 }) {
                return "column \(differing.name) of table \(table) is not declared as a ledger declares it "
                    + "(\(describe(differing)))"
            }
            return "the columns of table \(table) are not in the order a ledger's \(table) table has them"
        }
        return nil
    }

    private static func describe(_ column: Column) -> String {
        var parts = [column.declaredType]
        if column.isNotNull { parts.append("NOT NULL") }
        if column.primaryKeyPosition > 0 { parts.append("in the primary key") }
        return parts.joined(separator: ", ")
    }

    /// Reads the columns of the tables of `db`, by table name: those in
    /// `tables`, or every table when nil. SQLite's own tables are left out,
    /// and so are virtual tables: reading the columns of one whose module
    /// this build lacks, such as a SpatiaLite table, fails with "no such
    /// module" instead of naming what is wrong with the file.
    static func columns(in db: Database, tables: Set<String>?) throws -> [String: [Column]] {
        let names = tables.map { $0.sorted() } ?? []
        let onlyNamed = tables == nil ? "" : "AND m.name IN (\(names.map { _ in "?" }.joined(separator: ", ")))"
        let rows = try db.statement("""
            SELECT m.name, p.name, p.type, p."notnull", p.pk
            FROM main.sqlite_schema AS m JOIN pragma_table_info(m.name, 'main') AS p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                AND m.sql NOT LIKE 'CREATE VIRTUAL TABLE%' \(onlyNamed)
            ORDER BY m.name, p.cid
            """).rows(names.map { .text($0) }) { row in
            (table: row.string(0),
             column: Column(
                name: row.string(1), declaredType: row.string(2), isNotNull: row.int(3) != 0,
                primaryKeyPosition: row.int(4)))
        }
        var result: [String: [Column]] = [:]
        for row in rows where tables?.contains(row.table) ?? true {
            result[row.table, default: []].append(row.column)
        }
        return result
    }

    /// Returns the names of the tables and indexes of `db`, in the order
    /// they were created, with SQLite's own left out.
    private static func objectNames(in db: Database) throws -> [String] {
        try db.statement("""
            SELECT name FROM main.sqlite_schema
            WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY rowid
            """).rows { $0.string(0) }
    }
}
