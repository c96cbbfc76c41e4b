extension IndexContentCheck {
    /// The statement that reads a table in its own order, and where in
    /// its rows each index's columns and condition are.
    struct TableScan {
        let sql: String
        /// The primary key columns of a WITHOUT ROWID table, which come
        /// first in each row; empty for a rowid table.
        let keyColumns: [IndexLayout.Column]
        /// For each index, the row's columns that make up its entry.
        let positions: [[Int32]]
        /// For each partial index, the column with its condition's result.
        let conditionColumns: [Int32?]

        init(table: String, indexes: [IndexLayout], primaryKey: IndexLayout?) {
            keyColumns = Array(primaryKey?.columns.prefix(primaryKey?.keyCount ?? 0) ?? [])
            var expressions = keyColumns.map(\.expression)
            for index in indexes {
                for column in index.columns where !expressions.contains(column.expression) {
                    expressions.append(column.expression)
                }
            }
            positions = indexes.map { index in index.columns.map { column in Int32(expressions.firstIndex(of: column.expression)!) } }

            var selectList = expressions
            var conditionColumns: [Int32?] = []
            for index in indexes {
                if let condition = index.condition {
                    conditionColumns.append(Int32(selectList.count))
                    selectList.append("(\(condition))")
                } else {
                    conditionColumns.append(nil)
                }
            }
            self.conditionColumns = conditionColumns

            // NOT INDEXED does not keep SQLite from reading a covering index
            // of a WITHOUT ROWID table, so such a table is named by its
            // primary key's b-tree, which is the table itself.
            let source: String
            let order: String
            if let primaryKey {
                source = "INDEXED BY \(IndexLayout.quoted(primaryKey.name))"
                order = keyColumns.map(\.expression).joined(separator: ", ")
            } else {
                source = "NOT INDEXED"
                order = "_rowid_"
            }
            sql = "SELECT \(selectList.joined(separator: ", ")) FROM \(IndexLayout.quoted(table)) \(source) ORDER BY \(order)"
        }
    }
}
