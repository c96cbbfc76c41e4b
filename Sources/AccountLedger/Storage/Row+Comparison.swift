import CSQLite

/// Byte-exact comparison and hashing of stored rows against expected
/// values, as `verify` needs them.
///
/// Swift's `String ==` and `String.hash(into:)` treat canonically
/// equivalent texts as equal, so a name rewritten from a precomposed "é" to
/// "e" and a combining accent would pass them. SQLite compares text by its
/// bytes, and so does this.
extension Row {
    /// True when the row's columns are exactly `values`, type and bytes.
    func matches(_ values: [SQLiteValue]) -> Bool {
        guard Int(columnCount) == values.count else { return false }
        for (offset, value) in values.enumerated() {
            let column = Int32(offset)
            let type = sqlite3_column_type(statement.handle, column)
            switch value {
            case .null:
                guard type == SQLITE_NULL else { return false }
            case .integer(let number):
                guard type == SQLITE_INTEGER, int64(column) == number else { return false }
            case .real(let number):
                guard type == SQLITE_FLOAT, sqlite3_column_double(statement.handle, column) == number else { return false }
            case .text(var text):
                guard type == SQLITE_TEXT else { return false }
                let stored = textBytes(column)
                guard text.withUTF8({ String.sameBytes($0, stored) }) else { return false }
            case .blob(let bytes):
                guard type == SQLITE_BLOB, blobBytes(column).elementsEqual(bytes) else { return false }
            }
        }
        return true
    }

    /// Feeds the row into `hasher` exactly as `SQLiteValue.combine` feeds
    /// the same values.
    func combine(into hasher: inout Hasher) {
        for offset in 0..<columnCount {
            combine(column: offset, into: &hasher)
        }
    }

    /// Feeds one column into `hasher`, by its type and bytes.
    func combine(column: Int32, into hasher: inout Hasher) {
        switch sqlite3_column_type(statement.handle, column) {
        case SQLITE_INTEGER:
            SQLiteValue.combine(.integer(int64(column)), into: &hasher)
        case SQLITE_FLOAT:
            SQLiteValue.combine(.real(sqlite3_column_double(statement.handle, column)), into: &hasher)
        case SQLITE_TEXT:
            SQLiteValue.combineBytes(tag: 3, UnsafeRawBufferPointer(textBytes(column)), into: &hasher)
        case SQLITE_BLOB:
            SQLiteValue.combineBytes(tag: 4, blobBytes(column), into: &hasher)
        default:
            SQLiteValue.combine(.null, into: &hasher)
        }
    }

    private func textBytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let start = sqlite3_column_text(statement.handle, column)
        return UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(statement.handle, column)))
    }

    private func blobBytes(_ column: Int32) -> UnsafeRawBufferPointer {
        let start = sqlite3_column_blob(statement.handle, column)
        return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(statement.handle, column)))
    }
}

extension SQLiteValue {
    /// Feeds a row of values into `hasher` by type and bytes.
    static func combine(_ values: [SQLiteValue], into hasher: inout Hasher) {
        for value in values {
            combine(value, into: &hasher)
        }
    }

    static func combine(_ value: SQLiteValue, into hasher: inout Hasher) {
        switch value {
        case .null:
            hasher.combine(UInt8(0))
        case .integer(let number):
            hasher.combine(UInt8(1))
            hasher.combine(number)
        case .real(let number):
            hasher.combine(UInt8(2))
            hasher.combine(number.bitPattern)
        case .text(var text):
            text.withUTF8 { combineBytes(tag: 3, UnsafeRawBufferPointer($0), into: &hasher) }
        case .blob(let bytes):
            bytes.withUnsafeBytes { combineBytes(tag: 4, $0, into: &hasher) }
        }
    }

    static func combineBytes(tag: UInt8, _ bytes: UnsafeRawBufferPointer, into hasher: inout Hasher) {
        hasher.combine(tag)
        hasher.combine(bytes.count)
        hasher.combine(bytes: bytes)
    }
}
