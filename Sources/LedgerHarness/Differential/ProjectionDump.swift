import AccountLedger
import Foundation

/// Every row of every projection table, as SQL literals in primary-key
/// order, so two ledgers' projections can be compared row for row.
public struct ProjectionDump: Equatable, CustomStringConvertible, Sendable {
    public static let tables = [
        ("accounts", "account_id"),
        ("account_versions", "account_id, version"),
        ("credential_changes", "position, sequence"),
        ("projection_checkpoints", "projection"),
    ]

    public var rows: [String: [String]] = [:]

    public init(path: String) throws {
        let database = try Database(path: path, mode: .readOnly)
        for (table, key) in Self.tables {
            let columns = try database.statement("SELECT name FROM pragma_table_info(?) ORDER BY cid")
                .rows([.text(table)]) { $0.string(0) }
            let row = columns.map { "quote(\($0))" }.joined(separator: " || '|' || ")
            rows[table] = try database.statement("SELECT \(row) FROM \(table) ORDER BY \(key)").rows { $0.string(0) }
        }
    }

    public var description: String {
        Self.tables.map { table, _ in "\(table): \(rows[table]?.count ?? 0) rows" }.joined(separator: ", ")
    }
}
