/// The tables, indexes and views of the ledger's schema, which `verify`
/// compares with the file's. `EventGuards` covers the triggers.
///
/// An object of one's own is not harmless: a UNIQUE index on `events` can
/// make appends fail, and a partial or stale index the query planner picks
/// changes what queries return. An altered definition (a column's type or
/// collation, a partial index's condition) does the same.
enum SchemaObjects {
    /// One object as SQLite stores it in `sqlite_schema`.
    struct Definition: Equatable, Sendable {
        let type: String
        let name: String
        let table: String
        let sql: String
    }

    /// Every table, index and view the migrations create, read from a
    /// database they build in memory, so this list cannot drift from them.
    /// SQLite's own objects (`sqlite_autoindex_*`, `sqlite_stat1`) are left
    /// out: SQLite makes and changes them.
    static let definitions: [Definition] = Migrations.readFreshSchema(objects(in:))

    /// Returns what is wrong with the objects of `db`, or nil when they
    /// match. A missing or differing object of the schema comes before
    /// one the schema does not define.
    static func problem(in db: Database) throws -> String? {
        let found = try objects(in: db)
        let stored = Dictionary(found.map { ($0.name, $0) }) { first, _ in first }
        for definition in definitions {
            let repair = definition.type == "index"
                ? "`ledger rebuild` creates it again from the schema"
                : "restore its statement from Schemas/ledger.sql"
            guard let object = stored[definition.name] else {
                return "\(definition.type) \(definition.name) is missing, and queries or the guards of the log depend "
                    + "on it; \(repair)"
            }
            guard object.type == definition.type else {
                return "a \(object.type) named \(definition.name) takes the place of the schema's \(definition.type) "
                    + "of that name; drop the \(object.type) with the sqlite3 shell, then \(repair)"
            }
            guard object == definition else {
                return "\(definition.type) \(definition.name) differs from its definition in the schema, so queries "
                    + "may return other answers; \(repair)"
            }
        }
        let defined = Set(definitions.map(\.name))
        if let foreign = found.first(where: { !defined.contains($0.name) }) {
            // A table's or view's tbl_name is its own name.
            let table = foreign.table == foreign.name ? "" : " on \(foreign.table)"
            let risk = foreign.type == "index"
                ? "An index of one's own can make appends fail or change what queries return"
                : "Objects of one's own in a ledger file are a sign it was edited outside the ledger"
            // Dropping a virtual table runs its module, so a shell without
            // the module fails with "no such module".
            let drop = foreign.sql.uppercased().hasPrefix("CREATE VIRTUAL TABLE")
                ? "drop it with a sqlite3 shell that has loaded its module (`.load`), or DROP TABLE fails "
                    + "with \"no such module\""
                : "drop it with the sqlite3 shell"
            return "\(foreign.type) \(foreign.name)\(table) is not part of the ledger's schema. \(risk); \(drop)"
        }
        return nil
    }

    /// Creates again, inside the caller's transaction, every index of the
    /// schema that is missing or differs from its definition.
    ///
    /// - Returns: the names of the indexes created, in schema order.
    static func restoreIndexes(in db: Database) throws -> [String] {
        let stored = Dictionary(try objects(in: db).map { ($0.name, $0) }) { first, _ in first }
        var restored: [String] = []
        for definition in definitions where definition.type == "index" && stored[definition.name] != definition {
            if let other = stored[definition.name], other.type != "index" {
                // Another kind of object took the name; a table may hold
                // someone's data, so it is left for a person to drop.
                throw LedgerError.storage(
                    path: db.path,
                    problem: "a \(other.type) named \(definition.name) takes the place of the schema's index of that "
                        + "name; drop the \(other.type) with the sqlite3 shell, then run `ledger rebuild` again")
            }
            try db.execute("DROP INDEX IF EXISTS main.\"\(definition.name)\"")
            try db.execute(definition.sql)
            restored.append(definition.name)
        }
        return restored
    }

    private static func objects(in db: Database) throws -> [Definition] {
        try db.statement("""
            SELECT type, name, tbl_name, coalesce(sql, '') FROM main.sqlite_schema
            WHERE type IN ('table', 'index', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY rowid
            """).rows { Definition(type: $0.string(0), name: $0.string(1), table: $0.string(2), sql: $0.string(3)) }
    }
}
