@testable import AccountLedger
import Foundation
import Testing

/// The comparison of every index with its table by two ordered scans,
/// which `verify` runs instead of SQLite's full integrity check. The faults
/// are made in small databases of their own by rewriting an index's SQL
/// under `PRAGMA writable_schema`, so SQLite reads the old b-tree with a
/// new meaning.
@Suite struct IndexContentCheckTests {
    /// A new SQLite file in a folder of its own, removed with the value.
    private final class ScratchDatabase {
        let folder: URL
        let path: String

        init(_ sql: String) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("index-check-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = folder.appendingPathComponent("scratch.sqlite").path
            try Database(path: path, mode: .create).execute(sql)
        }

        deinit {
            try? FileManager.default.removeItem(at: folder)
        }

        /// Replaces the stored SQL of `index` and returns the check's outcome
        /// on a new connection, which parses the schema again.
        func outcome(rewriting index: String? = nil, as sql: String? = nil) throws -> IndexContentCheck.Outcome {
            if let index, let sql {
                try Database(path: path, mode: .readWrite).execute("""
                    PRAGMA writable_schema = ON;
                    UPDATE sqlite_schema SET sql = '\(sql)' WHERE name = '\(index)';
                    """)
            }
            return try IndexContentCheck(db: Database(path: path, mode: .readOnly)).run()
        }
    }

    private func differs(_ outcome: IndexContentCheck.Outcome, containing text: String) -> Bool {
        guard case .differs(let description) = outcome else { return false }
        return description.contains(text)
    }

    @Test func ledgerWithHistoryAgrees() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(secretKey: "first"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(s3Connect(name: "b staging", secretKey: "second"), accountID: "a2", context: context(at: "2026-01-02T00:00:00Z"))
        try fixture.ledger.save(
            .edit(EditRequest(secrets: ["secretKey": Secret("third")])), accountID: "a1", context: context(at: "2026-01-03T00:00:00Z"))

        #expect(try IndexContentCheck(db: fixture.ledger.database).run() == .agrees)
    }

    /// A scan that read a covering index in place of its table would compare
    /// the index with itself and find nothing.
    @Test func tableScansReadTheTables() throws {
        let fixture = try TemporaryLedger()
        let db = fixture.ledger.database
        let tables = try db.statement("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite%'")
            .rows { (name: $0.string(0), isWithoutRowid: $0.int(1) == 1) }
        #expect(tables.count >= 9)
        for table in tables {
            let layouts = try #require(try IndexLayout.layouts(of: table.name, in: db))
            let primaryKey = table.isWithoutRowid ? layouts.first(where: \.isPrimaryKey)?.layout : nil
            let indexes = layouts.filter { !(table.isWithoutRowid && $0.isPrimaryKey) }.map(\.layout)
            guard !indexes.isEmpty || primaryKey != nil else { continue }
            let scan = IndexContentCheck.TableScan(table: table.name, indexes: indexes, primaryKey: primaryKey)
            let plan = try db.statement("EXPLAIN QUERY PLAN " + scan.sql).rows { $0.string(3) }
            #expect(plan == ["SCAN \(table.name)"], "\(table.name): \(plan)")
        }
    }

    @Test func noCaseIndexAgrees() throws {
        let scratch = try ScratchDatabase("""
            CREATE TABLE t (k TEXT NOT NULL) STRICT;
            CREATE INDEX t_by_k ON t (k COLLATE NOCASE);
            INSERT INTO t VALUES ('a'), ('B'), ('c');
            """)
        #expect(try scratch.outcome() == .agrees)
    }

    @Test func entriesOutOfOrderDiffer() throws {
        let scratch = try ScratchDatabase("""
            CREATE TABLE t (k TEXT NOT NULL) STRICT;
            CREATE INDEX t_by_k ON t (k COLLATE NOCASE);
            INSERT INTO t VALUES ('a'), ('B');
            """)
        let outcome = try scratch.outcome(rewriting: "t_by_k", as: "CREATE INDEX t_by_k ON t (k)")
        #expect(differs(outcome, containing: "index t_by_k has an entry out of order"), "\(outcome)")
    }

    @Test func repeatedUniqueKeyDiffers() throws {
        let scratch = try ScratchDatabase("""
            CREATE TABLE t (n INTEGER NOT NULL) STRICT;
            CREATE INDEX t_by_n ON t (n);
            INSERT INTO t VALUES (1), (1);
            """)
        let outcome = try scratch.outcome(rewriting: "t_by_n", as: "CREATE UNIQUE INDEX t_by_n ON t (n)")
        #expect(differs(outcome, containing: "unique index t_by_n has one key twice"), "\(outcome)")
    }

    @Test func entriesOfAnotherColumnDiffer() throws {
        let scratch = try ScratchDatabase("""
            CREATE TABLE t (k TEXT NOT NULL, n INTEGER NOT NULL) STRICT;
            CREATE INDEX t_by_n ON t (n);
            INSERT INTO t VALUES ('x', 1), ('y', 2);
            """)
        let outcome = try scratch.outcome(rewriting: "t_by_n", as: "CREATE INDEX t_by_n ON t (k)")
        #expect(differs(outcome, containing: "index t_by_n has 2 entries whose contents differ from the 2 rows of t"), "\(outcome)")
    }

    @Test func primaryKeyOutOfOrderDiffers() throws {
        let scratch = try ScratchDatabase("""
            CREATE TABLE w (k TEXT PRIMARY KEY COLLATE NOCASE, v INTEGER) STRICT, WITHOUT ROWID;
            INSERT INTO w VALUES ('a', 1), ('B', 2);
            """)
        let outcome = try scratch.outcome(
            rewriting: "w", as: "CREATE TABLE w (k TEXT PRIMARY KEY, v INTEGER) STRICT, WITHOUT ROWID")
        #expect(differs(outcome, containing: "table w has a primary key out of order"), "\(outcome)")
    }

    @Test func partialIndexSkipsRowsOutsideItsCondition() throws {
        let scratch = try ScratchDatabase("""
            CREATE TABLE t (n INTEGER) STRICT;
            CREATE INDEX t_by_n ON t (n) WHERE n IS NOT NULL;
            INSERT INTO t VALUES (1), (NULL), (2);
            """)
        #expect(try scratch.outcome() == .agrees)
    }

    @Test func expressionIndexIsLeftToSQLite() throws {
        let scratch = try ScratchDatabase("""
            CREATE TABLE t (k TEXT NOT NULL) STRICT;
            CREATE INDEX t_by_lower_k ON t (lower(k));
            INSERT INTO t VALUES ('a');
            """)
        #expect(try scratch.outcome() == .notHandled)
    }

    /// The WHERE clause that SQLite needs to read a partial index skipped
    /// an entry added outside the index's condition.
    @Test func partialIndexEntryOutsideConditionDiffers() throws {
        let scratch = try ScratchDatabase("""
            CREATE TABLE t (n INTEGER) STRICT;
            CREATE INDEX t_by_n ON t (n);
            INSERT INTO t VALUES (1), (NULL);
            """)
        let outcome = try scratch.outcome(rewriting: "t_by_n", as: "CREATE INDEX t_by_n ON t (n) WHERE n IS NOT NULL")
        #expect(differs(outcome, containing: "partial index t_by_n has 2 entries, 1 of them outside its condition"), "\(outcome)")
    }

    @Test func uniqueKeyWithNullsMayRepeat() throws {
        let scratch = try ScratchDatabase("""
            CREATE TABLE t (a INTEGER, b INTEGER) STRICT;
            CREATE UNIQUE INDEX t_by_ab ON t (a, b);
            INSERT INTO t VALUES (1, NULL), (1, NULL);
            """)
        #expect(try scratch.outcome() == .agrees)
    }

    @Test func primaryKeyTwiceDiffers() throws {
        let scratch = try ScratchDatabase("""
            CREATE TABLE w (k TEXT PRIMARY KEY, v INTEGER) STRICT, WITHOUT ROWID;
            INSERT INTO w VALUES ('A', 1), ('a', 2);
            """)
        let outcome = try scratch.outcome(
            rewriting: "w", as: "CREATE TABLE w (k TEXT PRIMARY KEY COLLATE NOCASE, v INTEGER) STRICT, WITHOUT ROWID")
        #expect(differs(outcome, containing: "table w has a primary key out of order or twice"), "\(outcome)")
    }

    /// SQLite's NOCASE comparison ends at a NUL byte, so "a\0z" and "a\0b"
    /// are in order either way round, as long as the lengths are.
    @Test func noCaseComparisonStopsAtNul() throws {
        let scratch = try ScratchDatabase("""
            CREATE TABLE t (k TEXT NOT NULL) STRICT;
            CREATE INDEX t_by_k ON t (k COLLATE NOCASE);
            INSERT INTO t VALUES ('a' || char(0) || 'z'), ('a' || char(0) || 'b' || 'c'), ('b');
            """)
        #expect(try scratch.outcome() == .agrees)
    }

    /// Statistics in `sqlite_stat1` made SQLite read the covering index of
    /// `account_versions` for the table's side as well, and a stale entry
    /// went unseen.
    @Test func forgedStatisticsStillReadTheTable() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(secretKey: "first"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try Database(path: fixture.path, mode: .readWrite).execute("""
            ANALYZE;
            UPDATE sqlite_stat1 SET stat = '1000 1 1 sz=10000' WHERE idx = 'account_versions';
            UPDATE sqlite_stat1 SET stat = '10 2 1 1 1 1 1 1 1 1 1 1 sz=1' WHERE idx = 'account_versions_at_time';
            """)
        let db = try Database(path: fixture.path, mode: .readOnly)
        let layouts = try #require(try IndexLayout.layouts(of: "account_versions", in: db))
        let scan = IndexContentCheck.TableScan(
            table: "account_versions", indexes: layouts.filter { !$0.isPrimaryKey }.map(\.layout),
            primaryKey: layouts.first(where: \.isPrimaryKey)?.layout)

        #expect(try db.statement("EXPLAIN QUERY PLAN " + scan.sql).rows { $0.string(3) } == ["SCAN account_versions"])
        #expect(try IndexContentCheck(db: db).run() == .agrees)
    }
}

