import CSQLite
import Foundation

/// SQLite's own `PRAGMA integrity_check` of the ledger file, run on a
/// connection and a thread of its own while `LogVerifier` reads the log.
///
/// The replay comparison reads the tables by full scans and primary keys,
/// but queries go through secondary indexes. With `PRAGMA writable_schema`,
/// someone can edit a table while one of its indexes is not updated, or
/// store a value of the wrong type in a STRICT table. The tables then
/// compare equal with a replay while `who-used`, `audit`, `accounts` and
/// `history` read the stale index or miss the row. The integrity
/// check compares every index with its table and checks every value's type.
final class FileIntegrityCheck: @unchecked Sendable {
    /// The maximum number of problems SQLite lists; the first is enough to fail.
    static let maximumProblems = 5

    private let database: Database
    private let done = DispatchSemaphore(value: 0)
    /// Written by the check's thread before `done` is signalled, read only
    /// after `wait()`.
    private var outcome: Result<[String], any Error> = .success([])
    private var isStarted = false

    /// Opens a connection of its own, with the ledger's 32 MiB page cache:
    /// the check seeks each index once per row, and with SQLite's default
    /// 2 MiB cache it used about 9 s of CPU time at a million events
    /// instead of 7 (the sqlite3 shell), at 30 MiB less memory.
    init(path: String) throws {
        database = try Ledger.openDatabase(path: path, mode: .readOnly)
    }

    /// Starts the check on a thread of its own.
    func start() {
        isStarted = true
        let thread = Thread { [self] in
            outcome = Result {
                try database.statement("PRAGMA main.integrity_check(\(Self.maximumProblems))").rows { $0.string(0) }
            }
            done.signal()
        }
        thread.start()
    }

    /// Asks SQLite to stop the check early; `wait()` still has to be called.
    func cancel() {
        sqlite3_interrupt(database.handle)
    }

    /// Waits for the check and returns what SQLite found wrong, empty when
    /// it printed `ok`.
    func wait() throws -> [String] {
        guard isStarted else { return [] }
        done.wait()
        isStarted = false
        // SQLite's lines can hold line breaks of their own.
        let lines = try outcome.get().map { $0.split(whereSeparator: \.isNewline).joined(separator: " ") }
        return lines == ["ok"] ? [] : lines
    }
}
