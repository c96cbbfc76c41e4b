import AccountLedger

/// Writes Flow Service connection lists (the `items` form) for crash and
/// fuzz runs: S3 access-key and SFTP password connections with predictable
/// ids, names, secrets and etags.
public enum SnapshotGenerator {
    /// Returns a connection list of `count` connections with ids
    /// `prefix-0`...; `revision` goes into every name, etag and time, so a
    /// higher revision renames each connection once.
    public static func connectionList(count: Int, revision: Int, prefix: String = "imp") -> String {
        let items = (0..<count).map { record(index: $0, revision: revision, prefix: prefix) }
        return JSONWriter.pretty(["items": .array(items)])
    }

    /// Returns one connection record.
    public static func record(index: Int, revision: Int, prefix: String = "imp") -> JSONValue {
        // 2026-01-01T00:00:00Z plus one minute per revision keeps each
        // account's changes in time order.
        let updatedAt = Int64(1_767_225_600_000) + Int64(revision) * 60_000
        let isSFTP = index % 3 == 2
        let auth: JSONValue = isSFTP
            ? ["specName": "SFTP with Password", "params": [
                "domain": .string("sftp\(index).example"), "port": 22, "username": .string("user-\(index)"),
                "password": .string("password-\(index)"),
            ]]
            : ["specName": "Access Key", "params": [
                "s3AccessKey": .string("AKIAHARNESS\(index)"), "s3SecretKey": .string("secret-\(index)"),
                "bucketName": .string("bucket-\(index)"),
            ]]
        return [
            "id": .string("\(prefix)-\(index)"),
            "createdAt": .integer(1_767_225_600_000),
            "updatedAt": .integer(updatedAt),
            "createdBy": "harness@example.com",
            "updatedBy": "harness@example.com",
            "name": .string("Connection \(index) revision \(revision)"),
            "connectionSpec": [
                "id": .string(isSFTP ? "36965a81-b1c6-401b-99f8-22508f1e6a26" : "4fce964d-3f37-408f-9778-e597338a21ee"),
                "version": "1.0",
            ],
            "state": "enabled",
            "auth": auth,
            "etag": .string("\"\(index)-\(revision)\""),
        ]
    }
}
