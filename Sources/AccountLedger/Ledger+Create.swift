import Foundation

extension Ledger {
    /// Creates a new ledger: the database with its schema, and a new
    /// fingerprint key file beside it (mode 0600) unless `$LEDGER_KEY` is set.
    ///
    /// Both files are built under hidden names and moved into place only when
    /// complete, so a failure or a caught signal leaves neither; see
    /// `stage(path:keyPath:key:writesKeyFile:environment:_:)`.
    ///
    /// - Parameters:
    ///   - keyFileOption: the command-line option that sets the key path,
    ///     for messages to suggest; nil for a command that has none, such
    ///     as `ledger demo`.
    ///   - existsAdvice: the advice in the message when a file is at `path`
    ///     already. `ledger demo` has removed its earlier demo by then, so
    ///     for it such a file comes from another command that ran meanwhile.
    ///   - prepare: fills the new ledger before it appears at `path`, as
    ///     `ledger demo` records its history there.
    /// - Throws: `LedgerError.storage` when the database already exists or
    ///   cannot be created, `LedgerError.key` when the key file exists.
    @discardableResult
    public static func create(
        path: String,
        keyPath: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        keyFileOption: String? = "--key-file",
        existsAdvice: String = "use it as it is, or choose another --db path",
        prepare: (Ledger) throws -> Void = { _ in }
    ) throws -> Ledger {
        // A key path given explicitly changes only with its option, while
        // the default one follows --db.
        let otherKeyPath: String
        if keyPath == nil {
            otherKeyPath = ["--db path", keyFileOption].compactMap { $0 }.joined(separator: " or ")
        } else {
            otherKeyPath = keyFileOption ?? "key path"
        }
        let keyPath = keyPath ?? FingerprintKey.defaultPath(forDatabase: path)
        let exists = LedgerError.storage(path: path, problem: "already exists; \(existsAdvice)")
        guard !FileManager.default.fileExists(atPath: path) else {
            throw exists
        }
        if let problem = LedgerFileChecks.newFileLinkProblem(path, kind: "ledger") {
            throw LedgerError.storage(path: path, problem: problem)
        }
        let keyFromEnvironment = environment[FingerprintKey.environmentVariable] != nil
        let key: FingerprintKey
        if keyFromEnvironment {
            key = try FingerprintKey.load(path: keyPath, environment: environment)
        } else {
            guard !FileManager.default.fileExists(atPath: keyPath) else {
                // Another init moves its key file in just before its
                // database, so a key without a database may be that moment.
                if databaseAppears(at: path) {
                    throw exists
                }
                throw LedgerError.key(
                    path: keyPath,
                    problem: "already exists, but the database does not; a key belongs to one ledger, so move the file away or choose another \(otherKeyPath)")
            }
            key = FingerprintKey.generate()
        }

        try stage(
            path: path,
            keyPath: keyPath,
            key: key,
            writesKeyFile: !keyFromEnvironment,
            environment: environment,
            existsError: exists,
            prepare)
        return try Ledger(path: path, access: .write, keyPath: keyPath, environment: environment)
    }

    /// Returns the target of the symbolic link at `path`, or nil when it
    /// is no link, for commands that would replace the file at `path`.
    public static func symbolicLinkTarget(at path: String) -> String? {
        LedgerFileChecks.symbolicLinkTarget(path)
    }

    /// Builds a new ledger under hidden names beside `path` and `keyPath`,
    /// runs `fill` on it, and then moves the key file and the database into
    /// place, in that order.
    ///
    /// On a thrown error, SIGINT, SIGTERM or SIGHUP the hidden files are
    /// removed and nothing appears at either path. SIGKILL leaves the hidden
    /// files, which no later run reads or removes.
    ///
    /// NOTE: the two moves are separate renames. A SIGKILL or power loss
    /// between them leaves the key file without its database, and a later
    /// `init` at the same path then reports that the key file exists.
    ///
    /// - Parameter existsError: the error when another process created
    ///   either file meanwhile; the first to move its key file in wins.
    /// - Returns: what `fill` returns.
    /// - Throws: `LedgerError.storage` or `.key` when either path is empty
    ///   or ends in `/`, or its folder is missing or is not a folder (the
    ///   message names that folder).
    static func stage<T>(
        path: String,
        keyPath: String,
        key: FingerprintKey,
        writesKeyFile: Bool,
        environment: [String: String],
        existsError: LedgerError,
        _ fill: (Ledger) throws -> T
    ) throws -> T {
        // Without these checks the first file created, the key file, would
        // report the missing folder as its own failure.
        if let problem = PartialFile.pathProblem(path) {
            throw LedgerError.storage(path: path, problem: problem)
        }
        if writesKeyFile, let problem = PartialFile.pathProblem(keyPath) {
            throw LedgerError.key(path: keyPath, problem: problem)
        }
        // A link to a missing file or into a loop made publishing fail as
        // if the database existed. A link to a file that exists was
        // reported as existing before this point.
        if let problem = LedgerFileChecks.newFileLinkProblem(path, kind: "ledger") {
            throw LedgerError.storage(path: path, problem: problem)
        }
        if writesKeyFile, let problem = LedgerFileChecks.newFileLinkProblem(keyPath, kind: "key file") {
            throw LedgerError.key(path: keyPath, problem: problem)
        }
        try checkNoLeftoverCompanion(of: path, existsError: existsError)
        let database = PartialFile(finalPath: path)
        let keyFile = writesKeyFile ? PartialFile(finalPath: keyPath) : nil
        let partialPaths = database.databasePaths + (keyFile.map { [$0.partialPath] } ?? [])
        do {
            return try InterruptCleanup.shared.removing(partialPaths) {
                if let keyFile {
                    try key.write(toFile: keyFile.partialPath, reportedAs: keyPath)
                }
                // Fingerprints made while filling the ledger need the key
                // before its file is at `keyPath`.
                var keyEnvironment = environment
                keyEnvironment[FingerprintKey.environmentVariable] = Hex.encode(key.bytes)
                let result = try build(
                    at: database.partialPath,
                    path: path,
                    keyPath: keyPath,
                    keyCheck: key.checkValue,
                    environment: keyEnvironment,
                    fill)
                try InterruptCleanup.shared.holdingSignals {
                    // Checked again, because filling a ledger can take long.
                    try checkNoLeftoverCompanion(of: path, existsError: existsError)
                    try publish(database, keyFile: keyFile, existsError: existsError)
                }
                for leftover in database.databasePaths {
                    unlink(leftover)
                }
                return result
            }
        } catch {
            for partialPath in partialPaths {
                unlink(partialPath)
            }
            throw error
        }
    }

    /// Creates the database at `partialPath` with its schema and key check,
    /// and runs `fill` on it. Messages name `path`, where the file will be.
    ///
    /// The connection is closed on return, after a checkpoint that leaves
    /// every page in the database file, so the file can move without its
    /// -wal file.
    private static func build<T>(
        at partialPath: String,
        path: String,
        keyPath: String,
        keyCheck: String,
        environment: [String: String],
        _ fill: (Ledger) throws -> T
    ) throws -> T {
        try claimNewFile(partialPath, reportedAs: path)
        let database: Database
        do {
            database = try Database(path: partialPath, mode: .readWrite, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        } catch let error as SQLiteError {
            throw StorageErrors.describe(error, path: path)
        }
        let ledger = Ledger(path: path, keyPath: keyPath, database: database, environment: environment)
        try ledger.storageOperation {
            try Migrations.migrate(database)
            try database.write { db in
                try db.run("INSERT INTO ledger_metadata (name, value) VALUES ('key_check', ?)", [.text(keyCheck)])
            }
        }

        let result = try fill(ledger)

        try ledger.storageOperation {
            try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return result
    }

    /// Rejects a -wal, -shm or -journal file at `path`. A database there
    /// comes first: another process that created it meanwhile has its own
    /// -wal and -shm files open beside it.
    private static func checkNoLeftoverCompanion(of path: String, existsError: LedgerError) throws {
        if FileManager.default.fileExists(atPath: path) {
            throw existsError
        }
        if let leftover = LedgerFileChecks.leftoverCompanion(of: path) {
            throw LedgerError.storage(path: leftover.path, problem: leftover.problem)
        }
    }

    /// Moves the finished key file, then the database, to their paths.
    private static func publish(_ database: PartialFile, keyFile: PartialFile?, existsError: LedgerError) throws {
        if let keyFile {
            try keyFile.publish(exists: existsError) { LedgerError.key(path: keyFile.finalPath, problem: $0) }
        }
        do {
            try database.publish(exists: existsError) { LedgerError.storage(path: database.finalPath, problem: $0) }
        } catch {
            // The key file moved into place a moment ago belongs to no database.
            if let keyFile {
                unlink(keyFile.finalPath)
            }
            throw error
        }
    }

    /// Returns whether a file appears at `path` within about 200 ms, which
    /// is far longer than another process takes between its two moves.
    private static func databaseAppears(at path: String) -> Bool {
        for _ in 0..<20 {
            if FileManager.default.fileExists(atPath: path) {
                return true
            }
            usleep(10_000)
        }
        return false
    }

    /// Creates an empty database file, failing when the file exists.
    private static func claimNewFile(_ partialPath: String, reportedAs path: String) throws {
        let descriptor = open(partialPath, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw LedgerError.storage(path: path, problem: "cannot be created: \(String(cString: strerror(errno)))")
        }
        close(descriptor)
    }
}
