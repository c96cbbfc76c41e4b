import AccountLedger
import Testing

/// Imports of the platform's published examples, as published and corrected.
@Suite struct ImportSampleTests {
    static let salesforceID = "139f6a5f-a78b-4744-9f6a-5fa78bd74431"
    static let airshipID = "c8622ec7-7d94-44a5-a35a-ffcc6bdcc384"

    @Test func salesforceListConnectsOneBasicAccount() throws {
        let fixture = try TemporaryLedger()
        let result = try fixture.ledger.importSnapshot(try ImportFixtures.file("connections-list-salesforce.json"))
        #expect(result.connected == [Self.salesforceID])
        #expect(result.eventCount == 1)

        let account = try fixture.ledger.account(id: Self.salesforceID)
        #expect(account.name == "E2E_SF Base_Connection")
        #expect(account.destination == "salesforce")
        #expect(account.connectionType == .basic)
        #expect(account.username == "my-salesforce-account")
        #expect(account.settings == ["environmentUrl": "login.salesforce.com"])
        #expect(account.credentials.keys.sorted() == ["password", "securityToken"])
        #expect(account.createdAt == 1_597_973_312_000)
        #expect(account.authorizedAt == 1_597_973_312_000)
        #expect(account.sourceEtag == "\"1400dd53-0000-0200-0000-5f3f23450000\"")

        let history = try fixture.ledger.history(accountID: Self.salesforceID)
        #expect(history.map(\.type) == ["AccountConnected"])
        #expect(history[0].actor == "{UPDATED_BY}")
        #expect(history[0].occurredAt == 1_597_973_312_000)
    }

    @Test func airshipListConnectsBearerTokenAccount() throws {
        let fixture = try TemporaryLedger()
        let file = try ImportFixtures.file("22-airship-bearer-get-connection-response.json")
        let result = try fixture.ledger.importSnapshot(file)
        #expect(result.connected == [Self.airshipID])

        let account = try fixture.ledger.account(id: Self.airshipID)
        #expect(account.name == "Airship Attributes")
        #expect(account.description == "test account connection to Airship Attributes destination")
        #expect(account.destination == "airship-attributes")
        #expect(account.connectionType == .bearerToken)
        #expect(account.credentials.keys.sorted() == ["token"])
        #expect(account.authorizedAt == time("2021-12-21"))
        #expect(account.updatedAt == 1_640_104_751_063)
    }

    @Test func elidedS3SampleFailsWithLine() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(try ImportFixtures.file("connections-list-salesforce.json"))
        let before = try databaseSnapshot(path: fixture.path)

        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.importSnapshot(try ImportFixtures.file("connection-s3-encryption-elided.jsonc"))
        }
        #expect(error.category == .badInput)
        #expect("\(error)".contains("connection-s3-encryption-elided.jsonc line 2, column 3"))
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func elidedSFTPSampleFailsWithLine() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(try ImportFixtures.file("connections-list-salesforce.json"))
        let before = try databaseSnapshot(path: fixture.path)

        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.importSnapshot(
                try ImportFixtures.file("18-sftp-new-password-baseconnection-get-encryption.jsonc"))
        }
        #expect("\(error)".contains("18-sftp-new-password-baseconnection-get-encryption.jsonc line 2, column 3"))
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func correctedS3SampleImportsKey() throws {
        let fixture = try TemporaryLedger()
        let result = try fixture.ledger.importSnapshot(try ImportFixtures.file("s3-encryption-corrected.jsonc"))
        let id = "5e1f3a70-2b9c-4d0e-8a61-3c7f0b9d2e41"
        #expect(result.connected == [id])

        let history = try fixture.ledger.history(accountID: id)
        #expect(history.map(\.type) == ["AccountConnected", "EncryptionKeySet"])
        #expect(history[0].correlationID == history[1].correlationID)
        #expect(history[0].actor == "exports-admin@example.com")

        let account = try fixture.ledger.account(id: id)
        #expect(account.destination == "amazon-s3")
        #expect(account.connectionType == .accessKey)
        #expect(account.credentials.keys.sorted() == ["accessKeyId", "secretKey"])
        #expect(account.credentials["accessKeyId"]?.hint == "…key>")
        #expect(account.credentials["secretKey"]?.hint == nil)
        #expect(account.authorizedAt == time("2022-10-26"))
        #expect(account.encryptionKey == EncryptionKey(
            algorithm: "PGP/GPG", fingerprint: Hex.encode(Digest.sha256(publicKeyBlock("<publicKey>")))))
    }

    @Test func correctedSFTPSampleKeepsPortSetting() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(try ImportFixtures.file("sftp-password-corrected.jsonc"))

        let account = try fixture.ledger.account(id: "a4d2c9e8-7f31-4b6a-9e05-81c3d7f2b610")
        #expect(account.destination == "sftp")
        #expect(account.connectionType == .basic)
        #expect(account.username == "DPID12345")
        #expect(account.settings == ["domain": "ftp-out.demdex.com", "port": "22"])
        #expect(account.credentials.keys.sorted() == ["password"])
        #expect(account.encryptionKey?.algorithm == "PGP/GPG")
    }
}
