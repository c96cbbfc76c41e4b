extension Ledger {
    /// Returns the accounts view: one row per account that existed at the
    /// query's moment, filtered and sorted.
    public func accounts(_ query: AccountQuery) throws -> [AccountRow] {
        try storageOperation {
            try database.read { db in
                try AccountsView(db: db).rows(query, now: Clock.nowMilliseconds())
            }
        }
    }

    /// Returns the `EXPLAIN QUERY PLAN` detail lines of the accounts view's SQL.
    func queryPlan(_ query: AccountQuery) throws -> [String] {
        try storageOperation {
            try database.read { db in
                try AccountsView(db: db).queryPlan(query, now: Clock.nowMilliseconds())
            }
        }
    }

    /// Returns one account's state at `point`.
    ///
    /// - Throws: `LedgerError.accountNotYetConnected` when the account's
    ///   events all come after `point`, `.accountNotFound` when it has none.
    public func account(id: String, at point: TimePoint = .now) throws -> AccountState {
        try storageOperation {
            try database.read { db in
                if point.isNow {
                    guard let state = try ProjectionWriter(db: db).currentState(accountID: id) else {
                        throw LedgerError.accountNotFound(id)
                    }
                    // The projection may hold the effect of an event a newer
                    // build wrote; showing it as if understood would mislead.
                    try checkReadable(accountID: id, at: point, in: db)
                    return state
                }
                // A snapshot may contain such an effect too, and the fold skips
                // the events before its snapshot without decoding them.
                try checkReadable(accountID: id, at: point, in: db)
                let state = try EventStore(db: db).foldState(
                    accountID: id, upToPosition: point.knownAtPosition ?? .max, asOf: point.asOf)
                guard let state else { throw try notFound(accountID: id, at: point, in: db) }
                return state
            }
        }
    }

    /// Returns one account's current state folded from every one of its
    /// events, without the `accounts` projection or any snapshot: the state
    /// `account(id:)` returns, computed the long way, to check it or to time
    /// a whole stream.
    ///
    /// - Throws: `LedgerError.accountNotFound` when the account has no events.
    public func replayedAccount(id: String) throws -> AccountState {
        try storageOperation {
            try database.read { db in
                guard let state = try EventStore(db: db).foldState(
                    accountID: id, upToPosition: .max, asOf: nil, fromSnapshot: false)
                else {
                    throw LedgerError.accountNotFound(id)
                }
                return state
            }
        }
    }

    /// Returns the error for an account with no events visible at `point`:
    /// not yet connected then when it has events later, else not found.
    func notFound(accountID: String, at point: TimePoint, in db: Database) throws -> LedgerError {
        let connection = try db.statement(
            "SELECT position, occurred_at, recorded_at FROM events WHERE account_id = ? ORDER BY version LIMIT 1"
        ).rows([.text(accountID)]) { (position: $0.int64(0), occurredAt: $0.int64(1), recordedAt: $0.int64(2)) }
        guard let first = connection.first else {
            return .accountNotFound(accountID)
        }
        let moment: String
        if let limit = point.knownAtPosition, first.position > limit {
            if let knownAt = point.knownAt {
                // The connect's recorded time explains this result, because
                // its occurred time may be before the requested moment.
                let log = limit == 0 ? "the log was still empty" : "the log ended at position \(limit)"
                return .accountNotYetConnected(
                    id: accountID, moment: "as known at \(Timestamp.format(knownAt)), when \(log)",
                    connected: "in an event recorded at \(Timestamp.format(first.recordedAt)) (position \(first.position)), "
                        + "which says it occurred at \(Timestamp.format(first.occurredAt))")
            }
            moment = "at position \(limit)"
        } else if let asOf = point.asOf, first.occurredAt > asOf {
            moment = "at \(Timestamp.format(asOf))"
        } else {
            return .accountNotFound(accountID)
        }
        return .accountNotYetConnected(
            id: accountID, moment: moment,
            connected: "at \(Timestamp.format(first.occurredAt)) (position \(first.position))")
    }

    /// Returns an account's events in order, limited to those visible at `point`.
    ///
    /// - Throws: `LedgerError.accountNotYetConnected` when every event of the
    ///   account was recorded after `point`'s position, `.accountNotFound`
    ///   when it has none.
    public func history(accountID: String, at point: TimePoint = .now) throws -> [RecordedEvent] {
        let events = try storageOperation {
            try database.read { db in
                let events = try EventStore(db: db).events(accountID: accountID, upToPosition: point.knownAtPosition ?? .max)
                    .filter { event in point.asOf.map { event.occurredAt <= $0 } ?? true }
                guard !events.isEmpty else { throw try notFound(accountID: accountID, at: point, in: db) }
                return events
            }
        }
        for event in events {
            try EventCodec.checkReadable(type: event.type, schemaVersion: event.schemaVersion, position: event.position)
        }
        return events
    }

    /// Throws `LedgerError.unknownEventType` for the first event of the
    /// account's stream visible at `point` whose type or schema version this
    /// build cannot read.
    private func checkReadable(accountID: String, at point: TimePoint, in db: Database) throws {
        try checkReadable(
            kinds: db.statement(Self.accountEventKindsSQL),
            [.text(accountID), .integer(point.knownAtPosition ?? .max), .integer(point.asOf ?? .max)])
    }

    /// Throws `LedgerError.unknownEventType` for the first event of the
    /// whole log visible at `point` whose type or schema version this build
    /// cannot read. These are the events that the states of every account
    /// at `point` are folded from.
    ///
    /// A report over every account checks the log once with this instead of
    /// calling `checkReadable(accountID:at:in:)` per account. No index
    /// contains `type`, so each per-account query reads its events through
    /// the `(account_id, version)` index, one page at a time, while this
    /// query reads the table once in storage order.
    func checkLogReadable(at point: TimePoint, in db: Database) throws {
        try checkReadable(
            kinds: db.statement(Self.logEventKindsSQL),
            [.integer(point.knownAtPosition ?? .max), .integer(point.asOf ?? .max)])
    }

    static let accountEventKindsSQL = """
        SELECT type, schema_version, min(position) FROM events
        WHERE account_id = ? AND position <= ? AND occurred_at <= ?
        GROUP BY type, schema_version ORDER BY 3
        """

    static let logEventKindsSQL = """
        SELECT type, schema_version, min(position) FROM events
        WHERE position <= ? AND occurred_at <= ?
        GROUP BY type, schema_version ORDER BY 3
        """

    /// Runs `statement`, whose rows are a type, a schema version and the
    /// first position holding them, and checks each pair in position order.
    private func checkReadable(kinds statement: Statement, _ values: [SQLiteValue]) throws {
        let kinds = try statement.rows(values) { ($0.string(0), $0.int(1), $0.int64(2)) }
        for (type, schemaVersion, position) in kinds {
            try EventCodec.checkReadable(type: type, schemaVersion: schemaVersion, position: position)
        }
    }

    /// Resolves the time options of a read into a `TimePoint`.
    ///
    /// - Parameters:
    ///   - asOf: occurred time (milliseconds): fold events that happened by then.
    ///   - asKnownAt: recorded time (milliseconds): use only events the
    ///     ledger had stored by then.
    ///   - atPosition: use only events up to this log position.
    /// - Returns: a point whose position is the tighter of `asKnownAt` and
    ///   `atPosition`, and whose `knownAt` is `asKnownAt` itself or the
    ///   recorded time of `atPosition`, the earlier when both are given, so
    ///   a status read without `asOf` is judged then.
    public func timePoint(asOf: Int64? = nil, asKnownAt: Int64? = nil, atPosition: Int64? = nil) throws -> TimePoint {
        var point = TimePoint(asOf: asOf)
        if let asKnownAt {
            point.knownAt = asKnownAt
            point.knownAtPosition = try position(knownAt: asKnownAt)
        }
        if let atPosition {
            // A position past the end would show the whole log as if it had
            // been known then; `replay` rejects such a position too.
            let last = try eventCount()
            guard atPosition <= last else {
                throw LedgerError.invalidInput(
                    location: "--at-position \(atPosition)",
                    problem: "past the end of the log, which ends at position \(last); choose a position from 0 to \(last)")
            }
            point.knownAtPosition = min(atPosition, point.knownAtPosition ?? .max)
            if let recordedAt = try recordedTime(position: atPosition) {
                point.knownAt = min(recordedAt, point.knownAt ?? .max)
            }
        }
        return point
    }

    /// Returns when the event at `position` was recorded, nil past the end of the log.
    func recordedTime(position: Int64) throws -> Int64? {
        try storageOperation {
            try database.read { db in
                try db.scalarInt("SELECT recorded_at FROM events WHERE position = ?", [.integer(position)])
            }
        }
    }

    /// Resolves a recorded time to the last log position recorded at or before it.
    ///
    /// Recorded times never decrease along the log (saves and `verify` check
    /// it), so the last entry of `events_by_recorded_at` by that time has
    /// the position. `max(position)` walked the table back from its end
    /// instead, reading the whole log for a time before its first event.
    public func position(knownAt recordedTime: Int64) throws -> Int64 {
        try storageOperation {
            try database.read { db in
                try db.scalarInt(Self.positionKnownAtSQL, [.integer(recordedTime)]) ?? 0
            }
        }
    }

    static let positionKnownAtSQL =
        "SELECT position FROM events WHERE recorded_at <= ? ORDER BY recorded_at DESC, position DESC LIMIT 1"

    /// Returns the `EXPLAIN QUERY PLAN` lines of `position(knownAt:)`'s query,
    /// so tests can check that it seeks the recorded-time index.
    func positionKnownAtPlan() throws -> [String] {
        try storageOperation {
            try database.read { db in
                try db.statement("EXPLAIN QUERY PLAN " + Self.positionKnownAtSQL).rows([.integer(0)]) { $0.string(3) }
            }
        }
    }

    /// Returns the number of events in the log.
    public func eventCount() throws -> Int64 {
        try storageOperation {
            try database.read { db in try db.scalarInt("SELECT coalesce(max(position), 0) FROM events") ?? 0 }
        }
    }
}
