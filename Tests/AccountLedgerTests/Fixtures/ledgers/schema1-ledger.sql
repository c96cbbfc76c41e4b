PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
) STRICT;
INSERT INTO schema_migrations VALUES(1,'event log and projections',1796448914173);
CREATE TABLE ledger_metadata (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
INSERT INTO ledger_metadata VALUES('key_check','22457e03f15b44481c098bf74c66f0a455c89219e9a16cbb5387a571f9da371b');
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
INSERT INTO events VALUES(1,'a',1,'AccountConnected',1,1767603600000,1796448914194,'alice',NULL,'b9274020-a604-4a1d-b0d1-334c7306a182',NULL,'{"authorizedAt":1767603600000,"connectionType":"bearer-token","credentials":{"token":{"fingerprint":"4295610f147df61cf6448663831b82141bef55efc75755e0e7eeaa4c9369ded6"}},"description":"","destination":"http-api","name":"A","settings":{}}','0000000000000000000000000000000000000000000000000000000000000000','ab9ac03217f73a2a84f101f08c4114d75b56950fef43a9d78e09e48845b25b45');
INSERT INTO events VALUES(2,'a',2,'AccountRenamed',1,1767690000000,1796448914212,'bob',NULL,'5b8368df-1112-4403-ac35-dd172e805f2a','old-rename','{"from":"A","to":"B"}','ab9ac03217f73a2a84f101f08c4114d75b56950fef43a9d78e09e48845b25b45','6f138dae4dee445df1b1181b49e86feee98fe61e4c4613981c67041bbfc2273c');
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
INSERT INTO accounts VALUES('a','B','','http-api','bearer-token',NULL,0,1767603600000,NULL,0,2,1767603600000,1767690000000,2,'{"authorizedAt":1767603600000,"connectionType":"bearer-token","createdAt":1767603600000,"credentials":{"token":{"fingerprint":"4295610f147df61cf6448663831b82141bef55efc75755e0e7eeaa4c9369ded6"}},"credentialsChangedAt":1767603600000,"dataflows":[],"description":"","destination":"http-api","id":"a","isDeleted":false,"lastPosition":2,"name":"B","settings":{},"updatedAt":1767690000000,"version":2}');
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
INSERT INTO account_versions VALUES('a',1,1,1796448914194,1767603600000,1767690000000,'A','http-api','bearer-token',NULL,0,1767603600000,NULL,0,1767603600000);
INSERT INTO account_versions VALUES('a',2,2,1796448914212,1767690000000,NULL,'B','http-api','bearer-token',NULL,0,1767603600000,NULL,0,1767603600000);
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
INSERT INTO credential_changes VALUES(1,0,'a',1,1767603600000,1796448914194,'alice','lifecycle','connected',NULL,NULL,'A','A','http-api',NULL,'b9274020-a604-4a1d-b0d1-334c7306a182');
INSERT INTO credential_changes VALUES(1,1,'a',1,1767603600000,1796448914194,'alice','credentials','set','token',NULL,'4295610f147df61cf6448663831b82141bef55efc75755e0e7eeaa4c9369ded6','A','http-api',NULL,'b9274020-a604-4a1d-b0d1-334c7306a182');
INSERT INTO credential_changes VALUES(2,0,'a',2,1767690000000,1796448914212,'bob','lifecycle','renamed','name','A','B','B','http-api',NULL,'5b8368df-1112-4403-ac35-dd172e805f2a');
CREATE TABLE projection_checkpoints (
    projection TEXT PRIMARY KEY,
    position INTEGER NOT NULL
) STRICT;
INSERT INTO projection_checkpoints VALUES('accounts',2);
INSERT INTO projection_checkpoints VALUES('account_versions',2);
INSERT INTO projection_checkpoints VALUES('credential_changes',2);
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
CREATE INDEX accounts_by_destination ON accounts (destination, name);
CREATE INDEX credential_changes_by_time ON credential_changes (occurred_at);
CREATE INDEX credential_changes_by_account ON credential_changes (account_id, occurred_at);
CREATE INDEX credential_changes_by_new_value ON credential_changes (new_value)
    WHERE new_value IS NOT NULL;
COMMIT;
