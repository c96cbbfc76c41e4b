import CSQLite

/// One entry of an index as read by a scan, kept so that the next entry
/// can be compared with it. The text of every column shares one byte
/// buffer, which is reused from entry to entry.
struct IndexRecord {
    private var types: [Int32] = []
    private var integers: [Int64] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var bytes: [UInt8] = []

    /// Copies the columns `first..<first + count` of the current row.
    mutating func load(_ row: Row, first: Int32, count: Int) {
        if types.count != count {
            types = Array(repeating: SQLITE_NULL, count: count)
            integers = Array(repeating: 0, count: count)
            starts = Array(repeating: 0, count: count)
            lengths = Array(repeating: 0, count: count)
        }
        bytes.removeAll(keepingCapacity: true)
        let handle = row.statement.handle
        for offset in 0..<count {
            let column = first + Int32(offset)
            let type = sqlite3_column_type(handle, column)
            types[offset] = type
            integers[offset] = type == SQLITE_INTEGER ? sqlite3_column_int64(handle, column) : 0
            starts[offset] = bytes.count
            lengths[offset] = 0
            if type == SQLITE_TEXT || type == SQLITE_BLOB {
                let length = Int(sqlite3_column_bytes(handle, column))
                if length > 0, let start = sqlite3_column_blob(handle, column) {
                    bytes.append(contentsOf: UnsafeRawBufferPointer(start: start, count: length))
                    lengths[offset] = length
                }
            }
        }
    }

    /// True when the record has a NULL among its first `count` columns;
    /// SQLite lets such keys repeat in a unique index.
    func hasNull(inFirst count: Int) -> Bool {
        types.prefix(count).contains(SQLITE_NULL)
    }

    /// Compares two records as SQLite orders index entries, column by
    /// column. Returns the sign of the comparison and the first column
    /// that differs, or nil when the two are equal. A value of a type the
    /// ledger never stores in an index (a REAL) counts as out of order, so
    /// that the caller asks SQLite's own check.
    static func compare(_ left: IndexRecord, _ right: IndexRecord, columns: [IndexLayout.Column]) -> (order: Int, column: Int)? {
        for (offset, column) in columns.enumerated() {
            var order = compareValue(left, right, at: offset, collation: column.collation)
            if column.isDescending {
                order = -order
            }
            if order != 0 {
                return (order, offset)
            }
        }
        return nil
    }

    private static func typeRank(_ type: Int32) -> Int {
        switch type {
        case SQLITE_NULL: return 0
        case SQLITE_INTEGER: return 1
        case SQLITE_TEXT: return 3
        case SQLITE_BLOB: return 4
        default: return 2
        }
    }

    private static func compareValue(_ left: IndexRecord, _ right: IndexRecord, at offset: Int, collation: IndexLayout.Collation) -> Int {
        let leftType = left.types[offset]
        let rightType = right.types[offset]
        if leftType == SQLITE_FLOAT || rightType == SQLITE_FLOAT {
            return 1
        }
        guard leftType == rightType else {
            return typeRank(leftType) < typeRank(rightType) ? -1 : 1
        }
        switch leftType {
        case SQLITE_NULL:
            return 0
        case SQLITE_INTEGER:
            let (a, b) = (left.integers[offset], right.integers[offset])
            return a < b ? -1 : (a == b ? 0 : 1)
        default:
            // BLOBs always compare byte by byte; text by its collation.
            let folds = leftType == SQLITE_TEXT && collation == .noCase
            return compareBytes(left.text(offset), right.text(offset), foldingASCII: folds)
        }
    }

    private func text(_ offset: Int) -> ArraySlice<UInt8> {
        bytes[starts[offset]..<starts[offset] + lengths[offset]]
    }

    private static func compareBytes(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>, foldingASCII: Bool) -> Int {
        for (a, b) in zip(left, right) {
            let x = foldingASCII ? lowerASCII(a) : a
            let y = foldingASCII ? lowerASCII(b) : b
            if x != y {
                return x < y ? -1 : 1
            }
            // SQLite's NOCASE comparison stops at a NUL byte, as C strings
            // end there, and then compares the lengths.
            if foldingASCII && a == 0 {
                break
            }
        }
        return left.count < right.count ? -1 : (left.count == right.count ? 0 : 1)
    }

    private static func lowerASCII(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
