extension LedgerIdentity {
    /// The columns of every table of the current schema, by table name, as
    /// `PRAGMA table_info` reports them on a ledger that `ledger init` made.
    ///
    /// They are written out here because building the schema in memory on
    /// every open cost about 1.4 ms of CPU time per command. A test compares
    /// this table with the columns the migrations create, so it cannot drift
    /// from them. The columns of a table have not changed since the table was
    /// first created, so files at older versions have the same ones.
    static let expectedColumns: [String: [Column]] = [
        "account_snapshots": [
            Column("account_id", "TEXT", notNull: true, primaryKey: 1),
            Column("version", "INTEGER", notNull: true, primaryKey: 2),
            Column("position", "INTEGER", notNull: true),
            Column("occurred_at", "INTEGER", notNull: true),
            Column("state", "TEXT", notNull: true),
        ],
        "account_versions": [
            Column("account_id", "TEXT", notNull: true, primaryKey: 1),
            Column("version", "INTEGER", notNull: true, primaryKey: 2),
            Column("position", "INTEGER", notNull: true),
            Column("recorded_at", "INTEGER", notNull: true),
            Column("valid_from", "INTEGER", notNull: true),
            Column("valid_to", "INTEGER", notNull: false),
            Column("name", "TEXT", notNull: true),
            Column("destination", "TEXT", notNull: true),
            Column("connection_type", "TEXT", notNull: true),
            Column("username", "TEXT", notNull: false),
            Column("dataflow_count", "INTEGER", notNull: true),
            Column("authorized_at", "INTEGER", notNull: false),
            Column("expires_at", "INTEGER", notNull: false),
            Column("deleted", "INTEGER", notNull: true),
            Column("created_at", "INTEGER", notNull: true),
        ],
        "accounts": [
            Column("account_id", "TEXT", notNull: true, primaryKey: 1),
            Column("name", "TEXT", notNull: true),
            Column("description", "TEXT", notNull: true),
            Column("destination", "TEXT", notNull: true),
            Column("connection_type", "TEXT", notNull: true),
            Column("username", "TEXT", notNull: false),
            Column("dataflow_count", "INTEGER", notNull: true),
            Column("authorized_at", "INTEGER", notNull: false),
            Column("expires_at", "INTEGER", notNull: false),
            Column("deleted", "INTEGER", notNull: true),
            Column("version", "INTEGER", notNull: true),
            Column("created_at", "INTEGER", notNull: true),
            Column("updated_at", "INTEGER", notNull: true),
            Column("last_position", "INTEGER", notNull: true),
            Column("state", "TEXT", notNull: true),
        ],
        "credential_changes": [
            Column("position", "INTEGER", notNull: true, primaryKey: 1),
            Column("sequence", "INTEGER", notNull: true, primaryKey: 2),
            Column("account_id", "TEXT", notNull: true),
            Column("version", "INTEGER", notNull: true),
            Column("occurred_at", "INTEGER", notNull: true),
            Column("recorded_at", "INTEGER", notNull: true),
            Column("actor", "TEXT", notNull: true),
            Column("kind", "TEXT", notNull: true),
            Column("change", "TEXT", notNull: true),
            Column("field", "TEXT", notNull: false),
            Column("old_value", "TEXT", notNull: false),
            Column("new_value", "TEXT", notNull: false),
            Column("account_name", "TEXT", notNull: true),
            Column("destination", "TEXT", notNull: true),
            Column("reason", "TEXT", notNull: false),
            Column("correlation_id", "TEXT", notNull: true),
        ],
        "events": [
            Column("position", "INTEGER", notNull: false, primaryKey: 1),
            Column("account_id", "TEXT", notNull: true),
            Column("version", "INTEGER", notNull: true),
            Column("type", "TEXT", notNull: true),
            Column("schema_version", "INTEGER", notNull: true),
            Column("occurred_at", "INTEGER", notNull: true),
            Column("recorded_at", "INTEGER", notNull: true),
            Column("actor", "TEXT", notNull: true),
            Column("reason", "TEXT", notNull: false),
            Column("correlation_id", "TEXT", notNull: true),
            Column("idempotency_key", "TEXT", notNull: false),
            Column("payload", "TEXT", notNull: true),
            Column("prev_hash", "TEXT", notNull: true),
            Column("hash", "TEXT", notNull: true),
        ],
        "idempotency_keys": [
            Column("idempotency_key", "TEXT", notNull: true, primaryKey: 1),
            Column("account_id", "TEXT", notNull: true),
            Column("request_digest", "TEXT", notNull: true),
            Column("position", "INTEGER", notNull: true),
        ],
        "ledger_metadata": [
            Column("name", "TEXT", notNull: true, primaryKey: 1),
            Column("value", "TEXT", notNull: true),
        ],
        "projection_checkpoints": [
            Column("projection", "TEXT", notNull: true, primaryKey: 1),
            Column("position", "INTEGER", notNull: true),
        ],
        "schema_migrations": [
            Column("version", "INTEGER", notNull: false, primaryKey: 1),
            Column("name", "TEXT", notNull: true),
            Column("applied_at", "INTEGER", notNull: true),
        ],
    ]
}

extension LedgerIdentity.Column {
    init(_ name: String, _ declaredType: String, notNull: Bool, primaryKey: Int = 0) {
        self.init(name: name, declaredType: declaredType, isNotNull: notNull, primaryKeyPosition: primaryKey)
    }
}
