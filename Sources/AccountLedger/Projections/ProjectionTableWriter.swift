/// Inserts the rows of a `ProjectionRowReplay` into the projection tables,
/// for a rebuild.
final class ProjectionTableWriter: ProjectionRowSink {
    let db: Database

    init(db: Database) {
        self.db = db
    }

    func account(_ row: [SQLiteValue], state: AccountState) throws {
        try db.run(ProjectionRows.upsertAccountSQL, row)
    }

    func version(_ row: [SQLiteValue], accountID: String) throws {
        try db.run(ProjectionRows.insertVersionSQL, row)
    }

    func closeVersion(accountID: String, version: Int, validTo: Int64) throws {
        try db.run(ProjectionRows.closeVersionSQL, [.integer(validTo), .text(accountID), .integer(Int64(version))])
    }

    func audit(_ row: [SQLiteValue]) throws {
        try db.run(ProjectionRows.insertAuditSQL, row)
    }
}
