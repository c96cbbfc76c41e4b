-- The schema of a ledger database after its latest migration, exactly as the
-- numbered migrations in Sources/AccountLedger/Storage/Migrations.swift create it, in
-- creation order (the text SQLite keeps in sqlite_schema). A test compares
-- this file with a fresh ledger, ignoring comments and whitespace.

CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
) STRICT;

CREATE TABLE ledger_metadata (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE events (
    position INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    occurred_at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT,
    correlation_id TEXT NOT NULL,
    idempotency_key TEXT,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (account_id, version)
) STRICT;

CREATE INDEX events_by_idempotency_key ON events (idempotency_key)
    WHERE idempotency_key IS NOT NULL;

CREATE INDEX events_by_recorded_at ON events (recorded_at);

CREATE TRIGGER events_reject_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: UPDATE is not allowed');
END;

CREATE TRIGGER events_reject_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE is not allowed');
END;

CREATE TRIGGER events_require_next_position BEFORE INSERT ON events
WHEN NEW.position IS NOT (SELECT coalesce(max(position), 0) + 1 FROM events)
BEGIN
    SELECT RAISE(ABORT, 'events must be appended at the next position');
END;

CREATE TRIGGER events_require_next_version BEFORE INSERT ON events
WHEN NEW.version IS NOT (
    SELECT coalesce(max(version), 0) + 1 FROM events WHERE account_id = NEW.account_id)
BEGIN
    SELECT RAISE(ABORT, 'events must be appended at the next account version');
END;

CREATE TABLE idempotency_keys (
    idempotency_key TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    request_digest TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE accounts (
    account_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    destination TEXT NOT NULL,
    connection_type TEXT NOT NULL,
    username TEXT,
    dataflow_count INTEGER NOT NULL,
    authorized_at INTEGER,
    expires_at INTEGER,
    deleted INTEGER NOT NULL,
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_position INTEGER NOT NULL,
    state TEXT NOT NULL
) STRICT;

-- Migration 4 replaces the index accounts_by_destination made here.

CREATE TABLE account_versions (
    account_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    valid_from INTEGER NOT NULL,
    valid_to INTEGER,
    name TEXT NOT NULL,
    destination TEXT NOT NULL,
    connection_type TEXT NOT NULL,
    username TEXT,
    dataflow_count INTEGER NOT NULL,
    authorized_at INTEGER,
    expires_at INTEGER,
    deleted INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE credential_changes (
    position INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    account_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    occurred_at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    change TEXT NOT NULL,
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    account_name TEXT NOT NULL,
    destination TEXT NOT NULL,
    reason TEXT,
    correlation_id TEXT NOT NULL,
    PRIMARY KEY (position, sequence)
) STRICT, WITHOUT ROWID;

CREATE INDEX credential_changes_by_time ON credential_changes (occurred_at);

CREATE INDEX credential_changes_by_account ON credential_changes (account_id, occurred_at);

CREATE INDEX credential_changes_by_new_value ON credential_changes (new_value)
    WHERE new_value IS NOT NULL;

CREATE TABLE projection_checkpoints (
    projection TEXT PRIMARY KEY,
    position INTEGER NOT NULL
) STRICT;

-- Migration 2 added account_versions_by_account_time, which migration 4
-- replaces.

-- Migration 3: the current accounts list reads this covering index in its
-- default order instead of every accounts row with its state JSON.
CREATE INDEX accounts_by_name ON accounts (
    name COLLATE NOCASE, name, account_id, destination, connection_type, username, dataflow_count,
    authorized_at, expires_at, deleted, version, updated_at);

-- Migration 4: the view at a moment seeks each account's last version that
-- began by then, instead of walking back through its later versions, and
-- reads every column it shows from these two indexes, not from the tables.
CREATE INDEX accounts_by_destination ON accounts (destination, name, account_id, connection_type);

CREATE INDEX account_versions_at_time ON account_versions (
    account_id, valid_from, version, position, name, username, dataflow_count,
    authorized_at, expires_at, deleted);

-- Migration 5: the state of each account after every 64th version, so a
-- fold as of a moment starts from the last snapshot by then.
CREATE TABLE account_snapshots (
    account_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    occurred_at INTEGER NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (account_id, version)
) STRICT, WITHOUT ROWID;
