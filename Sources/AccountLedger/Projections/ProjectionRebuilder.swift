#if canImport(Glibc)
import Glibc
#endif

/// Drops projections and replays the whole log into them with
/// `ProjectionWriter`, the code that also writes them inline, so a rebuilt
/// table cannot drift from an inline one.
///
/// The rebuild runs in one write transaction: a rebuild that fails or is
/// killed leaves the old projections in place, and readers never see a
/// half-built table. Events are read one at a time and each account's state
/// lives in the `accounts` table, so memory does not grow with the log. The
/// transaction's pages go to the WAL file, whose size does grow with it.
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
    var progressInterval: Int64 = 1_000

    /// Rebuilds the projections; returns the number of events replayed.
    func run(progress: Progress?) throws -> Int64 {
        try db.write { db in
            let shadowed = Set(ProjectionWriter.names).subtracting(projections)
            let replay = ProjectionReplay(db: db)
            try replay.createCopies(of: shadowed)
            for name in ProjectionWriter.names.sorted() where projections.contains(name) {
                try db.execute("DELETE FROM main.\(name)")
            }
            let total = try EventStore(db: db).head().position
            let writer = ProjectionWriter(db: db)
            var done: Int64 = 0
            try EventStore(db: db).forEachEvent { event in
                try writer.replay(event)
                done += 1
                if done % progressInterval == 0 {
                    progress?(done, total)
                }
                if delayMicroseconds > 0 {
                    usleep(delayMicroseconds)
                }
            }
            for name in projections.sorted() {
                try db.run(
                    "UPDATE main.projection_checkpoints SET position = ? WHERE projection = ?",
                    [.integer(total), .text(name)])
            }
            try replay.dropCopies()
            progress?(done, total)
            return done
        }
    }
}
