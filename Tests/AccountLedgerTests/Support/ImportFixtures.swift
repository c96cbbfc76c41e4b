import AccountLedger
import Foundation

/// Snapshot fixtures under `Fixtures/flow-service/` and helpers to import them.
enum ImportFixtures {
    static var folder: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/flow-service")
    }

    /// Returns a fixture file as a snapshot named by its path under `flow-service/`.
    static func file(_ relativePath: String) throws -> SnapshotFile {
        let data = try Data(contentsOf: folder.appendingPathComponent(relativePath))
        return SnapshotFile(name: relativePath, bytes: Array(data))
    }

    static func path(_ relativePath: String) -> String {
        folder.appendingPathComponent(relativePath).path
    }
}

/// Returns a snapshot made from text, for small inline inputs.
func snapshot(_ text: String, name: String = "snapshot.json") -> SnapshotFile {
    SnapshotFile(name: name, bytes: Array(text.utf8))
}

/// Returns import options with `importer` as the default actor.
func importOptions(complete: Bool = false, actor: String = "importer") -> SnapshotImportOptions {
    SnapshotImportOptions(isComplete: complete, actor: actor)
}

extension Ledger {
    /// Imports one snapshot with default options.
    @discardableResult
    func importSnapshot(_ file: SnapshotFile, complete: Bool = false) throws -> SnapshotImportResult {
        try importSnapshots([file], options: importOptions(complete: complete))
    }
}

/// Decodes the payload of a recorded event.
func decodedEvent(_ event: RecordedEvent) throws -> AccountEvent {
    try EventCodec.decode(
        type: event.type,
        schemaVersion: event.schemaVersion,
        payload: JSONParser.parse(event.payloadText),
        position: event.position
    ).event
}

/// Connection spec ids of catalog destinations, for inline snapshots.
enum SpecID {
    static let amazonS3 = "4fce964d-3f37-408f-9778-e597338a21ee"
    static let sftp = "36965a81-b1c6-401b-99f8-22508f1e6a26"
    static let airship = "34cd3131-b208-474b-b779-b487b5a2bd01"
    static let genericREST = "4e98f16f-87d6-4ef0-bdc6-7a2b0fe76e62"
}

/// Returns an Amazon S3 base connection as a JSON object; `changes` replaces or
/// adds top-level members and `removing` drops some.
func s3Connection(
    id: String = "acct-1",
    secretKey: String = "secret-1",
    updatedAt: String = "2026-01-01T00:00:00Z",
    etag: String? = nil,
    _ changes: [String: JSONValue] = [:],
    removing: [String] = []
) -> JSONValue {
    var members: [String: JSONValue] = [
        "id": .string(id),
        "name": "Exports",
        "connectionSpec": ["id": .string(SpecID.amazonS3), "version": "1.0"],
        "auth": [
            "specName": "Access Key",
            "params": ["s3AccessKey": "AKIAEXAMPLE0001", "s3SecretKey": .string(secretKey)],
        ],
        "updatedAt": .integer(time(updatedAt)),
    ]
    if let etag {
        members["etag"] = .string(etag)
    }
    members.merge(changes) { _, new in new }
    for key in removing {
        members[key] = nil
    }
    return .object(JSONObject(members) { $0 })
}

/// Returns a list snapshot `{"items": [...]}` of `records`.
func listSnapshot(_ records: [JSONValue], name: String = "snapshot.json") -> SnapshotFile {
    snapshot(JSONWriter.pretty(["items": .array(records)]), name: name)
}

/// Returns an ASCII-armored PGP public key block around `body`, the shape
/// the importer accepts as `encryption.params.publicKey`.
func publicKeyBlock(_ body: String) -> String {
    "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\(body)\n-----END PGP PUBLIC KEY BLOCK-----"
}
