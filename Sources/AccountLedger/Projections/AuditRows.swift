/// The audit kinds that `ledger audit --kind` filters on.
public enum AuditKind: String, CaseIterable, Sendable {
    /// A rotated or replaced secret, username or token expiry.
    case credentials
    /// An OAuth reconnect: a new grant.
    case oauth
    /// A file-encryption public key set, replaced or removed.
    case encryptionKey = "encryption-key"
    /// Connect with its description and settings, rename, description and
    /// setting changes, delete with the dataflows a forced delete left.
    case lifecycle
    /// A dataflow activated or deactivated over the account.
    case dataflow
}

/// One row of the `credential_changes` audit index, before its envelope
/// columns are filled in.
struct AuditRow: Equatable {
    var kind: AuditKind
    /// What happened, in a word: connected, renamed, rotated, reconnected, ...
    var change: String
    var field: String?
    /// Old value: a fingerprint for secrets, clear text otherwise.
    var oldValue: String?
    var newValue: String?
}

/// Derives audit rows from events: one row per changed field, so a query
/// for one credential or one fingerprint is a plain indexed lookup.
enum AuditRows {
    static func rows(for event: AccountEvent, before: AccountState?, after: AccountState) -> [AuditRow] {
        switch event {
        case .connected(let connected):
            var rows = [AuditRow(kind: .lifecycle, change: "connected", field: nil, oldValue: nil, newValue: connected.name)]
            let kind: AuditKind = connected.connectionType.isOAuth ? .oauth : .credentials
            if let username = connected.username {
                rows.append(AuditRow(kind: kind, change: "set", field: "username", oldValue: nil, newValue: username))
            }
            for field in connected.credentials.keys.sorted() {
                rows.append(AuditRow(kind: kind, change: "set", field: field, oldValue: nil, newValue: connected.credentials[field]!.hex))
            }
            if let expiresAt = connected.expiresAt {
                rows.append(AuditRow(kind: kind, change: "set", field: "expiresAt", oldValue: nil, newValue: Timestamp.format(expiresAt)))
            }
            // After the rows above, so that the rows a ledger held before
            // schema version 6 keep their (position, sequence) keys.
            if !connected.description.isEmpty {
                rows.append(AuditRow(
                    kind: .lifecycle, change: "description-set", field: "description", oldValue: nil,
                    newValue: connected.description))
            }
            for name in connected.settings.keys.sorted() {
                rows.append(AuditRow(kind: .lifecycle, change: "setting-set", field: name, oldValue: nil, newValue: connected.settings[name]))
            }
            // Last, for the same reason, and so that a reconnect's old
            // authorization date appears in an earlier row.
            if let authorizedAt = connected.authorizedAt {
                rows.append(AuditRow(
                    kind: kind, change: "set", field: "authorizedAt", oldValue: nil, newValue: Timestamp.format(authorizedAt)))
            }
            return rows
        case .renamed(let from, let to):
            return [AuditRow(kind: .lifecycle, change: "renamed", field: "name", oldValue: from, newValue: to)]
        case .descriptionChanged(let from, let to):
            return [AuditRow(kind: .lifecycle, change: "description-changed", field: "description", oldValue: from, newValue: to)]
        case .credentialsRotated(let change):
            return credentialRows(change, kind: .credentials, word: "rotated")
        case .reconnected(let change):
            return credentialRows(change, kind: .oauth, word: "reconnected")
        case .settingsChanged(let changes):
            return changes.sorted { $0.name < $1.name }.map {
                AuditRow(kind: .lifecycle, change: "setting-changed", field: $0.name, oldValue: $0.from, newValue: $0.to)
            }
        case .encryptionKeySet(let key, let previous):
            return [AuditRow(
                kind: .encryptionKey, change: previous == nil ? "key-set" : "key-replaced",
                field: "publicKey", oldValue: previous, newValue: key.fingerprint)]
        case .encryptionKeyRemoved(let previous):
            return [AuditRow(kind: .encryptionKey, change: "key-removed", field: "publicKey", oldValue: previous, newValue: nil)]
        case .dataflowActivated(let dataflowID):
            return [AuditRow(kind: .dataflow, change: "activated", field: "dataflow", oldValue: nil, newValue: dataflowID)]
        case .dataflowDeactivated(let dataflowID):
            return [AuditRow(kind: .dataflow, change: "deactivated", field: "dataflow", oldValue: dataflowID, newValue: nil)]
        case .deleted(let forced, let activeDataflows):
            let change = forced ? "force-deleted" : "deleted"
            // Each dataflow the delete left stays active, so it is the new value.
            return [AuditRow(kind: .lifecycle, change: change, field: nil, oldValue: before?.name, newValue: nil)]
                + activeDataflows.map { AuditRow(kind: .lifecycle, change: change, field: "dataflow", oldValue: nil, newValue: $0) }
        }
    }

    private static func credentialRows(_ change: CredentialChange, kind: AuditKind, word: String) -> [AuditRow] {
        var rows: [AuditRow] = []
        if let username = change.username {
            rows.append(AuditRow(kind: kind, change: word, field: "username", oldValue: username.from, newValue: username.to))
        }
        for field in change.secrets.keys.sorted() {
            let fingerprints = change.secrets[field]!
            rows.append(AuditRow(kind: kind, change: word, field: field, oldValue: fingerprints.from?.hex, newValue: fingerprints.to?.hex))
        }
        if let expiresAt = change.expiresAt {
            rows.append(AuditRow(
                kind: kind, change: word, field: "expiresAt",
                oldValue: expiresAt.from.map(Timestamp.format), newValue: expiresAt.to.map(Timestamp.format)))
        }
        if let authorizedAt = change.authorizedAt {
            rows.append(AuditRow(
                kind: kind, change: word, field: "authorizedAt",
                oldValue: authorizedAt.from.map(Timestamp.format), newValue: authorizedAt.to.map(Timestamp.format)))
        }
        if rows.isEmpty {
            rows.append(AuditRow(kind: kind, change: word, field: nil, oldValue: nil, newValue: nil))
        }
        return rows
    }
}
