/// Appends to and reads the `events` table.
///
/// Callers run it inside a transaction of `Database`; the store itself
/// never begins or commits one, so one save can append several events and
/// update projections atomically.
struct EventStore {
    let db: Database

    static let columns = """
        position, account_id, version, type, schema_version, occurred_at, recorded_at, actor, reason,
        correlation_id, idempotency_key, payload, prev_hash, hash
        """

    /// The last event's position, hash and recorded time; zeros and the
    /// genesis hash for an empty log.
    struct Head: Equatable {
        var position: Int64
        var hash: String
        var recordedAt: Int64
    }

    func head() throws -> Head {
        let row = try db.statement("SELECT position, hash, recorded_at FROM events ORDER BY position DESC LIMIT 1")
            .firstRow { Head(position: $0.int64(0), hash: $0.string(1), recordedAt: $0.int64(2)) }
        return row ?? Head(position: 0, hash: RecordedEvent.genesisHash, recordedAt: 0)
    }

    /// Inserts a fully formed event; the triggers reject any position or
    /// version that is not the next one.
    ///
    /// - Throws: `LedgerError.eventNotStored` when the insert stored no row,
    ///   so that the caller's transaction rolls back instead of committing
    ///   projections of an event the log lacks. `LedgerError.storage` when
    ///   the version, taken from the `accounts` projection, is not the next
    ///   one in the log, because the projection then disagrees with the log.
    func insert(_ event: RecordedEvent) throws {
        do {
            try insertRow(event)
        } catch let error as SQLiteError where error.isConstraint {
            let logVersion = try lastVersion(accountID: event.accountID)
            guard logVersion == event.version - 1 else {
                throw LedgerError.storage(path: db.path, problem: Self.projectionDisagreement(event, logVersion: logVersion))
            }
            throw error
        }
        // A BEFORE INSERT trigger that raises IGNORE skips the row without
        // an error. sqlite3_changes counts only the rows this statement
        // stored itself, not those of triggers.
        guard db.changes == 1 else {
            throw LedgerError.eventNotStored(position: event.position)
        }
    }

    /// The last version of an account in the log, 0 when it has no event.
    private func lastVersion(accountID: String) throws -> Int {
        Int(try db.scalarInt("SELECT coalesce(max(version), 0) FROM events WHERE account_id = ?", [.text(accountID)]) ?? 0)
    }

    private static func projectionDisagreement(_ event: RecordedEvent, logVersion: Int) -> String {
        let projected = event.version == 1
            ? "has no row for account \(event.accountID)"
            : "has account \(event.accountID) at version \(event.version - 1)"
        return "the accounts projection \(projected), but the event log has it at version \(logVersion), "
            + "so the stored projection disagrees with the log and nothing was saved; "
            + StoredState.repairAdvice
    }

    private func insertRow(_ event: RecordedEvent) throws {
        try db.run("INSERT INTO events (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            .integer(event.position),
            .text(event.accountID),
            .integer(Int64(event.version)),
            .text(event.type),
            .integer(Int64(event.schemaVersion)),
            .integer(event.occurredAt),
            .integer(event.recordedAt),
            .text(event.actor),
            event.reason.map { .text($0) } ?? .null,
            .text(event.correlationID),
            event.idempotencyKey.map { .text($0) } ?? .null,
            .text(event.payloadText),
            .text(event.previousHash),
            .text(event.hash),
        ])
    }

    static func decodeRow(_ row: Row) -> RecordedEvent {
        decode(row) { row.string($0) }
    }

    /// Decodes a row as `decodeRow` does, but throws where `decodeRow` would
    /// repair invalid UTF-8 with U+FFFD, because a full read of the log
    /// (verify, export) must not hand on text other than the stored bytes.
    private static func decodeCheckedRow(_ row: Row, position: Int64) throws -> RecordedEvent {
        try decode(row) { column in
            guard let text = row.validString(column) else {
                throw LedgerError.corruptEvent(
                    position: position,
                    detail: "column \(columnNames[Int(column)]) is not valid UTF-8; the row was edited outside ledger")
            }
            return text
        }
    }

    /// The names in `columns`, by index.
    private static let columnNames = columns.split(separator: ",").map { String($0).trimmingWhitespace() }

    private static func decode(_ row: Row, text: (Int32) throws -> String) rethrows -> RecordedEvent {
        RecordedEvent(
            position: row.int64(0),
            accountID: try text(1),
            version: row.int(2),
            type: try text(3),
            schemaVersion: row.int(4),
            occurredAt: row.int64(5),
            recordedAt: row.int64(6),
            actor: try text(7),
            reason: row.isNull(8) ? nil : try text(8),
            correlationID: try text(9),
            idempotencyKey: row.isNull(10) ? nil : try text(10),
            payloadText: try text(11),
            previousHash: try text(12),
            hash: try text(13))
    }

    /// Returns the events of one account in version order, optionally only
    /// those recorded at or before `position`.
    func events(accountID: String, upToPosition position: Int64 = .max) throws -> [RecordedEvent] {
        try db.statement("SELECT \(Self.columns) FROM events WHERE account_id = ? AND position <= ? ORDER BY version")
            .rows([.text(accountID), .integer(position)], Self.decodeRow)
    }

    /// Folds one account's events, in version order, into its state at a
    /// moment: those recorded at or before `position` that occurred at or
    /// before `asOf`. Returns nil when there are none.
    ///
    /// It starts from the account's last snapshot by then, unless
    /// `fromSnapshot` is false, and reads only the columns the fold uses, so
    /// the hashes, actor and other strings a fold ignores are never copied
    /// out of SQLite.
    func foldState(accountID: String, upToPosition position: Int64, asOf: Int64?, fromSnapshot: Bool = true) throws
        -> AccountState? {
        var state: AccountState?
        var lastVersion = 0
        if fromSnapshot,
           let snapshot = try AccountSnapshots.latest(in: db, accountID: accountID, upToPosition: position, asOf: asOf ?? .max) {
            state = snapshot.state
            lastVersion = snapshot.version
        }
        let statement = try db.statement("""
            SELECT position, version, type, schema_version, occurred_at, payload FROM events
            WHERE account_id = ? AND version > ? ORDER BY version
            """)
        // Positions grow and occurred times never go back from one version
        // to the next (appends and `verify` check both), so the first event
        // past the moment ends the scan. In the WHERE clause the two tests
        // would make SQLite read every later event only to reject it.
        let asOf = asOf ?? .max
        try statement.forEachRowWhile([.text(accountID), .integer(Int64(lastVersion))]) { row in
            guard row.int64(0) <= position, row.int64(4) <= asOf else { return false }
            // The fold reads the envelope's position, account, version and
            // time; the other fields stay empty because nothing reads them.
            // The payload is parsed from its bytes and never held as text.
            let envelope = RecordedEvent(
                position: row.int64(0), accountID: accountID, version: row.int(1), type: row.string(2),
                schemaVersion: row.int(3), occurredAt: row.int64(4), recordedAt: 0, actor: "", reason: nil,
                correlationID: "", idempotencyKey: nil, payloadText: "", previousHash: "", hash: "")
            let decoded = try envelope.decodedPayload(
                parsed: RecordedEvent.parsedPayload(row.bytes(5), position: envelope.position))
            state = try AccountFold.apply(
                decoded.event, sourceEtag: decoded.sourceEtag, to: state.take(), envelope: envelope)
            return true
        }
        return state
    }

    /// Returns the events appended by an earlier save with this idempotency key.
    func events(idempotencyKey: String) throws -> [RecordedEvent] {
        try db.statement("SELECT \(Self.columns) FROM events WHERE idempotency_key = ? ORDER BY position")
            .rows([.text(idempotencyKey)], Self.decodeRow)
    }

    /// Calls `body` with the events of the whole log in order, `size` at a
    /// time (fewer in the last batch), for work split between threads.
    func forEachBatch(size: Int, _ body: ([RecordedEvent]) throws -> Void) throws {
        var batch: [RecordedEvent] = []
        batch.reserveCapacity(size)
        try forEachEvent { event in
            batch.append(event)
            if batch.count == size {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty {
            try body(batch)
        }
    }

    /// Calls `body` for every event of the log up to position `last`, in order,
    /// reading one row at a time so memory does not grow with the log.
    ///
    /// - Throws: `LedgerError.corruptEvent` at a row stored below position 1,
    ///   and at a text column whose bytes are not valid UTF-8. No append
    ///   writes either, but reads by account (`history`, a fold as of a
    ///   moment) would use such a row, so a full read stops at it rather than
    ///   skip or repair it.
    func forEachEvent(upToPosition last: Int64 = .max, _ body: (RecordedEvent) throws -> Void) throws {
        try db.statement(Self.eventsUpToPositionSQL).forEachRow([.integer(last)]) { row in
            let position = row.int64(0)
            guard position >= 1 else {
                throw LedgerError.corruptEvent(
                    position: position,
                    detail: "the row is stored below position 1, where the log starts; no append writes there, so it was added to the file directly")
            }
            try body(Self.decodeCheckedRow(row, position: position))
        }
    }

    /// The query of `forEachEvent`. `position` is the rowid, so the bound
    /// ends the table scan there instead of reading and skipping later rows.
    static let eventsUpToPositionSQL = "SELECT \(columns) FROM events WHERE position <= ? ORDER BY position"
}
