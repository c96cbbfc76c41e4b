/// The rows an event puts into the projection tables, as column values in
/// table order.
///
/// The inline writer, the rebuild and `verify` all take their rows from
/// here, so the three cannot disagree about what a projection holds.
enum ProjectionRows {
    static let upsertAccountSQL = """
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
        """

    /// Updates an existing `accounts` row whose name did not change, bound to
    /// the same values as `upsertAccountSQL`. SQLite rewrites an index entry
    /// whenever the `SET` list names one of its columns, even to an equal
    /// value, so leaving out the name, destination and connection type
    /// spares `accounts_by_destination` a page write per save.
    /// `accounts_by_name` contains the version, so it changes anyway.
    static let updateAccountKeepingNameSQL = """
        UPDATE accounts SET
            description = ?3, username = ?6, dataflow_count = ?7, authorized_at = ?8, expires_at = ?9,
            deleted = ?10, version = ?11, updated_at = ?13, last_position = ?14, state = ?15
        WHERE account_id = ?1
        """

    static let insertVersionSQL = insertVersionSQL(into: "account_versions")

    /// Returns the insert of a version row into `table`, the projection or
    /// a staging table of the same shape.
    static func insertVersionSQL(into table: String) -> String {
        """
        INSERT INTO \(table) (account_id, version, position, recorded_at, valid_from, valid_to, name,
            destination, connection_type, username, dataflow_count, authorized_at, expires_at, deleted, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    }

    /// Ends a version's valid interval when the account's next event arrives.
    static let closeVersionSQL = closeVersionSQL(in: "account_versions")

    static func closeVersionSQL(in table: String) -> String {
        "UPDATE \(table) SET valid_to = ? WHERE account_id = ? AND version = ?"
    }

    static let insertAuditSQL = """
        INSERT INTO credential_changes (position, sequence, account_id, version, occurred_at, recorded_at, actor,
            kind, change, field, old_value, new_value, account_name, destination, reason, correlation_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Returns the `accounts` row of a state.
    static func account(_ state: AccountState) -> [SQLiteValue] {
        [
            .text(state.id), .text(state.name), .text(state.description), .text(state.destination),
            .text(state.connectionType.rawValue), text(state.username),
            .integer(Int64(state.dataflows.count)), integer(state.authorizedAt),
            integer(state.expiresAt), .integer(state.isDeleted ? 1 : 0),
            .integer(Int64(state.version)), .integer(state.createdAt), .integer(state.updatedAt),
            .integer(state.lastPosition), .text(state.canonicalJSONText),
        ]
    }

    /// Column of `validTo` in a version row.
    static let validToColumn = 5

    /// Returns the `account_versions` row an event starts. Its valid interval
    /// stays open (`valid_to` NULL) until the account's next event.
    static func version(_ envelope: RecordedEvent, after state: AccountState) -> [SQLiteValue] {
        [
            .text(state.id), .integer(Int64(envelope.version)), .integer(envelope.position),
            .integer(envelope.recordedAt), .integer(envelope.occurredAt), .null, .text(state.name),
            .text(state.destination), .text(state.connectionType.rawValue), text(state.username),
            .integer(Int64(state.dataflows.count)), integer(state.authorizedAt),
            integer(state.expiresAt), .integer(state.isDeleted ? 1 : 0), .integer(state.createdAt),
        ]
    }

    /// Returns the `credential_changes` rows of an event, one per changed field.
    static func audit(
        _ envelope: RecordedEvent, event: AccountEvent, before: AccountState?, after: AccountState
    ) -> [[SQLiteValue]] {
        AuditRows.rows(for: event, before: before, after: after).enumerated().map { sequence, row in
            [
                .integer(envelope.position), .integer(Int64(sequence)), .text(envelope.accountID),
                .integer(Int64(envelope.version)), .integer(envelope.occurredAt), .integer(envelope.recordedAt),
                .text(envelope.actor), .text(row.kind.rawValue), .text(row.change), text(row.field),
                text(row.oldValue), text(row.newValue), .text(after.name), .text(after.destination),
                text(envelope.reason), .text(envelope.correlationID),
            ]
        }
    }

    private static func text(_ value: String?) -> SQLiteValue {
        value.map { .text($0) } ?? .null
    }

    private static func integer(_ value: Int64?) -> SQLiteValue {
        value.map { .integer($0) } ?? .null
    }
}
