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

    /// Returns one account's state at `point`.
    ///
    /// - Throws: `LedgerError.accountNotFound` when the account had no
    ///   events by then.
    public func account(id: String, at point: TimePoint = .now) throws -> AccountState {
        try storageOperation {
            try database.read { db in
                if point.isNow {
                    guard let state = try ProjectionWriter(db: db).currentState(accountID: id) else {
                        throw LedgerError.accountNotFound(id)
                    }
                    return state
                }
                var state: AccountState?
                for event in try EventStore(db: db).events(accountID: id, upToPosition: point.knownAtPosition ?? .max) {
                    if let asOf = point.asOf, event.occurredAt > asOf {
                        break
                    }
                    state = try AccountFold.apply(event, to: state)
                }
                guard let state else { throw LedgerError.accountNotFound(id) }
                return state
            }
        }
    }

    /// Returns an account's events in order, limited to those visible at `point`.
    public func history(accountID: String, at point: TimePoint = .now) throws -> [RecordedEvent] {
        let events = try storageOperation {
            try database.read { db in
                try EventStore(db: db).events(accountID: accountID, upToPosition: point.knownAtPosition ?? .max)
            }
        }
        guard !events.isEmpty else { throw LedgerError.accountNotFound(accountID) }
        return events.filter { event in point.asOf.map { event.occurredAt <= $0 } ?? true }
    }

    /// Resolves a recorded time to the last log position recorded at or before it.
    public func position(knownAt recordedTime: Int64) throws -> Int64 {
        try storageOperation {
            try database.read { db in
                try db.scalarInt("SELECT coalesce(max(position), 0) FROM events WHERE recorded_at <= ?", [.integer(recordedTime)]) ?? 0
            }
        }
    }

    /// The number of events in the log.
    public func eventCount() throws -> Int64 {
        try storageOperation {
            try database.read { db in try db.scalarInt("SELECT coalesce(max(position), 0) FROM events") ?? 0 }
        }
    }
}
