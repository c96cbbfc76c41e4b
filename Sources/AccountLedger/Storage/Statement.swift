import CSQLite

/// A value bound to a statement parameter or read from a column.
public enum SQLiteValue: Equatable, Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A prepared statement that owns its `sqlite3_stmt` and finalizes it when
/// released.
public final class Statement {
    let handle: OpaquePointer
    let sql: String
    private let connection: OpaquePointer

    init(connection: OpaquePointer, sql: String, persistent: Bool) throws {
        var handle: OpaquePointer?
        let flags: UInt32 = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sqlite3_prepare_v3(connection, sql, -1, flags, &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw SQLiteError(code: code, connection: connection, sql: sql)
        }
        self.handle = handle
        self.sql = sql
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Resets the statement and binds `values` to its parameters in order.
    ///
    /// - Throws: `SQLiteError` when the count of values differs from the
    ///   statement's parameter count, or when binding fails.
    public func bind(_ values: [SQLiteValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw SQLiteError(
                code: SQLITE_RANGE,
                message: "statement expects \(expected) arguments, got \(values.count)",
                sql: sql
            )
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .real(let number):
                code = sqlite3_bind_double(handle, index, number)
            case .text(let string):
                code = sqlite3_bind_text(handle, index, string, -1, csqlite_transient())
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(
                        handle, index, buffer.baseAddress, Int32(buffer.count), csqlite_transient())
                }
            }
            try check(code, connection, sql: sql)
        }
    }

    /// Advances to the next row; returns false when the statement is done.
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        default:
            let error = SQLiteError(code: code, connection: connection, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Ends a query early, so it no longer keeps its read position.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Runs the statement to completion, ignoring any rows.
    public func run(_ values: [SQLiteValue] = []) throws {
        try bind(values)
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Runs a query and calls `body` once per row.
    public func forEachRow(_ values: [SQLiteValue] = [], _ body: (Row) throws -> Void) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        let row = Row(statement: self)
        while try step() {
            try body(row)
        }
    }

    /// Runs a query and calls `body` once per row until it returns false,
    /// so a scan whose remaining rows cannot match stops there.
    public func forEachRowWhile(_ values: [SQLiteValue] = [], _ body: (Row) throws -> Bool) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        let row = Row(statement: self)
        while try step() {
            guard try body(row) else { return }
        }
    }

    /// Runs a query and maps every row.
    public func rows<T>(_ values: [SQLiteValue] = [], _ transform: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEachRow(values) { result.append(try transform($0)) }
        return result
    }

    /// Runs a query and maps its first row, if any.
    public func firstRow<T>(_ values: [SQLiteValue] = [], _ transform: (Row) throws -> T) throws -> T? {
        try bind(values)
        defer { sqlite3_reset(handle) }
        guard try step() else { return nil }
        return try transform(Row(statement: self))
    }
}

/// The current row of a statement; valid only inside the callback that
/// receives it.
public struct Row {
    let statement: Statement

    public func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement.handle, column) == SQLITE_NULL
    }

    public func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement.handle, column)
    }

    public func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(statement.handle, column))
    }

    public func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    public func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(statement.handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement.handle, column))
        return String(
            decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Returns the column's text as bytes, as stored, without checking or
    /// repairing it as UTF-8.
    public func bytes(_ column: Int32) -> [UInt8] {
        guard let text = sqlite3_column_text(statement.handle, column) else { return [] }
        return Array(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement.handle, column))))
    }

    public func optionalString(_ column: Int32) -> String? {
        isNull(column) ? nil : string(column)
    }

    /// Returns the column's text, or nil when its bytes are not valid UTF-8,
    /// which `string(_:)` would repair with U+FFFD instead.
    public func validString(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(statement.handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement.handle, column))
        return String(validating: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    public func value(_ column: Int32) -> SQLiteValue {
        switch sqlite3_column_type(statement.handle, column) {
        case SQLITE_INTEGER:
            return .integer(int64(column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(statement.handle, column))
        case SQLITE_TEXT:
            return .text(string(column))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement.handle, column))
            guard count > 0, let bytes = sqlite3_column_blob(statement.handle, column) else {
                return .blob([])
            }
            let buffer = UnsafeRawBufferPointer(start: bytes, count: count)
            return .blob(Array(buffer))
        default:
            return .null
        }
    }

    public var columnCount: Int32 { sqlite3_column_count(statement.handle) }
}
