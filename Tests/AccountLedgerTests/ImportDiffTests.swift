import AccountLedger
import Testing

/// How records become events: what each difference maps to, and the
/// records the importer rejects against the ledger's state.
@Suite struct ImportDiffTests {
    /// Imports `records` as one list snapshot.
    @discardableResult
    func importRecords(_ records: [JSONValue], into ledger: Ledger, complete: Bool = false) throws -> SnapshotImportResult {
        try ledger.importSnapshot(listSnapshot(records), complete: complete)
    }

    func importError(_ records: [JSONValue], into ledger: Ledger) throws -> LedgerError {
        try #require(throws: LedgerError.self) { try importRecords(records, into: ledger) }
    }

    func lastEvent(_ ledger: Ledger, _ id: String = "acct-1") throws -> AccountEvent {
        try decodedEvent(try #require(try ledger.history(accountID: id).last))
    }

    // MARK: - Idempotence and etags

    @Test func sameSnapshotTwiceAppendsNothing() throws {
        let fixture = try TemporaryLedger()
        let file = try ImportFixtures.file("connections-list-salesforce.json")
        try fixture.ledger.importSnapshot(file)
        let before = try databaseSnapshot(path: fixture.path)

        let second = try fixture.ledger.importSnapshot(file)
        #expect(second.eventCount == 0)
        #expect(second.unchangedCount == 1)
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    /// The platform's records carry `updatedClient` and `sandboxName`,
    /// which the ledger does not track, so the same etag with other values
    /// of them is the same version.
    @Test func clientAndSandboxNameAreIgnored() throws {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection(etag: "\"e-1\"", [
            "updatedClient": "exchange-ui", "sandboxName": "prod"])], into: fixture.ledger)
        let before = try databaseSnapshot(path: fixture.path)

        let second = try importRecords([s3Connection(etag: "\"e-1\"", [
            "updatedClient": ["name": 7], "sandboxName": .numberText("12345678901234567890123")])], into: fixture.ledger)

        #expect(second.unchangedCount == 1)
        #expect(try databaseSnapshot(path: fixture.path) == before)
        #expect(!before.values.joined().contains("exchange-ui"))
    }

    @Test func sameRecordWithoutEtagAppendsNothing() throws {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection()], into: fixture.ledger)
        let second = try importRecords([s3Connection(updatedAt: "2026-01-02T00:00:00Z")], into: fixture.ledger)
        #expect(second.eventCount == 0)
    }

    @Test func changedEtagIsDiffed() throws {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection(etag: "\"e-1\"")], into: fixture.ledger)
        try importRecords([s3Connection(updatedAt: "2026-02-01T00:00:00Z", etag: "\"e-2\"", ["name": "Renamed"])], into: fixture.ledger)
        let account = try fixture.ledger.account(id: "acct-1")
        #expect(account.name == "Renamed")
        #expect(account.sourceEtag == "\"e-2\"")
    }

    // MARK: - Atomicity

    @Test func badThirdRecordWritesNothing() throws {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection(id: "existing")], into: fixture.ledger)
        let before = try databaseSnapshot(path: fixture.path)

        let records = [
            s3Connection(id: "existing", updatedAt: "2026-02-01T00:00:00Z", ["name": "Renamed"]),
            s3Connection(id: "new-one"),
            s3Connection(id: "bad-one", ["auth": ["specName": "Telepathy", "params": [:]]]),
        ]
        let error = try importError(records, into: fixture.ledger)
        #expect("\(error)".contains("snapshot.json record 3 (id bad-one): auth.specName"))
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func badSecondFileWritesNothingFromTheFirst() throws {
        let fixture = try TemporaryLedger()
        let before = try databaseSnapshot(path: fixture.path)
        let files = [
            listSnapshot([s3Connection(id: "first")], name: "page-1.json"),
            listSnapshot([s3Connection(id: "second", ["name": ""])], name: "page-2.json"),
        ]
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.importSnapshots(files, options: importOptions())
        }
        #expect("\(error)" == "invalid input in page-2.json record 1 (id second): name: must not be empty")
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func laterFileChangesAccountOfEarlierFile() throws {
        let fixture = try TemporaryLedger()
        let files = [
            listSnapshot([s3Connection()], name: "monday.json"),
            listSnapshot([s3Connection(updatedAt: "2026-01-02T00:00:00Z", ["name": "Renamed"])], name: "tuesday.json"),
        ]
        let result = try fixture.ledger.importSnapshots(files, options: importOptions())
        #expect(result.connected == ["acct-1"])
        #expect(result.changed == ["acct-1"])
        #expect(try fixture.ledger.history(accountID: "acct-1").map(\.type) == ["AccountConnected", "AccountRenamed"])
    }

    @Test func completeSpansAllFiles() throws {
        let fixture = try TemporaryLedger()
        let records = ["a", "b", "c"].map { s3Connection(id: $0, etag: "\"e-\($0)\"") }
        try importRecords(records, into: fixture.ledger)
        let pages = [listSnapshot([s3Connection(id: "a")]), listSnapshot([s3Connection(id: "b")])]
        let result = try fixture.ledger.importSnapshots(pages, options: importOptions(complete: true))
        #expect(result.deleted == ["c"])
    }

    // MARK: - Spec names and destinations

    @Test func specNameCasingVariantsMatch() throws {
        let fixture = try TemporaryLedger()
        let spellings = ["oAuth2RefreshCode", "OAuth2 Refresh Code", "oauth2-refresh-code", "OAUTH2_REFRESH_CODE"]
        let records = spellings.enumerated().map { offset, spelling in
            s3Connection(id: "rest-\(offset)", [
                "connectionSpec": ["id": .string(SpecID.genericREST)],
                "auth": ["specName": .string(spelling), "params": ["host": "api.example.com", "accessToken": "token-1"]],
            ])
        }
        try importRecords(records, into: fixture.ledger)
        for offset in spellings.indices {
            let account = try fixture.ledger.account(id: "rest-\(offset)")
            #expect(account.connectionType == .oauth2)
            #expect(account.destination == "generic-rest-api")
            #expect(account.settings == ["host": "api.example.com"])
        }
    }

    @Test func unknownSpecNameNamesRecordAndValue() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection(["auth": ["specName": "Carrier Pigeon", "params": [:]]])
        let error = try importError([record], into: fixture.ledger)
        #expect(error.category == .badInput)
        #expect("\(error)".hasPrefix("invalid input in snapshot.json record 1 (id acct-1): auth.specName: unknown spec name \"Carrier Pigeon\" (the catalog lists Access Key, "))
        #expect("\(error)".hasSuffix("); fix the record, or add the spec to Schemas/catalog.json and rebuild the program (`swift build`)"))
    }

    @Test func unknownSpecIDBecomesDestination() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection(["connectionSpec": ["id": "0A1B2C3D-0000-4000-8000-00000000ABCD"]])
        try importRecords([record], into: fixture.ledger)
        let account = try fixture.ledger.account(id: "acct-1")
        #expect(account.destination == "0a1b2c3d-0000-4000-8000-00000000abcd")
        #expect(account.connectionType == .accessKey)
    }

    @Test func foreignSpecTypeIsRejected() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection(["auth": ["specName": "Bearer Token", "params": ["token": "t"]]])
        let error = try importError([record], into: fixture.ledger)
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): auth.specName: spec \"Bearer Token\" makes bearer-token accounts, but Amazon S3 accounts use access-key; check the spec name and connectionSpec.id")
    }

    @Test func changedConnectionTypeIsRejected() throws {
        let fixture = try TemporaryLedger()
        let unknownSpec: JSONValue = ["id": "custom-spec"]
        try importRecords([s3Connection(["connectionSpec": unknownSpec])], into: fixture.ledger)
        let before = try databaseSnapshot(path: fixture.path)
        let record = s3Connection(updatedAt: "2026-02-01T00:00:00Z", [
            "connectionSpec": unknownSpec,
            "auth": ["specName": "Bearer Token", "params": ["token": "t"]],
        ])
        let error = try importError([record], into: fixture.ledger)
        #expect(error.category == .badInput)
        #expect("\(error)".contains("record 1 (id acct-1): auth.specName: spec \"Bearer Token\" makes bearer-token accounts, but account acct-1 is access-key"))
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func changedDestinationIsRejected() throws {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection()], into: fixture.ledger)
        let record = s3Connection(updatedAt: "2026-02-01T00:00:00Z", ["connectionSpec": ["id": "custom-spec"]])
        let error = try importError([record], into: fixture.ledger)
        #expect("\(error)".contains("record 1 (id acct-1): connectionSpec.id: names destination custom-spec, but account acct-1 belongs to amazon-s3"))
    }

    // MARK: - Deleted and older records

    @Test func recordForDeletedAccountIsRejected() throws {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection(etag: "\"e-1\"")], into: fixture.ledger)
        try fixture.ledger.save(.delete(force: false), accountID: "acct-1", context: context(at: "2026-01-05T00:00:00Z"))
        let error = try importError([s3Connection(updatedAt: "2026-02-01T00:00:00Z", etag: "\"e-2\"")], into: fixture.ledger)
        #expect(error.category == .badInput)
        #expect("\(error)".contains("snapshot.json record 1 (id acct-1): id: account acct-1 was deleted in the ledger at 2026-01-05T00:00:00Z"))
    }

    @Test func deletedAccountWithSameEtagIsUnchanged() throws {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection(etag: "\"e-1\"")], into: fixture.ledger)
        let options = SnapshotImportOptions(isComplete: true, allowsEmpty: true, actor: "importer")
        try fixture.ledger.importSnapshots([listSnapshot([])], options: options)
        let result = try importRecords([s3Connection(etag: "\"e-1\"")], into: fixture.ledger)
        #expect(result.eventCount == 0)
    }

    @Test func futureRecordIsRejected() throws {
        let fixture = try TemporaryLedger()
        let error = try importError([s3Connection(updatedAt: "2099-01-01T00:00:00Z")], into: fixture.ledger)
        #expect("\(error)".contains("snapshot.json record 1 (id acct-1): updatedAt: 2099-01-01T00:00:00Z is in the future"))
        #expect("\(error)".hasSuffix("so check the clock of the system that exported it"))
    }

    @Test func olderRecordWithChangesIsRejected() throws {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection(updatedAt: "2026-03-01T00:00:00Z")], into: fixture.ledger)
        let older = s3Connection(updatedAt: "2026-02-01T00:00:00Z", ["name": "Old name"])
        let error = try importError([older], into: fixture.ledger)
        #expect("\(error)".contains("record 1 (id acct-1): updatedAt: 2026-02-01T00:00:00Z is earlier than the account's last recorded change at 2026-03-01T00:00:00Z"))
    }

    @Test func olderRecordWithoutChangesAppendsNothing() throws {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection(updatedAt: "2026-03-01T00:00:00Z")], into: fixture.ledger)
        let result = try importRecords([s3Connection(updatedAt: "2026-02-01T00:00:00Z")], into: fixture.ledger)
        #expect(result.eventCount == 0)
    }

    // MARK: - Times and actors

    @Test func createdAtIsTheTimeWithoutUpdatedAt() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection(["createdAt": .integer(time("2025-06-01T00:00:00Z"))], removing: ["updatedAt"])
        try importRecords([record], into: fixture.ledger)
        #expect(try fixture.ledger.history(accountID: "acct-1")[0].occurredAt == time("2025-06-01T00:00:00Z"))
    }

    @Test func importTimeIsTheTimeWithoutEither() throws {
        let fixture = try TemporaryLedger()
        let before = Clock.nowMilliseconds()
        try importRecords([s3Connection(removing: ["updatedAt"])], into: fixture.ledger)
        let after = Clock.nowMilliseconds()
        let occurredAt = try fixture.ledger.history(accountID: "acct-1")[0].occurredAt
        #expect(occurredAt >= before)
        #expect(occurredAt <= after)
    }

    @Test func actorFallbackOrder() throws {
        let fixture = try TemporaryLedger()
        try importRecords([
            s3Connection(id: "a", ["updatedBy": "updater", "createdBy": "creator"]),
            s3Connection(id: "b", ["createdBy": "creator"]),
            s3Connection(id: "c"),
        ], into: fixture.ledger)
        #expect(try fixture.ledger.history(accountID: "a")[0].actor == "updater")
        #expect(try fixture.ledger.history(accountID: "b")[0].actor == "creator")
        #expect(try fixture.ledger.history(accountID: "c")[0].actor == "importer")
    }

    @Test func recordActorIsTrimmed() throws {
        let fixture = try TemporaryLedger()
        try importRecords([
            s3Connection(id: "a", ["updatedBy": " bob "]),
            s3Connection(id: "b", ["createdBy": "  carol"]),
        ], into: fixture.ledger)
        #expect(try fixture.ledger.history(accountID: "a")[0].actor == "bob")
        #expect(try fixture.ledger.history(accountID: "b")[0].actor == "carol")
    }

    @Test func reasonIsStoredWithEveryEvent() throws {
        let fixture = try TemporaryLedger()
        let options = SnapshotImportOptions(actor: "importer", reason: "nightly sync")
        try fixture.ledger.importSnapshots([listSnapshot([s3Connection()])], options: options)
        #expect(try fixture.ledger.history(accountID: "acct-1")[0].reason == "nightly sync")
    }

    // MARK: - Parameters

    @Test func unknownAuthParameterIsKeptAsFingerprint() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection(["auth": ["specName": "Access Key", "params": ["s3SecretKey": "s", "sessionToken": "tok-1"]]])
        try importRecords([record], into: fixture.ledger)
        let account = try fixture.ledger.account(id: "acct-1")
        let key = try fixture.ledger.fingerprintKey()
        #expect(account.credentials["sessionToken"] == key.fingerprint(Secret("tok-1")))
        #expect(account.settings.isEmpty)
    }

    @Test func numericSecretsFingerprintJSONText() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection(["auth": ["specName": "Access Key", "params": ["s3SecretKey": 987_654_321_987, "pinned": true]]])
        try importRecords([record], into: fixture.ledger)
        let account = try fixture.ledger.account(id: "acct-1")
        let key = try fixture.ledger.fingerprintKey()
        #expect(account.credentials["secretKey"] == key.fingerprint(Secret("987654321987")))
        #expect(account.credentials["pinned"] == key.fingerprint(Secret("true")))
        #expect(!"\(try databaseSnapshot(path: fixture.path))".contains("987654321987"))
    }

    @Test func emptySecretIsRejected() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection(["auth": ["specName": "Access Key", "params": ["s3SecretKey": ""]]])
        let error = try importError([record], into: fixture.ledger)
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): auth.params.s3SecretKey: the secret is empty")
    }

    @Test func oversizedParametersNameTheirLimit() throws {
        let fixture = try TemporaryLedger()
        let long: (Int) -> JSONValue = { .string(String(repeating: "b", count: $0)) }
        let sftp: (JSONValue) -> JSONValue = { params in
            s3Connection(["connectionSpec": ["id": .string(SpecID.sftp)], "auth": ["specName": "SFTP with Password", "params": params]])
        }
        let cases: [(JSONValue, String)] = [
            (s3Connection(["auth": ["specName": "Access Key", "params": ["bucketName": long(2_049)]]]),
                "auth.params.bucketName: is 2049 code points long; the maximum is 2048"),
            (s3Connection(["auth": ["specName": "Access Key", "params": ["bucketName": long(10_000)]]]),
                "auth.params.bucketName: is 10000 code points long; the maximum is 2048"),
            (s3Connection(["auth": ["specName": "Access Key", "params": ["bucketName": long(20_000)]]]),
                "auth.params.bucketName: is 20000 code points long; the maximum is 2048"),
            (sftp(["username": long(20_000), "password": "p"]),
                "auth.params.username: is 20000 code points long; the maximum is 256"),
            (s3Connection(["auth": ["specName": "Access Key", "params": ["s3SecretKey": long(16_385)]]]),
                "auth.params.s3SecretKey: the secret is 16385 bytes; the maximum is 16384"),
        ]
        for (record, expected) in cases {
            let error = try importError([record], into: fixture.ledger)
            #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): \(expected)")
        }
        #expect(try fixture.ledger.eventCount() == 0)
    }

    @Test func changedSettingIsSettingsChanged() throws {
        let fixture = try TemporaryLedger()
        let params: JSONValue = ["s3SecretKey": "s", "bucketName": "old-bucket"]
        try importRecords([s3Connection(["auth": ["specName": "Access Key", "params": params]])], into: fixture.ledger)
        let moved: JSONValue = ["s3SecretKey": "s", "bucketName": "new-bucket", "folderPath": "exports/"]
        try importRecords([s3Connection(updatedAt: "2026-02-01T00:00:00Z", ["auth": ["specName": "Access Key", "params": moved]])], into: fixture.ledger)
        #expect(try lastEvent(fixture.ledger) == .settingsChanged([
            SettingChange(name: "bucketName", from: "old-bucket", to: "new-bucket"),
            SettingChange(name: "folderPath", from: nil, to: "exports/"),
        ]))
    }

    @Test func removedSecretIsRotatedToNothing() throws {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection()], into: fixture.ledger)
        let record = s3Connection(updatedAt: "2026-02-01T00:00:00Z", ["auth": ["specName": "Access Key", "params": ["s3SecretKey": "secret-1"]]])
        try importRecords([record], into: fixture.ledger)
        guard case .credentialsRotated(let change) = try lastEvent(fixture.ledger) else {
            Issue.record("expected CredentialsRotated")
            return
        }
        #expect(change.secrets.keys.sorted() == ["accessKeyId"])
        #expect(change.secrets["accessKeyId"]?.to == nil)
    }

    @Test func authorizedDateChangeIsRecorded() throws {
        let fixture = try TemporaryLedger()
        let params: (String) -> JSONValue = { date in ["s3SecretKey": "s", "authorizedDate": .string(date)] }
        try importRecords([s3Connection(["auth": ["specName": "Access Key", "params": params("2026-01-01")]])], into: fixture.ledger)
        try importRecords([s3Connection(updatedAt: "2026-02-01T00:00:00Z", ["auth": ["specName": "Access Key", "params": params("2026-02-01")]])], into: fixture.ledger)
        #expect(try lastEvent(fixture.ledger) == .credentialsRotated(CredentialChange(
            authorizedAt: TimeChange(from: time("2026-01-01"), to: time("2026-02-01")))))
    }

    @Test func badAuthorizedDateIsRejected() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection(["auth": ["specName": "Access Key", "params": ["authorizedDate": "26/10/2022"]]])
        let error = try importError([record], into: fixture.ledger)
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): auth.params.authorizedDate: "
            + "expected a date (YYYY-MM-DD) or an RFC 3339 time (2024-03-03T14:00:00Z, any offset)")
    }

    @Test func bearerTokenExpiryIsImported() throws {
        let fixture = try TemporaryLedger()
        let airship: (JSONValue, String) -> JSONValue = { expiry, updatedAt in
            s3Connection(updatedAt: updatedAt, [
                "connectionSpec": ["id": .string(SpecID.airship)],
                "auth": ["specName": "Bearer Token", "params": ["token": "t-1", "expiresAt": expiry]],
            ])
        }
        try importRecords([airship(.integer(time("2026-06-01T00:00:00Z")), "2026-01-01T00:00:00Z")], into: fixture.ledger)
        #expect(try fixture.ledger.account(id: "acct-1").expiresAt == time("2026-06-01T00:00:00Z"))

        try importRecords([airship("2026-12-01T00:00:00Z", "2026-02-01T00:00:00Z")], into: fixture.ledger)
        #expect(try lastEvent(fixture.ledger) == .credentialsRotated(CredentialChange(
            expiresAt: TimeChange(from: time("2026-06-01T00:00:00Z"), to: time("2026-12-01T00:00:00Z")))))
    }

    @Test(arguments: [
        ("SFTP with Password", SpecID.sftp, "basic"),
        ("Access Key", SpecID.amazonS3, "access-key"),
    ])
    func expiryOfCredentialsThatDoNotExpireIsRejected(spec: String, specID: String, type: String) throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection([
            "connectionSpec": ["id": .string(specID)],
            "auth": ["specName": .string(spec), "params": ["username": "u", "password": "p", "expiresAt": "2026-01-01"]],
        ])
        let error = try importError([record], into: fixture.ledger)
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): auth.params.expiresAt: "
            + "\(type) credentials do not expire; only OAuth and bearer-token accounts have an expiry, "
            + "so remove the parameter")
        #expect(try fixture.ledger.eventCount() == 0)
    }

    @Test func subMillisecondExpiryIsRejected() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection([
            "connectionSpec": ["id": .string(SpecID.airship)],
            "auth": ["specName": "Bearer Token", "params": ["token": "t-1", "expiresAt": "2026-06-01T00:00:00.0005Z"]],
        ])
        let error = try importError([record], into: fixture.ledger)
        #expect("\(error)".hasPrefix(
            "invalid input in snapshot.json record 1 (id acct-1): auth.params.expiresAt: more precise than a millisecond"))
    }

    @Test func expiryOffsetWithoutColonNamesFix() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection([
            "connectionSpec": ["id": .string(SpecID.airship)],
            "auth": ["specName": "Bearer Token", "params": ["token": "t-1", "expiresAt": "2025-06-24T16:50:28.318+0000"]],
        ])
        let error = try importError([record], into: fixture.ledger)
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): auth.params.expiresAt: "
            + "the offset +0000 needs a colon between its hours and minutes, as RFC 3339 requires; "
            + "write 2025-06-24T16:50:28.318+00:00")
        #expect(try fixture.ledger.eventCount() == 0)
    }

    @Test func oauthSecretChangeIsReconnect() throws {
        let fixture = try TemporaryLedger()
        let rest: (String, String) -> JSONValue = { token, updatedAt in
            s3Connection(updatedAt: updatedAt, [
                "connectionSpec": ["id": .string(SpecID.genericREST)],
                "auth": ["specName": "OAuth2 Refresh Code", "params": ["accessToken": .string(token)]],
            ])
        }
        try importRecords([rest("token-1", "2026-01-01T00:00:00Z")], into: fixture.ledger)
        try importRecords([rest("token-2", "2026-02-01T00:00:00Z")], into: fixture.ledger)
        let key = try fixture.ledger.fingerprintKey()
        #expect(try lastEvent(fixture.ledger) == .reconnected(CredentialChange(
            secrets: ["accessToken": FingerprintChange(
                from: key.fingerprint(Secret("token-1")), to: key.fingerprint(Secret("token-2")))],
            authorizedAt: TimeChange(from: time("2026-01-01T00:00:00Z"), to: time("2026-02-01T00:00:00Z")))))
    }

    @Test func oauthExpiryAloneIsValidReconnect() throws {
        let fixture = try TemporaryLedger()
        let rest: (String, String) -> JSONValue = { expiry, updatedAt in
            s3Connection(updatedAt: updatedAt, [
                "connectionSpec": ["id": .string(SpecID.genericREST)],
                "auth": ["specName": "OAuth2 Refresh Code", "params": ["accessToken": "t1", "expirationDate": .string(expiry)]],
            ])
        }
        try importRecords([rest("2026-06-10", "2026-01-01T00:00:00Z")], into: fixture.ledger)
        try importRecords([rest("2026-07-10", "2026-02-01T00:00:00Z")], into: fixture.ledger)
        #expect(try lastEvent(fixture.ledger) == .reconnected(CredentialChange(
            expiresAt: TimeChange(from: time("2026-06-10"), to: time("2026-07-10")))))
        #expect(try fixture.ledger.verify().eventCount == 2)
    }

    @Test func oauthTokenWithSameAuthorizedDateIsValid() throws {
        let fixture = try TemporaryLedger()
        let rest: (String, String) -> JSONValue = { token, updatedAt in
            s3Connection(updatedAt: updatedAt, [
                "connectionSpec": ["id": .string(SpecID.genericREST)],
                "auth": ["specName": "OAuth2 Refresh Code", "params": ["accessToken": .string(token), "authorizedDate": "2026-01-01"]],
            ])
        }
        try importRecords([rest("token-1", "2026-01-01T00:00:00Z")], into: fixture.ledger)
        try importRecords([rest("token-2", "2026-02-01T00:00:00Z")], into: fixture.ledger)
        let key = try fixture.ledger.fingerprintKey()
        #expect(try lastEvent(fixture.ledger) == .reconnected(CredentialChange(
            secrets: ["accessToken": FingerprintChange(
                from: key.fingerprint(Secret("token-1")), to: key.fingerprint(Secret("token-2")))])))
        #expect(try fixture.ledger.verify().eventCount == 2)
    }

    @Test func oauthSameTokenWithNewAuthorizedDateIsSecretChange() throws {
        let fixture = try TemporaryLedger()
        let rest: (String, String) -> JSONValue = { date, updatedAt in
            s3Connection(updatedAt: updatedAt, [
                "connectionSpec": ["id": .string(SpecID.genericREST)],
                "auth": ["specName": "OAuth2 Refresh Code", "params": [
                    "accessToken": "A", "refreshToken": "R", "expirationDate": "2027-01-01",
                    "authorizedDate": .string(date)]],
            ])
        }
        try importRecords([rest("2026-01-01", "2026-01-01T00:00:00Z")], into: fixture.ledger)
        try importRecords([rest("2026-03-31", "2026-03-31T00:00:00Z")], into: fixture.ledger)
        let key = try fixture.ledger.fingerprintKey()
        let unchanged: (String) throws -> FingerprintChange = { secret in
            let fingerprint = key.fingerprint(Secret(secret))
            return FingerprintChange(from: fingerprint, to: fingerprint)
        }
        #expect(try lastEvent(fixture.ledger) == .reconnected(CredentialChange(
            secrets: ["accessToken": try unchanged("A"), "refreshToken": try unchanged("R")],
            authorizedAt: TimeChange(from: time("2026-01-01"), to: time("2026-03-31")))))
        #expect(try fixture.ledger.account(id: "acct-1").credentialsChangedAt == time("2026-03-31"))
        let thirtyDays: Int64 = 30 * 86_400_000
        #expect(try fixture.ledger.staleAccounts(olderThan: thirtyDays, at: TimePoint(asOf: time("2026-04-15"))).isEmpty)
        #expect(try fixture.ledger.verify().eventCount == 2)
    }

    @Test func usernameParameterIsTheUsername() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection([
            "connectionSpec": ["id": .string(SpecID.airship)],
            "auth": ["specName": "Bearer Token", "params": ["token": "t-1", "username": "svc-1"]],
        ])
        try importRecords([record], into: fixture.ledger)
        let state = try fixture.ledger.account(id: "acct-1")
        #expect(state.username == "svc-1")
        #expect(state.credentials.keys.sorted() == ["token"])
    }

    @Test func expiresAtParameterIsTheExpiry() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection([
            "connectionSpec": ["id": .string(SpecID.genericREST)],
            "auth": ["specName": "OAuth2 Refresh Code", "params": ["accessToken": "at", "expiresAt": "2026-06-02T00:00:00Z"]],
        ])
        try importRecords([record], into: fixture.ledger)
        let state = try fixture.ledger.account(id: "acct-1")
        #expect(state.expiresAt == time("2026-06-02T00:00:00Z"))
        #expect(state.credentials.keys.sorted() == ["accessToken"])
    }

    @Test func authorizedAtParameterIsNoSecret() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection([
            "connectionSpec": ["id": .string(SpecID.airship)],
            "auth": ["specName": "Bearer Token", "params": ["token": "t-1", "authorizedAt": "2026-01-01"]],
        ])
        try importRecords([record], into: fixture.ledger)
        let state = try fixture.ledger.account(id: "acct-1")
        #expect(state.settings["authorizedAt"] == "2026-01-01")
        #expect(state.credentials.keys.sorted() == ["token"])
    }

    // MARK: - Encryption keys

    @Test func removedPublicKeyIsEncryptionKeyRemoved() throws {
        let fixture = try TemporaryLedger()
        let key = publicKeyBlock("key-1")
        try importRecords([s3Connection(["encryption": ["params": ["publicKey": .string(key)]]])], into: fixture.ledger)
        try importRecords([s3Connection(updatedAt: "2026-02-01T00:00:00Z")], into: fixture.ledger)
        #expect(try lastEvent(fixture.ledger) == .encryptionKeyRemoved(previous: Hex.encode(Digest.sha256(key))))
    }

    @Test func trailingNewlineKeepsKey() throws {
        let fixture = try TemporaryLedger()
        let key = publicKeyBlock("key-1")
        try importRecords([s3Connection(["encryption": ["params": ["publicKey": .string(key)]]])], into: fixture.ledger)
        let result = try importRecords(
            [s3Connection(updatedAt: "2026-02-01T00:00:00Z", ["encryption": ["params": ["publicKey": .string(key + "\n")]]])],
            into: fixture.ledger)
        #expect(result.eventCount == 0)
    }

    @Test func keyForNonFileDestinationIsRejected() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection([
            "connectionSpec": ["id": .string(SpecID.airship)],
            "auth": ["specName": "Bearer Token", "params": ["token": "t"]],
            "encryption": ["params": ["publicKey": .string(publicKeyBlock("key-1"))]],
        ])
        let error = try importError([record], into: fixture.ledger)
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): encryption.params.publicKey: Airship Attributes does not export files, so it takes no encryption key")
    }

    @Test func oversizedPublicKeyIsRejected() throws {
        let fixture = try TemporaryLedger()
        let key = JSONValue.string(publicKeyBlock(String(repeating: "k", count: 65_537)))
        let error = try importError([s3Connection(["encryption": ["params": ["publicKey": key]]])], into: fixture.ledger)
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): encryption.params.publicKey: is larger than 65536 bytes")
    }

    @Test func privateKeyIsRejected() throws {
        let fixture = try TemporaryLedger()
        let key = "-----BEGIN PGP PRIVATE KEY BLOCK-----\nX\n-----END PGP PRIVATE KEY BLOCK-----\n"
        let error = try importError(
            [s3Connection(["encryption": ["params": ["publicKey": .string(key)]]])], into: fixture.ledger)

        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): encryption.params.publicKey: is a private key; give the public half: `openssl pkey -pubout` prints it for a PEM key, `gpg --armor --export` for a PGP key")
        #expect(try fixture.ledger.eventCount() == 0)
    }

    @Test func textThatIsNoKeyIsRejected() throws {
        let fixture = try TemporaryLedger()
        let error = try importError(
            [s3Connection(["encryption": ["params": ["publicKey": "key-1"]]])], into: fixture.ledger)

        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): encryption.params.publicKey: is not an ASCII-armored PGP public key block or a PEM public key (expected a -----BEGIN ... PUBLIC KEY----- line)")
        #expect(try fixture.ledger.eventCount() == 0)
    }
}
