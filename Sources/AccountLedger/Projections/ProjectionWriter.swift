/// Keeps the projection tables in step with the log: `accounts` (current
/// state), `account_versions` (one row per account version with its valid
/// interval) and `credential_changes` (the audit index).
///
/// The same code runs inline, in the transaction of each append, and during
/// a rebuild, so the two cannot drift apart.
struct ProjectionWriter {
    let db: Database

    static let names = ["accounts", "account_versions", "credential_changes"]

    /// Returns an account's current state from the `accounts` projection.
    func currentState(accountID: String) throws -> AccountState? {
        if let cached = db.accountStates[accountID] {
            return cached
        }
        let state = try storedState(accountID: accountID)
        if let state {
            db.accountStates.store(state)
        }
        return state
    }

    /// Reads an account's state from the `accounts` table, past the cache.
    ///
    /// - Throws: `LedgerError.storage` when the stored state cannot be read.
    func storedState(accountID: String) throws -> AccountState? {
        let bytes = try db.statement("SELECT state FROM accounts WHERE account_id = ?")
            .firstRow([.text(accountID)]) { $0.bytes(0) }
        guard let bytes else {
            return nil
        }
        return try StoredState.decode(bytes, accountID: accountID, row: "in the accounts projection", path: db.path)
    }

    /// Applies one appended event, given the account's state before and after it.
    func apply(_ envelope: RecordedEvent, event: AccountEvent, before: AccountState?, after: AccountState) throws {
        // Names are compared by their bytes, because `==` would keep a name
        // rewritten into another Unicode normalization, and the row would
        // then differ from a replay.
        let keepsName = before.map {
            $0.name.hasSameBytes(as: after.name) && $0.destination == after.destination
                && $0.connectionType == after.connectionType && $0.createdAt == after.createdAt
        } ?? false
        try db.run(
            keepsName ? ProjectionRows.updateAccountKeepingNameSQL : ProjectionRows.upsertAccountSQL,
            ProjectionRows.account(after))
        db.accountStates.store(after)
        // The previous version stays valid until this one's occurred time;
        // equal times give it an empty interval, so only the last event of a
        // save is ever seen by an as-of query.
        if envelope.version > 1 {
            try db.run(ProjectionRows.closeVersionSQL, [
                .integer(envelope.occurredAt), .text(after.id), .integer(Int64(envelope.version - 1)),
            ])
        }
        try db.run(ProjectionRows.insertVersionSQL, ProjectionRows.version(envelope, after: after))
        for row in ProjectionRows.audit(envelope, event: event, before: before, after: after) {
            try db.run(ProjectionRows.insertAuditSQL, row)
        }
        if AccountSnapshots.isDue(version: envelope.version) {
            try db.run(AccountSnapshots.insertSQL, AccountSnapshots.row(envelope, after: after))
        }
    }

    /// Records that every projection includes the log up to `position`.
    func setCheckpoints(_ position: Int64) throws {
        try db.run("UPDATE projection_checkpoints SET position = ?", [.integer(position)])
    }
}
