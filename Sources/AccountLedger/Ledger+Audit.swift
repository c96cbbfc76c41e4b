extension Ledger {
    /// Returns the audit trail entries matching `query` in the order the
    /// changes occurred, and in log order among changes at the same moment.
    /// It keeps every entry in memory, which `forEachAuditEntry(_:_:)` does not.
    ///
    /// - Throws: the errors of `readAuditTrail(_:_:)`.
    public func auditEntries(_ query: AuditQuery) throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        try forEachAuditEntry(query) { entries.append($0) }
        return entries
    }

    /// Calls `body` with each audit trail entry matching `query`, one at a
    /// time, in the order of `auditEntries(_:)`, without holding the trail
    /// in memory.
    ///
    /// - Throws: the errors of `readAuditTrail(_:_:)`, and what `body` throws.
    public func forEachAuditEntry(_ query: AuditQuery, _ body: (AuditEntry) throws -> Void) throws {
        try readAuditTrail(query) { trail in
            try trail.forEach(body)
        }
    }

    /// Runs `body` in one read transaction with the audit trail entries
    /// matching `query`. Every pass of `body` over the snapshot sees the same
    /// entries, so a caller can measure them in one pass and print them in
    /// the next.
    ///
    /// - Throws: `LedgerError.accountNotFound` when `query.accountID` names
    ///   an account the ledger never had, and `.accountNotYetConnected`
    ///   when its connect was recorded after `query.knownAtPosition`, as
    ///   `account(id:at:)` and `history(accountID:at:)` do. Both are thrown
    ///   before `body` runs. Also what `body` throws.
    public func readAuditTrail<T>(_ query: AuditQuery, _ body: (AuditTrailSnapshot) throws -> T) throws -> T {
        try storageOperation {
            try database.read { db in
                if let accountID = query.accountID {
                    let known = try db.scalarInt("SELECT count(*) FROM accounts WHERE account_id = ?", [.text(accountID)])
                    guard known == 1 else { throw LedgerError.accountNotFound(accountID) }
                    try checkConnected(accountID: accountID, byPosition: query.knownAtPosition, knownAt: query.knownAt, in: db)
                }
                let snapshot = AuditTrailSnapshot(trail: AuditTrail(db: db), query: query)
                defer { snapshot.close() }
                return try body(snapshot)
            }
        }
    }

    /// Throws `LedgerError.accountNotYetConnected` when the account has no
    /// event at or before `position`. An empty trail would read as an
    /// account that existed then without changes.
    private func checkConnected(accountID: String, byPosition position: Int64?, knownAt: Int64?, in db: Database) throws {
        guard let position else { return }
        let visible = try db.scalarInt(
            "SELECT EXISTS (SELECT 1 FROM events WHERE account_id = ? AND position <= ?)",
            [.text(accountID), .integer(position)])
        guard visible == 0 else { return }
        throw try notFound(accountID: accountID, at: TimePoint(knownAtPosition: position, knownAt: knownAt), in: db)
    }

    /// Returns the `EXPLAIN QUERY PLAN` detail lines of the audit trail's SQL.
    func auditQueryPlan(_ query: AuditQuery) throws -> [String] {
        try storageOperation {
            try database.read { db in try AuditTrail(db: db).queryPlan(query) }
        }
    }

    /// Returns the accounts, not deleted and holding at least one secret,
    /// whose secrets last changed more than `age` milliseconds before the
    /// moment of `point`, oldest change first.
    public func staleAccounts(olderThan age: Int64, at point: TimePoint = .now) throws -> [AccountState] {
        precondition(age >= 0, "a negative age")
        // A moment before 1970 minus an age near Int64.max falls below
        // Int64.min. No time is earlier than Int64.min, so saturating there
        // leaves no account stale, which is the exact result.
        let (difference, overflow) = point.statusMoment(now: Clock.nowMilliseconds()).subtractingReportingOverflow(age)
        let threshold = overflow ? Int64.min : difference
        let states = try accountStates(at: point)
        return states
            .filter { !$0.isDeleted && !$0.credentials.isEmpty && $0.credentialsChangedAt < threshold }
            .sorted { ($0.credentialsChangedAt, $0.id) < ($1.credentialsChangedAt, $1.id) }
    }

    /// Returns the accounts whose token had expired at the moment of `point`.
    public func expiredAccounts(at point: TimePoint) throws -> [AccountRow] {
        var query = AccountQuery()
        query.at = point
        query.statuses = [.expired]
        query.sort = .expires
        return try accounts(query)
    }

    /// Returns every period in which any secret field of any account held
    /// `secret`, matched by its keyed fingerprint, ordered by when each
    /// period began. The secret itself is neither stored nor returned.
    ///
    /// - Parameter moment: when given, only the periods in use at that
    ///   occurred time: begun at or before it and not yet ended by it.
    /// - Throws: `LedgerError.invalidInput` for a secret that no save would
    ///   accept (`InputLimits.checkSecret`), such as one that starts with a
    ///   byte order mark. `LedgerError.key` when the fingerprint key is
    ///   missing or wrong.
    public func credentialUsage(of secret: Secret, inUseAt moment: Int64? = nil) throws -> [CredentialUsage] {
        try InputLimits.checkSecret(secret, field: "secret")
        let fingerprint = try fingerprintKey().fingerprint(secret).hex
        return try storageOperation {
            try database.read { db in
                let trail = AuditTrail(db: db)
                var accountIDs: [String] = []
                for entry in try trail.entries(settingFingerprint: fingerprint) where !accountIDs.contains(entry.accountID) {
                    accountIDs.append(entry.accountID)
                }
                let usages = try accountIDs.flatMap { accountID in
                    var query = AuditQuery()
                    query.accountID = accountID
                    return CredentialUsageFinder.periods(of: fingerprint, in: try trail.entries(query))
                }
                return usages
                    .filter { usage in moment.map { usage.isInUse(at: $0) } ?? true }
                    .sorted { ($0.from, $0.fromPosition, $0.field) < ($1.from, $1.fromPosition, $1.field) }
            }
        }
    }

    /// Returns the state of every account that existed at `point`, after
    /// one check of the events they are folded from for any this build
    /// cannot read. `account(id:at:)` checks each account's events with its
    /// own query, so 10,000 accounts cost 10,000 queries that together read
    /// the whole log out of storage order. The check and the states are read
    /// in one transaction, so the states are those of the checked log.
    func accountStates(at point: TimePoint) throws -> [AccountState] {
        try storageOperation {
            try database.read { db in
                try checkLogReadable(at: point, in: db)
                let ids = try db.statement("SELECT account_id FROM accounts ORDER BY account_id").rows { $0.string(0) }
                if point.isNow {
                    let projection = ProjectionWriter(db: db)
                    return try ids.compactMap { try projection.currentState(accountID: $0) }
                }
                // An account without events at `point` folds to nil: not yet
                // connected then, so not part of the report.
                let store = EventStore(db: db)
                return try ids.compactMap { id in
                    try store.foldState(accountID: id, upToPosition: point.knownAtPosition ?? .max, asOf: point.asOf)
                }
            }
        }
    }
}
