/// Appends complete, already hashed events to an empty ledger, checking
/// each against the one before it, and projects them with
/// `ProjectionWriter`. Used by `ledger import --events` and `ledger replay`.
///
/// Each event gets the checks `verify` makes: its hash, a canonical payload
/// that matches its schemas (`EventContentCheck`), the limits a save
/// applies (`LoadedEventLimits`) and "before" values that match the state
/// it follows (`EventConsistency`).
///
/// The caller owns the write transaction, so a broken event anywhere
/// leaves the ledger as it was. Per-account state lives in the `accounts`
/// table, so memory does not grow with the number of events.
struct EventLoader {
    let db: Database
    /// The limits a save applies.
    let limits: LoadedEventLimits
    private var head = EventStore.Head(position: 0, hash: RecordedEvent.genesisHash, recordedAt: Int64.min)

    /// - Throws: `LedgerError.invalidInput` when the ledger already contains events.
    init(db: Database, ledgerPath: String, limits: LoadedEventLimits) throws {
        self.db = db
        self.limits = limits
        let existing = try EventStore(db: db).head().position
        guard existing == 0 else {
            throw LedgerError.invalidInput(
                location: ledgerPath,
                problem: "holds \(existing) event(s); events can only be loaded into an empty ledger (run `ledger init` on a new path)")
        }
    }

    /// The number of events loaded so far.
    var count: Int64 { head.position }

    /// The hash of the last event loaded, or the genesis hash.
    var headHash: String { head.hash }

    /// Checks `event` against the chain so far, stores it and projects it.
    ///
    /// - Throws: `EventFault` naming the position, the fault and, where one
    ///   member is wrong, that member. The faults are a gap, a broken hash
    ///   chain and a hash that does not match the contents. They are also
    ///   an event type this build cannot read, a payload that does not match
    ///   its schema, a version or time out of order, and a value outside the
    ///   limits. `LedgerError.storage` when the ledger cannot be written.
    mutating func load(_ event: RecordedEvent) throws {
        func broken(_ problem: String, field: String? = nil) -> EventFault {
            EventFault(position: event.position, problem: problem, field: field)
        }
        guard event.position == head.position + 1 else {
            throw broken("expected position \(head.position + 1); the log has a gap or is out of order")
        }
        guard event.previousHash == head.hash else {
            throw broken("prev_hash \(event.previousHash) is not the hash of the event before it (\(head.hash)); the chain is broken")
        }
        let content = EventContentCheck(event, schemas: .bundled)
        if let computed = content.recomputedHash {
            throw broken("hash \(event.hash) does not match its contents (\(computed)); the event was altered")
        }
        do {
            // Before the schema check, which would name only the `type` member.
            try EventCodec.checkReadable(type: event.type, schemaVersion: event.schemaVersion, position: event.position)
        } catch let error as LedgerError {
            throw broken(error.problemWithoutPosition)
        }
        let payload: JSONValue
        switch content.payload {
        case .success(let parsed):
            payload = parsed
        case .failure(let fault):
            throw broken(fault.detail, field: fault.field)
        }
        guard event.recordedAt >= head.recordedAt else {
            throw broken("recorded_at \(Timestamp.format(event.recordedAt)) is earlier than the event before it")
        }
        let writer = ProjectionWriter(db: db)
        let before = try writer.currentState(accountID: event.accountID)
        guard event.version == (before?.version ?? 0) + 1 else {
            throw broken("account \(event.accountID) version \(event.version) does not follow version \(before?.version ?? 0)")
        }
        if let before, event.occurredAt < before.updatedAt {
            throw broken("occurred_at \(Timestamp.format(event.occurredAt)) is earlier than account \(event.accountID)'s previous event")
        }
        let decoded: (event: AccountEvent, sourceEtag: String?)
        let after: AccountState
        do {
            decoded = try EventCodec.decode(
                type: event.type, schemaVersion: event.schemaVersion, payload: payload, position: event.position)
        } catch let error as LedgerError {
            throw broken(error.problemWithoutPosition)
        }
        try limits.check(event, decoded: decoded.event, sourceEtag: decoded.sourceEtag)
        if let problem = EventConsistency.problem(decoded.event, follows: before) {
            throw broken(problem)
        }
        do {
            after = try AccountFold.apply(decoded.event, sourceEtag: decoded.sourceEtag, to: before, envelope: event)
        } catch let error as LedgerError {
            throw broken(error.problemWithoutPosition)
        }
        try limits.checkFieldCounts(after, after: event, decoded: decoded.event)
        try EventStore(db: db).insert(event)
        try writer.apply(event, event: decoded.event, before: before, after: after)
        head = EventStore.Head(position: event.position, hash: event.hash, recordedAt: event.recordedAt)
    }

    /// Records that every projection includes the loaded events.
    func finish() throws {
        try ProjectionWriter(db: db).setCheckpoints(head.position)
    }
}
