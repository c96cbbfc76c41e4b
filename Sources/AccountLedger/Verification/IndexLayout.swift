import Foundation

/// The shape of one index as `IndexContentCheck` reads it: its columns in
/// the order of its b-tree, the collation of each, and the condition of a
/// partial index. Read from SQLite's `index_list` and `index_xinfo` pragmas.
struct IndexLayout {
    /// The order SQLite gives the text of a column.
    enum Collation {
        /// Byte by byte, the shorter text first when one is a prefix.
        case binary
        /// As binary, after folding ASCII A-Z to a-z.
        case noCase
    }

    struct Column {
        /// The column as a select list names it: quoted, or `_rowid_`.
        let expression: String
        let collation: Collation
        let isDescending: Bool
    }

    let name: String
    /// Key columns first, then the rowid or the primary key columns that
    /// make each entry unique.
    let columns: [Column]
    let keyCount: Int
    let isUnique: Bool
    /// The WHERE clause of a partial index, as written in its SQL.
    let condition: String?

    /// Reads the layout of every index of `table`. Returns nil when an
    /// index has a part this check does not handle (an expression, another
    /// collation, a condition it cannot find), so that the caller runs
    /// SQLite's own check instead.
    static func layouts(of table: String, in db: Database) throws -> [(layout: IndexLayout, isPrimaryKey: Bool)]? {
        let list = try db.statement("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)")
            .rows([.text(table)]) { (name: $0.string(0), isUnique: $0.int(1) == 1, origin: $0.string(2), isPartial: $0.int(3) == 1) }
        var layouts: [(layout: IndexLayout, isPrimaryKey: Bool)] = []
        for index in list {
            let condition: String?
            if index.isPartial {
                let sql = try db.scalarString("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?", [.text(index.name)]) ?? ""
                guard let found = partialCondition(sql) else { return nil }
                condition = found
            } else {
                condition = nil
            }
            let rows = try db.statement("SELECT cid, name, \"desc\", coll, \"key\" FROM pragma_index_xinfo(?) ORDER BY seqno")
                .rows([.text(index.name)]) {
                    (cid: $0.int(0), name: $0.optionalString(1), isDescending: $0.int(2) == 1, collation: $0.string(3), isKey: $0.int(4) == 1)
                }
            var columns: [Column] = []
            for row in rows {
                let collation: Collation
                switch row.collation.uppercased() {
                case "BINARY": collation = .binary
                case "NOCASE": collation = .noCase
                default: return nil
                }
                let expression: String
                if row.cid == -1 {
                    expression = "_rowid_"
                } else if row.cid >= 0, let name = row.name {
                    expression = quoted(name)
                } else {
                    return nil
                }
                columns.append(Column(expression: expression, collation: collation, isDescending: row.isDescending))
            }
            let layout = IndexLayout(
                name: index.name, columns: columns, keyCount: rows.filter(\.isKey).count,
                isUnique: index.isUnique, condition: condition)
            layouts.append((layout, index.origin == "pk"))
        }
        return layouts
    }

    /// Returns the text after the last WHERE of a CREATE INDEX statement.
    /// A partial index of this schema tests plain columns, so no WHERE can
    /// hide in a string or a subquery of its condition.
    static func partialCondition(_ sql: String) -> String? {
        guard let range = sql.range(of: "WHERE", options: [.caseInsensitive, .backwards]) else { return nil }
        let condition = sql[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        return condition.isEmpty ? nil : condition
    }

    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
