/// Rewrites payloads of older schema versions into the shape the current
/// version has, one version step at a time, before they are decoded.
///
/// Stored events are never changed: upcasting happens on every read, so an
/// old log keeps its hashes and still reads as current events.
enum EventUpcaster {
    /// Returns `payload`, written at `schemaVersion`, in the shape of the
    /// type's current schema version.
    static func upcast(_ payload: JSONValue, type: EventType, from schemaVersion: Int, position: Int64) throws -> JSONValue {
        var payload = payload
        var version = schemaVersion
        while version < type.currentSchemaVersion {
            payload = try step(payload, type: type, from: version, position: position)
            version += 1
        }
        return payload
    }

    private static func step(_ payload: JSONValue, type: EventType, from version: Int, position: Int64) throws -> JSONValue {
        switch (type, version) {
        case (.credentialsRotated, 1):
            return try credentialsRotatedVersion2(from: payload, position: position)
        default:
            // A version below current without a step is a bug in this build.
            preconditionFailure("no upcaster for \(type.rawValue) schema version \(version)")
        }
    }

    /// Version 1 kept changed secrets in `secrets` (by field name) and the
    /// username, expiry and authorization date in members of their own.
    /// Version 2 lists all of them in `changes`, sorted by field name.
    private static func credentialsRotatedVersion2(from payload: JSONValue, position: Int64) throws -> JSONValue {
        let reader = PayloadReader(payload: payload, type: "CredentialsRotated v1", position: position)
        var changes: [(String, JSONValue)] = []
        func change(_ field: String, kind: String, _ value: JSONValue) {
            changes.append((field, .object([
                "field": .string(field),
                "kind": .string(kind),
                "from": value["from"] ?? .null,
                "to": value["to"] ?? .null,
            ])))
        }
        for (field, value) in try reader.object("secrets") {
            change(field, kind: "secret", value)
        }
        if let username = payload["username"], username.objectValue != nil {
            change("username", kind: "identity", username)
        }
        for field in ["expiresAt", "authorizedAt"] {
            if let time = payload[field], time.objectValue != nil {
                change(field, kind: "time", time)
            }
        }
        var members: JSONObject = ["changes": .array(changes.sorted { $0.0 < $1.0 }.map(\.1))]
        members["sourceEtag"] = payload["sourceEtag"]
        return .object(members)
    }
}
