@testable import AccountLedger
import Testing

/// The accounts projection stores `canonicalJSONText`, written directly for
/// speed; it must stay byte-identical to the canonical form of `json`.
@Suite struct AccountStateJSONTests {
    static func state(
        username: String? = nil,
        credentials: [String: CredentialFingerprint] = [:],
        settings: [String: String] = [:],
        dataflows: Set<String> = [],
        encryptionKey: EncryptionKey? = nil,
        optionalTimes: Int64? = nil,
        sourceEtag: String? = nil
    ) -> AccountState {
        AccountState(
            id: "acct-1", name: "Exports \"prod\"\n", description: "Zürich – 東京 \\ tab\t",
            destination: "amazon-s3", connectionType: .accessKey, username: username,
            settings: settings, credentials: credentials, authorizedAt: optionalTimes, expiresAt: optionalTimes,
            encryptionKey: encryptionKey, dataflows: dataflows, isDeleted: optionalTimes != nil,
            deletedAt: optionalTimes, version: 7, lastPosition: 42, createdAt: -5, updatedAt: 1_700_000_000_000,
            credentialsChangedAt: 3, sourceEtag: sourceEtag)
    }

    @Test func minimalStateMatchesCanonicalJSON() {
        let state = Self.state()
        #expect(state.canonicalJSONText == JSONWriter.canonical(state.json))
    }

    @Test func fullStateMatchesCanonicalJSON() {
        let state = Self.state(
            username: "partner01",
            credentials: [
                "secretKey": CredentialFingerprint(hex: "ab12"),
                "accessKeyId": CredentialFingerprint(hex: "cd34", hint: "…0001"),
                "Zeta": CredentialFingerprint(hex: "ef56"),
            ],
            settings: ["port": "22", "bucketName": "b\"q", "B": "upper first"],
            dataflows: ["df-2", "df-10", "df-1"],
            encryptionKey: EncryptionKey(algorithm: "PGP/GPG", fingerprint: "99aa"),
            optionalTimes: 1_234,
            sourceEtag: "\"etag-1\"")
        #expect(state.canonicalJSONText == JSONWriter.canonical(state.json))
    }

    @Test func canonicalTextParsesBackToSameState() throws {
        let state = Self.state(username: "u", credentials: ["password": CredentialFingerprint(hex: "01")], optionalTimes: 9)
        #expect(try AccountState(json: JSONParser.parse(state.canonicalJSONText)) == state)
    }
}
