extension Ledger {
    /// Appends the events that explain how one record differs from its
    /// account, and returns them; none when the record describes what the
    /// ledger already has. An expiry the record sets at or before its own
    /// time is added to `pastExpiries`.
    ///
    /// Every check of the record runs before its etag is compared, so an
    /// etag the ledger has stored never lets a bad record through.
    func importRecord(
        _ record: ConnectionRecord,
        state: AccountState?,
        diff: SnapshotDiff,
        importedAt: Int64,
        options: SnapshotImportOptions,
        pastExpiries: inout [PastExpiry],
        db: Database
    ) throws -> [RecordedEvent] {
        let time = RecordTime(record, importedAt: importedAt)
        let account = try diff.account(for: record)
        let events = try diff.events(for: account, record: record, state: state, occurredAt: time.occurredAt)
        if time.occurredAt > importedAt + Self.maximumClockSkew {
            throw record.invalid(
                time.field,
                "\(Timestamp.format(time.occurredAt)) is in the future (now is \(Timestamp.format(importedAt))); "
                    + "a future time would block every later change to the account, so check the clock "
                    + "of the system that exported it")
        }
        try checkAuthorizationDate(account, record: record, time: time)
        if let state {
            let appends = try shouldAppend(
                record, account: account, events: events, state: state, time: time, diff: diff, db: db)
            guard appends else { return [] }
        }

        let context = SaveContext(
            actor: record.updatedBy ?? record.createdBy ?? options.actor, reason: options.reason)
        let pending = events.map {
            PendingEvent(accountID: record.id, event: $0, occurredAt: time.occurredAt, sourceEtag: record.etag)
        }
        let recorded = try append(pending, context: context, correlationID: Self.newCorrelationID(), in: db)
        if let expiry = PastExpiry.first(in: pending) {
            pastExpiries.append(expiry)
        }
        return recorded
    }

    /// Rejects an authorization date later than the record's own time,
    /// with the allowance a save gives a fast clock. The record describes
    /// the connection at that time, so a later grant cannot be part of it,
    /// and a date such as 2150-01-01 would show as the account's
    /// authorization in every view until a later record replaced it.
    private func checkAuthorizationDate(_ account: ImportedAccount, record: ConnectionRecord, time: RecordTime) throws {
        guard let authorizedAt = account.authorizedAt, authorizedAt > time.occurredAt + Self.maximumClockSkew else {
            return
        }
        let recordTime = time.field == "id"
            ? "the import's time \(Timestamp.format(time.occurredAt)), which the record takes because it has no updatedAt or createdAt"
            : "the record's \(time.field) \(Timestamp.format(time.occurredAt))"
        throw record.invalid(
            "auth.params.\(ImportedAccount.authorizedDateParameter)",
            "\(Timestamp.format(authorizedAt)) is more than \(Self.maximumClockSkew / 60_000) minutes after "
                + "\(recordTime); a record cannot hold a grant made after it, so check the date")
    }

    /// Returns whether the record's events for an existing account are to
    /// be appended: false when the record describes a version the ledger
    /// already has.
    ///
    /// - Throws: `LedgerError.invalidInput` naming the record when the
    ///   ledger cannot apply it.
    private func shouldAppend(
        _ record: ConnectionRecord,
        account: ImportedAccount,
        events: [AccountEvent],
        state: AccountState,
        time: RecordTime,
        diff: SnapshotDiff,
        db: Database
    ) throws -> Bool {
        // Etags and authors are compared by their bytes, because an etag in
        // another Unicode normalization names another version.
        if let etag = record.etag, state.sourceEtag.hasSameBytes(as: etag) {
            guard let stored = try lastEvent(withEtag: etag, state: state, db: db) else {
                throw LedgerError.storage(
                    path: db.path,
                    problem: "the state of account \(state.id) has etag \(etag), but none of its events has it; "
                        + "run `ledger verify`")
            }
            try checkSameOrigin(record, etag: etag, stored: stored, time: time)
            guard !SnapshotDiff.changedFields(events).isEmpty else { return false }
            let storedState = try storedVersion(accountID: state.id, at: stored, db: db)
            try checkSameVersion(record, etag: etag, account: account, stored: storedState, time: time, diff: diff)
            return false
        }
        // A record of a version an earlier import stored, such as the first
        // of two files imported again, is no change. A newer record that
        // reuses a stored etag is rejected by `checkSameOrigin`, because one
        // etag names one version. The events are searched only for records
        // that would change the account.
        if let etag = record.etag, state.isDeleted || !events.isEmpty,
            let stored = try lastEvent(withEtag: etag, state: state, db: db)
        {
            try checkSameOrigin(record, etag: etag, stored: stored, time: time)
            let storedState = try storedVersion(accountID: state.id, at: stored, db: db)
            try checkSameVersion(record, etag: etag, account: account, stored: storedState, time: time, diff: diff)
            return false
        }
        if state.isDeleted {
            let when = state.deletedAt.map(Timestamp.format) ?? "an earlier change"
            throw record.invalid(
                "id",
                "account \(state.id) was deleted in the ledger at \(when); a deleted account cannot "
                    + "change, so remove this record or import into another ledger")
        }
        guard !events.isEmpty else { return false }
        try checkTimeOrder(record, events: events, state: state, time: time)
        return true
    }

    /// Rejects a record that would change the account but is not newer
    /// than the account's last change.
    private func checkTimeOrder(
        _ record: ConnectionRecord, events: [AccountEvent], state: AccountState, time: RecordTime
    ) throws {
        if time.occurredAt < state.updatedAt {
            let moment = time.field == "id"
                ? "the record has no updatedAt or createdAt, so its time is the import's, \(Timestamp.format(time.occurredAt)), which"
                : Timestamp.format(time.occurredAt)
            let advice = time.field == "id"
                ? "give the record its updatedAt"
                : "this snapshot is older than what the ledger contains, so import newer snapshots only"
            throw record.invalid(
                time.field,
                "\(moment) is earlier than the account's last recorded change at "
                    + "\(Timestamp.format(state.updatedAt)); \(advice)")
        }
        // Two versions with one time would each win in turn, flipping the
        // account at every import. A record without a time of its own takes
        // the import's, so it is newer than what earlier imports stored.
        let fields = SnapshotDiff.changedFields(events)
        if time.occurredAt == state.updatedAt, time.field != "id", !fields.isEmpty {
            var etags = "\(record.etag ?? "none"), stored \(state.sourceEtag ?? "none")"
            if let etag = record.etag, let stored = state.sourceEtag, etag.differsOnlyInNormalization(from: stored) {
                etags += ", which differ only in Unicode normalization"
            }
            throw record.invalid(
                time.field,
                "\(Timestamp.format(time.occurredAt)) is also the time of the account's last recorded change, "
                    + "but the etag differs (\(etags)) and the record would change \(SnapshotDiff.list(fields)); "
                    + "the ledger cannot tell which version is newer, so import only the snapshot that is current")
        }
    }

    /// Returns the last event of the account that stored `etag`, or nil
    /// when none of its events has that etag.
    private func lastEvent(withEtag etag: String, state: AccountState, db: Database) throws -> EtagEvent? {
        // Unless the ledger changed the account since its last import, the
        // account's last event has the etag, and reading it by position
        // spares a re-imported list a search of every account's events.
        let last = try db.statement(
            "SELECT position, occurred_at, actor, json_extract(payload, '$.sourceEtag') FROM events WHERE position = ?"
        ).rows([.integer(state.lastPosition)]) { row in
            (EtagEvent(position: row.int64(0), occurredAt: row.int64(1), actor: row.string(2)), row.optionalString(3))
        }
        if let (event, lastEtag) = last.first, lastEtag.hasSameBytes(as: etag) {
            return event
        }
        // Payloads are stored in canonical JSON, so an event with the etag
        // contains the etag's canonical string literal. Looking for that
        // text first spares parsing the JSON of every other event.
        return try db.statement("""
            SELECT position, occurred_at, actor FROM events
            WHERE account_id = ? AND instr(payload, ?) > 0 AND json_extract(payload, '$.sourceEtag') = ?
            ORDER BY position DESC LIMIT 1
            """).rows([.text(state.id), .text(JSONWriter.canonical(.string(etag))), .text(etag)]) { row in
            EtagEvent(position: row.int64(0), occurredAt: row.int64(1), actor: row.string(2))
        }.first
    }

    /// Returns the account as `event`, the last one with an etag, left it.
    private func storedVersion(accountID: String, at event: EtagEvent, db: Database) throws -> AccountState {
        guard let state = try EventStore(db: db).foldState(
            accountID: accountID, upToPosition: event.position, asOf: nil)
        else {
            throw LedgerError.accountNotFound(accountID)
        }
        return state
    }

    /// Checks that a record has the time and author of the event that
    /// stored its etag. A record without a time or an author of its own
    /// took the import's, so there is nothing to compare.
    private func checkSameOrigin(_ record: ConnectionRecord, etag: String, stored: EtagEvent, time: RecordTime) throws {
        let advice = "one etag cannot name two versions, so export the connection again and import the new file"
        if time.field != "id", time.occurredAt != stored.occurredAt {
            throw record.invalid(
                time.field,
                "is \(Timestamp.format(time.occurredAt)), but the ledger stored \(etag) with a change at "
                    + "\(Timestamp.format(stored.occurredAt)); \(advice)")
        }
        let author = record.updatedBy.map { ("updatedBy", $0) } ?? record.createdBy.map { ("createdBy", $0) }
        if let (field, actor) = author, !actor.hasSameBytes(as: stored.actor) {
            let normalization = actor.differsOnlyInNormalization(from: stored.actor)
                ? ", which differs from it only in Unicode normalization" : ""
            throw record.invalid(
                field,
                "is \(actor), but the ledger stored \(etag) with a change by \(stored.actor)\(normalization); \(advice)")
        }
    }

    /// Checks a record against `stored`, the version the ledger stored with
    /// the record's etag. The platform gives every version of a connection
    /// its own etag, so a record that differs from that version is bad
    /// input. Changes the ledger made itself since then (`ledger edit`) are
    /// no difference.
    private func checkSameVersion(
        _ record: ConnectionRecord,
        etag: String,
        account: ImportedAccount,
        stored: AccountState,
        time: RecordTime,
        diff: SnapshotDiff
    ) throws {
        let events = try diff.events(for: account, record: record, state: stored, occurredAt: time.occurredAt)
        let fields = SnapshotDiff.changedFields(events)
        guard fields.isEmpty else {
            throw record.invalid(
                "etag",
                "the ledger stored \(etag) with an earlier version of this account, and this record "
                    + "differs from that version in \(SnapshotDiff.list(fields)); one etag cannot name two versions, so "
                    + "export the connection again and import the new file")
        }
    }
}

/// The last event of an account that stored a given etag.
private struct EtagEvent {
    let position: Int64
    let occurredAt: Int64
    let actor: String
}

/// When a record's change happened, and the member it comes from.
private struct RecordTime {
    /// `updatedAt`, else `createdAt`, else the import's own time.
    let occurredAt: Int64
    /// The member `occurredAt` came from. It is `id` for a record with
    /// neither time, because the file then contains no time to point at.
    let field: String

    init(_ record: ConnectionRecord, importedAt: Int64) {
        if let updatedAt = record.updatedAt {
            (occurredAt, field) = (updatedAt, "updatedAt")
        } else if let createdAt = record.createdAt {
            (occurredAt, field) = (createdAt, "createdAt")
        } else {
            (occurredAt, field) = (importedAt, "id")
        }
    }
}
