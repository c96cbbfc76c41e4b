import Foundation

/// An account ledger stored in one SQLite file: the entry point for every
/// write, query and check.
///
/// One `Ledger` owns one connection and must be used from one thread at a
/// time. Several processes may open the same file: SQLite's WAL mode lets
/// readers run beside the single writer, and writes wait up to the busy
/// timeout for each other.
public final class Ledger {
    /// Whether the ledger is opened for reading only or for writes.
    public enum Access: Sendable {
        case read
        case write
    }

    public let path: String
    public let keyPath: String
    /// The bundled destination catalog, loaded on first use: finding the
    /// resource bundle takes about 5 ms, which commands that only read the
    /// ledger do not need to pay at start.
    public var catalog: DestinationCatalog { .bundled }
    let database: Database
    private var cachedKey: FingerprintKey?
    /// A line for the person who opened the ledger when this open migrated
    /// the file from an older schema version, nil otherwise.
    public private(set) var schemaUpgradeNote: String?
    let environment: [String: String]

    /// Opens an existing ledger.
    ///
    /// - Throws: `LedgerError.storage` when the file is missing, is not a
    ///   SQLite database, is not a ledger (`LedgerIdentity`), or was written
    ///   by a newer schema version. Nothing is written to the file then.
    public init(
        path: String,
        access: Access,
        keyPath: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        if let problem = LedgerFileChecks.brokenLinkProblem(path) {
            throw LedgerError.storage(path: path, problem: problem)
        }
        guard FileManager.default.fileExists(atPath: path) else {
            if PartialFile.isBeingBuilt(at: path) {
                throw LedgerError.storage(
                    path: path,
                    problem: "no ledger here yet: another command is building one now (its hidden .partial file is "
                        + "beside the path), as `ledger demo` does when it replaces its demo; run the command again in a moment")
            }
            throw LedgerError.storage(path: path, problem: "no ledger here; run `ledger init --db \(path.quotedAsShellPath())` first")
        }
        if let problem = LedgerFileChecks.existingFileProblem(path) {
            throw LedgerError.storage(path: path, problem: problem)
        }
        if access == .write {
            // A write connection switches the file to WAL, which would change
            // a SQLite file that is not a ledger, so a read-only look comes first.
            try Self.checkIsLedger(try Self.openDatabase(path: path, mode: .readOnly))
        }
        let database = try Self.openDatabase(path: path, mode: access == .write ? .readWrite : .readOnly)
        let previousVersion = try Self.checkSchema(database, access: access)
        self.path = path
        self.schemaUpgradeNote = previousVersion.map(Self.upgradeNote)
        self.keyPath = keyPath ?? FingerprintKey.defaultPath(forDatabase: path)
        self.database = database
        self.environment = environment
        // A key named by --key-file or $LEDGER_KEY is checked by every
        // write, not only one that fingerprints a secret: a wrong key given
        // to `activate` was ignored without a word.
        if access == .write, keyPath != nil || environment[FingerprintKey.environmentVariable] != nil {
            _ = try fingerprintKey()
        }
    }

    /// Wraps an open database; `path` names it in messages, and may differ
    /// from `database.path` while a new ledger is built under another name.
    init(path: String, keyPath: String, database: Database, environment: [String: String]) {
        self.path = path
        self.keyPath = keyPath
        self.database = database
        self.environment = environment
    }

    /// How long a statement waits for another connection's lock before it
    /// fails with `SQLITE_BUSY`. Storage messages quote it.
    static let busyTimeoutMilliseconds: Int32 = 5_000

    static func openDatabase(path: String, mode: Database.Mode) throws -> Database {
        do {
            return try Database(path: path, mode: mode, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        } catch let error as SQLiteError where mode == .readOnly && Database.canRetryAsImmutable(error, path: path) {
            // A clean WAL database on a read-only file system or folder.
            return try openDatabase(path: path, mode: .immutable)
        } catch let error as SQLiteError {
            throw StorageErrors.describe(error, path: path)
        }
    }

    private static func checkIsLedger(_ database: Database) throws {
        do {
            try LedgerIdentity.check(database)
        } catch let error as SQLiteError {
            throw StorageErrors.describe(error, path: database.path)
        }
    }

    /// Returns the note for a file migrated from `previousVersion`.
    private static func upgradeNote(from previousVersion: Int) -> String {
        var note = "upgraded the database from schema version \(previousVersion) to \(Migrations.latestVersion)"
        // Migration 5 creates the snapshot table empty, and only a replay
        // can fill it for the history already in the log.
        if previousVersion < 5 {
            note += "; run `ledger rebuild` once to write the state snapshots of its existing history"
        }
        // Migration 6 derives the audit rows again (`Migrations.all`).
        if previousVersion < 6 {
            note += "; rebuilt the audit trail from the event log, which adds rows for the description, settings and "
                + "authorization date of each connect and for the dataflows each forced delete left"
        }
        return note
    }

    /// Checks the schema version and migrates an older file when writing.
    /// Returns the version it migrated from, nil when it was current.
    private static func checkSchema(_ database: Database, access: Access) throws -> Int? {
        // A write checked the file through a read-only connection already.
        if access == .read {
            try checkIsLedger(database)
        }
        do {
            // `checkIsLedger` has rejected a version newer than this build's.
            let version = try Migrations.currentVersion(database)
            if version < Migrations.latestVersion {
                guard access == .write else {
                    throw LedgerError.storage(
                        path: database.path,
                        problem: "schema version \(version) is older than this build's \(Migrations.latestVersion); run any write command to migrate it")
                }
                // A connection of its own, as `ProjectionShadows` requires of
                // a replay that shadows some projections.
                return try Migrations.migrate(try openDatabase(path: database.path, mode: .readWrite))
            }
            return nil
        } catch let error as SQLiteError {
            throw StorageErrors.describe(error, path: database.path)
        }
    }

    /// Returns the fingerprint key, loading it once and checking that it is
    /// the key this ledger was created with.
    public func fingerprintKey() throws -> FingerprintKey {
        if let cachedKey {
            return cachedKey
        }
        let key = try FingerprintKey.load(path: keyPath, environment: environment)
        let stored = try storageOperation { try storedKeyCheck(database) }
        guard stored == key.checkValue else {
            throw LedgerError.key(path: keySource, problem: "is not the key this ledger was created with; fingerprints made with it would match nothing")
        }
        cachedKey = key
        return key
    }

    /// The source `fingerprintKey()` loads the key from, as messages name
    /// it: `$LEDGER_KEY` when set, otherwise the key file.
    var keySource: String {
        environment[FingerprintKey.environmentVariable] != nil ? "$\(FingerprintKey.environmentVariable)" : keyPath
    }

    /// Runs a database operation, turning SQLite failures into `LedgerError`.
    func storageOperation<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError {
            throw StorageErrors.describe(error, path: path)
        }
    }
}

// MARK: - Demo marker

extension Ledger {
    /// The decision `ledger demo` makes about a ledger already at its path.
    public enum DemoReplacement: Equatable, Sendable {
        /// A demo ledger unchanged since it was built, which may be replaced.
        case replaceable
        /// A demo ledger with events added after the demo was built.
        case changedSince(eventCount: Int64)
        /// A ledger that `ledger demo` did not make.
        case notDemo
    }

    /// Marks this ledger as made by `ledger demo`, which may replace it.
    /// The marker is the head's hash, so work added later is detected.
    public func markAsDemo() throws {
        try storageOperation {
            try database.write { db in
                let head = try EventStore(db: db).head()
                try db.run("INSERT OR REPLACE INTO ledger_metadata (name, value) VALUES ('demo', ?)", [.text(head.hash)])
            }
        }
    }

    /// Returns whether `ledger demo` may replace this ledger. Demo ledgers
    /// of earlier builds are marked '1', without a head, and count as unchanged.
    public func demoReplacement() throws -> DemoReplacement {
        try storageOperation {
            try database.read(Self.demoReplacement(in:))
        }
    }

    /// Removes this ledger's files, its key file included, when it is a
    /// demo ledger that `ledger demo` may replace, and returns what it
    /// found. The write lock is held from the check to the removal, so no
    /// save commits in between. A writer that waited for the lock then
    /// finds its file removed and saves nothing (`Database.write`).
    public func removeIfReplaceableDemo() throws -> DemoReplacement {
        try storageOperation {
            try database.write(defersSignals: false) { db in
                let found = try Self.demoReplacement(in: db)
                if found == .replaceable {
                    for file in [path, path + "-wal", path + "-shm", keyPath] {
                        try? FileManager.default.removeItem(atPath: file)
                    }
                }
                return found
            }
        }
    }

    private static func demoReplacement(in db: Database) throws -> DemoReplacement {
        guard let marker = try db.scalarString("SELECT value FROM ledger_metadata WHERE name = 'demo'") else {
            return .notDemo
        }
        let head = try EventStore(db: db).head()
        guard marker == "1" || marker == head.hash else {
            return .changedSince(eventCount: head.position)
        }
        return .replaceable
    }
}
