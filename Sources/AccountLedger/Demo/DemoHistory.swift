/// About four months of believable account changes across several
/// destinations, with occurred times from 2026-01-05 to 2026-05-02, used by
/// `ledger demo` to show the ledger working on a fresh file.
///
/// Secret values are random on every run and never leave this process, so
/// the demo shows only their fingerprints, as a real ledger does.
public enum DemoHistory {
    /// The account ids the demo creates, so callers can show one of them.
    public static let marketingExportsID = "acct-s3-marketing"

    /// Appends the demo history to an empty ledger.
    public static func record(into ledger: Ledger) throws {
        func secret() -> Secret {
            Secret(Hex.encode(Digest.randomBytes(20)))
        }
        func at(_ text: String) -> Int64 {
            Timestamp.parse(text)!
        }
        func save(_ command: AccountCommand, _ id: String, _ actor: String, _ time: String, reason: String? = nil) throws {
            try ledger.save(command, accountID: id, context: SaveContext(actor: actor, reason: reason, occurredAt: at(time)))
        }

        try save(.connect(ConnectRequest(
            name: "Marketing exports", description: "Nightly audience files for the marketing team",
            destination: "amazon-s3", settings: ["bucketName": "acme-marketing-exports"],
            secrets: ["accessKeyId": Secret("AKIADEMO" + Hex.encode(Digest.randomBytes(6)).uppercased()), "secretKey": secret()])),
            marketingExportsID, "alice@example.com", "2026-01-05T09:12:00Z", reason: "new export pipeline")
        try save(.setEncryptionKey(publicKey: "-----BEGIN PGP PUBLIC KEY BLOCK-----\ndemo-key-2026\n-----END PGP PUBLIC KEY BLOCK-----", algorithm: "PGP/GPG"),
            marketingExportsID, "alice@example.com", "2026-01-06T10:00:00Z", reason: "files must be encrypted at rest")
        try save(.connect(ConnectRequest(
            name: "Azure archive", destination: "azure-blob", secrets: ["connectionString": secret()])),
            "acct-azure-archive", "bob@example.com", "2026-01-10T14:30:00Z")
        try save(.connect(ConnectRequest(
            name: "Ads EU", destination: "google-ads", secrets: ["accessToken": secret(), "refreshToken": secret()],
            expiresAt: at("2026-03-01T00:00:00Z"))),
            "acct-ads-eu", "carol@example.com", "2026-01-12T08:00:00Z")
        try save(.connect(ConnectRequest(
            name: "Ads US", destination: "google-ads", secrets: ["accessToken": secret()],
            expiresAt: at("2026-02-15T00:00:00Z"))),
            "acct-ads-us", "carol@example.com", "2026-01-20T16:45:00Z")
        try save(.activateDataflow("df-loyalty-weekly"), marketingExportsID, "alice@example.com", "2026-01-15T12:00:00Z")
        try save(.activateDataflow("df-ads-eu-lookalike"), "acct-ads-eu", "carol@example.com", "2026-01-16T12:00:00Z")
        // One save that renames and rotates: two events, one correlation id.
        try save(.edit(EditRequest(name: "Marketing exports (prod)", secrets: ["secretKey": secret()])),
            marketingExportsID, "alice@example.com", "2026-02-01T11:20:00Z", reason: "split prod and staging")
        try save(.edit(EditRequest(secrets: ["connectionString": secret()])),
            "acct-azure-archive", "bob@example.com", "2026-02-20T09:00:00Z", reason: "quarterly rotation")
        try save(.reconnect(ReconnectRequest(secrets: ["accessToken": secret(), "refreshToken": secret()],
            expiresAt: at("2027-03-03T00:00:00Z"))),
            "acct-ads-us", "carol@example.com", "2026-03-03T13:05:00Z", reason: "grant expired on Feb 15")
        try save(.connect(ConnectRequest(
            name: "Partner drop", description: "Daily file drop for the agency", destination: "sftp",
            username: "partner01", settings: ["domain": "sftp.partner.example", "port": "22"],
            secrets: ["password": secret()])),
            "acct-sftp-partner", "dave@example.com", "2026-03-10T10:10:00Z")
        try save(.connect(ConnectRequest(
            name: "Airship attributes", destination: "airship-attributes", secrets: ["token": secret()],
            expiresAt: at("2026-06-01T00:00:00Z"))),
            "acct-airship", "erin@example.com", "2026-04-01T15:00:00Z")
        try save(.delete(force: false), "acct-azure-archive", "bob@example.com", "2026-04-15T17:30:00Z",
            reason: "archive moved to S3")
        try save(.edit(EditRequest(secrets: ["accessKeyId": Secret("AKIADEMO" + Hex.encode(Digest.randomBytes(6)).uppercased()), "secretKey": secret()])),
            marketingExportsID, "alice@example.com", "2026-05-02T08:00:00Z", reason: "key rotation policy: 90 days")
    }
}
