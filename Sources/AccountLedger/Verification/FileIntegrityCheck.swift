import CSQLite
import Foundation
import Synchronization

/// SQLite's check of the ledger file, run on a connection and a thread of
/// its own while `LogVerifier` reads the log.
///
/// The replay comparison reads the tables by full scans and primary keys,
/// but queries go through secondary indexes. With `PRAGMA writable_schema`,
/// someone can edit a table while one of its indexes is not updated, or
/// store a value of the wrong type in a STRICT table. The tables then
/// compare equal with a replay while `who-used`, `audit`, `accounts` and
/// `history` read the stale index or miss the row.
///
/// `PRAGMA quick_check` checks the pages and every value's type, and
/// `IndexContentCheck` compares every index with its table. Together they
/// cover what `PRAGMA integrity_check` checks, with a 2 MiB page cache
/// instead of 32 MiB and less CPU time: 5.9 against 7.4 s on this thread
/// at a million events, in one comparison on a busy machine. When either
/// finds something, the full `integrity_check` runs and its findings are
/// the ones reported.
final class FileIntegrityCheck: @unchecked Sendable {
    /// The maximum number of problems SQLite lists; the first is enough to fail.
    static let maximumProblems = 5

    private let database: Database
    private let done = DispatchSemaphore(value: 0)
    /// Written by the check's thread before `done` is signalled, read only
    /// after `wait()`.
    private var outcome: Result<[String], any Error> = .success([])
    private var isStarted = false
    /// Set by `cancel()` and read by SQLite's progress handler on the
    /// check's thread. `sqlite3_interrupt` alone is lost when it comes
    /// before the check's statement has started.
    private let isCancelled = Atomic<Bool>(false)

    /// Opens a connection of its own. Its scans read each page once, so
    /// SQLite's default 2 MiB page cache serves them.
    init(path: String) throws {
        database = try Ledger.openDatabase(path: path, mode: .readOnly)
        try database.execute("PRAGMA cache_size = -2048")
        // SQLite calls this every 1,000 virtual machine steps, and a
        // non-zero result stops the statement with SQLITE_INTERRUPT.
        sqlite3_progress_handler(database.handle, 1_000, { context in
            let check = Unmanaged<FileIntegrityCheck>.fromOpaque(context!).takeUnretainedValue()
            return check.isCancelled.load(ordering: .relaxed) ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Starts the check on a thread of its own.
    func start() {
        isStarted = true
        let thread = Thread { [self] in
            outcome = Result { try check() }
            done.signal()
        }
        thread.start()
    }

    private func check() throws -> [String] {
        // One read transaction, so a save made meanwhile cannot show the
        // scans of a table and of its index two different states.
        let agrees = try database.read { db in
            let quick = try db.statement("PRAGMA main.quick_check(\(Self.maximumProblems))").rows { $0.string(0) }
            guard quick == ["ok"] else { return false }
            // On an error in the shortcut, the full check below decides, so
            // that the error cannot fail a sound file. After `cancel()` the
            // full check is interrupted at once.
            return (try? IndexContentCheck(db: db).run()) == .agrees
        }
        if agrees {
            return ["ok"]
        }
        // The full check seeks each index once per row. With the 2 MiB
        // cache it used about 9 s of CPU time at a million events instead
        // of 7 with the ledger's 32 MiB (the sqlite3 shell).
        try database.execute("PRAGMA cache_size = -32768")
        return try database.statement("PRAGMA main.integrity_check(\(Self.maximumProblems))").rows { $0.string(0) }
    }

    /// Asks SQLite to stop the check early, whether or not its statement
    /// has started; `wait()` still has to be called.
    func cancel() {
        isCancelled.store(true, ordering: .relaxed)
    }

    /// Waits for the check and returns what SQLite found wrong, empty when
    /// it printed `ok`.
    func wait() throws -> [String] {
        guard isStarted else { return [] }
        done.wait()
        isStarted = false
        if isCancelled.load(ordering: .relaxed) {
            return []
        }
        // SQLite's lines can hold line breaks of their own.
        let lines = try outcome.get().map { $0.split(whereSeparator: \.isNewline).joined(separator: " ") }
        return lines == ["ok"] ? [] : lines
    }
}
