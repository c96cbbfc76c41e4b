PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
) STRICT;
INSERT INTO schema_migrations VALUES(1,'event log and projections',1796445679966);
INSERT INTO schema_migrations VALUES(2,'account versions by account and time',1796445679966);
INSERT INTO schema_migrations VALUES(3,'accounts list by name',1796445679966);
INSERT INTO schema_migrations VALUES(4,'covering indexes for the view at a moment',1796445679966);
INSERT INTO schema_migrations VALUES(5,'account state snapshots',1796445679967);
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
INSERT INTO events VALUES(1,'sf1',1,'AccountConnected',1,1767603600000,1796445679985,'alice',NULL,'11352afc-75f4-42f1-a0d1-c8925a15301b',NULL,'{"authorizedAt":1767603600000,"connectionType":"basic","credentials":{"password":{"fingerprint":"affba1b299442d2b71b86db0c9c51fa2cd8b07c2dd5902874324924941efa760"}},"description":"initial desc","destination":"sftp","name":"SF1","settings":{"domain":"a.example","port":"22"},"username":"u1"}','0000000000000000000000000000000000000000000000000000000000000000','8110fc90edab005f7cc547b408c490ead8e8215e71c237c2b3a6342433702eb5');
INSERT INTO events VALUES(2,'sf1',2,'SettingsChanged',1,1767690000000,1796445680005,'bob',NULL,'c5606795-cae3-4c37-bb52-cd9d08bca83c',NULL,'{"changes":[{"from":"a.example","name":"domain","to":"b.example"}]}','8110fc90edab005f7cc547b408c490ead8e8215e71c237c2b3a6342433702eb5','893e5225e07d6b80b941a1860ca3ca080df1b5383f754311cf7dcceda7e7992e');
INSERT INTO events VALUES(3,'sf1',3,'DataflowActivated',1,1767776400000,1796445680024,'alice',NULL,'1073f848-a38f-4ad7-9377-66b8a11d6854',NULL,'{"dataflowId":"df-partner"}','893e5225e07d6b80b941a1860ca3ca080df1b5383f754311cf7dcceda7e7992e','2c5dec5112edde7c358a6f34b247324220a4edc5a91f953bb26a739bdb9074a2');
INSERT INTO events VALUES(4,'sf1',4,'DataflowActivated',1,1767780000000,1796445680046,'alice',NULL,'2c5f6027-917c-41a3-b8d5-a21c5b00835b',NULL,'{"dataflowId":"df-archive"}','2c5dec5112edde7c358a6f34b247324220a4edc5a91f953bb26a739bdb9074a2','242a03513fed18645094fe3e0b48933234254cfa4cbddd4fb0c07342210aa98c');
INSERT INTO events VALUES(5,'sf1',5,'AccountDeleted',1,1767862800000,1796445680065,'alice','replaced','f9884c4c-455c-489c-98c3-748e1c49daec',NULL,'{"activeDataflows":["df-archive","df-partner"],"forced":true}','242a03513fed18645094fe3e0b48933234254cfa4cbddd4fb0c07342210aa98c','08244ed118e440e5ee11a955cead095681feaca0c8c21147a44bd64c75a27eef');
INSERT INTO events VALUES(6,'s3',1,'AccountConnected',1,1767949200000,1796445680085,'alice',NULL,'4b1a71f0-b6fb-4e14-8032-0061368f5b7a',NULL,'{"authorizedAt":1767949200000,"connectionType":"access-key","credentials":{"accessKeyId":{"fingerprint":"0f0fb9fa3dadf35b52b280eb42436fa0bc1977cffa8f4915dc21fe4a6efc4941","hint":"…0001"},"secretKey":{"fingerprint":"80586fdefefb4c462d3232800e798823bc7db46fb741427017895a3b7f47f7f1"}},"description":"","destination":"amazon-s3","name":"Exports","settings":{}}','08244ed118e440e5ee11a955cead095681feaca0c8c21147a44bd64c75a27eef','5be59177e25ebe425053f78a4246bb54a5cabf63762e3a7f307e38c5558c8d74');
INSERT INTO events VALUES(7,'139f6a5f-a78b-4744-9f6a-5fa78bd74431',1,'AccountConnected',1,1597973312000,1796445680106,'{UPDATED_BY}',NULL,'43289764-262c-4658-b6f7-48246c9b8c12',NULL,'{"authorizedAt":1597973312000,"connectionType":"basic","credentials":{"password":{"fingerprint":"b94d200637662444901a2334d6a1bed6d4970de8540da8756f431e75a1f969be"},"securityToken":{"fingerprint":"56ea5edeec05eceb0779582afadf7df1185bae133e7024dc79c21db2e0b31fb0"}},"description":"","destination":"salesforce","name":"E2E_SF Base_Connection","settings":{"environmentUrl":"login.salesforce.com"},"sourceEtag":"\"1400dd53-0000-0200-0000-5f3f23450000\"","username":"my-salesforce-account"}','5be59177e25ebe425053f78a4246bb54a5cabf63762e3a7f307e38c5558c8d74','9825f28b75dffd873bae66fb85085e8d4212cff82fe4194d221d43c0f3bfa7cf');
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
INSERT INTO accounts VALUES('sf1','SF1','initial desc','sftp','basic','u1',2,1767603600000,NULL,1,5,1767603600000,1767862800000,5,'{"authorizedAt":1767603600000,"connectionType":"basic","createdAt":1767603600000,"credentials":{"password":{"fingerprint":"affba1b299442d2b71b86db0c9c51fa2cd8b07c2dd5902874324924941efa760"}},"credentialsChangedAt":1767603600000,"dataflows":["df-archive","df-partner"],"deletedAt":1767862800000,"description":"initial desc","destination":"sftp","id":"sf1","isDeleted":true,"lastPosition":5,"name":"SF1","settings":{"domain":"b.example","port":"22"},"updatedAt":1767862800000,"username":"u1","version":5}');
INSERT INTO accounts VALUES('s3','Exports','','amazon-s3','access-key',NULL,0,1767949200000,NULL,0,1,1767949200000,1767949200000,6,'{"authorizedAt":1767949200000,"connectionType":"access-key","createdAt":1767949200000,"credentials":{"accessKeyId":{"fingerprint":"0f0fb9fa3dadf35b52b280eb42436fa0bc1977cffa8f4915dc21fe4a6efc4941","hint":"…0001"},"secretKey":{"fingerprint":"80586fdefefb4c462d3232800e798823bc7db46fb741427017895a3b7f47f7f1"}},"credentialsChangedAt":1767949200000,"dataflows":[],"description":"","destination":"amazon-s3","id":"s3","isDeleted":false,"lastPosition":6,"name":"Exports","settings":{},"updatedAt":1767949200000,"version":1}');
INSERT INTO accounts VALUES('139f6a5f-a78b-4744-9f6a-5fa78bd74431','E2E_SF Base_Connection','','salesforce','basic','my-salesforce-account',0,1597973312000,NULL,0,1,1597973312000,1597973312000,7,'{"authorizedAt":1597973312000,"connectionType":"basic","createdAt":1597973312000,"credentials":{"password":{"fingerprint":"b94d200637662444901a2334d6a1bed6d4970de8540da8756f431e75a1f969be"},"securityToken":{"fingerprint":"56ea5edeec05eceb0779582afadf7df1185bae133e7024dc79c21db2e0b31fb0"}},"credentialsChangedAt":1597973312000,"dataflows":[],"description":"","destination":"salesforce","id":"139f6a5f-a78b-4744-9f6a-5fa78bd74431","isDeleted":false,"lastPosition":7,"name":"E2E_SF Base_Connection","settings":{"environmentUrl":"login.salesforce.com"},"sourceEtag":"\"1400dd53-0000-0200-0000-5f3f23450000\"","updatedAt":1597973312000,"username":"my-salesforce-account","version":1}');
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
INSERT INTO account_versions VALUES('139f6a5f-a78b-4744-9f6a-5fa78bd74431',1,7,1796445680106,1597973312000,NULL,'E2E_SF Base_Connection','salesforce','basic','my-salesforce-account',0,1597973312000,NULL,0,1597973312000);
INSERT INTO account_versions VALUES('s3',1,6,1796445680085,1767949200000,NULL,'Exports','amazon-s3','access-key',NULL,0,1767949200000,NULL,0,1767949200000);
INSERT INTO account_versions VALUES('sf1',1,1,1796445679985,1767603600000,1767690000000,'SF1','sftp','basic','u1',0,1767603600000,NULL,0,1767603600000);
INSERT INTO account_versions VALUES('sf1',2,2,1796445680005,1767690000000,1767776400000,'SF1','sftp','basic','u1',0,1767603600000,NULL,0,1767603600000);
INSERT INTO account_versions VALUES('sf1',3,3,1796445680024,1767776400000,1767780000000,'SF1','sftp','basic','u1',1,1767603600000,NULL,0,1767603600000);
INSERT INTO account_versions VALUES('sf1',4,4,1796445680046,1767780000000,1767862800000,'SF1','sftp','basic','u1',2,1767603600000,NULL,0,1767603600000);
INSERT INTO account_versions VALUES('sf1',5,5,1796445680065,1767862800000,NULL,'SF1','sftp','basic','u1',2,1767603600000,NULL,1,1767603600000);
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
INSERT INTO credential_changes VALUES(1,0,'sf1',1,1767603600000,1796445679985,'alice','lifecycle','connected',NULL,NULL,'SF1','SF1','sftp',NULL,'11352afc-75f4-42f1-a0d1-c8925a15301b');
INSERT INTO credential_changes VALUES(1,1,'sf1',1,1767603600000,1796445679985,'alice','credentials','set','username',NULL,'u1','SF1','sftp',NULL,'11352afc-75f4-42f1-a0d1-c8925a15301b');
INSERT INTO credential_changes VALUES(1,2,'sf1',1,1767603600000,1796445679985,'alice','credentials','set','password',NULL,'affba1b299442d2b71b86db0c9c51fa2cd8b07c2dd5902874324924941efa760','SF1','sftp',NULL,'11352afc-75f4-42f1-a0d1-c8925a15301b');
INSERT INTO credential_changes VALUES(2,0,'sf1',2,1767690000000,1796445680005,'bob','lifecycle','setting-changed','domain','a.example','b.example','SF1','sftp',NULL,'c5606795-cae3-4c37-bb52-cd9d08bca83c');
INSERT INTO credential_changes VALUES(3,0,'sf1',3,1767776400000,1796445680024,'alice','dataflow','activated','dataflow',NULL,'df-partner','SF1','sftp',NULL,'1073f848-a38f-4ad7-9377-66b8a11d6854');
INSERT INTO credential_changes VALUES(4,0,'sf1',4,1767780000000,1796445680046,'alice','dataflow','activated','dataflow',NULL,'df-archive','SF1','sftp',NULL,'2c5f6027-917c-41a3-b8d5-a21c5b00835b');
INSERT INTO credential_changes VALUES(5,0,'sf1',5,1767862800000,1796445680065,'alice','lifecycle','force-deleted',NULL,'SF1',NULL,'SF1','sftp','replaced','f9884c4c-455c-489c-98c3-748e1c49daec');
INSERT INTO credential_changes VALUES(6,0,'s3',1,1767949200000,1796445680085,'alice','lifecycle','connected',NULL,NULL,'Exports','Exports','amazon-s3',NULL,'4b1a71f0-b6fb-4e14-8032-0061368f5b7a');
INSERT INTO credential_changes VALUES(6,1,'s3',1,1767949200000,1796445680085,'alice','credentials','set','accessKeyId',NULL,'0f0fb9fa3dadf35b52b280eb42436fa0bc1977cffa8f4915dc21fe4a6efc4941','Exports','amazon-s3',NULL,'4b1a71f0-b6fb-4e14-8032-0061368f5b7a');
INSERT INTO credential_changes VALUES(6,2,'s3',1,1767949200000,1796445680085,'alice','credentials','set','secretKey',NULL,'80586fdefefb4c462d3232800e798823bc7db46fb741427017895a3b7f47f7f1','Exports','amazon-s3',NULL,'4b1a71f0-b6fb-4e14-8032-0061368f5b7a');
INSERT INTO credential_changes VALUES(7,0,'139f6a5f-a78b-4744-9f6a-5fa78bd74431',1,1597973312000,1796445680106,'{UPDATED_BY}','lifecycle','connected',NULL,NULL,'E2E_SF Base_Connection','E2E_SF Base_Connection','salesforce',NULL,'43289764-262c-4658-b6f7-48246c9b8c12');
INSERT INTO credential_changes VALUES(7,1,'139f6a5f-a78b-4744-9f6a-5fa78bd74431',1,1597973312000,1796445680106,'{UPDATED_BY}','credentials','set','username',NULL,'my-salesforce-account','E2E_SF Base_Connection','salesforce',NULL,'43289764-262c-4658-b6f7-48246c9b8c12');
INSERT INTO credential_changes VALUES(7,2,'139f6a5f-a78b-4744-9f6a-5fa78bd74431',1,1597973312000,1796445680106,'{UPDATED_BY}','credentials','set','password',NULL,'b94d200637662444901a2334d6a1bed6d4970de8540da8756f431e75a1f969be','E2E_SF Base_Connection','salesforce',NULL,'43289764-262c-4658-b6f7-48246c9b8c12');
INSERT INTO credential_changes VALUES(7,3,'139f6a5f-a78b-4744-9f6a-5fa78bd74431',1,1597973312000,1796445680106,'{UPDATED_BY}','credentials','set','securityToken',NULL,'56ea5edeec05eceb0779582afadf7df1185bae133e7024dc79c21db2e0b31fb0','E2E_SF Base_Connection','salesforce',NULL,'43289764-262c-4658-b6f7-48246c9b8c12');
CREATE TABLE projection_checkpoints (
    projection TEXT PRIMARY KEY,
    position INTEGER NOT NULL
) STRICT;
INSERT INTO projection_checkpoints VALUES('accounts',7);
INSERT INTO projection_checkpoints VALUES('account_versions',7);
INSERT INTO projection_checkpoints VALUES('credential_changes',7);
CREATE TABLE account_snapshots (
    account_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    occurred_at INTEGER NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (account_id, version)
) STRICT, WITHOUT ROWID;
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
CREATE INDEX credential_changes_by_time ON credential_changes (occurred_at);
CREATE INDEX credential_changes_by_account ON credential_changes (account_id, occurred_at);
CREATE INDEX credential_changes_by_new_value ON credential_changes (new_value)
    WHERE new_value IS NOT NULL;
CREATE INDEX accounts_by_name ON accounts (
    name COLLATE NOCASE, name, account_id, destination, connection_type, username, dataflow_count,
    authorized_at, expires_at, deleted, version, updated_at);
CREATE INDEX accounts_by_destination ON accounts (destination, name, account_id, connection_type);
CREATE INDEX account_versions_at_time ON account_versions (
    account_id, valid_from, version, position, name, username, dataflow_count,
    authorized_at, expires_at, deleted);
COMMIT;
