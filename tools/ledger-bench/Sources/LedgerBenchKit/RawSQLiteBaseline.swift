import CSQLite
import Foundation

/// The raw-SQLite baseline: the ledger's own event rows, read back from a
/// ledger file and inserted through the SQLite C API into a table created
/// by the ledger's own statement. The transactions have the same sizes and the pragmas are the
/// same (WAL, `synchronous=FULL`), but there are no projections, triggers or
/// hashing.
///
/// It is the fastest the ledger could append with its durability settings,
/// so the ledger's batched rate is reported as a fraction of it.
public struct RawSQLiteBaseline {
    /// One `events` row, every column as the ledger stored it.
    struct EventRow {
        var position: Int64
        var accountID: String
        var version: Int64
        var type: String
        var schemaVersion: Int64
        var occurredAt: Int64
        var recordedAt: Int64
        var actor: String
        var reason: String?
        var correlationID: String
        var idempotencyKey: String?
        var payload: String
        var previousHash: String
        var hash: String
    }

    public enum Failure: Error, CustomStringConvertible {
        case sqlite(String)

        public var description: String {
            switch self {
            case .sqlite(let message): return "raw SQLite baseline: \(message)"
            }
        }
    }

    static let columns = """
        position, account_id, version, type, schema_version, occurred_at, recorded_at, actor, reason,
        correlation_id, idempotency_key, payload, prev_hash, hash
        """

    let rows: [EventRow]
    /// The ledger's own `CREATE TABLE events` statement, so the baseline's
    /// table has exactly its columns, types and constraints.
    let createTable: String

    /// Reads every event row of the ledger at `ledgerPath` into memory, so
    /// the timed inserts read nothing.
    public init(readingLedgerAt ledgerPath: String) throws {
        let connection = try Self.open(ledgerPath, flags: SQLITE_OPEN_READONLY)
        defer { sqlite3_close_v2(connection) }
        let schema = try Self.prepare(connection, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'events'")
        defer { sqlite3_finalize(schema) }
        guard sqlite3_step(schema) == SQLITE_ROW, let createTable = Self.text(schema, 0) else {
            throw Failure.sqlite("\(ledgerPath) has no events table")
        }
        self.createTable = createTable
        let statement = try Self.prepare(connection, "SELECT \(Self.columns) FROM events ORDER BY position")
        defer { sqlite3_finalize(statement) }
        var rows: [EventRow] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            rows.append(EventRow(
                position: sqlite3_column_int64(statement, 0),
                accountID: Self.text(statement, 1)!,
                version: sqlite3_column_int64(statement, 2),
                type: Self.text(statement, 3)!,
                schemaVersion: sqlite3_column_int64(statement, 4),
                occurredAt: sqlite3_column_int64(statement, 5),
                recordedAt: sqlite3_column_int64(statement, 6),
                actor: Self.text(statement, 7)!,
                reason: Self.text(statement, 8),
                correlationID: Self.text(statement, 9)!,
                idempotencyKey: Self.text(statement, 10),
                payload: Self.text(statement, 11)!,
                previousHash: Self.text(statement, 12)!,
                hash: Self.text(statement, 13)!))
        }
        self.rows = rows
    }

    /// The number of rows read.
    public var rowCount: Int { rows.count }

    /// Inserts the rows into a new database at `path`, committing after each
    /// count of `batchSizes` in turn, and returns the seconds each batch took.
    public func insert(into path: String, batchSizes: [Int]) throws -> [Double] {
        precondition(batchSizes.reduce(0, +) == rows.count, "batches must cover every row")
        let connection = try Self.open(path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        defer { sqlite3_close_v2(connection) }
        try Self.execute(connection, "PRAGMA journal_mode = WAL")
        try Self.execute(connection, "PRAGMA synchronous = FULL")
        try Self.execute(connection, createTable)
        let statement = try Self.prepare(
            connection, "INSERT INTO events (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        defer { sqlite3_finalize(statement) }

        var durations: [Double] = []
        var next = 0
        for size in batchSizes {
            let start = monotonicSeconds()
            try Self.execute(connection, "BEGIN IMMEDIATE")
            for row in rows[next..<next + size] {
                try insert(row, with: statement, connection: connection)
            }
            try Self.execute(connection, "COMMIT")
            durations.append(monotonicSeconds() - start)
            next += size
        }
        return durations
    }

    /// Writes the rows as JSON lines for the Python baseline: the account,
    /// type and payload of each event, and the number of the transaction it
    /// belongs to, one group per count of `groupSizes`, starting at row `from`.
    public func writeJSONLines(to path: String, from start: Int, groupSizes: [Int]) throws {
        var text = ""
        var next = start
        for (group, size) in groupSizes.enumerated() {
            for row in rows[next..<next + size] {
                // Account ids and type names are plain identifiers, and the
                // payload is already canonical JSON, so nothing needs escaping.
                text += "{\"group\":\(group),\"account\":\"\(row.accountID)\",\"type\":\"\(row.type)\","
                text += "\"payload\":\(row.payload)}\n"
            }
            next += size
        }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    private func insert(_ row: EventRow, with statement: OpaquePointer, connection: OpaquePointer) throws {
        sqlite3_reset(statement)
        sqlite3_bind_int64(statement, 1, row.position)
        Self.bind(statement, 2, row.accountID)
        sqlite3_bind_int64(statement, 3, row.version)
        Self.bind(statement, 4, row.type)
        sqlite3_bind_int64(statement, 5, row.schemaVersion)
        sqlite3_bind_int64(statement, 6, row.occurredAt)
        sqlite3_bind_int64(statement, 7, row.recordedAt)
        Self.bind(statement, 8, row.actor)
        Self.bind(statement, 9, row.reason)
        Self.bind(statement, 10, row.correlationID)
        Self.bind(statement, 11, row.idempotencyKey)
        Self.bind(statement, 12, row.payload)
        Self.bind(statement, 13, row.previousHash)
        Self.bind(statement, 14, row.hash)
        guard sqlite3_step(statement) == SQLITE_DONE else {
            throw Failure.sqlite(String(cString: sqlite3_errmsg(connection)))
        }
    }

    // MARK: - C API helpers

    private static func bind(_ statement: OpaquePointer, _ index: Int32, _ value: String?) {
        guard let value else {
            sqlite3_bind_null(statement, index)
            return
        }
        sqlite3_bind_text(statement, index, value, -1, csqlite_transient())
    }

    private static func text(_ statement: OpaquePointer, _ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: bytes)
    }

    private static func open(_ path: String, flags: Int32) throws -> OpaquePointer {
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            sqlite3_close_v2(connection)
            throw Failure.sqlite("cannot open \(path): \(String(cString: sqlite3_errstr(code)))")
        }
        return connection
    }

    private static func prepare(_ connection: OpaquePointer, _ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw Failure.sqlite(String(cString: sqlite3_errmsg(connection)))
        }
        return statement
    }

    private static func execute(_ connection: OpaquePointer, _ sql: String) throws {
        guard sqlite3_exec(connection, sql, nil, nil, nil) == SQLITE_OK else {
            throw Failure.sqlite(String(cString: sqlite3_errmsg(connection)))
        }
    }
}
