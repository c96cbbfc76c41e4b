import AccountLedger
import Foundation
import Testing

/// Imported secrets are stored under the connection type's credential
/// fields, so `ledger edit` rotates them instead of adding new ones.
@Suite struct ImportCredentialFieldTests {
    func importRecord(_ params: JSONValue, spec: String = "Access Key", into ledger: Ledger) throws {
        let specID = spec == "Access Key" ? SpecID.amazonS3 : SpecID.sftp
        let record = s3Connection([
            "connectionSpec": ["id": .string(specID)],
            "auth": ["specName": .string(spec), "params": params],
        ])
        try ledger.importSnapshot(listSnapshot([record]))
    }

    @Test func platformNamesBecomeCredentialFields() throws {
        let fixture = try TemporaryLedger()
        try importRecord(["accessId": "AKIAEXAMPLE000000001", "secretKey": "secret-1"], into: fixture.ledger)
        let account = try fixture.ledger.account(id: "acct-1")
        #expect(account.credentials.keys.sorted() == ["accessKeyId", "secretKey"])
        #expect(account.credentials["accessKeyId"]?.hint != nil)
    }

    @Test func parameterWithoutFieldKeepsItsName() throws {
        let fixture = try TemporaryLedger()
        try importRecord(["username": "upload", "sshKey": "key-1"], spec: "SFTP with SSH Key", into: fixture.ledger)
        #expect(try fixture.ledger.account(id: "acct-1").credentials.keys.sorted() == ["sshKey"])
    }

    @Test func twoParametersForOneFieldAreRejected() throws {
        let fixture = try TemporaryLedger()
        let error = try #require(throws: LedgerError.self) {
            try importRecord(["accessId": "AKIA0001", "s3AccessKey": "AKIA0002", "s3SecretKey": "s"], into: fixture.ledger)
        }
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): auth.params.s3AccessKey: "
            + "fills credential accessKeyId, which auth.params.accessId already fills; a connection has "
            + "one value per credential, so remove one of them")
    }

    @Test func editRotatesImportedSecretInPlace() throws {
        let fixture = try TemporaryLedger()
        try importRecord(["s3AccessKey": "AKIA0001", "s3SecretKey": "old-secret"], into: fixture.ledger)
        try fixture.ledger.save(
            .edit(EditRequest(secrets: ["secretKey": Secret("new-secret")])), accountID: "acct-1",
            context: context(at: "2026-02-01T00:00:00Z"))
        let account = try fixture.ledger.account(id: "acct-1")
        #expect(account.credentials.keys.sorted() == ["accessKeyId", "secretKey"])
        let usages = try fixture.ledger.credentialUsage(of: Secret("old-secret"))
        #expect(usages.map(\.to) == [time("2026-02-01T00:00:00Z")])
    }

    @Test func editRotatesHeldFieldTheTypeLacks() throws {
        let fixture = try TemporaryLedger()
        try importRecord(["username": "upload", "sshKey": "key-1"], spec: "SFTP with SSH Key", into: fixture.ledger)
        try fixture.ledger.save(
            .edit(EditRequest(secrets: ["sshKey": Secret("key-2")])), accountID: "acct-1",
            context: context(at: "2026-02-01T00:00:00Z"))
        let key = try fixture.ledger.fingerprintKey()
        #expect(try fixture.ledger.account(id: "acct-1").credentials["sshKey"] == key.fingerprint(Secret("key-2")))
    }

    @Test func editRejectsFieldNeitherTypeNorAccountHas() throws {
        let fixture = try TemporaryLedger()
        try importRecord(["username": "upload", "sshKey": "key-1"], spec: "SFTP with SSH Key", into: fixture.ledger)
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.save(
                .edit(EditRequest(secrets: ["s3SecretKey": Secret("s")])), accountID: "acct-1",
                context: context(at: "2026-02-01T00:00:00Z"))
        }
        #expect("\(error)" == "invalid input in credential s3SecretKey: the account has no credential "
            + "s3SecretKey; its credentials are: password, sshKey")
    }

    @Test func catalogFieldMustBeCredentialOfItsType() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("catalog.json")
        let catalog = """
            {"authSpecs": [{"specName": "Bearer Token", "connectionType": "bearer-token",
              "parameters": {"token": {"kind": "secret", "field": "password"}}}]}
            """
        try Data(catalog.utf8).write(to: file)
        let error = try #require(throws: LedgerError.self) { try DestinationCatalog.load(from: file) }
        #expect("\(error)" == "invalid input in catalog.json authSpecs[0].parameters.token.field: \"password\" "
            + "is not a credential of bearer-token accounts; their credentials are: token")
    }
}
