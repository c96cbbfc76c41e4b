import AccountLedger

/// An account as the reference model folds it: every field the accounts
/// view, `show` and the audit trail expose, written out plainly.
struct ReferenceAccount: Equatable {
    var id: String
    var name = ""
    var description = ""
    var destination = ""
    var connectionType = ""
    var username: String?
    var settings: [String: String] = [:]
    /// Fingerprint hex by credential field.
    var credentials: [String: String] = [:]
    var authorizedAt: Int64?
    var expiresAt: Int64?
    var encryptionKey: String?
    var dataflows: Set<String> = []
    var isDeleted = false
    var version = 0
    var updatedAt: Int64 = 0
    var credentialsChangedAt: Int64 = 0

    func status(at moment: Int64) -> String {
        if isDeleted {
            return "deleted"
        }
        if let expiresAt, expiresAt <= moment {
            return "expired"
        }
        return "active"
    }

    /// Applies one event; the reference trusts the log's order.
    mutating func apply(_ event: ReferenceEvent) {
        let payload = event.payload
        switch event.type {
        case "AccountConnected":
            name = payload["name"]?.stringValue ?? ""
            description = payload["description"]?.stringValue ?? ""
            destination = payload["destination"]?.stringValue ?? ""
            connectionType = payload["connectionType"]?.stringValue ?? ""
            username = payload["username"]?.stringValue
            for (field, value) in payload["settings"]?.objectValue ?? [:] {
                settings[field] = value.stringValue
            }
            for (field, value) in payload["credentials"]?.objectValue ?? [:] {
                credentials[field] = value["fingerprint"]?.stringValue
            }
            authorizedAt = payload["authorizedAt"]?.integerValue
            expiresAt = payload["expiresAt"]?.integerValue
            credentialsChangedAt = event.occurredAt
        case "AccountRenamed":
            name = payload["to"]?.stringValue ?? name
        case "AccountDescriptionChanged":
            description = payload["to"]?.stringValue ?? description
        case "CredentialsRotated", "AccountReconnected":
            var secretChanged = false
            for change in ReferenceCredentialChange.list(event) {
                switch change.field {
                case "username": username = change.to?.stringValue
                case "expiresAt": expiresAt = change.to?.integerValue
                case "authorizedAt": authorizedAt = change.to?.integerValue
                default:
                    credentials[change.field] = change.to?["fingerprint"]?.stringValue
                    secretChanged = true
                }
            }
            if secretChanged {
                credentialsChangedAt = event.occurredAt
            }
        case "SettingsChanged":
            for change in payload["changes"]?.arrayValue ?? [] {
                if let field = change["name"]?.stringValue {
                    settings[field] = change["to"]?.stringValue
                }
            }
        case "EncryptionKeySet":
            encryptionKey = payload["fingerprint"]?.stringValue
        case "EncryptionKeyRemoved":
            encryptionKey = nil
        case "DataflowActivated":
            dataflows.insert(payload["dataflowId"]?.stringValue ?? "")
        case "DataflowDeactivated":
            dataflows.remove(payload["dataflowId"]?.stringValue ?? "")
        case "AccountDeleted":
            isDeleted = true
        default:
            break
        }
        version = event.version
        updatedAt = event.occurredAt
    }
}

/// One changed credential field of a `CredentialsRotated` or
/// `AccountReconnected` payload, in whichever payload shape it was stored.
struct ReferenceCredentialChange {
    var field: String
    var isSecret: Bool
    var from: JSONValue?
    var to: JSONValue?

    /// Returns the changes in the order the audit trail lists them: username, then
    /// secrets by field name, then expiresAt, then authorizedAt.
    static func list(_ event: ReferenceEvent) -> [ReferenceCredentialChange] {
        var secrets: [ReferenceCredentialChange] = []
        var others: [String: ReferenceCredentialChange] = [:]
        if let entries = event.payload["changes"]?.arrayValue {
            for entry in entries {
                let field = entry["field"]?.stringValue ?? ""
                let change = ReferenceCredentialChange(
                    field: field, isSecret: entry["kind"]?.stringValue == "secret", from: entry["from"], to: entry["to"])
                if change.isSecret {
                    secrets.append(change)
                } else {
                    others[field] = change
                }
            }
        } else {
            for (field, value) in event.payload["secrets"]?.objectValue ?? [:] {
                secrets.append(ReferenceCredentialChange(field: field, isSecret: true, from: value["from"], to: value["to"]))
            }
            for field in ["username", "expiresAt", "authorizedAt"] {
                if let value = event.payload[field], value.objectValue != nil {
                    others[field] = ReferenceCredentialChange(field: field, isSecret: false, from: value["from"], to: value["to"])
                }
            }
        }
        var ordered: [ReferenceCredentialChange] = []
        if let username = others["username"] {
            ordered.append(username)
        }
        ordered += secrets.sorted { $0.field < $1.field }
        for field in ["expiresAt", "authorizedAt"] {
            if let change = others[field] {
                ordered.append(change)
            }
        }
        return ordered
    }
}
