/// A TEMP table that collects a rebuild's `account_versions` rows, which
/// arrive in log order, so they can be inserted in key order at the end.
///
/// Inserting them in log order writes all over the table's B-tree: at 1M
/// events that took 6.1 s in the sqlite3 shell, against 4.2 s for the stage
/// and one sorted insert. The stage lives in SQLite's temporary storage,
/// a file, so it does not grow the process.
struct VersionStage {
    static let table = "temp.account_versions_stage"

    let db: Database
    let writer: ProjectionTableWriter

    /// Creates the stage and points the writer's version rows at it.
    init(db: Database, writer: ProjectionTableWriter) throws {
        self.db = db
        self.writer = writer
        try db.execute("CREATE TEMP TABLE account_versions_stage AS SELECT * FROM main.account_versions WHERE 0")
        writer.versionTable = Self.table
    }

    /// Moves the staged rows into `account_versions` in key order, and
    /// points the writer back at the projection.
    func moveRows() throws {
        try db.execute("INSERT INTO main.account_versions SELECT * FROM \(Self.table) ORDER BY account_id, version")
        try db.execute("DELETE FROM \(Self.table)")
        writer.versionTable = "account_versions"
    }

    func drop() throws {
        try db.execute("DROP TABLE IF EXISTS \(Self.table)")
    }
}
