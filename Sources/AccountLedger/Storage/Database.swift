import CSQLite

/// One SQLite connection, owned by one serial user.
///
/// Work happens inside `read { }` and `write { }`, which own the
/// transaction: the body's changes commit when it returns and roll back when
/// it throws, so no caller can forget either. Writes start with
/// `BEGIN IMMEDIATE`, because a deferred transaction that later writes can
/// get `SQLITE_BUSY` that no busy timeout cures.
public final class Database {
    /// The access a connection opens the file with.
    public enum Mode: Sendable {
        /// Read and write; create the file when it is missing.
        case create
        /// Read and write an existing file.
        case readWrite
        /// Read an existing file without ever writing to it.
        case readOnly
        /// Read a file on read-only media that nobody can change, through
        /// SQLite's `immutable` URI parameter: no locks, no -wal or -shm
        /// files. Only safe when the file has no -wal file beside it.
        case immutable
    }

    let handle: OpaquePointer
    public let path: String
    public let mode: Mode
    private var statementCache: [String: Statement] = [:]
    private var inTransaction = false
    /// Account states read or written on this connection; see `AccountStateCache`.
    let accountStates = AccountStateCache()
    /// `PRAGMA data_version` when the last transaction began; it changes
    /// only when another connection commits.
    private var dataVersion: Int64?

    /// Opens the database at `path`.
    ///
    /// - Parameters:
    ///   - path: the database file.
    ///   - mode: whether to create, write or only read.
    ///   - busyTimeoutMilliseconds: how long a statement waits for another
    ///     connection's lock before failing with `SQLITE_BUSY`.
    /// - Throws: `SQLiteError` when the file cannot be opened or is not a
    ///   SQLite database.
    public init(path: String, mode: Mode, busyTimeoutMilliseconds: Int32 = 5_000) throws {
        var flags: Int32
        switch mode {
        case .create:
            flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readWrite:
            flags = SQLITE_OPEN_READWRITE
        case .readOnly:
            flags = SQLITE_OPEN_READONLY
        case .immutable:
            flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
        }
        flags |= SQLITE_OPEN_NOMUTEX

        var handle: OpaquePointer?
        let name = mode == .immutable ? Self.immutableURI(path) : path
        let code = sqlite3_open_v2(name, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let error = SQLiteError(code: code, connection: handle)
            // The handle must be closed even when opening failed.
            sqlite3_close_v2(handle)
            throw error
        }
        self.handle = handle
        self.path = path
        self.mode = mode

        do {
            sqlite3_extended_result_codes(handle, 1)
            sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
            // Reading the schema proves the file is a SQLite database before
            // any pragma tries to change it.
            try execute("SELECT count(*) FROM sqlite_schema")
            if mode == .create || mode == .readWrite {
                try execute("PRAGMA journal_mode = WAL")
            }
            try execute("PRAGMA synchronous = FULL")
            // SQLite's default page cache is 2 MiB. The view at a moment over
            // 10k accounts touches about 10 MiB of pages, which were read from
            // the OS again on every query: 20 ms with the default, 11 ms warm
            // with this cache (sqlite3 shell, 1M-event benchmark ledger).
            // Pages are allocated only when used, up to this bound.
            try execute("PRAGMA cache_size = -32768")
            try execute("PRAGMA foreign_keys = ON")
        } catch {
            statementCache.removeAll()
            sqlite3_close_v2(handle)
            throw error
        }
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    // MARK: - Statements

    /// Runs one or more statements that take no arguments.
    public func execute(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        try check(code, handle, sql: sql)
    }

    /// Returns a cached prepared statement for `sql`, preparing it once.
    public func statement(_ sql: String) throws -> Statement {
        if let cached = statementCache[sql] {
            return cached
        }
        let statement = try Statement(connection: handle, sql: sql, persistent: true)
        statementCache[sql] = statement
        return statement
    }

    /// Runs `sql` with `arguments`, ignoring any rows.
    public func run(_ sql: String, _ arguments: [SQLiteValue] = []) throws {
        try statement(sql).run(arguments)
    }

    /// Returns the first column of the first row as an integer.
    public func scalarInt(_ sql: String, _ arguments: [SQLiteValue] = []) throws -> Int64? {
        try statement(sql).firstRow(arguments) { $0.optionalInt64(0) } ?? nil
    }

    /// Returns the first column of the first row as text.
    public func scalarString(_ sql: String, _ arguments: [SQLiteValue] = []) throws -> String? {
        try statement(sql).firstRow(arguments) { $0.optionalString(0) } ?? nil
    }

    /// The rowid of the last inserted row on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The number of rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    // MARK: - Transactions

    /// Runs `body` in a read transaction over one consistent snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try transaction(begin: "BEGIN DEFERRED", body)
    }

    /// Runs `body` in a write transaction started with `BEGIN IMMEDIATE`.
    ///
    /// The changes commit when `body` returns and roll back when it throws.
    ///
    /// - Parameter defersSignals: whether SIGINT, SIGTERM and SIGHUP are held
    ///   from just before the commit until the command reports it, when
    ///   `CommitSignals` is enabled. A commit that the command does not
    ///   report, such as a schema upgrade before its work, passes false.
    public func write<T>(defersSignals: Bool = true, _ body: (Database) throws -> T) throws -> T {
        try transaction(begin: "BEGIN IMMEDIATE", defersSignals: defersSignals) { db in
            try db.checkFileIsInPlace()
            return try body(db)
        }
    }

    /// Throws unless the file this connection has open is still the one at
    /// its path. `ledger demo` removes an earlier demo while holding its
    /// write lock. A writer that opened the file before and waited for the
    /// lock would otherwise commit into the removed file and report success
    /// for a change that no later command can read.
    private func checkFileIsInPlace() throws {
        var moved: Int32 = 0
        let code = sqlite3_file_control(handle, "main", SQLITE_FCNTL_HAS_MOVED, &moved)
        guard code == SQLITE_OK, moved != 0 else { return }
        throw LedgerError.storage(
            path: path,
            problem: "was removed or replaced by another process, such as `ledger demo` replacing its earlier demo, "
                + "while this command waited; nothing was saved, so run the command again")
    }

    private func transaction<T>(
        begin: String, defersSignals: Bool = false, _ body: (Database) throws -> T
    ) throws -> T {
        precondition(!inTransaction, "transactions do not nest")
        try execute(begin)
        inTransaction = true
        defer { inTransaction = false }
        let result: T
        do {
            try dropCachesIfChangedElsewhere()
            result = try body(self)
        } catch {
            // A failed COMMIT or statement may already have ended the
            // transaction; the rollback error is then irrelevant.
            _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
            accountStates.removeAll()
            throw error
        }
        if defersSignals {
            InterruptCleanup.shared.deferSignalsBeforeCommit()
        }
        do {
            try execute("COMMIT")
        } catch {
            _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
            accountStates.removeAll()
            throw error
        }
        return result
    }

    private func dropCachesIfChangedElsewhere() throws {
        let version = try scalarInt("PRAGMA data_version")
        if version != dataVersion {
            accountStates.removeAll()
            dataVersion = version
        }
    }
}
