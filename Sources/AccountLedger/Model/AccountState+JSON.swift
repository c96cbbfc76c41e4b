/// The JSON form of `AccountState` kept in the `accounts` projection, so a
/// write can load an account's state with one row read instead of a replay.
extension AccountState {
    var json: JSONValue {
        var members: JSONObject = [
            "id": .string(id),
            "name": .string(name),
            "description": .string(description),
            "destination": .string(destination),
            "connectionType": .string(connectionType.rawValue),
            "settings": .object(JSONObject(settings) { .string($0) }),
            "credentials": .object(JSONObject(credentials) { $0.json }),
            "dataflows": .array(dataflows.sorted().map { .string($0) }),
            "isDeleted": .bool(isDeleted),
            "version": .integer(Int64(version)),
            "lastPosition": .integer(lastPosition),
            "createdAt": .integer(createdAt),
            "updatedAt": .integer(updatedAt),
            "credentialsChangedAt": .integer(credentialsChangedAt),
        ]
        members["username"] = username.map { .string($0) }
        members["authorizedAt"] = authorizedAt.map { .integer($0) }
        members["expiresAt"] = expiresAt.map { .integer($0) }
        members["deletedAt"] = deletedAt.map { .integer($0) }
        members["sourceEtag"] = sourceEtag.map { .string($0) }
        if let encryptionKey {
            members["encryptionKey"] = .object([
                "algorithm": .string(encryptionKey.algorithm),
                "fingerprint": .string(encryptionKey.fingerprint),
            ])
        }
        return .object(members)
    }

    /// A stored state member that is missing or has the wrong type.
    struct InvalidMember: Error, CustomStringConvertible {
        let name: String
        var description: String { "the member \(name) is missing or invalid" }
    }

    /// Decodes a state that `json` wrote.
    ///
    /// - Throws: `InvalidMember` for a member a state cannot do without.
    ///   `StoredState` adds the account and projection to the message.
    init(json: JSONValue) throws {
        func fail(_ field: String) -> InvalidMember {
            InvalidMember(name: field)
        }
        guard let id = json["id"]?.stringValue else { throw fail("id") }
        guard let typeName = json["connectionType"]?.stringValue,
            let connectionType = ConnectionType(rawValue: typeName)
        else { throw fail("connectionType") }
        var credentials: [String: CredentialFingerprint] = [:]
        for (field, value) in json["credentials"]?.objectValue ?? [:] {
            guard let fingerprint = CredentialFingerprint(json: value) else { throw fail("credentials.\(field)") }
            credentials[field] = fingerprint
        }
        var encryptionKey: EncryptionKey?
        if let key = json["encryptionKey"], let algorithm = key["algorithm"]?.stringValue,
            let fingerprint = key["fingerprint"]?.stringValue
        {
            encryptionKey = EncryptionKey(algorithm: algorithm, fingerprint: fingerprint)
        }
        self.init(
            id: id,
            name: json["name"]?.stringValue ?? "",
            description: json["description"]?.stringValue ?? "",
            destination: json["destination"]?.stringValue ?? "",
            connectionType: connectionType,
            username: json["username"]?.stringValue,
            settings: (json["settings"]?.objectValue ?? [:]).compactMapValues(\.stringValue),
            credentials: credentials,
            authorizedAt: json["authorizedAt"]?.integerValue,
            expiresAt: json["expiresAt"]?.integerValue,
            encryptionKey: encryptionKey,
            dataflows: Set((json["dataflows"]?.arrayValue ?? []).compactMap(\.stringValue)),
            isDeleted: json["isDeleted"]?.boolValue ?? false,
            deletedAt: json["deletedAt"]?.integerValue,
            version: Int(json["version"]?.integerValue ?? 0),
            lastPosition: json["lastPosition"]?.integerValue ?? 0,
            createdAt: json["createdAt"]?.integerValue ?? 0,
            updatedAt: json["updatedAt"]?.integerValue ?? 0,
            credentialsChangedAt: json["credentialsChangedAt"]?.integerValue ?? 0,
            sourceEtag: json["sourceEtag"]?.stringValue)
    }
}
