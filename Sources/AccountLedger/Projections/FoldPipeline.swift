import Dispatch

/// Runs a rebuild's fold on a second thread: while a background queue
/// decodes and folds one batch of events into rows, the calling thread
/// reads the next batch and writes the rows of the one before.
///
/// The queue may not read the database, because the connection belongs to
/// the calling thread. So the queue stops at the first event that would
/// make `ProjectionRowReplay` write states out and read one back, and the
/// calling thread folds that event and every later one itself.
///
/// It is `@unchecked Sendable` because the replay and the writer pass
/// between the two threads: the queue uses them only inside a batch, and
/// the calling thread only after waiting for that batch, or once the queue
/// has stopped for good.
final class FoldPipeline: @unchecked Sendable {
    /// Events per batch.
    static let batchSize = 512

    /// One batch after the queue folded it.
    private struct Folded: Sendable {
        let rows: ProjectionTableWriter.Rows
        /// How many of the batch's events were folded, from the first.
        let applied: Int
        let failure: Failure?
    }

    private struct Failure: @unchecked Sendable {
        let error: Error
    }

    private let replay: ProjectionRowReplay
    private let writer: ProjectionTableWriter
    private let queue = DispatchQueue(label: "ledger.rebuild.fold")
    /// Set on the queue when it stops; read only on the queue.
    private var stopped = false

    init(replay: ProjectionRowReplay, writer: ProjectionTableWriter) {
        self.replay = replay
        self.writer = writer
    }

    /// Folds every event of the log and writes the rows, except those
    /// still held by the replay, which `ProjectionRowReplay.flush` writes.
    ///
    /// - Parameters:
    ///   - fallback: called once, before the calling thread folds its first
    ///     event, when states no longer fit in memory.
    ///   - written: called after the rows of each run of events are written,
    ///     with the number of events.
    func run(db: Database, fallback: () throws -> Void, written: (Int) throws -> Void) throws {
        writer.collects = true
        defer { writer.collects = false }
        var pipelined = true
        var waiting: (events: [RecordedEvent], folded: BackgroundBatch<Folded>)?
        func foldHere(_ events: ArraySlice<RecordedEvent>) throws {
            if pipelined {
                pipelined = false
                writer.collects = false
                try fallback()
            }
            for event in events {
                try replay.apply(event)
            }
            try written(events.count)
        }
        func finish(_ events: [RecordedEvent], _ folded: Folded) throws {
            try writer.write(folded.rows)
            try written(folded.applied)
            if let failure = folded.failure {
                throw failure.error
            }
            if folded.applied < events.count {
                try foldHere(events[folded.applied...])
            }
        }
        // The queue must be idle before this returns or throws, because the
        // caller goes on to use the replay and the writer, or exits.
        var lastStarted: BackgroundBatch<Folded>?
        defer { _ = lastStarted?.wait() }
        try EventStore(db: db).forEachBatch(size: Self.batchSize) { batch in
            let started = pipelined ? startFolding(batch) : nil
            lastStarted = started ?? lastStarted
            if let earlier = waiting {
                waiting = nil
                try finish(earlier.events, earlier.folded.wait())
            }
            if let started {
                waiting = (batch, started)
            } else {
                try foldHere(batch[...])
            }
        }
        if let earlier = waiting {
            try finish(earlier.events, earlier.folded.wait())
        }
    }

    private func startFolding(_ events: [RecordedEvent]) -> BackgroundBatch<Folded> {
        BackgroundBatch(on: queue) { [self] in
            var applied = 0
            var failure: Failure?
            if !stopped {
                for event in events {
                    guard replay.hasRoom(for: event.accountID) else {
                        stopped = true
                        break
                    }
                    do {
                        try replay.apply(event)
                    } catch {
                        failure = Failure(error: error)
                        stopped = true
                        break
                    }
                    applied += 1
                }
            }
            return Folded(rows: writer.takeCollected(), applied: applied, failure: failure)
        }
    }
}
