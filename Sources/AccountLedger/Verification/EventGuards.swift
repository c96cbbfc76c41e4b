/// The triggers on `events` that keep the log append-only and gapless:
/// they reject an UPDATE or DELETE and an insert at any position or version
/// but the next one.
///
/// Anyone who can write the file can drop them, after which the sqlite3
/// shell edits the log freely and only `verify` can tell. `verify` checks
/// that each exists with the schema's definition, and `rebuild` creates a
/// missing or altered one again.
enum EventGuards {
    /// A trigger's name and its CREATE statement as SQLite stores it in
    /// `sqlite_schema`.
    struct Definition: Sendable {
        let name: String
        let sql: String
    }

    /// Every trigger on `events` that the current schema defines, in
    /// creation order, read from a database that the migrations build in
    /// memory, so this list cannot drift from them.
    static let definitions: [Definition] = {
        do {
            let database = try Database(path: ":memory:", mode: .create)
            try Migrations.migrate(database)
            return try triggers(in: database)
        } catch {
            preconditionFailure("the migrations fail on an empty database in memory: \(error)")
        }
    }()

    /// Returns what is wrong with the guard triggers of `db`, naming the
    /// first one that is missing or differs from `definitions`, or nil when
    /// all are intact.
    static func problem(in db: Database) throws -> String? {
        let stored = Dictionary(try triggers(in: db).map { ($0.name, $0.sql) }) { first, _ in first }
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

    private static func triggers(in db: Database) throws -> [Definition] {
        try db.statement("""
            SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger' AND tbl_name = 'events' ORDER BY rowid
            """).rows { Definition(name: $0.string(0), sql: $0.string(1)) }
    }
}
