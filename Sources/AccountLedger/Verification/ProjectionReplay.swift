/// Replays the log into temporary copies of the projection tables and
/// finds the first row where the stored projections differ from the copies.
///
/// The copies are TEMP tables with the same names, which SQLite resolves
/// before the tables of `main`, so `ProjectionWriter`, the code that writes
/// the projections inline, builds them unchanged. The temporary tables live
/// in SQLite's temporary storage, not in memory, so a long log does not
/// grow the process. Use a connection of its own: while the copies exist,
/// every statement on it that names a projection sees the copy.
struct ProjectionReplay {
    /// A projection table and the column that orders its rows by log position.
    struct Table {
        let name: String
        let positionColumn: String
    }

    static let tables = [
        Table(name: "accounts", positionColumn: "last_position"),
        Table(name: "account_versions", positionColumn: "position"),
        Table(name: "credential_changes", positionColumn: "position"),
    ]

    /// A projection row that is missing from, extra in, or different in the
    /// stored table compared with the replay.
    struct Difference: Equatable {
        let table: String
        let accountID: String
        let position: Int64
        /// True when the stored table has the row but the replay does not.
        let isStoredOnly: Bool
    }

    let db: Database

    /// Creates empty temporary copies of the projection tables, or of those named.
    func createCopies(of names: Set<String>? = nil) throws {
        for table in Self.tables where names?.contains(table.name) ?? true {
            guard let sql = try db.scalarString(
                "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?", [.text(table.name)])
            else {
                throw LedgerError.verificationFailed(position: 0, detail: "projection table \(table.name) is missing")
            }
            guard let range = sql.range(of: "CREATE TABLE ", options: [.anchored, .caseInsensitive]) else {
                throw LedgerError.verificationFailed(
                    position: 0, detail: "projection table \(table.name) has an unexpected definition")
            }
            try db.execute("CREATE TEMP TABLE " + sql[range.upperBound...])
        }
    }

    /// Drops the temporary copies, so the connection sees the stored tables again.
    func dropCopies() throws {
        for table in Self.tables {
            try db.execute("DROP TABLE IF EXISTS temp.\(table.name)")
        }
    }

    /// Returns the first difference, by log position, between the stored
    /// projections and the replayed copies; nil when they are equal.
    func firstDifference() throws -> Difference? {
        var first: Difference?
        for table in Self.tables {
            for (from, to, isStoredOnly) in [("main", "temp", true), ("temp", "main", false)] {
                let sql = """
                    SELECT account_id, \(table.positionColumn) FROM (
                        SELECT * FROM \(from).\(table.name) EXCEPT SELECT * FROM \(to).\(table.name))
                    ORDER BY \(table.positionColumn) LIMIT 1
                    """
                let found = try db.statement(sql).firstRow {
                    Difference(table: table.name, accountID: $0.string(0), position: $0.int64(1), isStoredOnly: isStoredOnly)
                }
                if let found, found.position < first?.position ?? .max {
                    first = found
                }
            }
        }
        return first
    }
}

import Foundation
