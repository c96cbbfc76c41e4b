import AccountLedger

/// Returns every table of the database at `path`, the schema included, with
/// each row rendered as text and sorted. Two snapshots are equal exactly
/// when no table changed.
func databaseSnapshot(path: String) throws -> [String: [String]] {
    let database = try Database(path: path, mode: .readOnly)
    let tables = try database.statement("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .rows { $0.string(0) }
    var snapshot: [String: [String]] = [:]
    snapshot["sqlite_schema"] = try database.statement("SELECT type, name, sql FROM sqlite_schema")
        .rows { "\($0.value(0))|\($0.value(1))|\($0.value(2))" }
        .sorted()
    for table in tables {
        snapshot[table] = try database.statement("SELECT * FROM \"\(table)\"").rows { row in
            (0..<row.columnCount).map { "\(row.value($0))" }.joined(separator: "|")
        }.sorted()
    }
    return snapshot
}
