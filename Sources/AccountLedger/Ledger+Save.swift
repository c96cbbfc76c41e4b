import Foundation

/// An event waiting to be appended, with the account and time it belongs to.
struct PendingEvent {
    var accountID: String
    var event: AccountEvent
    var occurredAt: Int64
    var sourceEtag: String?
}

extension Ledger {
    /// Decides `command` against the account's current state and appends
    /// the resulting events in one transaction, sharing one correlation id.
    ///
    /// - Parameters:
    ///   - accountID: the account to change; for a connect, the new id.
    ///   - context: actor, reason, occurred time and guards.
    /// - Returns: the appended events, none when nothing changed.
    /// - Throws: `LedgerError.versionConflict` when `context.expectedVersion`
    ///   differs from the current version, `.accountNotFound`, `.rejected`,
    ///   `.invalidInput` and `.storage`. Nothing is written when it throws.
    @discardableResult
    public func save(_ command: AccountCommand, accountID: String, context: SaveContext) throws -> SaveResult {
        try checkContext(context)
        let decider = makeDecider()
        return try storageOperation {
            try database.write { db in
                try save(command, accountID: accountID, context: context, decider: decider, in: db)
            }
        }
    }

    func makeDecider() -> CommandDecider {
        CommandDecider(catalog: catalog, keyProvider: { [unowned self] in try self.fingerprintKey() })
    }

    /// Decides and appends one save inside the caller's write transaction.
    func save(
        _ command: AccountCommand,
        accountID: String,
        context: SaveContext,
        decider: CommandDecider,
        in db: Database
    ) throws -> SaveResult {
        let writer = ProjectionWriter(db: db)
        var requestDigest: String?
        if let key = context.idempotencyKey {
            func digest(_ context: SaveContext?) throws -> String {
                try command.requestDigest(accountID: accountID, context: context) { secret in
                    try decider.keyProvider().fingerprint(secret).hex
                }
            }
            let current = try digest(context)
            let digests = [current, try digest(nil)]
            if let earlier = try earlierSave(idempotencyKey: key, accountID: accountID, requestDigests: digests, in: db) {
                return earlier
            }
            requestDigest = current
        }
        let state = try writer.currentState(accountID: accountID)
        let currentVersion = state?.version ?? 0
        if let expected = context.expectedVersion, expected != currentVersion {
            throw LedgerError.versionConflict(accountID: accountID, expected: expected, actual: currentVersion)
        }
        let occurredAt = context.occurredAt ?? Clock.nowMilliseconds()
        let events = try decider.decide(command, accountID: accountID, state: state, occurredAt: occurredAt)
        let pending = events.map { PendingEvent(accountID: accountID, event: $0, occurredAt: occurredAt) }
        let recorded = try append(pending, context: context, correlationID: Self.newCorrelationID(), in: db)
        if let key = context.idempotencyKey, let requestDigest {
            try IdempotencyKeyStore(db: db).insert(IdempotencyKeyStore.Entry(
                key: key, accountID: accountID, requestDigest: requestDigest,
                position: try EventStore(db: db).head().position))
        }
        return SaveResult(
            accountID: accountID, events: recorded, wasAlreadyApplied: false,
            version: recorded.last?.version ?? currentVersion, pastExpiry: PastExpiry.first(in: pending))
    }

    /// Returns the result of an earlier save with the same idempotency key,
    /// or nil when the key is new.
    ///
    /// - Parameter requestDigests: the digests the stored one may equal:
    ///   this request's, and the same without the save's context, which is
    ///   what earlier builds stored.
    /// - Throws: `LedgerError.idempotencyKeyReused` when the key was used for
    ///   another account or another request, because replaying the earlier
    ///   result would report success for a save that never happened.
    ///   `.idempotencyKeyWithoutDigest` when events carry the key but no
    ///   digest was stored for it, for the same reason.
    private func earlierSave(
        idempotencyKey key: String,
        accountID: String,
        requestDigests: [String],
        in db: Database
    ) throws -> SaveResult? {
        let events = try EventStore(db: db).events(idempotencyKey: key)
        guard let recorded = try IdempotencyKeyStore(db: db).entry(key: key) else {
            // A log loaded by `import --events` or written by an older build
            // keeps the keys in its events but not the request digests.
            guard let last = events.last else { return nil }
            throw LedgerError.idempotencyKeyWithoutDigest(key: key, accountID: last.accountID, position: last.position)
        }
        guard recorded.accountID == accountID, requestDigests.contains(recorded.requestDigest) else {
            throw LedgerError.idempotencyKeyReused(key: key, accountID: recorded.accountID)
        }
        let version = try ProjectionWriter(db: db).currentState(accountID: accountID)?.version ?? 0
        return SaveResult(accountID: accountID, events: events, wasAlreadyApplied: true, version: version)
    }

    /// How far past the ledger's clock an occurred time may be, in
    /// milliseconds: enough for a source whose clock runs a little fast,
    /// small enough to catch a mistyped year.
    static let maximumClockSkew: Int64 = 15 * 60 * 1000

    /// Returns a new random correlation id shared by the events of one save:
    /// a version 4 UUID in lower case.
    ///
    /// Foundation's `UUID()` was 7% of a batched import here; libcrypto's
    /// generator gives the same 122 random bits for less.
    static func newCorrelationID() -> String {
        var bytes = Digest.randomBytes(16)
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = Array(Hex.encode(bytes).utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (offset, digit) in hex.enumerated() {
            if offset == 8 || offset == 12 || offset == 16 || offset == 20 {
                text.append(UInt8(ascii: "-"))
            }
            text.append(digit)
        }
        return String(decoding: text, as: UTF8.self)
    }

    func checkContext(_ context: SaveContext) throws {
        try InputLimits.checkLine(context.actor, field: "actor")
        if let reason = context.reason {
            try InputLimits.checkText(reason, field: "reason")
        }
        if let key = context.idempotencyKey {
            try InputLimits.checkIdentifier(key, field: "idempotency key")
        }
        if let expected = context.expectedVersion, expected < 0 {
            throw LedgerError.invalidInput(location: "expect-version", problem: "must be 0 (a new account) or more")
        }
    }

    /// Appends events inside the caller's write transaction, updating the
    /// projections as it goes. Each account's events must be in time order.
    func append(
        _ pending: [PendingEvent],
        context: SaveContext,
        correlationID: String,
        in db: Database
    ) throws -> [RecordedEvent] {
        guard !pending.isEmpty else { return [] }
        let store = EventStore(db: db)
        let writer = ProjectionWriter(db: db)
        var head = try store.head()
        let recordedAt = try Self.recordedTime(after: head, clock: Clock.nowMilliseconds())
        var states: [String: AccountState?] = [:]
        var recorded: [RecordedEvent] = []
        for item in pending {
            let before: AccountState?
            if let cached = states[item.accountID] {
                before = cached
            } else {
                before = try writer.currentState(accountID: item.accountID)
            }
            if let before, item.occurredAt < before.updatedAt {
                throw LedgerError.rejected(
                    accountID: item.accountID,
                    reason: "its change at \(Timestamp.format(item.occurredAt)) is earlier than its last recorded change at \(Timestamp.format(before.updatedAt)); an account's events must be in time order")
            }
            guard item.occurredAt <= recordedAt + Self.maximumClockSkew else {
                throw LedgerError.invalidInput(
                    location: "occurred time of account \(item.accountID)",
                    problem: "\(Timestamp.format(item.occurredAt)) is in the future (now is \(Timestamp.format(recordedAt))), "
                        + "more than the \(Self.maximumClockSkew / 60_000) minutes allowed for a clock that runs fast; "
                        + "a future time would block every later change to the account")
            }
            let payloadText = JSONWriter.canonical(EventCodec.encode(item.event, sourceEtag: item.sourceEtag))
            if let problem = EventPayloadLimit.problem(item.event, payloadText: payloadText) {
                throw LedgerError.invalidInput(location: "account \(item.accountID)", problem: problem)
            }
            var envelope = RecordedEvent(
                position: head.position + 1,
                accountID: item.accountID,
                version: (before?.version ?? 0) + 1,
                type: item.event.type.rawValue,
                schemaVersion: item.event.type.currentSchemaVersion,
                occurredAt: item.occurredAt,
                recordedAt: recordedAt,
                actor: context.actor,
                reason: context.reason,
                correlationID: correlationID,
                idempotencyKey: context.idempotencyKey,
                payloadText: payloadText,
                previousHash: head.hash,
                hash: "")
            envelope.hash = envelope.computeHash()
            #if DEBUG
            // Debug builds, and so every test run, stop at the first event
            // this build writes that its own schemas reject.
            do {
                try EventSchemas.bundled.validate(envelope)
            } catch {
                assertionFailure("the ledger wrote an event its schemas reject: \(error)")
            }
            #endif
            try store.insert(envelope)
            let after = try AccountFold.apply(item.event, sourceEtag: item.sourceEtag, to: before, envelope: envelope)
            try writer.apply(envelope, event: item.event, before: before, after: after)
            states[item.accountID] = after
            head = EventStore.Head(position: envelope.position, hash: envelope.hash, recordedAt: recordedAt)
            recorded.append(envelope)
        }
        try writer.setCheckpoints(head.position)
        return recorded
    }
}
