import AccountLedger
import Testing

/// A series of snapshots walking one SFTP account (and an S3 account
/// beside it) through a rename, a description change, a password
/// rotation, an encryption key set then replaced, a username change, and a
/// delete by a complete import.
@Suite struct ImportSeriesTests {
    static let partnerID = "7b0e2c14-5d3a-4f8e-b9c1-2a6d4e8f0c35"
    static let campaignID = "d93f6a28-0c1e-4b57-a2d4-6e8b1f3c7a90"
    static let files = [
        "series/01-initial.json",
        "series/02-rename.json",
        "series/03-rotate-and-set-key.json",
        "series/04-replace-key-and-username.json",
    ]

    /// Imports the first `count` files of the series, one import each.
    static func importSeries(_ count: Int, into ledger: Ledger) throws -> [SnapshotImportResult] {
        try files.prefix(count).map { try ledger.importSnapshot(try ImportFixtures.file($0)) }
    }

    static func keyFingerprint(_ keyName: String) -> String {
        Hex.encode(Digest.sha256("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\(keyName)\n-----END PGP PUBLIC KEY BLOCK-----"))
    }

    @Test func seriesAppendsExplainingEvents() throws {
        let fixture = try TemporaryLedger()
        let results = try Self.importSeries(4, into: fixture.ledger)
        #expect(results.map(\.connected) == [[Self.partnerID, Self.campaignID], [], [], []])
        #expect(results.map(\.changed) == [[], [Self.partnerID], [Self.partnerID], [Self.partnerID, Self.campaignID]])
        #expect(results.map(\.unchangedCount) == [0, 1, 1, 0])

        let history = try fixture.ledger.history(accountID: Self.partnerID)
        #expect(history.map(\.type) == [
            "AccountConnected",
            "AccountRenamed", "AccountDescriptionChanged",
            "CredentialsRotated", "EncryptionKeySet",
            "CredentialsRotated", "EncryptionKeySet",
        ])
        #expect(history.map(\.version) == Array(1...7))
        #expect(history.map(\.actor) == [
            "alice@example.com",
            "carol@example.com", "carol@example.com",
            "alice@example.com", "alice@example.com",
            "carol@example.com", "carol@example.com",
        ])
        #expect(history.map(\.occurredAt) == [
            time("2026-01-05T09:00:00Z"),
            time("2026-02-02T10:00:00Z"), time("2026-02-02T10:00:00Z"),
            time("2026-03-03T11:00:00Z"), time("2026-03-03T11:00:00Z"),
            time("2026-04-04T12:00:00Z"), time("2026-04-04T12:00:00Z"),
        ])
        #expect(history[1].correlationID == history[2].correlationID)
        #expect(history[3].correlationID == history[4].correlationID)
        #expect(history[2].correlationID != history[3].correlationID)
    }

    @Test func payloadsCarryTheChanges() throws {
        let fixture = try TemporaryLedger()
        _ = try Self.importSeries(4, into: fixture.ledger)
        let events = try fixture.ledger.history(accountID: Self.partnerID).map(decodedEvent)
        let key = try fixture.ledger.fingerprintKey()

        #expect(events[1] == .renamed(from: "Partner drop", to: "Partner drop (EU)"))
        #expect(events[2] == .descriptionChanged(
            from: "Nightly audience files", to: "Nightly audience files for the EU partner"))
        #expect(events[3] == .credentialsRotated(CredentialChange(secrets: [
            "password": FingerprintChange(
                from: key.fingerprint(Secret("series-password-1")),
                to: key.fingerprint(Secret("series-password-2"))),
        ])))
        let firstKey = EncryptionKey(algorithm: "PGP/GPG", fingerprint: Self.keyFingerprint("series-key-1"))
        #expect(events[4] == .encryptionKeySet(firstKey, previous: nil))
        #expect(events[5] == .credentialsRotated(CredentialChange(
            username: ValueChange(from: "drop-user", to: "drop-user-eu"))))
        let secondKey = EncryptionKey(algorithm: "PGP/GPG", fingerprint: Self.keyFingerprint("series-key-2"))
        #expect(events[6] == .encryptionKeySet(secondKey, previous: firstKey.fingerprint))
    }

    @Test func secondAccountRotatesItsSecretKey() throws {
        let fixture = try TemporaryLedger()
        _ = try Self.importSeries(4, into: fixture.ledger)
        let history = try fixture.ledger.history(accountID: Self.campaignID)
        #expect(history.map(\.type) == ["AccountConnected", "CredentialsRotated"])
        #expect(history[1].actor == "bob@example.com")
        #expect(history[1].occurredAt == time("2026-04-05T08:00:00Z"))

        let key = try fixture.ledger.fingerprintKey()
        #expect(try decodedEvent(history[1]) == .credentialsRotated(CredentialChange(secrets: [
            "secretKey": FingerprintChange(
                from: key.fingerprint(Secret("series-secret-1")),
                to: key.fingerprint(Secret("series-secret-2"))),
        ])))
    }

    @Test func completeImportDeletesUnlistedAccount() throws {
        let fixture = try TemporaryLedger()
        _ = try Self.importSeries(4, into: fixture.ledger)
        let result = try fixture.ledger.importSnapshots(
            [try ImportFixtures.file("series/05-complete-without-partner.json")],
            options: importOptions(complete: true, actor: "nightly-sync"))
        #expect(result.deleted == [Self.partnerID])
        #expect(result.unchangedCount == 1)
        #expect(result.eventCount == 1)

        let last = try #require(try fixture.ledger.history(accountID: Self.partnerID).last)
        #expect(last.type == "AccountDeleted")
        #expect(last.actor == "nightly-sync")
        #expect(try decodedEvent(last) == .deleted(forced: false, activeDataflows: []))
    }

    @Test func completeForcesDeleteInUse() throws {
        let fixture = try TemporaryLedger()
        _ = try Self.importSeries(4, into: fixture.ledger)
        try fixture.ledger.save(
            .activateDataflow("df-eu-nightly"), accountID: Self.partnerID, context: context(at: "2026-04-10T00:00:00Z"))

        try fixture.ledger.importSnapshot(try ImportFixtures.file("series/05-complete-without-partner.json"), complete: true)
        let last = try #require(try fixture.ledger.history(accountID: Self.partnerID).last)
        #expect(try decodedEvent(last) == .deleted(forced: true, activeDataflows: ["df-eu-nightly"]))
    }

    @Test func partialImportKeepsUnlisted() throws {
        let fixture = try TemporaryLedger()
        _ = try Self.importSeries(4, into: fixture.ledger)
        let result = try fixture.ledger.importSnapshot(try ImportFixtures.file("series/05-complete-without-partner.json"))
        #expect(result.deleted.isEmpty)
        #expect(result.eventCount == 0)
        #expect(try fixture.ledger.account(id: Self.partnerID).isDeleted == false)
    }

    @Test func accountsViewAfterTheSeries() throws {
        let fixture = try TemporaryLedger()
        _ = try Self.importSeries(4, into: fixture.ledger)
        try fixture.ledger.importSnapshot(try ImportFixtures.file("series/05-complete-without-partner.json"), complete: true)

        let rows = try fixture.ledger.accounts(AccountQuery())
        #expect(rows.map(\.accountID) == [Self.campaignID, Self.partnerID])
        let campaign = rows[0]
        #expect(campaign.name == "Campaign exports")
        #expect(campaign.destination == "amazon-s3")
        #expect(campaign.connectionType == .accessKey)
        #expect(campaign.username == nil)
        #expect(campaign.authorizedAt == time("2026-01-06"))
        #expect(campaign.status == .active)
        #expect(campaign.version == 2)
        let partner = rows[1]
        #expect(partner.name == "Partner drop (EU)")
        #expect(partner.destination == "sftp")
        #expect(partner.connectionType == .basic)
        #expect(partner.username == "drop-user-eu")
        #expect(partner.authorizedAt == time("2026-01-05"))
        #expect(partner.status == .deleted)
        #expect(partner.version == 8)
    }

    @Test func viewAsOfMarchShowsFirstKey() throws {
        let fixture = try TemporaryLedger()
        _ = try Self.importSeries(4, into: fixture.ledger)
        let march = TimePoint(asOf: time("2026-03-15T00:00:00Z"))
        let partner = try fixture.ledger.account(id: Self.partnerID, at: march)
        #expect(partner.username == "drop-user")
        #expect(partner.encryptionKey?.fingerprint == Self.keyFingerprint("series-key-1"))
        #expect(partner.settings == ["domain": "sftp.partner.example", "port": "22"])
    }

    @Test func reimportingLastSnapshotAppendsNothing() throws {
        let fixture = try TemporaryLedger()
        _ = try Self.importSeries(4, into: fixture.ledger)
        let before = try databaseSnapshot(path: fixture.path)
        let result = try fixture.ledger.importSnapshot(try ImportFixtures.file(Self.files[3]))
        #expect(result.eventCount == 0)
        #expect(result.unchangedCount == 2)
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }
}
