@testable import AccountLedger
import Testing

/// Import decisions that turn on a record's etag. A stored etag never
/// spares a record its checks, and one etag cannot name two versions, nor
/// two times or authors of one version.
@Suite struct ImportEtagTests {
    @discardableResult
    func importRecords(_ records: [JSONValue], into ledger: Ledger) throws -> SnapshotImportResult {
        try ledger.importSnapshot(listSnapshot(records))
    }

    func importError(_ records: [JSONValue], into ledger: Ledger) throws -> LedgerError {
        try #require(throws: LedgerError.self) { try importRecords(records, into: ledger) }
    }

    /// Returns a ledger with `acct-1` imported from `s3Connection(etag: "e-1")`.
    func importedLedger() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection(etag: "\"e-1\"")], into: fixture.ledger)
        return fixture
    }

    // MARK: - Checks before the etag

    @Test func storedEtagStillChecksRecord() throws {
        let fixture = try importedLedger()
        let before = try databaseSnapshot(path: fixture.path)
        let azureSpecID = "6d6b59bf-fb58-4107-9064-4d246c0e5bb2"
        let privateKey = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"
        let longSecret = String(repeating: "s", count: 16_385)
        let cases: [(JSONValue, String)] = [
            (s3Connection(etag: "\"e-1\"", ["auth": ["specName": "No Such Spec", "params": ["s3SecretKey": "secret-1"]]]),
                "auth.specName: unknown spec name \"No Such Spec\""),
            (s3Connection(etag: "\"e-1\"", ["connectionSpec": ["id": .string(azureSpecID)]]),
                "auth.specName: spec \"Access Key\" makes access-key accounts, but Azure Blob Storage accounts use connection-string"),
            (s3Connection(etag: "\"e-1\"", ["encryption": ["params": ["publicKey": .string(privateKey)]]]),
                "encryption.params.publicKey: is a private key"),
            (s3Connection(secretKey: longSecret, etag: "\"e-1\""),
                "auth.params.s3SecretKey: the secret is 16385 bytes; the maximum is 16384"),
            (s3Connection(updatedAt: "2100-01-01T00:00:00Z", etag: "\"e-1\""),
                "updatedAt: 2100-01-01T00:00:00Z is in the future"),
            (s3Connection(etag: "\"e-1\"", ["auth": ["specName": "Access Key", "params": ["s3SecretKey": "secret-1", "secretKey": "secret-1"]]]),
                "auth.params.secretKey: fills credential secretKey, which auth.params.s3SecretKey already fills"),
        ]
        for (record, expected) in cases {
            let error = try importError([record], into: fixture.ledger)
            #expect(error.category == .badInput)
            #expect("\(error)".hasPrefix("invalid input in snapshot.json record 1 (id acct-1): \(expected)"))
        }
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    // MARK: - One etag, one version

    @Test func storedEtagWithRenameIsRejected() throws {
        let fixture = try importedLedger()
        let before = try databaseSnapshot(path: fixture.path)
        let error = try importError([s3Connection(etag: "\"e-1\"", ["name": "Renamed"])], into: fixture.ledger)
        #expect(error.category == .badInput)
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): etag: the ledger stored \"e-1\" with an earlier version of this account, and this record differs from that version in name; one etag cannot name two versions, so export the connection again and import the new file")
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func etagConflictNamesFieldsNotSecrets() throws {
        let fixture = try importedLedger()
        let record = s3Connection(secretKey: "other-secret-77", etag: "\"e-1\"", ["description": "Moved"])
        let error = try importError([record], into: fixture.ledger)
        #expect("\(error)".contains("differs from that version in description and credential secretKey;"))
        #expect(!"\(error)".contains("other-secret-77"))
    }

    @Test func etagConflictOnOAuthGrantNamesOnlyTheDate() throws {
        let fixture = try TemporaryLedger()
        let rest: (String) -> JSONValue = { date in
            s3Connection(etag: "\"e-1\"", [
                "connectionSpec": ["id": .string(SpecID.genericREST)],
                "auth": ["specName": "OAuth2 Refresh Code", "params": ["accessToken": "A", "authorizedDate": .string(date)]],
            ])
        }
        try importRecords([rest("2026-01-01")], into: fixture.ledger)
        let error = try importError([rest("2025-12-31")], into: fixture.ledger)
        #expect("\(error)".contains("differs from that version in authorization date;"), "\(error)")
    }

    @Test func storedEtagWithSameContentIsUnchanged() throws {
        let fixture = try importedLedger()
        let result = try importRecords([s3Connection(etag: "\"e-1\"")], into: fixture.ledger)
        #expect(result.unchangedCount == 1)
        #expect(result.eventCount == 0)
    }

    @Test func storedEtagWithOtherTimeIsRejected() throws {
        let fixture = try importedLedger()
        let before = try databaseSnapshot(path: fixture.path)
        let record = s3Connection(updatedAt: "2026-01-01T00:00:05Z", etag: "\"e-1\"")
        let error = try importError([record], into: fixture.ledger)
        #expect(error.category == .badInput)
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): updatedAt: is 2026-01-01T00:00:05Z, but the ledger stored \"e-1\" with a change at 2026-01-01T00:00:00Z; one etag cannot name two versions, so export the connection again and import the new file")
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func storedEtagWithOtherAuthorIsRejected() throws {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection(etag: "\"e-1\"", ["updatedBy": "alice"])], into: fixture.ledger)
        let before = try databaseSnapshot(path: fixture.path)
        let error = try importError([s3Connection(etag: "\"e-1\"", ["updatedBy": "bob"])], into: fixture.ledger)
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): updatedBy: is bob, but the ledger stored \"e-1\" with a change by alice; one etag cannot name two versions, so export the connection again and import the new file")
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func storedEtagAfterLocalEditIsUnchanged() throws {
        let fixture = try importedLedger()
        let edit = AccountCommand.edit(EditRequest(name: "Named by hand", secrets: ["secretKey": Secret("real-secret")]))
        try fixture.ledger.save(edit, accountID: "acct-1", context: context(at: "2026-01-03T00:00:00Z"))
        let before = try databaseSnapshot(path: fixture.path)

        let result = try importRecords([s3Connection(etag: "\"e-1\"")], into: fixture.ledger)
        #expect(result.unchangedCount == 1)
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func storedEtagDifferingAfterLocalEditIsRejected() throws {
        let fixture = try importedLedger()
        let edit = AccountCommand.edit(EditRequest(name: "Named by hand"))
        try fixture.ledger.save(edit, accountID: "acct-1", context: context(at: "2026-01-03T00:00:00Z"))
        let record = s3Connection(etag: "\"e-1\"", ["name": "Third name"])
        let error = try importError([record], into: fixture.ledger)
        #expect("\(error)".contains("etag: the ledger stored \"e-1\" with an earlier version of this account, and this record differs from that version in name;"))
    }

    // MARK: - Versions at one time

    @Test func sameTimeOtherEtagIsRejected() throws {
        let fixture = try importedLedger()
        let before = try databaseSnapshot(path: fixture.path)
        let error = try importError([s3Connection(etag: "\"e-2\"", ["name": "Renamed"])], into: fixture.ledger)
        #expect(error.category == .badInput)
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): updatedAt: 2026-01-01T00:00:00Z is also the time of the account's last recorded change, but the etag differs (\"e-2\", stored \"e-1\") and the record would change name; the ledger cannot tell which version is newer, so import only the snapshot that is current")
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func sameTimeVersionsCannotAlternate() throws {
        let fixture = try TemporaryLedger()
        let first = s3Connection(etag: "\"e-1\"", ["name": "A"])
        let second = s3Connection(etag: "\"e-2\"", ["name": "B"])
        try importRecords([first], into: fixture.ledger)
        _ = try importError([second], into: fixture.ledger)
        let again = try importRecords([first], into: fixture.ledger)
        #expect(again.unchangedCount == 1)
        #expect(try fixture.ledger.history(accountID: "acct-1").map(\.type) == ["AccountConnected"])
    }

    @Test func sameTimeWithoutTrackedChangeIsUnchanged() throws {
        let fixture = try importedLedger()
        let result = try importRecords([s3Connection(etag: "\"e-2\"", ["state": "disabled"])], into: fixture.ledger)
        #expect(result.unchangedCount == 1)
        #expect(result.eventCount == 0)
    }

    // MARK: - Older records

    /// Returns the files of two days: `acct-1` connected on the first and
    /// renamed on the second.
    func twoDays() -> [SnapshotFile] {
        [
            listSnapshot([s3Connection(etag: "\"e-1\"")], name: "monday.json"),
            listSnapshot(
                [s3Connection(updatedAt: "2026-01-02T00:00:00Z", etag: "\"e-2\"", ["name": "Renamed"])],
                name: "tuesday.json"),
        ]
    }

    @Test func repeatedTwoDayImportIsUnchanged() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshots(twoDays(), options: importOptions())
        let before = try databaseSnapshot(path: fixture.path)

        let again = try fixture.ledger.importSnapshots(twoDays(), options: importOptions())
        #expect(again.unchangedCount == 2)
        #expect(again.eventCount == 0)
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func olderRecordWithUnknownEtagIsRejected() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshots(twoDays(), options: importOptions())
        let error = try importError([s3Connection(etag: "\"e-9\"")], into: fixture.ledger)
        #expect("\(error)".hasPrefix("invalid input in snapshot.json record 1 (id acct-1): updatedAt: 2026-01-01T00:00:00Z is earlier than the account's last recorded change at 2026-01-02T00:00:00Z"))
    }

    @Test func olderKnownEtagWithOtherContentIsRejected() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshots(twoDays(), options: importOptions())
        let error = try importError([s3Connection(etag: "\"e-1\"", ["description": "Forged"])], into: fixture.ledger)
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): etag: the ledger stored \"e-1\" with an earlier version of this account, and this record differs from that version in description; one etag cannot name two versions, so export the connection again and import the new file")
    }

    @Test func olderKnownEtagWithOtherTimeIsRejected() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshots(twoDays(), options: importOptions())
        let record = s3Connection(updatedAt: "2025-12-31T00:00:00Z", etag: "\"e-1\"")
        let error = try importError([record], into: fixture.ledger)
        #expect("\(error)".hasPrefix("invalid input in snapshot.json record 1 (id acct-1): updatedAt: is 2025-12-31T00:00:00Z, but the ledger stored \"e-1\" with a change at 2026-01-01T00:00:00Z;"))
    }

    /// A record newer than the account that reuses an etag stored for an
    /// earlier version was appended, after which the file that first
    /// carried the etag could no longer be imported.
    @Test func newerRecordReusingStoredEtagIsRejected() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshots(twoDays(), options: importOptions())
        let before = try databaseSnapshot(path: fixture.path)
        let record = s3Connection(updatedAt: "2026-01-03T00:00:00Z", etag: "\"e-1\"", ["name": "Third"])

        let error = try importError([record], into: fixture.ledger)

        #expect("\(error)".hasPrefix("invalid input in snapshot.json record 1 (id acct-1): updatedAt: is 2026-01-03T00:00:00Z, but the ledger stored \"e-1\" with a change at 2026-01-01T00:00:00Z;"), "\(error)")
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func deletedAccountWithEarlierEtagIsUnchanged() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshots(twoDays(), options: importOptions())
        let options = SnapshotImportOptions(isComplete: true, allowsEmpty: true, actor: "importer")
        try fixture.ledger.importSnapshots([listSnapshot([])], options: options)

        let result = try fixture.ledger.importSnapshots([twoDays()[0]], options: importOptions())
        #expect(result.unchangedCount == 1)
        #expect(result.eventCount == 0)
    }

    @Test func legacySecretNamesAreNoDifference() throws {
        let fixture = try TemporaryLedger()
        let key = try fixture.ledger.fingerprintKey()
        // The state an import made when secrets kept the platform's names.
        let connected = AccountConnected(
            name: "Exports", description: "", destination: "amazon-s3", connectionType: .accessKey,
            credentials: [
                "s3AccessKey": key.fingerprint(Secret("AKIAEXAMPLE0001"), keepsHint: true),
                "s3SecretKey": key.fingerprint(Secret("secret-1")),
            ],
            authorizedAt: time("2026-01-01T00:00:00Z"))
        let pending = PendingEvent(
            accountID: "acct-1", event: .connected(connected), occurredAt: time("2026-01-01T00:00:00Z"),
            sourceEtag: "\"e-1\"")
        _ = try fixture.ledger.database.write { db in
            try fixture.ledger.append([pending], context: SaveContext(actor: "importer"), correlationID: "c-1", in: db)
        }

        let result = try importRecords([s3Connection(etag: "\"e-1\"")], into: fixture.ledger)
        #expect(result.unchangedCount == 1)
        #expect(result.eventCount == 0)
    }
}
