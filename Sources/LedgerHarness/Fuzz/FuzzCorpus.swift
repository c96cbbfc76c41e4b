import AccountLedger

/// Valid inputs that the fuzzer mutates: snapshot records of several
/// connection types, and command lines of every kind of command.
///
/// Every secret value starts with `secretMarker`, so a check can prove
/// that no error message ever echoes a secret.
public enum FuzzCorpus {
    /// The prefix of every secret in the corpus.
    public static let secretMarker = "SECRET-"

    /// Returns a connection record; `revision` changes its name, etag and
    /// time, and `generation` its id, so deleted accounts do not stop later cases.
    public static func record(_ kind: Int, revision: Int, generation: Int = 0) -> JSONValue {
        let updatedAt = JSONValue.integer(1_767_225_600_000 + Int64(revision) * 60_000)
        var record: JSONObject = [
            "createdAt": 1_767_225_600_000,
            "updatedAt": updatedAt,
            "createdBy": "fuzz@example.com",
            "updatedBy": .string("fuzz-\(revision)@example.com"),
            "state": "enabled",
            "etag": .string("\"\(kind)-\(revision)\""),
        ]
        switch kind % 4 {
        case 0:
            record["id"] = "fuzz-s3"
            record["name"] = .string("S3 exports \(revision)")
            record["connectionSpec"] = ["id": "4fce964d-3f37-408f-9778-e597338a21ee", "version": "1.0"]
            record["auth"] = ["specName": "Access Key", "params": [
                "s3AccessKey": .string("AKIAFUZZ000\(revision)"), "s3SecretKey": .string("\(secretMarker)s3-\(revision)"),
                "authorizedDate": "2026-01-01",
            ]]
            // The key is armored because the importer rejects text not shaped like a public key.
            record["encryption"] = ["specName": "File Encryption", "params": [
                "encryptionAlgo": "PGP/GPG",
                "publicKey": .string("-----BEGIN PGP PUBLIC KEY BLOCK-----\npublic-key-\(revision / 2)\n-----END PGP PUBLIC KEY BLOCK-----"),
            ]]
        case 1:
            record["id"] = "fuzz-sftp"
            record["name"] = .string("Partner drop \(revision)")
            record["description"] = "Nightly files"
            record["connectionSpec"] = ["id": "36965a81-b1c6-401b-99f8-22508f1e6a26", "version": "1.0"]
            record["auth"] = ["specName": "SFTP with Password", "params": [
                "domain": "sftp.example.com", "port": 22, "username": .string("drop-\(revision % 3)"),
                "password": .string("\(secretMarker)password-\(revision)"),
            ]]
        case 2:
            record["id"] = "fuzz-airship"
            record["name"] = .string("Airship \(revision)")
            record["connectionSpec"] = ["id": "34cd3131-b208-474b-b779-b487b5a2bd01", "version": "1.0"]
            record["auth"] = ["specName": "Bearer Token", "params": [
                "authorizedDate": "2025-12-31", "token": .string("\(secretMarker)token-\(revision)"),
            ]]
        default:
            record["id"] = "fuzz-salesforce"
            record["name"] = .string("Salesforce \(revision)")
            record["connectionSpec"] = ["id": "cfc0fee1-7dc0-40ef-b73e-d8b134c436f5", "version": "1.0"]
            record["auth"] = ["specName": "Basic Authentication", "params": [
                "username": "sales@example.com", "password": .string("\(secretMarker)sales-\(revision)"),
                "securityToken": .string("\(secretMarker)sf-token-\(revision)"), "environmentUrl": "login.salesforce.com",
            ]]
        }
        if generation > 0, let id = record["id"]?.stringValue {
            record["id"] = .string("\(id)-\(generation)")
        }
        return .object(record)
    }

    /// Returns a snapshot with one record of each kind, in the `items` form or,
    /// for a single record, as the bare object.
    public static func snapshot(revision: Int, kinds: [Int] = [0, 1, 2, 3], generation: Int = 0) -> JSONValue {
        let records = kinds.map { record($0, revision: revision, generation: generation) }
        if records.count == 1 {
            return records[0]
        }
        return ["items": .array(records)]
    }

    /// Command lines, most of which succeed on a ledger prepared by `FuzzRunner`; the
    /// placeholder `DB` stands for the database path.
    public static let commandLines: [[String]] = [
        ["edit", "fuzz-s3", "--db", "DB", "--name", "Edited", "--reason", "fuzz"],
        ["edit", "fuzz-sftp", "--db", "DB", "--description", "Changed", "--expect-version", "1"],
        ["edit", "fuzz-airship", "--db", "DB", "--secret", "token=stdin", "--occurred-at", "2026-06-01T00:00:00Z"],
        ["connect", "--db", "DB", "--id", "new-account", "--destination", "amazon-s3", "--name", "New",
         "--secret", "accessKeyId=stdin", "--secret", "secretKey=stdin"],
        ["reconnect", "fuzz-salesforce", "--db", "DB", "--secret", "password=stdin"],
        ["activate", "fuzz-s3", "--db", "DB", "--dataflow", "df-1"],
        ["delete", "fuzz-airship", "--db", "DB", "--force"],
        ["show", "fuzz-s3", "--db", "DB", "--as-of", "2026-06-01", "--json"],
        ["history", "fuzz-sftp", "--db", "DB", "--at-position", "3"],
        ["accounts", "--db", "DB", "--destination", "amazon-s3", "--csv"],
        ["accounts", "--db", "DB", "--as-known-at", "2030-01-01T00:00:00+02:00"],
        ["verify", "--db", "DB"],
        ["digest", "--db", "DB"],
    ]
}
