import AccountLedger
import Testing

/// The CHANGE text `ledger history` prints for each event.
@Suite struct EventSummaryTests {
    private func sftpConnect(description: String) -> AccountEvent {
        .connected(AccountConnected(
            name: "SF1", description: description, destination: "sftp", connectionType: .basic,
            username: "u1", settings: ["port": "22", "domain": "a.example"]))
    }

    @Test func connectNamesDescriptionAndSettings() {
        #expect(EventSummary.describe(sftpConnect(description: "initial desc"))
            == "connected \"SF1\" to sftp (basic), description \"initial desc\", username \"u1\", "
            + "setting domain \"a.example\", setting port \"22\"")
    }

    @Test func connectOmitsEmptyDescription() {
        #expect(EventSummary.describe(sftpConnect(description: ""))
            == "connected \"SF1\" to sftp (basic), username \"u1\", setting domain \"a.example\", setting port \"22\"")
    }

    /// An imported authorization date showed only in `audit`.
    @Test func connectNamesAuthorizationDate() {
        let event = AccountEvent.connected(AccountConnected(
            name: "Ads", description: "", destination: "google-ads", connectionType: .oauth2,
            authorizedAt: Timestamp.parse("2026-09-10T05:00:00Z")))
        #expect(EventSummary.describe(event) == "connected \"Ads\" to google-ads (oauth2), authorized 2026-09-10T05:00:00Z")
    }

    /// A name with quotes and an unquoted username once made this connect
    /// to sftp read as a connect to amazon-s3 with a forged fingerprint.
    @Test func connectQuotesNameAndUsername() {
        let event = AccountEvent.connected(AccountConnected(
            name: "Real\" to amazon-s3 (access-key), description \"x", description: "", destination: "sftp",
            connectionType: .basic, username: "bob, password 000000000000",
            credentials: ["password": CredentialFingerprint(hex: "ebf3edc6da3a" + String(repeating: "0", count: 52))]))
        #expect(EventSummary.describe(event)
            == #"connected "Real\" to amazon-s3 (access-key), description \"x" to sftp (basic), "#
            + #"username "bob, password 000000000000", password ebf3edc6da3a"#)
    }

    /// The masked hint is the end of a value the user chose, so it is
    /// quoted like the other values.
    @Test func connectQuotesCredentialHint() {
        let event = AccountEvent.connected(AccountConnected(
            name: "S3", description: "", destination: "amazon-s3", connectionType: .accessKey,
            credentials: ["accessKeyId": CredentialFingerprint(hex: "dcadcf5c5d13" + String(repeating: "0", count: 52), hint: "…y\\")]))
        #expect(EventSummary.describe(event)
            == #"connected "S3" to amazon-s3 (access-key), accessKeyId dcadcf5c5d13 ("…y\\")"#)
    }

    @Test func connectQuotesSettingValuesAndDescription() {
        let event = AccountEvent.connected(AccountConnected(
            name: "N", description: "a \\ b", destination: "sftp", connectionType: .basic,
            settings: ["domain": "h, setting port 22"]))
        #expect(EventSummary.describe(event)
            == #"connected "N" to sftp (basic), description "a \\ b", setting domain "h, setting port 22""#)
    }

    @Test func renameEscapesQuotesAndInvisibleCharacters() {
        let event = AccountEvent.renamed(from: "a\" to \"b", to: "ad\u{200B}min")
        #expect(EventSummary.describe(event) == #"renamed "a\" to \"b" to "ad<U+200B>min""#)
    }

    @Test func descriptionChangeQuotesBothSides() {
        let event = AccountEvent.descriptionChanged(from: "x\"", to: "line\nbreak")
        #expect(EventSummary.describe(event) == #"description "x\"" changed to "line<U+000A>break""#)
    }

    @Test func usernameChangeQuotesValues() {
        let set = AccountEvent.credentialsRotated(CredentialChange(username: ValueChange(from: nil, to: "x, y")))
        #expect(EventSummary.describe(set) == #"rotated username - -> "x, y""#)
        let dash = AccountEvent.credentialsRotated(CredentialChange(username: ValueChange(from: "-", to: nil)))
        #expect(EventSummary.describe(dash) == #"rotated username "-" -> -"#)
    }

    @Test func settingChangeQuotesValues() {
        let event = AccountEvent.settingsChanged([
            SettingChange(name: "domain", from: "a -> b", to: nil),
            SettingChange(name: "port", from: nil, to: "22"),
        ])
        #expect(EventSummary.describe(event) == #"settings changed: domain "a -> b" -> -, port - -> "22""#)
    }

    @Test func encryptionKeyQuotesAlgorithm() {
        let key = EncryptionKey(algorithm: "RSA) 000000000000", fingerprint: String(repeating: "ab", count: 32))
        #expect(EventSummary.describe(.encryptionKeySet(key, previous: nil))
            == #"encryption key set ("RSA) 000000000000") abababababab"#)
    }
}
