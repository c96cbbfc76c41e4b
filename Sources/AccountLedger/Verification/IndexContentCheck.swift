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
/// a seek find them. Each hash starts with a salt drawn at random for each
/// check, so an edit cannot be made to keep the sums equal, even where
/// `SWIFT_DETERMINISTIC_HASHING` fixes `Hasher`'s own seed.
///
/// Every statement's query plan is checked before it runs: statistics in
/// `sqlite_stat1`, which anyone who can edit the file can write, could
/// otherwise make SQLite read a covering index for the table's side too,
/// and the comparison would find nothing.
///
/// A difference is no verdict: the caller runs SQLite's full check, whose
/// findings are the ones reported. So an error in this shortcut makes
/// `verify` slower, not wrong.
struct IndexContentCheck {
    enum Outcome: Equatable {
        case agrees
        /// The first difference found, described for tests and debugging.
        case differs(String)
        /// The schema has an index this check cannot read, or SQLite plans
        /// to read a statement's rows another way than the check needs.
        case notHandled
    }

    let db: Database
    private let salt = (UInt64.random(in: .min ... .max), UInt64.random(in: .min ... .max))

    init(db: Database) {
        self.db = db
    }

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
            let scan = TableScan(table: table.name, indexes: indexes, primaryKey: primaryKey)
            guard try plan(of: scan.sql) == ["SCAN \(table.name)"] else { return .notHandled }
            let sums: [Sum]
            switch try scanTable(scan, named: table.name, indexes: indexes) {
            case .success(let found):
                sums = found
            case .failure(let fault):
                return .differs(fault.description)
            }
            for (index, expected) in zip(indexes, sums) {
                let sql = Self.indexScanSQL(index, of: table.name)
                guard try readsOnlyIndex(plan(of: sql), index.name) else { return .notHandled }
                if let difference = try scanIndex(index, sql: sql, of: table.name, expecting: expected) {
                    return .differs(difference)
                }
            }
        }
        return .agrees
    }

    /// Returns the steps of SQLite's plan for `sql`, as `EXPLAIN QUERY
    /// PLAN` words them.
    func plan(of sql: String) throws -> [String] {
        try db.statement("EXPLAIN QUERY PLAN " + sql).rows { $0.string(3) }
    }

    /// True when a plan reads `index` alone, in one step: a full scan, or a
    /// range for a partial index's condition.
    private func readsOnlyIndex(_ steps: [String], _ index: String) -> Bool {
        guard steps.count == 1 else { return false }
        return steps[0].hasSuffix("USING COVERING INDEX \(index)") || steps[0].contains("USING COVERING INDEX \(index) (")
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

    private func saltedHasher() -> Hasher {
        var hasher = Hasher()
        hasher.combine(salt.0)
        hasher.combine(salt.1)
        return hasher
    }

    private struct OrderFault: Error {
        let description: String
    }

    /// Reads the table in its own order and returns, for each index, the
    /// sum its entries should have. Returns the first primary key out of
    /// order instead, when there is one.
    private func scanTable(_ scan: TableScan, named table: String, indexes: [IndexLayout]) throws -> Result<[Sum], OrderFault> {
        let keyColumns = scan.keyColumns
        var sums = Array(repeating: Sum(), count: indexes.count)
        var previous = IndexRecord()
        var current = IndexRecord()
        var isFirst = true
        var fault: OrderFault?

        try db.statement(scan.sql).forEachRowWhile { row in
            if !keyColumns.isEmpty {
                current.load(row, first: 0, count: keyColumns.count)
                if !isFirst, (IndexRecord.compare(previous, current, columns: keyColumns)?.order ?? 0) >= 0 {
                    fault = OrderFault(description: "table \(table) has a primary key out of order or twice")
                    return false
                }
                swap(&previous, &current)
                isFirst = false
            }
            for offset in indexes.indices {
                if let flag = scan.conditionColumns[offset], row.int64(flag) != 1 {
                    continue
                }
                var hasher = saltedHasher()
                for column in scan.positions[offset] {
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

    /// Returns the statement that reads every entry of `index` in its own order.
    /// SQLite reads a partial index only under a WHERE clause that implies
    /// its condition, so that clause is added.
    static func indexScanSQL(_ index: IndexLayout, of table: String) -> String {
        let filter = index.condition.map { " WHERE \($0)" } ?? ""
        return "SELECT \(index.columns.map(\.expression).joined(separator: ", ")) FROM \(IndexLayout.quoted(table)) "
            + "INDEXED BY \(IndexLayout.quoted(index.name))\(filter)"
    }

    /// Reads one index in its own order; returns the first difference from
    /// what the table's scan expects, or nil.
    private func scanIndex(_ index: IndexLayout, sql: String, of table: String, expecting expected: Sum) throws -> String? {
        var sum = Sum()
        var previous = IndexRecord()
        var current = IndexRecord()
        var fault: String?

        try db.statement(sql).forEachRowWhile { row in
            current.load(row, first: 0, count: index.columns.count)
            if sum.count > 0 {
                let comparison = IndexRecord.compare(previous, current, columns: index.columns)
                guard let comparison, comparison.order < 0 else {
                    fault = "index \(index.name) has an entry out of order after \(sum.count) entries"
                    return false
                }
                let keyRepeats = comparison.column >= index.keyCount
                if index.isUnique, keyRepeats, !current.hasNull(inFirst: index.keyCount) {
                    fault = "unique index \(index.name) has one key twice after \(sum.count) entries"
                    return false
                }
            }
            var hasher = saltedHasher()
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
            return "index \(index.name) has \(sum.count) entries whose contents differ from the \(expected.count) rows of \(table) it indexes"
        }
        // The WHERE clause hides entries that fail the index's condition,
        // so the b-tree's own count of cells must match as well. In an
        // index b-tree every cell, interior ones too, is an entry. A SQLite
        // built without the dbstat table fails here, and the full check runs.
        if index.condition != nil {
            let cells = try db.scalarInt("SELECT ncell FROM dbstat('main', 1) WHERE name = ?", [.text(index.name)]) ?? 0
            if cells != Int64(sum.count) {
                return "partial index \(index.name) has \(cells) entries, \(cells - Int64(sum.count)) of them outside its condition"
            }
        }
        return nil
    }
}
