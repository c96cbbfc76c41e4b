/// Inserts the rows of a `ProjectionRowReplay` into the projection tables,
/// for a rebuild, or collects them to be inserted later by another thread.
///
/// It is `@unchecked Sendable` because `FoldPipeline` hands it between two
/// threads: the fold thread only collects rows, and the calling thread
/// writes them only after waiting for that batch.
final class ProjectionTableWriter: ProjectionRowSink, @unchecked Sendable {
    /// Rows collected while the writer does not write.
    struct Rows: Sendable {
        var accounts: [[SQLiteValue]] = []
        var versions: [[SQLiteValue]] = []
        var closedVersions: [(accountID: String, version: Int, validTo: Int64)] = []
        var audits: [[SQLiteValue]] = []
        var snapshots: [[SQLiteValue]] = []
    }

    let db: Database
    /// The table version rows go into, a staging table while they are
    /// inserted out of key order.
    var versionTable = "account_versions"
    /// Whether rows are collected in `collected` instead of written.
    var collects = false
    private(set) var collected = Rows()

    init(db: Database) {
        self.db = db
    }

    func account(_ row: [SQLiteValue], state: AccountState) throws {
        guard !collects else { return collected.accounts.append(row) }
        try db.run(ProjectionRows.upsertAccountSQL, row)
    }

    func version(_ row: [SQLiteValue], accountID: String) throws {
        guard !collects else { return collected.versions.append(row) }
        try db.run(ProjectionRows.insertVersionSQL(into: versionTable), row)
    }

    func closeVersion(accountID: String, version: Int, validTo: Int64) throws {
        guard !collects else { return collected.closedVersions.append((accountID, version, validTo)) }
        try db.run(ProjectionRows.closeVersionSQL(in: versionTable), [.integer(validTo), .text(accountID), .integer(Int64(version))])
    }

    func audit(_ row: [SQLiteValue]) throws {
        guard !collects else { return collected.audits.append(row) }
        try db.run(ProjectionRows.insertAuditSQL, row)
    }

    func snapshot(_ row: [SQLiteValue]) throws {
        guard !collects else { return collected.snapshots.append(row) }
        try db.run(AccountSnapshots.insertSQL, row)
    }

    /// Returns the rows collected so far and starts a new collection.
    func takeCollected() -> Rows {
        defer { collected = Rows() }
        return collected
    }

    /// Writes rows collected earlier, in the order they were produced.
    func write(_ rows: Rows) throws {
        for row in rows.audits {
            try db.run(ProjectionRows.insertAuditSQL, row)
        }
        for row in rows.versions {
            try db.run(ProjectionRows.insertVersionSQL(into: versionTable), row)
        }
        for closed in rows.closedVersions {
            try db.run(
                ProjectionRows.closeVersionSQL(in: versionTable),
                [.integer(closed.validTo), .text(closed.accountID), .integer(Int64(closed.version))])
        }
        for row in rows.accounts {
            try db.run(ProjectionRows.upsertAccountSQL, row)
        }
        for row in rows.snapshots {
            try db.run(AccountSnapshots.insertSQL, row)
        }
    }
}
