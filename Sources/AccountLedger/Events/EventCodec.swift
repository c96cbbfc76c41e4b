/// Converts events to and from their JSON payloads.
///
/// Decoding accepts every schema version this build knows and upgrades older
/// payloads to the current shape, so old logs stay readable.
public enum EventCodec {
    /// Returns the payload of `event`, adding the import source's etag when given.
    public static func encode(_ event: AccountEvent, sourceEtag: String? = nil) -> JSONValue {
        var members = payloadMembers(event)
        if let sourceEtag {
            members["sourceEtag"] = .string(sourceEtag)
        }
        return .object(members)
    }

    private static func payloadMembers(_ event: AccountEvent) -> JSONObject {
        switch event {
        case .connected(let connected):
            var members: JSONObject = [
                "name": .string(connected.name),
                "description": .string(connected.description),
                "destination": .string(connected.destination),
                "connectionType": .string(connected.connectionType.rawValue),
                "settings": .object(JSONObject(connected.settings) { .string($0) }),
                "credentials": .object(JSONObject(connected.credentials) { $0.json }),
            ]
            members["username"] = connected.username.map { .string($0) }
            members["authorizedAt"] = connected.authorizedAt.map { .integer($0) }
            members["expiresAt"] = connected.expiresAt.map { .integer($0) }
            return members
        case .renamed(let from, let to), .descriptionChanged(let from, let to):
            return ["from": .string(from), "to": .string(to)]
        case .credentialsRotated(let change):
            return ["changes": .array(credentialChangeList(change))]
        case .reconnected(let change):
            return credentialChangeMembers(change)
        case .settingsChanged(let changes):
            let sorted = changes.sorted { $0.name < $1.name }
            return [
                "changes": .array(sorted.map { change in
                    .object([
                        "name": .string(change.name),
                        "from": optionalString(change.from),
                        "to": optionalString(change.to),
                    ])
                })
            ]
        case .encryptionKeySet(let key, let previous):
            return [
                "algorithm": .string(key.algorithm),
                "fingerprint": .string(key.fingerprint),
                "previousFingerprint": optionalString(previous),
            ]
        case .encryptionKeyRemoved(let previous):
            return ["previousFingerprint": .string(previous)]
        case .dataflowActivated(let dataflowID), .dataflowDeactivated(let dataflowID):
            return ["dataflowId": .string(dataflowID)]
        case .deleted(let forced, let activeDataflows):
            return [
                "forced": .bool(forced),
                "activeDataflows": .array(activeDataflows.sorted().map { .string($0) }),
            ]
        }
    }

    private static func optionalString(_ value: String?) -> JSONValue {
        value.map { .string($0) } ?? .null
    }

    private static func optionalInteger(_ value: Int64?) -> JSONValue {
        value.map { .integer($0) } ?? .null
    }

    private static func credentialChangeMembers(_ change: CredentialChange) -> JSONObject {
        var members: JSONObject = [
            "secrets": .object(JSONObject(change.secrets) { field in
                .object([
                    "from": field.from?.json ?? .null,
                    "to": field.to?.json ?? .null,
                ])
            })
        ]
        if let username = change.username {
            members["username"] = .object(["from": optionalString(username.from), "to": optionalString(username.to)])
        }
        if let expiresAt = change.expiresAt {
            members["expiresAt"] = .object(["from": optionalInteger(expiresAt.from), "to": optionalInteger(expiresAt.to)])
        }
        if let authorizedAt = change.authorizedAt {
            members["authorizedAt"] = .object([
                "from": optionalInteger(authorizedAt.from), "to": optionalInteger(authorizedAt.to),
            ])
        }
        return members
    }

    /// The `CredentialsRotated` version 2 form: one entry per changed field,
    /// sorted by field name so the payload text, and so its hash, is stable.
    private static func credentialChangeList(_ change: CredentialChange) -> [JSONValue] {
        var entries: [(String, JSONValue)] = []
        func entry(_ field: String, _ kind: String, _ from: JSONValue, _ to: JSONValue) {
            entries.append((field, .object(["field": .string(field), "kind": .string(kind), "from": from, "to": to])))
        }
        for (field, fingerprints) in change.secrets {
            entry(field, "secret", fingerprints.from?.json ?? .null, fingerprints.to?.json ?? .null)
        }
        if let username = change.username {
            entry("username", "identity", optionalString(username.from), optionalString(username.to))
        }
        if let expiresAt = change.expiresAt {
            entry("expiresAt", "time", optionalInteger(expiresAt.from), optionalInteger(expiresAt.to))
        }
        if let authorizedAt = change.authorizedAt {
            entry("authorizedAt", "time", optionalInteger(authorizedAt.from), optionalInteger(authorizedAt.to))
        }
        return entries.sorted { $0.0 < $1.0 }.map(\.1)
    }

    // MARK: - Decoding

    /// Checks that this build can read events of `typeName` at `schemaVersion`.
    ///
    /// - Throws: `LedgerError.unknownEventType` naming the type (and the
    ///   version, when only the version is unknown) and the position.
    @discardableResult
    public static func checkReadable(type typeName: String, schemaVersion: Int, position: Int64) throws -> EventType {
        guard let type = EventType.named(typeName) else {
            throw LedgerError.unknownEventType(typeName, position: position)
        }
        guard schemaVersion >= 1, schemaVersion <= type.currentSchemaVersion else {
            throw LedgerError.unknownEventType("\(typeName) schema version \(schemaVersion)", position: position)
        }
        return type
    }

    /// Decodes a stored payload.
    ///
    /// - Throws: `LedgerError.unknownEventType` for a type this build does not
    ///   know, and `LedgerError.corruptEvent` for a payload that does not
    ///   match its type.
    public static func decode(type typeName: String, schemaVersion: Int, payload: JSONValue, position: Int64) throws -> (event: AccountEvent, sourceEtag: String?) {
        let type = try checkReadable(type: typeName, schemaVersion: schemaVersion, position: position)
        let current = try EventUpcaster.upcast(payload, type: type, from: schemaVersion, position: position)
        let reader = PayloadReader(payload: current, type: typeName, position: position)
        let event = try decodeCurrent(type, reader)
        return (event, current["sourceEtag"]?.stringValue)
    }

    private static func decodeCurrent(_ type: EventType, _ reader: PayloadReader) throws -> AccountEvent {
        switch type {
        case .accountConnected:
            let typeName = try reader.string("connectionType")
            guard let connectionType = ConnectionType(rawValue: typeName) else {
                throw reader.invalid("connectionType", "unknown connection type \(typeName)")
            }
            var credentials: [String: CredentialFingerprint] = [:]
            for (field, value) in try reader.object("credentials") {
                guard let fingerprint = CredentialFingerprint(json: value) else {
                    throw reader.invalid("credentials.\(field)", "expected a fingerprint object")
                }
                credentials[field] = fingerprint
            }
            var settings: [String: String] = [:]
            for (name, value) in try reader.object("settings") {
                guard let text = value.stringValue else {
                    throw reader.invalid("settings.\(name)", "expected a string")
                }
                settings[name] = text
            }
            return .connected(AccountConnected(
                name: try reader.string("name"),
                description: try reader.string("description"),
                destination: try reader.string("destination"),
                connectionType: connectionType,
                username: try reader.optionalString("username"),
                settings: settings,
                credentials: credentials,
                authorizedAt: try reader.optionalInteger("authorizedAt"),
                expiresAt: try reader.optionalInteger("expiresAt")))
        case .accountRenamed:
            return .renamed(from: try reader.string("from"), to: try reader.string("to"))
        case .accountDescriptionChanged:
            return .descriptionChanged(from: try reader.string("from"), to: try reader.string("to"))
        case .credentialsRotated:
            return .credentialsRotated(try decodeCredentialChangeList(reader))
        case .accountReconnected:
            return .reconnected(try decodeCredentialChange(reader))
        case .settingsChanged:
            guard let changes = reader.payload["changes"]?.arrayValue else {
                throw reader.invalid("changes", "expected an array")
            }
            return .settingsChanged(try changes.map { change in
                guard let name = change["name"]?.stringValue else {
                    throw reader.invalid("changes.name", "expected a string")
                }
                return SettingChange(name: name, from: change["from"]?.stringValue, to: change["to"]?.stringValue)
            })
        case .encryptionKeySet:
            return .encryptionKeySet(
                EncryptionKey(algorithm: try reader.string("algorithm"), fingerprint: try reader.string("fingerprint")),
                previous: try reader.optionalString("previousFingerprint"))
        case .encryptionKeyRemoved:
            return .encryptionKeyRemoved(previous: try reader.string("previousFingerprint"))
        case .dataflowActivated:
            return .dataflowActivated(dataflowID: try reader.string("dataflowId"))
        case .dataflowDeactivated:
            return .dataflowDeactivated(dataflowID: try reader.string("dataflowId"))
        case .accountDeleted:
            guard let forced = reader.payload["forced"]?.boolValue else {
                throw reader.invalid("forced", "expected a boolean")
            }
            let dataflows = reader.payload["activeDataflows"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return .deleted(forced: forced, activeDataflows: dataflows)
        }
    }

    private static func decodeCredentialChangeList(_ reader: PayloadReader) throws -> CredentialChange {
        guard let entries = reader.payload["changes"]?.arrayValue else {
            throw reader.invalid("changes", "expected an array")
        }
        var change = CredentialChange()
        for entry in entries {
            guard let field = entry["field"]?.stringValue, let kind = entry["kind"]?.stringValue else {
                throw reader.invalid("changes", "expected entries with a field and a kind")
            }
            let from = entry["from"]
            let to = entry["to"]
            switch (kind, field) {
            case ("secret", _):
                change.secrets[field] = FingerprintChange(from: CredentialFingerprint(json: from), to: CredentialFingerprint(json: to))
            case ("identity", "username"):
                change.username = ValueChange(from: from?.stringValue, to: to?.stringValue)
            case ("time", "expiresAt"):
                change.expiresAt = TimeChange(from: from?.integerValue, to: to?.integerValue)
            case ("time", "authorizedAt"):
                change.authorizedAt = TimeChange(from: from?.integerValue, to: to?.integerValue)
            default:
                throw reader.invalid("changes.\(field)", "unknown \(kind) field")
            }
        }
        return change
    }

    private static func decodeCredentialChange(_ reader: PayloadReader) throws -> CredentialChange {
        var change = CredentialChange()
        for (field, value) in try reader.object("secrets") {
            change.secrets[field] = FingerprintChange(
                from: CredentialFingerprint(json: value["from"]),
                to: CredentialFingerprint(json: value["to"]))
        }
        if let username = reader.payload["username"], username.objectValue != nil {
            change.username = ValueChange(from: username["from"]?.stringValue, to: username["to"]?.stringValue)
        }
        if let expiresAt = reader.payload["expiresAt"], expiresAt.objectValue != nil {
            change.expiresAt = TimeChange(from: expiresAt["from"]?.integerValue, to: expiresAt["to"]?.integerValue)
        }
        if let authorizedAt = reader.payload["authorizedAt"], authorizedAt.objectValue != nil {
            change.authorizedAt = TimeChange(from: authorizedAt["from"]?.integerValue, to: authorizedAt["to"]?.integerValue)
        }
        return change
    }
}

/// Typed access to payload members, with errors that name the event and field.
struct PayloadReader {
    let payload: JSONValue
    let type: String
    let position: Int64

    func invalid(_ field: String, _ problem: String) -> LedgerError {
        LedgerError.corruptEvent(position: position, detail: "\(type) payload field \(field): \(problem)")
    }

    func string(_ field: String) throws -> String {
        guard let text = payload[field]?.stringValue else { throw invalid(field, "expected a string") }
        return text
    }

    func optionalString(_ field: String) throws -> String? {
        guard let value = payload[field], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw invalid(field, "expected a string or null") }
        return text
    }

    func optionalInteger(_ field: String) throws -> Int64? {
        guard let value = payload[field], !value.isNull else { return nil }
        guard let number = value.integerValue else { throw invalid(field, "expected an integer or null") }
        return number
    }

    func object(_ field: String) throws -> JSONObject {
        guard let members = payload[field]?.objectValue else { throw invalid(field, "expected an object") }
        return members
    }
}
