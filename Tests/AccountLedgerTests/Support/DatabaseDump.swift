@testable import AccountLedger

/// Returns every row of every table of the ledger's database as text, in a
/// fixed order, so two dumps are equal exactly when the log and every
/// projection are.
func databaseDump(_ ledger: Ledger) throws -> String {
    try ledger.database.read { db in
        let tables = try db.statement("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .rows { $0.string(0) }
        var text = ""
        for table in tables {
            text += "-- \(table)\n"
            let rows = try db.statement("SELECT * FROM \"\(table)\"").rows { row in
                (0..<row.columnCount).map { "\(row.value($0))" }.joined(separator: " | ")
            }
            text += rows.sorted().joined(separator: "\n") + "\n"
        }
        return text
    }
}
