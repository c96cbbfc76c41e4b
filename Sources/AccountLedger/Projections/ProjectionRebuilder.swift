#if canImport(Glibc)
import Glibc
#endif

/// Drops projections and replays the whole log into them.
///
/// The rows come from `ProjectionRowReplay`, which derives them with
/// `ProjectionRows` as the inline writer does, so a rebuilt table cannot
/// drift from an inline one. The rebuild keeps up to `stateCapacity`
/// account states in memory and writes each `accounts` row once. While
/// they fit, a second thread decodes and folds events (`FoldPipeline`) and
/// version rows are staged and inserted in key order (`VersionStage`). It
/// drops the secondary indexes of the tables it rebuilds and creates them
/// again at the end: 2.0 s instead of 2.3 s on a 100k-event log.
///
/// The rebuild runs in one write transaction: a rebuild that fails or is
/// killed leaves the old projections in place, and readers never see a
/// half-built table. Events are read in batches of 512 and the states kept
/// are bounded, as are SQLite's page cache and sorter, so memory does not
/// grow with the log. The transaction's pages go to the WAL file, whose
/// size does grow with it.
struct ProjectionRebuilder {
    /// Progress after each batch of events, and once at the end.
    typealias Progress = (_ done: Int64, _ total: Int64) -> Void

    /// A connection of its own: when only some projections are rebuilt, the
    /// others are shadowed by TEMP copies that absorb their writes.
    let db: Database
    /// Names from `ProjectionWriter.names`.
    let projections: Set<String>
    /// A pause after each event, for tests that kill a rebuild half-way.
    var delayMicroseconds: UInt32 = 0
    /// Events between progress reports: two fold batches, so every report
    /// but the last falls on a batch's end and shows a multiple of 1,024.
    let progressInterval = Int64(2 * FoldPipeline.batchSize)
    /// The maximum number of account states kept in memory. Past it they
    /// are written out and read back when needed.
    var stateCapacity = AccountStateCache.capacity
    /// Whether the replay stops at an event that fails its hash or chain
    /// (`ProjectionRowReplay.checksHashChain`): `ledger rebuild` checks, a
    /// migration, which has its own transaction to roll back, does not.
    var checksHashChain = false

    /// The page cache of each database the rebuild writes, in the
    /// negative-KiB form `PRAGMA cache_size` takes.
    static let cacheKibibytes = -2048

    /// Drops the triggers the schema does not define, rebuilds the
    /// projections, restores the guard triggers on `events` and the schema's
    /// indexes, and deletes the `idempotency_keys` rows that contradict the log.
    func run(progress: Progress?) throws -> RebuildResult {
        defer { db.accountStates.removeAll() }
        try tuneConnection()
        return try db.write { db in
            // First, so that no foreign trigger fires on the rebuild's own
            // deletes and inserts.
            let dropped = try EventGuards.dropForeign(in: db)
            let done = try replayLog(progress: progress)
            let restored = try EventGuards.restore(in: db)
            let restoredIndexes = try SchemaObjects.restoreIndexes(in: db)
            let removed = try IdempotencyKeyCheck(db: db).removeContradictions()
            return RebuildResult(
                eventCount: done, restoredTriggers: restored, restoredIndexes: restoredIndexes, droppedTriggers: dropped,
                removedIdempotencyKeys: removed)
        }
    }

    /// Sets the sorter threads and page cache sizes of `db` for a replay.
    func tuneConnection() throws {
        // Lets SQLite's sorter use a second thread for the sorted insert of
        // the staged version rows and for the index builds: at 1M events,
        // 8.0 s instead of 8.9 s for the two, in one pair of runs.
        try db.execute("PRAGMA threads = 2")
        // A rebuild reads the log once in order and inserts most rows in
        // key order, so a large page cache only costs memory. At 1M events,
        // 2 MiB for the main and the TEMP database gave 16.3 s and a peak of
        // 58,188 KiB, and the 32 MiB of other connections 21.6 s and 214,628
        // KiB. The sorter's memory follows this size too.
        try db.execute("PRAGMA main.cache_size = \(Self.cacheKibibytes); PRAGMA temp.cache_size = \(Self.cacheKibibytes)")
    }

    /// Empties the projections and replays the whole log into them, inside
    /// the write transaction that the caller holds on `db`. Returns the
    /// number of events replayed.
    func replayLog(progress: Progress?) throws -> Int64 {
        // Snapshots are account states, so they go with `accounts`.
        let rebuildsAccounts = projections.contains("accounts")
        let shadowed = Set(ProjectionWriter.names).subtracting(projections)
            .union(rebuildsAccounts ? [] : [AccountSnapshots.table])
        let shadows = ProjectionShadows(db: db)
        try shadows.create(shadowed)
        for name in ProjectionWriter.names.sorted() where projections.contains(name) {
            try db.execute("DELETE FROM main.\(name)")
        }
        if rebuildsAccounts {
            try db.execute("DELETE FROM main.\(AccountSnapshots.table)")
        }
        let indexes = try dropSecondaryIndexes(db)
        let total = try EventStore(db: db).head().position
        let writer = ProjectionTableWriter(db: db)
        let stage = projections.contains("account_versions") ? try VersionStage(db: db, writer: writer) : nil
        let projectionWriter = ProjectionWriter(db: db)
        let replay = ProjectionRowReplay(
            sink: writer, capacity: stateCapacity,
            reload: { try projectionWriter.storedState(accountID: $0) })
        replay.checksHashChain = checksHashChain
        var done: Int64 = 0
        // Only the version rows need the stage: once states leave
        // memory, version rows are updated in place.
        try FoldPipeline(replay: replay, writer: writer).run(db: db, fallback: { try stage?.moveRows() }) { count in
            let before = done
            done += Int64(count)
            if delayMicroseconds > 0 {
                usleep(delayMicroseconds * UInt32(count))
            }
            if done / progressInterval != before / progressInterval {
                progress?(done, total)
            }
        }
        try replay.flush()
        try stage?.moveRows()
        for sql in indexes {
            try db.execute(sql)
        }
        for name in projections.sorted() {
            // An upsert, so a checkpoint row that was deleted comes back.
            try db.run(
                """
                INSERT INTO main.projection_checkpoints (projection, position) VALUES (?, ?)
                ON CONFLICT (projection) DO UPDATE SET position = excluded.position
                """,
                [.text(name), .integer(total)])
        }
        try stage?.drop()
        try shadows.drop()
        progress?(done, total)
        return done
    }

    /// Drops the indexes of the rebuilt tables that SQLite does not need for
    /// their keys; returns the statements that create them again.
    private func dropSecondaryIndexes(_ db: Database) throws -> [String] {
        var creates: [String] = []
        for table in projections.sorted() {
            let indexes = try db.statement("""
                SELECT name, sql FROM main.sqlite_schema
                WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name
                """).rows([.text(table)]) { ($0.string(0), $0.string(1)) }
            for (name, sql) in indexes {
                try db.execute("DROP INDEX main.\"\(name)\"")
                creates.append(sql)
            }
        }
        return creates
    }
}
