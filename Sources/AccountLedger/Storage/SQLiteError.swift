#if canImport(Glibc)
import Glibc
#endif
import CSQLite

/// A failure reported by SQLite, with the extended result code and the SQL
/// that failed.
///
/// Bound values never appear in the description, so a secret passed as a
/// parameter cannot leak through an error message.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The extended result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_UNIQUE`, ...).
    public let extendedCode: Int32
    /// SQLite's own message for the failure.
    public let message: String
    /// The statement text, without bound values.
    public let sql: String?
    /// The `errno` behind an I/O failure: `sqlite3_system_errno`, or the
    /// `errno` that the failed call left when that is 0. SQLite 3.40.1 sets
    /// `sqlite3_system_errno` for a write that fails inside a statement, but
    /// not for one at COMMIT, where WAL mode does most of its writes. There
    /// `errno` still contains the failed write's code. Only meaningful for
    /// `SQLITE_IOERR` and `SQLITE_CANTOPEN`, because for other codes it may
    /// be stale.
    public let systemErrorCode: Int32

    /// The primary result code: the low byte of the extended code.
    public var primaryCode: Int32 { extendedCode & 0xFF }

    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }
    public var isConstraint: Bool { primaryCode == SQLITE_CONSTRAINT }
    public var isReadOnly: Bool { primaryCode == SQLITE_READONLY }
    public var isFull: Bool { primaryCode == SQLITE_FULL }
    public var isNotADatabase: Bool { primaryCode == SQLITE_NOTADB }
    public var isCorrupt: Bool { primaryCode == SQLITE_CORRUPT }
    public var isCannotOpen: Bool { primaryCode == SQLITE_CANTOPEN }
    /// A read-only open of a WAL database whose folder cannot be written,
    /// so SQLite cannot create the -shm file. Swift does not import the C
    /// macro `SQLITE_READONLY_DIRECTORY`, so its value is spelled out.
    public var isReadOnlyFolder: Bool { extendedCode == SQLITE_READONLY | (6 << 8) }
    /// A read-only connection that found a hot journal it must roll back
    /// (`SQLITE_READONLY_ROLLBACK`, spelled out for the same reason).
    public var isReadOnlyRollback: Bool { extendedCode == SQLITE_READONLY | (3 << 8) }
    /// A write past the file size limit (`ulimit -f`, or the largest file
    /// the file system allows), which SQLite reports as a plain I/O error.
    public var isFileTooLarge: Bool { primaryCode == SQLITE_IOERR && systemErrorCode == EFBIG }

    /// The step of a failed operation on the -shm file of a WAL database
    /// ("opened", "grown", "mapped into memory", "locked"), or nil for other
    /// failures. The extended codes `SQLITE_IOERR_SHMOPEN` (18), `SHMSIZE`
    /// (19), `SHMLOCK` (20) and `SHMMAP` (21) are spelled out, because Swift
    /// does not import those C macros.
    var sharedMemoryStep: String? {
        guard primaryCode == SQLITE_IOERR else { return nil }
        switch extendedCode >> 8 {
        case 18: return "opened"
        case 19: return "grown"
        case 20: return "locked"
        case 21: return "mapped into memory"
        default: return nil
        }
    }

    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql {
            text += " (while running: \(sql))"
        }
        return text
    }

    init(code: Int32, connection: OpaquePointer?, sql: String? = nil) {
        // Read before any other call can change it.
        let callErrorCode = errno
        self.extendedCode = connection.map { sqlite3_extended_errcode($0) } ?? code
        if let connection, let text = sqlite3_errmsg(connection) {
            self.message = String(cString: text)
        } else {
            self.message = String(cString: sqlite3_errstr(code))
        }
        self.sql = sql
        let reportedErrorCode = connection.map { sqlite3_system_errno($0) } ?? 0
        self.systemErrorCode = reportedErrorCode != 0 ? reportedErrorCode : callErrorCode
    }

    init(code: Int32, message: String, sql: String? = nil) {
        self.extendedCode = code
        self.message = message
        self.sql = sql
        self.systemErrorCode = 0
    }
}

/// Throws a `SQLiteError` unless `code` is one of the accepted result codes.
@inline(__always)
func check(
    _ code: Int32,
    _ connection: OpaquePointer?,
    sql: String? = nil,
    accepting accepted: Int32 = SQLITE_OK
) throws {
    guard code == accepted else {
        throw SQLiteError(code: code, connection: connection, sql: sql)
    }
}
