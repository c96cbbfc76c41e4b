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
        guard let text = try db.scalarString("SELECT state FROM accounts WHERE account_id = ?", [.text(accountID)]) else {
            return nil
        }
        let state = try AccountState(json: JSONParser.parse(text))
        db.accountStates.store(state)
        return state
    }

    /// Applies one appended event, given the account's state before and after it.
    func apply(_ envelope: RecordedEvent, event: AccountEvent, before: AccountState?, after: AccountState) throws {
        try upsertAccount(after)
        try appendVersion(envelope, after: after)
        var sequence = 0
        for row in AuditRows.rows(for: event, before: before, after: after) {
            try insertAuditRow(row, sequence: sequence, envelope: envelope, after: after)
            sequence += 1
        }
    }

    /// Records that every projection includes the log up to `position`.
    func setCheckpoints(_ position: Int64) throws {
        try db.run("UPDATE projection_checkpoints SET position = ?", [.integer(position)])
    }

    private func upsertAccount(_ state: AccountState) throws {
        try db.run("""
            INSERT INTO accounts (account_id, name, description, destination, connection_type, username,
                dataflow_count, authorized_at, expires_at, deleted, version, created_at, updated_at, last_position, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (account_id) DO UPDATE SET
                name = excluded.name, description = excluded.description, destination = excluded.destination,
                connection_type = excluded.connection_type, username = excluded.username,
                dataflow_count = excluded.dataflow_count, authorized_at = excluded.authorized_at,
                expires_at = excluded.expires_at, deleted = excluded.deleted, version = excluded.version,
                created_at = excluded.created_at, updated_at = excluded.updated_at,
                last_position = excluded.last_position, state = excluded.state
            """, [
                .text(state.id), .text(state.name), .text(state.description), .text(state.destination),
                .text(state.connectionType.rawValue), optionalText(state.username),
                .integer(Int64(state.dataflows.count)), optionalInteger(state.authorizedAt),
                optionalInteger(state.expiresAt), .integer(state.isDeleted ? 1 : 0),
                .integer(Int64(state.version)), .integer(state.createdAt), .integer(state.updatedAt),
                .integer(state.lastPosition), .text(state.canonicalJSONText),
            ])
        db.accountStates.store(state)
    }

    private func appendVersion(_ envelope: RecordedEvent, after state: AccountState) throws {
        // The previous version stays valid until this one's occurred time;
        // equal times give it an empty interval, so only the last event of a
        // save is ever seen by an as-of query.
        try db.run(
            "UPDATE account_versions SET valid_to = ? WHERE account_id = ? AND version = ?",
            [.integer(envelope.occurredAt), .text(state.id), .integer(Int64(envelope.version - 1))])
        try db.run("""
            INSERT INTO account_versions (account_id, version, position, recorded_at, valid_from, valid_to, name,
                destination, connection_type, username, dataflow_count, authorized_at, expires_at, deleted, created_at)
            VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [
                .text(state.id), .integer(Int64(envelope.version)), .integer(envelope.position),
                .integer(envelope.recordedAt), .integer(envelope.occurredAt), .text(state.name),
                .text(state.destination), .text(state.connectionType.rawValue), optionalText(state.username),
                .integer(Int64(state.dataflows.count)), optionalInteger(state.authorizedAt),
                optionalInteger(state.expiresAt), .integer(state.isDeleted ? 1 : 0), .integer(state.createdAt),
            ])
    }

    private func insertAuditRow(_ row: AuditRow, sequence: Int, envelope: RecordedEvent, after: AccountState) throws {
        try db.run("""
            INSERT INTO credential_changes (position, sequence, account_id, version, occurred_at, recorded_at, actor,
                kind, change, field, old_value, new_value, account_name, destination, reason, correlation_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [
                .integer(envelope.position), .integer(Int64(sequence)), .text(envelope.accountID),
                .integer(Int64(envelope.version)), .integer(envelope.occurredAt), .integer(envelope.recordedAt),
                .text(envelope.actor), .text(row.kind.rawValue), .text(row.change), optionalText(row.field),
                optionalText(row.oldValue), optionalText(row.newValue), .text(after.name), .text(after.destination),
                optionalText(envelope.reason), .text(envelope.correlationID),
            ])
    }

    private func optionalText(_ value: String?) -> SQLiteValue {
        value.map { .text($0) } ?? .null
    }

    private func optionalInteger(_ value: Int64?) -> SQLiteValue {
        value.map { .integer($0) } ?? .null
    }
}
