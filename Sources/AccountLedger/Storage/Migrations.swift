/// Numbered schema migrations, applied in order and recorded in
/// `schema_migrations` so a database knows which version it is at.
///
/// `Schemas/ledger.sql` is the schema these migrations produce; a test keeps
/// the two in agreement.
enum Migrations {
    struct Migration {
        let version: Int
        let name: String
        let sql: String
        /// Projections whose rows this build derives from events differently
        /// from the builds before the migration. `verify` would report every
        /// such row of an older file, so the migration's transaction also
        /// replays the log into them.
        var rebuiltProjections: Set<String> = []
    }

    static let all: [Migration] = [
        Migration(version: 1, name: "event log and projections", sql: """
            CREATE TABLE ledger_metadata (
                name TEXT PRIMARY KEY,
                value TEXT NOT NULL
            ) STRICT;

            CREATE TABLE events (
                position INTEGER PRIMARY KEY,
                account_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                type TEXT NOT NULL,
                schema_version INTEGER NOT NULL,
                occurred_at INTEGER NOT NULL,
                recorded_at INTEGER NOT NULL,
                actor TEXT NOT NULL,
                reason TEXT,
                correlation_id TEXT NOT NULL,
                idempotency_key TEXT,
                payload TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL,
                UNIQUE (account_id, version)
            ) STRICT;

            CREATE INDEX events_by_idempotency_key ON events (idempotency_key)
                WHERE idempotency_key IS NOT NULL;
            CREATE INDEX events_by_recorded_at ON events (recorded_at);

            CREATE TRIGGER events_reject_update BEFORE UPDATE ON events
            BEGIN
                SELECT RAISE(ABORT, 'events are append-only: UPDATE is not allowed');
            END;

            CREATE TRIGGER events_reject_delete BEFORE DELETE ON events
            BEGIN
                SELECT RAISE(ABORT, 'events are append-only: DELETE is not allowed');
            END;

            CREATE TRIGGER events_require_next_position BEFORE INSERT ON events
            WHEN NEW.position IS NOT (SELECT coalesce(max(position), 0) + 1 FROM events)
            BEGIN
                SELECT RAISE(ABORT, 'events must be appended at the next position');
            END;

            CREATE TRIGGER events_require_next_version BEFORE INSERT ON events
            WHEN NEW.version IS NOT (
                SELECT coalesce(max(version), 0) + 1 FROM events WHERE account_id = NEW.account_id)
            BEGIN
                SELECT RAISE(ABORT, 'events must be appended at the next account version');
            END;

            CREATE TABLE idempotency_keys (
                idempotency_key TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                request_digest TEXT NOT NULL,
                position INTEGER NOT NULL
            ) STRICT;

            CREATE TABLE accounts (
                account_id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                description TEXT NOT NULL,
                destination TEXT NOT NULL,
                connection_type TEXT NOT NULL,
                username TEXT,
                dataflow_count INTEGER NOT NULL,
                authorized_at INTEGER,
                expires_at INTEGER,
                deleted INTEGER NOT NULL,
                version INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                last_position INTEGER NOT NULL,
                state TEXT NOT NULL
            ) STRICT;

            CREATE INDEX accounts_by_destination ON accounts (destination, name);

            CREATE TABLE account_versions (
                account_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                position INTEGER NOT NULL,
                recorded_at INTEGER NOT NULL,
                valid_from INTEGER NOT NULL,
                valid_to INTEGER,
                name TEXT NOT NULL,
                destination TEXT NOT NULL,
                connection_type TEXT NOT NULL,
                username TEXT,
                dataflow_count INTEGER NOT NULL,
                authorized_at INTEGER,
                expires_at INTEGER,
                deleted INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (account_id, version)
            ) STRICT, WITHOUT ROWID;


            CREATE TABLE credential_changes (
                position INTEGER NOT NULL,
                sequence INTEGER NOT NULL,
                account_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                occurred_at INTEGER NOT NULL,
                recorded_at INTEGER NOT NULL,
                actor TEXT NOT NULL,
                kind TEXT NOT NULL,
                change TEXT NOT NULL,
                field TEXT,
                old_value TEXT,
                new_value TEXT,
                account_name TEXT NOT NULL,
                destination TEXT NOT NULL,
                reason TEXT,
                correlation_id TEXT NOT NULL,
                PRIMARY KEY (position, sequence)
            ) STRICT, WITHOUT ROWID;

            CREATE INDEX credential_changes_by_time ON credential_changes (occurred_at);
            CREATE INDEX credential_changes_by_account ON credential_changes (account_id, occurred_at);
            CREATE INDEX credential_changes_by_new_value ON credential_changes (new_value)
                WHERE new_value IS NOT NULL;

            CREATE TABLE projection_checkpoints (
                projection TEXT PRIMARY KEY,
                position INTEGER NOT NULL
            ) STRICT;

            INSERT INTO projection_checkpoints (projection, position)
            VALUES ('accounts', 0), ('account_versions', 0), ('credential_changes', 0);
            """),
        // The view at a moment looks up, per account, the last version that
        // began by then; by the primary key alone that walks back through
        // every later version, so an early moment in a long history was slow.
        Migration(version: 2, name: "account versions by account and time", sql: """
            CREATE INDEX account_versions_by_account_time ON account_versions (account_id, valid_from);
            """),
        // The current accounts list read every `accounts` row with its state
        // JSON, 7 MiB at 10k accounts, and sorted it. This index contains every
        // column the list shows, in its default order: 37 ms instead of 52 ms
        // to the first byte of `ledger accounts` at 10k accounts.
        Migration(version: 3, name: "accounts list by name", sql: """
            CREATE INDEX accounts_by_name ON accounts (
                name COLLATE NOCASE, name, account_id, destination, connection_type, username, dataflow_count,
                authorized_at, expires_at, deleted, version, updated_at);
            """),
        // Both indexes contain every column the view at a moment reads, so it
        // no longer reads `accounts` and `account_versions` rows: half the
        // time at 1M events (docs/benchmarks.md), for a larger version index.
        Migration(version: 4, name: "covering indexes for the view at a moment", sql: """
            DROP INDEX account_versions_by_account_time;
            DROP INDEX accounts_by_destination;
            CREATE INDEX accounts_by_destination ON accounts (destination, name, account_id, connection_type);
            CREATE INDEX account_versions_at_time ON account_versions (
                account_id, valid_from, version, position, name, username, dataflow_count,
                authorized_at, expires_at, deleted);
            """),
        // An account as of a moment was folded from its first event, about
        // 2.5 µs an event at 1M events, so long histories missed 1 ms. The
        // fold now starts from the last snapshot by then (`AccountSnapshots`).
        Migration(version: 5, name: "account state snapshots", sql: """
            CREATE TABLE account_snapshots (
                account_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                position INTEGER NOT NULL,
                occurred_at INTEGER NOT NULL,
                state TEXT NOT NULL,
                PRIMARY KEY (account_id, version)
            ) STRICT, WITHOUT ROWID;
            """),
        // The audit trail gained rows for a connect's description, settings
        // and authorization date and for the dataflows a forced delete left
        // active, so the rows of an existing log are derived again. The
        // table keeps its shape.
        //
        // Migration 1 changed after builds had written files with it. The
        // first build also created the three `account_versions` indexes
        // dropped below, and builds before idempotency keys had request
        // digests did not create `idempotency_keys`. Migrations 2 to 5 kept
        // either shape, so this one brings every file to the current schema.
        // It does so here rather than in a migration of its own because no
        // released build wrote schema version 6 before it; IF EXISTS and IF
        // NOT EXISTS leave a file that is already current as it is.
        Migration(
            version: 6, name: "audit rows for connect descriptions, settings and forced-delete dataflows", sql: """
                DROP INDEX IF EXISTS account_versions_by_destination_time;
                DROP INDEX IF EXISTS account_versions_by_time;
                DROP INDEX IF EXISTS account_versions_by_position;
                CREATE TABLE IF NOT EXISTS idempotency_keys (
                    idempotency_key TEXT PRIMARY KEY,
                    account_id TEXT NOT NULL,
                    request_digest TEXT NOT NULL,
                    position INTEGER NOT NULL
                ) STRICT;
                """,
            rebuiltProjections: ["credential_changes"]),
    ]

    /// The highest schema version this build can open.
    static var latestVersion: Int { all.last!.version }

    /// Brings the database to the latest schema version, in one transaction.
    ///
    /// A migration that rebuilds projections replays the log beside TEMP
    /// copies of the other projections (`ProjectionShadows`), so pass a
    /// connection of its own.
    ///
    /// - Returns: the version the file had when this call migrated it, or
    ///   nil when it was already current: another process may have
    ///   migrated it between the caller's check and this transaction.
    /// - Throws: `LedgerError.storage` when the database was written by a
    ///   newer build, whose schema this one cannot safely use.
    ///   `.unknownEventType` or `.corruptEvent` when a rebuild cannot replay
    ///   an event. The file then stays at its old version.
    @discardableResult
    static func migrate(_ database: Database) throws -> Int? {
        try database.write(defersSignals: false) { db in
            try db.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at INTEGER NOT NULL
                ) STRICT
                """)
            let current = try currentVersion(db)
            guard current <= latestVersion else {
                throw LedgerError.storage(
                    path: database.path,
                    problem: "schema version \(current) is newer than this build supports (\(latestVersion)); upgrade ledger")
            }
            var rebuilt: Set<String> = []
            for migration in all where migration.version > current {
                try db.execute(migration.sql)
                try db.run(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [.integer(Int64(migration.version)), .text(migration.name), .integer(Clock.nowMilliseconds())])
                // A foreign trigger that raises IGNORE would skip the row
                // without an error, and the file would claim the old version
                // with the new schema, failing every later open.
                guard db.changes == 1 else {
                    throw LedgerError.verificationFailed(
                        position: nil,
                        detail: "the upgrade to schema version \(migration.version) was rolled back, because its row in "
                            + "schema_migrations was not stored although SQLite reported no error. A trigger the schema "
                            + "does not define may have dropped it: list the triggers with the sqlite3 shell "
                            + "(SELECT name, tbl_name FROM sqlite_schema WHERE type = 'trigger') and drop the foreign one")
                }
                rebuilt.formUnion(migration.rebuiltProjections)
            }
            // A new file has no log to replay.
            if current > 0 && !rebuilt.isEmpty {
                let rebuilder = ProjectionRebuilder(db: db, projections: rebuilt)
                try rebuilder.tuneConnection()
                _ = try rebuilder.replayLog(progress: nil)
            }
            return current < latestVersion ? current : nil
        }
    }

    /// Builds the current schema in a database in memory and returns what
    /// `read` takes from it, so that lists of schema objects cannot drift
    /// from the migrations.
    static func readFreshSchema<T>(_ read: (Database) throws -> T) -> T {
        do {
            let database = try Database(path: ":memory:", mode: .create)
            try migrate(database)
            return try read(database)
        } catch {
            preconditionFailure("the migrations fail on an empty database in memory: \(error)")
        }
    }

    /// Builds the schema a file at `version` has in a database in memory,
    /// without `schema_migrations`, and returns what `read` takes from it.
    static func readSchema<T>(atVersion version: Int, _ read: (Database) throws -> T) -> T {
        do {
            let database = try Database(path: ":memory:", mode: .create)
            for migration in all where migration.version <= version {
                try database.execute(migration.sql)
            }
            return try read(database)
        } catch {
            preconditionFailure("migrations 1 to \(version) fail on an empty database in memory: \(error)")
        }
    }

    static func currentVersion(_ db: Database) throws -> Int {
        Int(try db.scalarInt("SELECT coalesce(max(version), 0) FROM schema_migrations") ?? 0)
    }
}
