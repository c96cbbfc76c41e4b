/// Compares every index of the ledger's tables with its table, the part
/// of SQLite's `integrity_check` that `quick_check` leaves out.
///
/// SQLite's check seeks each index once per table row. At a million
/// events that was about 6 s of CPU time for `credential_changes` alone,
/// whose indexes on accounts and fingerprints are far from the table's
/// order. This check reads the table and then each index once, in the
/// order they are stored. It sums a keyed hash of each entry, on the index
/// side from the entry and on the table side from the row's columns, and
/// compares the sums and counts. It also checks that each index's entries
/// are in order and that a unique key does not repeat, which is what makes
/// a seek find them. The hash is Swift's `Hasher`, seeded at random for
/// each process, so an edit cannot be made to keep the sums equal.
///
/// A difference is no verdict: the caller runs SQLite's full check, whose
/// findings are the ones reported, so that an error in this shortcut can
/// slow `verify` down but never fail a sound file.
struct IndexContentCheck {
    enum Outcome: Equatable {
        case agrees
        /// The first difference found, described for tests and debugging.
        case differs(String)
        /// The schema has an index this check cannot read.
        case notHandled
    }

    let db: Database

    func run() throws -> Outcome {
        let tables = try db.statement("""
            SELECT name, wr FROM pragma_table_list
            WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY name
            """).rows { (name: $0.string(0), isWithoutRowid: $0.int(1) == 1) }
        for table in tables {
            guard let layouts = try IndexLayout.layouts(of: table.name, in: db) else { return .notHandled }
            // The primary key of a WITHOUT ROWID table is the table's own
            // b-tree, so only its order is checked, on the table's scan.
            let primaryKey = table.isWithoutRowid ? layouts.first(where: \.isPrimaryKey)?.layout : nil
            let indexes = layouts.filter { !(table.isWithoutRowid && $0.isPrimaryKey) }.map(\.layout)
            if table.isWithoutRowid && primaryKey == nil {
                return .notHandled
            }
            if indexes.isEmpty && primaryKey == nil {
                continue
            }
            let sums: [Sum]
            switch try scanTable(table.name, indexes: indexes, primaryKey: primaryKey) {
            case .success(let found):
                sums = found
            case .failure(let fault):
                return .differs(fault.description)
            }
            for (index, expected) in zip(indexes, sums) {
                if let difference = try scanIndex(index, of: table.name, expecting: expected) {
                    return .differs(difference)
                }
            }
        }
        return .agrees
    }

    /// The count and the wrapping sum of the hashes of an index's entries.
    struct Sum: Equatable {
        var count = 0
        var hashes = 0

        mutating func add(_ hasher: consuming Hasher) {
            count += 1
            hashes = hashes &+ hasher.finalize()
        }
    }

    private struct OrderFault: Error {
        let description: String
    }

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
            // Without ORDER BY, SQLite may read a covering index instead of
            // the table, even with NOT INDEXED when the table is WITHOUT ROWID.
            let order = keyColumns.isEmpty ? "_rowid_" : keyColumns.map(\.expression).joined(separator: ", ")
            sql = "SELECT \(selectList.joined(separator: ", ")) FROM \(IndexLayout.quoted(table)) NOT INDEXED ORDER BY \(order)"
        }
    }

    /// Reads the table in its own order and returns, for each index, the
    /// sum its entries should have; or the first primary key out of order.
    private func scanTable(_ table: String, indexes: [IndexLayout], primaryKey: IndexLayout?) throws -> Result<[Sum], OrderFault> {
        let scan = TableScan(table: table, indexes: indexes, primaryKey: primaryKey)
        let keyColumns = scan.keyColumns
        let positions = scan.positions
        let conditionColumns = scan.conditionColumns
        var sums = Array(repeating: Sum(), count: indexes.count)
        var previous = IndexRecord()
        var current = IndexRecord()
        var isFirst = true
        var fault: OrderFault?
        try db.statement(scan.sql).forEachRowWhile { row in
            if !keyColumns.isEmpty {
                current.load(row, first: 0, count: keyColumns.count)
                if !isFirst, (IndexRecord.compare(previous, current, columns: keyColumns)?.order ?? 0) >= 0 {
                    fault = OrderFault(description: "table \(table) holds a primary key out of order or twice")
                    return false
                }
                swap(&previous, &current)
                isFirst = false
            }
            for offset in indexes.indices {
                if let flag = conditionColumns[offset], row.int64(flag) != 1 {
                    continue
                }
                var hasher = Hasher()
                for column in positions[offset] {
                    row.combine(column: column, into: &hasher)
                }
                sums[offset].add(hasher)
            }
            return true
        }
        if let fault {
            return .failure(fault)
        }
        return .success(sums)
    }

    /// Reads one index in its own order; returns the first difference from
    /// what the table's scan expects, or nil.
    private func scanIndex(_ index: IndexLayout, of table: String, expecting expected: Sum) throws -> String? {
        // NOTE: SQLite reads a partial index only under a WHERE that implies
        // its condition, so an entry added that fails the condition is not
        // seen. No query through the index could return that entry either.
        let filter = index.condition.map { " WHERE \($0)" } ?? ""
        let sql = "SELECT \(index.columns.map(\.expression).joined(separator: ", ")) FROM \(IndexLayout.quoted(table)) "
            + "INDEXED BY \(IndexLayout.quoted(index.name))\(filter)"
        var sum = Sum()
        var previous = IndexRecord()
        var current = IndexRecord()
        var fault: String?
        try db.statement(sql).forEachRowWhile { row in
            current.load(row, first: 0, count: index.columns.count)
            if sum.count > 0 {
                let comparison = IndexRecord.compare(previous, current, columns: index.columns)
                guard let comparison, comparison.order < 0 else {
                    fault = "index \(index.name) holds an entry out of order after \(sum.count) entries"
                    return false
                }
                let keyRepeats = comparison.column >= index.keyCount
                if index.isUnique, keyRepeats, !current.hasNull(inFirst: index.keyCount) {
                    fault = "unique index \(index.name) holds one key twice after \(sum.count) entries"
                    return false
                }
            }
            var hasher = Hasher()
            for column in 0..<Int32(index.columns.count) {
                row.combine(column: column, into: &hasher)
            }
            sum.add(hasher)
            swap(&previous, &current)
            return true
        }
        if let fault {
            return fault
        }
        guard sum == expected else {
            return "index \(index.name) holds \(sum.count) entries whose contents differ from the \(expected.count) rows of \(table) it indexes"
        }
        return nil
    }
}
