/// The triggers on `events` that keep the log append-only and gapless:
/// they reject an UPDATE or DELETE and an insert at any position or version
/// but the next one.
///
/// Anyone who can write the file can drop them, after which the sqlite3
/// shell edits the log freely and only `verify` can tell. `verify` checks
/// that each exists with the schema's definition, and `rebuild` creates a
/// missing or altered one again.
///
/// A trigger the schema does not define is as dangerous: one that ignores
/// inserts on `events` would make appends vanish, and one on a projection
/// could rewrite what queries return. So `verify` also fails on any such
/// trigger, on any table, and `rebuild` drops it.
enum EventGuards {
    /// A trigger's name, its table and its CREATE statement as SQLite
    /// stores them in `sqlite_schema`.
    struct Definition: Sendable {
        let name: String
        let table: String
        let sql: String
    }

    /// Every trigger on `events` that the current schema defines, in
    /// creation order, read from a database that the migrations build in
    /// memory, so this list cannot drift from them.
    static let definitions: [Definition] = Migrations.readFreshSchema(triggers(in:))

    /// Returns what is wrong with the triggers of `db`, naming the first
    /// guard that is missing or differs from `definitions`, then the first
    /// trigger the schema does not define, or nil when all are as defined.
    static func problem(in db: Database) throws -> String? {
        let found = try triggers(in: db)
        let stored = Dictionary(found.map { ($0.name, $0.sql) }) { first, _ in first }
        for definition in definitions {
            guard let sql = stored[definition.name] else {
                return "trigger \(definition.name) on events is missing, so nothing stops an edit of the log; "
                    + "`ledger rebuild` creates it again from the schema"
            }
            guard sql == definition.sql else {
                return "trigger \(definition.name) on events differs from its definition in the schema, so it may "
                    + "not stop an edit of the log; `ledger rebuild` creates it again from the schema"
            }
        }
        if let foreign = foreignTriggers(in: found).first {
            return "trigger \(foreign.name) on \(foreign.table) is not part of the ledger's schema, so it may change "
                + "what the ledger stores; `ledger rebuild` drops it"
        }
        return nil
    }

    /// Creates again every guard trigger of `db` that is missing or differs
    /// from `definitions`, inside the caller's transaction.
    ///
    /// - Returns: the names of the triggers created, in creation order.
    static func restore(in db: Database) throws -> [String] {
        let stored = Dictionary(try triggers(in: db).map { ($0.name, $0.sql) }) { first, _ in first }
        var restored: [String] = []
        for definition in definitions where stored[definition.name] != definition.sql {
            try db.execute("DROP TRIGGER IF EXISTS main.\"\(definition.name)\"")
            try db.execute(definition.sql)
            restored.append(definition.name)
        }
        return restored
    }

    /// Drops every trigger of `db` that the schema does not define, inside
    /// the caller's transaction.
    ///
    /// - Returns: the names of the triggers dropped, in creation order.
    static func dropForeign(in db: Database) throws -> [String] {
        let foreign = foreignTriggers(in: try triggers(in: db))
        for trigger in foreign {
            try db.execute("DROP TRIGGER main.\"\(trigger.name.replacingOccurrences(of: "\"", with: "\"\""))\"")
        }
        return foreign.map(\.name)
    }

    private static func foreignTriggers(in found: [Definition]) -> [Definition] {
        let defined = Set(definitions.map(\.name))
        return found.filter { !defined.contains($0.name) }
    }

    private static func triggers(in db: Database) throws -> [Definition] {
        try db.statement("""
            SELECT name, tbl_name, sql FROM main.sqlite_schema WHERE type = 'trigger' ORDER BY rowid
            """).rows { Definition(name: $0.string(0), table: $0.string(1), sql: $0.string(2)) }
    }
}
