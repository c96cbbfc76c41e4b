import Dispatch

/// Checks a whole log in one pass. It checks the guard triggers on `events`,
/// the schema's other objects (`SchemaObjects`) and the fingerprint key's
/// check value in `ledger_metadata`, and runs SQLite's integrity check on
/// another thread (`FileIntegrityCheck`). Per event it checks the hash
/// chain, gapless positions and versions, time order, canonical payloads
/// and the limits a save applies. At the end it checks
/// that the stored projections equal a replay.
///
/// It reads events in batches, checks each batch's contents on a second
/// thread (`EventContentCheck`) and replays them into rows that
/// `ProjectionComparison` matches with the stored tables. It keeps one
/// account state per account, so memory grows with the number of accounts,
/// not with the log. It stops at the first fault and throws
/// `LedgerError.verificationFailed` naming the position.
struct LogVerifier {
    /// What the verifier remembers of an account between its events.
    private struct AccountEntry {
        var version: Int
        var occurredAt: Int64
    }

    let db: Database
    let receipt: DigestReceipt?
    /// Names the receipt in messages, usually its file, as the signature
    /// check does: "receipt FILE: ...".
    var receiptSource = "receipt"
    /// The limits a save applies, the same that `import --events` applies.
    let limits: LoadedEventLimits
    let keyCheck: KeyCheckVerification
    var schemas: EventSchemas = .bundled

    func run() throws -> VerificationReport {
        try db.read { db in try check(db) }
    }

    /// Events per batch handed to the content-check thread.
    static let batchSize = 512

    /// A guard trigger or schema object that is missing, altered or foreign
    /// means the file was edited outside the ledger. The rest is checked
    /// first, because a fault in the log itself is more specific, and because the
    /// repair for the schema, `ledger rebuild`, must not be the first advice
    /// a reader acts on when the log was edited too.
    private func check(_ db: Database) throws -> VerificationReport {
        let schemaProblem = try EventGuards.problem(in: db) ?? SchemaObjects.problem(in: db)
        let report: VerificationReport
        do {
            report = try checkContents(db)
        } catch LedgerError.verificationFailed(let position, let detail) where schemaProblem != nil {
            throw LedgerError.verificationFailed(position: position, detail: detail + ". Besides, " + schemaProblem!)
        }
        if let schemaProblem {
            throw LedgerError.verificationFailed(position: nil, detail: schemaProblem)
        }
        return report
    }

    private func checkContents(_ db: Database) throws -> VerificationReport {
        let keyChecked = try keyCheck.run(in: db)
        let integrity = try FileIntegrityCheck(path: db.path)
        integrity.start()
        // After a fault, the check is stopped rather than awaited in full.
        var integrityAwaited = false
        defer {
            if !integrityAwaited {
                integrity.cancel()
                _ = try? integrity.wait()
            }
        }
        var previous = EventStore.Head(position: 0, hash: RecordedEvent.genesisHash, recordedAt: Int64.min)
        var accounts: [String: AccountEntry] = [:]
        let comparison = try ProjectionComparison(db: db)
        let replay = ProjectionRowReplay(sink: comparison)
        replay.checksConsistency = true
        replay.limits = limits
        let queue = DispatchQueue(label: "ledger.verify.content")
        let schemas = self.schemas
        func startChecks(_ batch: [RecordedEvent]) -> BackgroundBatch<[EventContentCheck]> {
            BackgroundBatch(on: queue) { batch.map { EventContentCheck($0, schemas: schemas) } }
        }
        // While the queue checks one batch's contents, this thread reads the
        // next batch and then checks order and replays the one before.
        var waiting: (events: [RecordedEvent], checks: BackgroundBatch<[EventContentCheck]>)?
        func finish(_ events: [RecordedEvent], _ checks: [EventContentCheck]) throws {
            for (event, content) in zip(events, checks) {
                let payload = try checkEnvelope(event, content: content, after: previous, account: accounts[event.accountID])
                try checkReceipt(at: event)
                try replayEvent(event, payload: payload, replay: replay)
                accounts[event.accountID] = AccountEntry(version: event.version, occurredAt: event.occurredAt)
                previous = EventStore.Head(position: event.position, hash: event.hash, recordedAt: event.recordedAt)
            }
        }
        // The queue must be idle before this returns or throws: a check still
        // hashing while the process exits after a fault crashed in libcrypto.
        var lastStarted: BackgroundBatch<[EventContentCheck]>?
        defer { _ = lastStarted?.wait() }
        do {
            try EventStore(db: db).forEachBatch(size: Self.batchSize) { batch in
                let started = startChecks(batch)
                lastStarted = started
                if let waiting {
                    try finish(waiting.events, waiting.checks.wait())
                }
                waiting = (batch, started)
            }
        } catch LedgerError.corruptEvent(let position, let detail) {
            // Only the store throws this here, for a row it cannot hand over.
            throw LedgerError.verificationFailed(position: position, detail: detail)
        }
        if let waiting {
            try finish(waiting.events, waiting.checks.wait())
        }

        if let receipt, receipt.position > previous.position {
            throw LedgerError.verificationFailed(
                position: previous.position + 1,
                detail: "receipt \(receiptSource): the log ends at position \(previous.position), but the receipt covers position \(receipt.position); events were removed from the end, unless the receipt was taken from another ledger")
        }
        try replay.flush()
        try checkProjections(comparison, headPosition: previous.position)
        if let contradiction = try IdempotencyKeyCheck(db: db).firstContradiction(headPosition: previous.position) {
            throw contradiction.verificationFailure
        }
        integrityAwaited = true
        let integrityProblems = try integrity.wait()
        if !integrityProblems.isEmpty {
            throw LedgerError.verificationFailed(
                position: nil,
                detail: "SQLite's integrity check of the file found: \(integrityProblems.joined(separator: "; ")). "
                    + "The events passed every check, but an index that no longer matches its table, or a value of "
                    + "the wrong type, changes what queries return, so the file was edited outside the ledger. "
                    + "`REINDEX` in the sqlite3 shell rebuilds stale indexes; a value of the wrong type in events "
                    + "needs the file restored from a backup or an export")
        }
        return VerificationReport(
            eventCount: previous.position,
            headHash: previous.hash,
            accountCount: accounts.count,
            receiptPosition: receipt?.position,
            receiptSignatureChecked: false,
            keyChecked: keyChecked)
    }

    /// Checks one event's place in the log and the outcome of its content
    /// checks, in the order a reader would look; returns the parsed payload
    /// so the replay does not parse it again.
    private func checkEnvelope(
        _ event: RecordedEvent, content: EventContentCheck, after previous: EventStore.Head, account: AccountEntry?
    ) throws -> JSONValue {
        func fault(_ detail: String) -> LedgerError {
            LedgerError.verificationFailed(position: event.position, detail: detail)
        }
        guard event.position == previous.position + 1 else {
            throw LedgerError.verificationFailed(
                position: previous.position + 1,
                detail: "position \(previous.position + 1) is missing; the next stored event is at position \(event.position)")
        }
        guard event.previousHash == previous.hash else {
            throw fault("prev_hash \(event.previousHash) is not the hash of the event before it (\(previous.hash))")
        }
        if let computed = content.recomputedHash {
            throw fault("stored hash \(event.hash) does not match the hash of its contents (\(computed)); the event was altered")
        }
        let expectedVersion = (account?.version ?? 0) + 1
        guard event.version == expectedVersion else {
            throw fault("account \(event.accountID) is at version \(event.version), expected version \(expectedVersion)")
        }
        if let account, event.occurredAt < account.occurredAt {
            throw fault("occurred_at \(Timestamp.format(event.occurredAt)) is earlier than account \(event.accountID)'s previous event at \(Timestamp.format(account.occurredAt))")
        }
        guard event.recordedAt >= previous.recordedAt else {
            throw fault("recorded_at \(Timestamp.format(event.recordedAt)) is earlier than the previous event's \(Timestamp.format(previous.recordedAt))")
        }
        switch content.payload {
        case .success(let payload):
            return payload
        case .failure(let contentFault):
            throw fault(contentFault.detail)
        }
    }

    private func checkReceipt(at event: RecordedEvent) throws {
        guard let receipt, receipt.position == event.position, event.hash != receipt.hash else { return }
        throw LedgerError.verificationFailed(
            position: event.position,
            detail: "receipt \(receiptSource): hash \(event.hash) differs from the receipt's \(receipt.hash); the log was rewritten at or before this position after the receipt was taken, unless the receipt was taken from another ledger")
    }

    private func replayEvent(_ event: RecordedEvent, payload: JSONValue, replay: ProjectionRowReplay) throws {
        do {
            try replay.apply(event, payload: payload)
        } catch let error as LedgerError {
            switch error {
            case .verificationFailed:
                throw error
            default:
                throw LedgerError.verificationFailed(
                    position: event.position, detail: "cannot be replayed: \(error.problemWithoutPosition)")
            }
        }
    }

    private func checkProjections(_ comparison: ProjectionComparison, headPosition: Int64) throws {
        if let difference = try comparison.firstDifference() {
            let side = difference.isStoredOnly ? "holds a row that a replay does not produce" : "lacks or alters a row that a replay produces"
            let found = "projection \(difference.table) \(side), for account \(difference.accountID) (the position is that row's last event). The events passed every check"
            // Cutting events from the end leaves snapshots past the new end
            // only, so an earlier one that differs was altered or added.
            if difference.table == AccountSnapshots.table, difference.position <= headPosition {
                throw LedgerError.verificationFailed(
                    position: difference.position,
                    detail: "\(found), so the snapshot was altered or added; `ledger rebuild` repairs it")
            }
            throw LedgerError.verificationFailed(
                position: difference.position,
                detail: "\(found), so either the projection was altered, which `ledger rebuild` repairs, or events were cut from the end of the log, which only a receipt shows: run `ledger verify --digest RECEIPT` before rebuilding")
        }
        let checkpoints = try db.statement("SELECT projection, position FROM main.projection_checkpoints ORDER BY projection")
            .rows { ($0.string(0), $0.int64(1)) }
        let recorded = Set(checkpoints.map(\.0))
        for projection in ProjectionWriter.names where !recorded.contains(projection) {
            throw LedgerError.verificationFailed(
                position: headPosition,
                detail: "projection \(projection) has no row in projection_checkpoints, so nothing says how much of the log it includes; `ledger rebuild` restores it")
        }
        for (projection, position) in checkpoints where position != headPosition {
            throw LedgerError.verificationFailed(
                position: headPosition,
                detail: "projection \(projection) claims to include the log up to position \(position), but the log ends at position \(headPosition)")
        }
    }
}
