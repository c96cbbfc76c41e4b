/// The receiver of the rows a `ProjectionRowReplay` derives: a rebuild
/// inserts them, and `verify` compares them with the stored tables.
protocol ProjectionRowSink: AnyObject {
    /// Receives an account's final `accounts` row, or its row when it leaves memory.
    func account(_ row: [SQLiteValue], state: AccountState) throws
    /// Receives a finished `account_versions` row, with `valid_to` when known.
    func version(_ row: [SQLiteValue], accountID: String) throws
    /// Sets `valid_to` of a version row handed over before its account
    /// left memory.
    func closeVersion(accountID: String, version: Int, validTo: Int64) throws
    /// Receives a `credential_changes` row. Rows arrive in (position, sequence) order.
    func audit(_ row: [SQLiteValue]) throws
    /// Receives an `account_snapshots` row. Rows arrive in position order.
    func snapshot(_ row: [SQLiteValue]) throws
}

/// Replays the log into projection rows, keeping account states in memory.
///
/// The inline writer reads and writes an account's `accounts` row, about 600
/// bytes of state JSON, and updates the previous version row on every
/// event. A replay of the whole log does not need either: states stay in a
/// dictionary, each version row is handed over once its successor fixes its
/// `valid_to`, and `accounts` rows are written once, at the end. The rows
/// come from `ProjectionRows`, as the inline writer's do.
///
/// With a `capacity`, memory stays bounded whatever the number of accounts:
/// when the dictionary is full every state is handed to the sink and
/// dropped, and an account seen again is read back through `reload`.
final class ProjectionRowReplay {
    private struct Entry {
        var state: AccountState
        /// The newest version row, whose `valid_to` awaits the next event.
        var openVersion: [SQLiteValue]?
    }

    /// Whether each event's "before" values must match the state it
    /// follows (`EventConsistency`); `verify` sets it, a rebuild does not.
    var checksConsistency = false
    /// The limits a save applies, checked on every event when set; `verify`
    /// sets them, a rebuild does not.
    var limits: LoadedEventLimits?
    /// Whether each event must match its hash and link to the one before.
    /// `ledger rebuild` sets it, because the old projection rows may be the
    /// only trace of an altered log. `verify` checks hashes on its own
    /// thread instead.
    var checksHashChain = false
    private var previousHash = RecordedEvent.genesisHash
    private var previousPosition: Int64 = 0

    private let sink: ProjectionRowSink
    private let capacity: Int?
    private let reload: (String) throws -> AccountState?
    private var entries: [String: Entry] = [:]
    /// Whether states were ever handed over and dropped.
    private var hasFlushed = false

    /// - Parameters:
    ///   - capacity: the most states kept; nil keeps every account's.
    ///   - reload: returns the state of an account that left memory, or nil
    ///     for an account not seen yet.
    init(sink: ProjectionRowSink, capacity: Int? = nil, reload: @escaping (String) throws -> AccountState? = { _ in nil }) {
        self.sink = sink
        self.capacity = capacity
        self.reload = reload
    }

    /// The number of accounts whose state is in memory.
    var accountCount: Int { entries.count }

    /// Returns whether an event of `accountID` can be applied without
    /// writing states out and reading one back.
    func hasRoom(for accountID: String) -> Bool {
        guard let capacity else { return true }
        return entries.count < capacity || entries[accountID] != nil
    }

    /// Decodes one stored event, folds it into its account and hands over
    /// the rows it produces.
    ///
    /// - Parameter parsed: the payload when the caller has parsed it already.
    /// - Throws: `LedgerError.corruptEvent` or `.unknownEventType` when the
    ///   event cannot be decoded or cannot follow the account's state.
    func apply(_ event: RecordedEvent, payload parsed: JSONValue? = nil) throws {
        if checksHashChain {
            try checkHashChain(event)
        }
        let decoded = try event.decodedPayload(parsed: parsed)
        var entry = entries[event.accountID]
        if entry == nil {
            if let capacity, entries.count >= capacity {
                try flush()
            }
            // Before the first flush no state has left memory, so an
            // unknown account is a new one. The rebuild's fold thread relies
            // on this, because it may not read the database.
            if hasFlushed, let reloaded = try reload(event.accountID) {
                entry = Entry(state: reloaded, openVersion: nil)
                try sink.closeVersion(accountID: event.accountID, version: reloaded.version, validTo: event.occurredAt)
            }
        }
        let before = entry?.state
        do {
            try limits?.check(event, decoded: decoded.event, sourceEtag: decoded.sourceEtag)
        } catch let fault as EventFault {
            throw fault.verificationFailure
        }
        if checksConsistency, let problem = EventConsistency.problem(decoded.event, follows: before) {
            throw LedgerError.verificationFailed(position: event.position, detail: problem)
        }
        let after = try AccountFold.apply(decoded.event, sourceEtag: decoded.sourceEtag, to: before, envelope: event)
        do {
            try limits?.checkFieldCounts(after, after: event, decoded: decoded.event)
        } catch let fault as EventFault {
            throw fault.verificationFailure
        }
        if var open = entry?.openVersion {
            open[ProjectionRows.validToColumn] = .integer(event.occurredAt)
            try sink.version(open, accountID: event.accountID)
        }
        for row in ProjectionRows.audit(event, event: decoded.event, before: before, after: after) {
            try sink.audit(row)
        }
        if AccountSnapshots.isDue(version: event.version) {
            try sink.snapshot(AccountSnapshots.row(event, after: after))
        }
        entries[event.accountID] = Entry(state: after, openVersion: ProjectionRows.version(event, after: after))
    }

    private func checkHashChain(_ event: RecordedEvent) throws {
        guard event.position == previousPosition + 1 else {
            throw LedgerError.verificationFailed(
                position: previousPosition + 1,
                detail: "position \(previousPosition + 1) is missing; the next stored event is at position "
                    + "\(event.position). \(Self.stoppedRebuild)")
        }
        let linked = event.previousHash == previousHash
        guard linked, event.computeHash() == event.hash else {
            let problem = linked ? "does not match the hash of its contents" : "does not link to the event before it"
            throw LedgerError.verificationFailed(
                position: event.position,
                detail: "the event \(problem), so the log was altered or cut. \(Self.stoppedRebuild)")
        }
        previousHash = event.hash
        previousPosition = event.position
    }

    private static let stoppedRebuild = "The rebuild stopped and changed nothing, because it would copy the altered "
        + "log into the projections, whose old rows may be the only trace of the change; run `ledger verify`, and "
        + "restore the file from a backup or an export"


    /// Hands over every state and open version row still in memory, in
    /// account order, and removes them from memory.
    func flush() throws {
        for accountID in entries.keys.sorted() {
            let entry = entries[accountID]!
            if let open = entry.openVersion {
                try sink.version(open, accountID: accountID)
            }
            try sink.account(ProjectionRows.account(entry.state), state: entry.state)
        }
        entries.removeAll(keepingCapacity: true)
        hasFlushed = true
    }
}
