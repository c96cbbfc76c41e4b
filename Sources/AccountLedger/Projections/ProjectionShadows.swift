/// TEMP copies of projection tables that absorb the writes meant for them,
/// so a rebuild of some projections leaves the others untouched.
///
/// A TEMP table with a projection's name is resolved before the table of
/// `main`, so the rebuild's statements write into the copy unchanged. Use a
/// connection of its own: while the copies exist, every statement on it
/// that names a shadowed projection reads and writes the copy.
struct ProjectionShadows {
    let db: Database

    /// Creates empty temporary copies of the projection tables named.
    func create(_ names: Set<String>) throws {
        for name in names.sorted() {
            guard let sql = try db.scalarString(
                "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?", [.text(name)]),
                let range = sql.range(of: "CREATE TABLE ", options: [.anchored, .caseInsensitive])
            else {
                throw LedgerError.storage(path: db.path, problem: "projection table \(name) is missing or has an unexpected definition")
            }
            try db.execute("CREATE TEMP TABLE " + sql[range.upperBound...])
        }
    }

    /// Drops the temporary copies, so the connection uses the stored tables again.
    func drop() throws {
        for name in ProjectionWriter.names + [AccountSnapshots.table] {
            try db.execute("DROP TABLE IF EXISTS temp.\(name)")
        }
    }
}
