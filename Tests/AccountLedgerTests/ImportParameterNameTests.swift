@testable import AccountLedger
import Testing

/// Auth parameter names close to one the importer reads. Such a name would
/// be fingerprinted as an unknown secret, and the expiry, authorization
/// date or setting it carries would be lost without a word.
@Suite struct ImportParameterNameTests {
    /// Returns a record of `spec` at the destination `specID` with `params`.
    func record(_ spec: String, _ specID: String, _ params: JSONValue) -> JSONValue {
        s3Connection(["connectionSpec": ["id": .string(specID)], "auth": ["specName": .string(spec), "params": params]])
    }

    @Test func misspeltParameterNamesAreRejected() throws {
        let fixture = try TemporaryLedger()
        let cases: [(JSONValue, String)] = [
            (record("Bearer Token", SpecID.airship, ["token": "t-1", "expires_at": "2026-06-01"]),
                "auth.params.expires_at: unknown parameter, close to expiresAt, which the importer reads for spec \"Bearer Token\""),
            (record("Bearer Token", SpecID.airship, ["token": "t-1", "authorizeddate": "2026-01-01"]),
                "auth.params.authorizeddate: unknown parameter, close to authorizedDate, which the importer reads for spec \"Bearer Token\""),
            (record("SFTP with Password", SpecID.sftp, ["password": "p", "Domain": "files.example.com"]),
                "auth.params.Domain: unknown parameter, close to domain, which the importer reads for spec \"SFTP with Password\""),
            (record("SFTP with Password", SpecID.sftp, ["password": "p", "user-name": "upload"]),
                "auth.params.user-name: unknown parameter, close to username, which the importer reads for spec \"SFTP with Password\""),
            (record("Access Key", SpecID.amazonS3, ["s3SecretKey": "s", "bucketNam": "exports"]),
                "auth.params.bucketNam: unknown parameter, close to bucketName, which the importer reads for spec \"Access Key\""),
            (record("OAuth2 Refresh Code", SpecID.genericREST, ["accessToken": "a", "expirationdate": 1_800_000_000_000]),
                "auth.params.expirationdate: unknown parameter, close to expirationDate, which the importer reads for spec \"OAuth2 Refresh Code\""),
        ]
        for (record, expected) in cases {
            let error = try #require(throws: LedgerError.self) { try fixture.ledger.importSnapshot(listSnapshot([record])) }
            #expect(error.category == .badInput)
            #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): \(expected); correct its name, because an unknown parameter is stored as a secret fingerprint")
        }
        #expect(try fixture.ledger.eventCount() == 0)
    }

    @Test func distantUnknownNameStaysSecret() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([
            record("Bearer Token", SpecID.airship, ["token": "t-1", "sessionKey": "k-1", "expiry": "2026-06-01"]),
        ]))
        #expect(try fixture.ledger.account(id: "acct-1").credentials.keys.sorted() == ["expiry", "sessionKey", "token"])
    }

    @Test func catalogNameIsNeverFlagged() throws {
        // A spec that lists a secret one letter from its expiry.
        let spec = DestinationCatalog.AuthSpec(
            specName: "Close Names", connectionType: .bearerToken,
            parameters: ["token": .secret, "expiresAt": .expiry, "expiresAx": .secret])
        let catalog = DestinationCatalog(destinations: [], authSpecs: [spec])
        let snapshot = listSnapshot([
            s3Connection(["auth": ["specName": "Close Names", "params": ["token": "t-1", "expiresAx": "s-1"]]]),
        ])
        let parsed = try SnapshotReader.records(in: snapshot)[0]
        let key = FingerprintKey(bytes: Array(repeating: 7, count: 32))

        let account = try ImportedAccount(parsed, catalog: catalog, keyProvider: { key })
        #expect(account.credentials.keys.sorted() == ["expiresAx", "token"])
    }
}
