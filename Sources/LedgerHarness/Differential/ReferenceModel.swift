import AccountLedger

/// A plainly written fold over the recorded events, independent of
/// `AccountFold`, `EventCodec`, `AuditRows` and the SQL projections, that
/// computes what the ledger's reads should return.
struct ReferenceModel {
    let events: [ReferenceEvent]

    /// Returns the accounts as of occurred time `asOf`, using the events up to
    /// `position`; nil means no limit.
    func accounts(asOf: Int64?, upToPosition position: Int64?) -> [String: ReferenceAccount] {
        var accounts: [String: ReferenceAccount] = [:]
        for event in events {
            if let position, event.position > position { continue }
            if let asOf, event.occurredAt > asOf { continue }
            var account = accounts[event.accountID] ?? ReferenceAccount(id: event.accountID)
            account.apply(event)
            accounts[event.accountID] = account
        }
        return accounts
    }

    /// Every token expiry any event set, so checks can ask about the exact
    /// moment a token expires.
    var expiryTimes: [Int64] {
        events.flatMap { event -> [Int64] in
            if let expiresAt = event.payload["expiresAt"]?.integerValue {
                return [expiresAt]
            }
            return ReferenceCredentialChange.list(event).filter { $0.field == "expiresAt" }.compactMap { $0.to?.integerValue }
        }
    }

    /// Returns the last position recorded at or before `recordedTime`, 0 for none.
    func position(knownAt recordedTime: Int64) -> Int64 {
        events.last { $0.recordedAt <= recordedTime }?.position ?? 0
    }

    /// Returns every audit row matching `query`, rendered by `AuditLine`, in
    /// occurred-time order and in log order among rows of the same moment.
    func auditLines(_ query: AuditQuery) -> [String] {
        var accounts: [String: ReferenceAccount] = [:]
        var lines: [(occurredAt: Int64, position: Int64, sequence: Int, text: String)] = []
        for event in events {
            let before = accounts[event.accountID]
            var after = before ?? ReferenceAccount(id: event.accountID)
            after.apply(event)
            accounts[event.accountID] = after
            guard matches(event, after: after, query) else { continue }
            for (sequence, row) in rows(event, before: before, after: after).enumerated() {
                if !query.kinds.isEmpty && !query.kinds.contains(where: { $0.rawValue == row.kind }) { continue }
                lines.append((event.occurredAt, event.position, sequence, AuditLine.render(
                    position: event.position, sequence: sequence, accountID: event.accountID, version: event.version,
                    occurredAt: event.occurredAt, actor: event.actor, kind: row.kind, change: row.change,
                    field: row.field, oldValue: row.old, newValue: row.new, accountName: after.name,
                    destination: after.destination, reason: event.reason, correlationID: event.correlationID)))
            }
        }
        return lines
            .sorted { ($0.occurredAt, $0.position, $0.sequence) < ($1.occurredAt, $1.position, $1.sequence) }
            .map(\.text)
    }

    /// Returns whether any event of the log belongs to `accountID`.
    func hasAccount(_ accountID: String) -> Bool {
        events.contains { $0.accountID == accountID }
    }

    /// Returns whether an event of `accountID` is at or before `position`.
    func hasAccount(_ accountID: String, byPosition position: Int64) -> Bool {
        events.contains { $0.accountID == accountID && $0.position <= position }
    }

    private func matches(_ event: ReferenceEvent, after: ReferenceAccount, _ query: AuditQuery) -> Bool {
        if let since = query.since, event.occurredAt < since { return false }
        if let until = query.until, event.occurredAt >= until { return false }
        if let actor = query.actor, event.actor != actor { return false }
        if let accountID = query.accountID, event.accountID != accountID { return false }
        if !query.destinations.isEmpty && !query.destinations.contains(after.destination) { return false }
        if let position = query.knownAtPosition, event.position > position { return false }
        return true
    }

    private struct Row {
        var kind: String
        var change: String
        var field: String?
        var old: String?
        var new: String?
    }

    /// Derives the audit rows of one event from its payload by the rules
    /// the README states for `ledger audit`.
    private func rows(_ event: ReferenceEvent, before: ReferenceAccount?, after: ReferenceAccount) -> [Row] {
        let payload = event.payload
        func text(_ value: JSONValue?) -> String? {
            guard let value, !value.isNull else { return nil }
            if let fingerprint = value["fingerprint"]?.stringValue { return fingerprint }
            if let number = value.integerValue { return Timestamp.format(number) }
            return value.stringValue
        }
        switch event.type {
        case "AccountConnected":
            let kind = after.connectionType.hasPrefix("oauth") ? "oauth" : "credentials"
            var rows = [Row(kind: "lifecycle", change: "connected", field: nil, old: nil, new: after.name)]
            if let username = payload["username"]?.stringValue {
                rows.append(Row(kind: kind, change: "set", field: "username", old: nil, new: username))
            }
            for (field, value) in (payload["credentials"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                rows.append(Row(kind: kind, change: "set", field: field, old: nil, new: text(value)))
            }
            if let expiresAt = payload["expiresAt"], !expiresAt.isNull {
                rows.append(Row(kind: kind, change: "set", field: "expiresAt", old: nil, new: text(expiresAt)))
            }
            if let description = payload["description"]?.stringValue, !description.isEmpty {
                rows.append(Row(kind: "lifecycle", change: "description-set", field: "description", old: nil, new: description))
            }
            for (name, value) in (payload["settings"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                rows.append(Row(kind: "lifecycle", change: "setting-set", field: name, old: nil, new: text(value)))
            }
            if let authorizedAt = payload["authorizedAt"], !authorizedAt.isNull {
                rows.append(Row(kind: kind, change: "set", field: "authorizedAt", old: nil, new: text(authorizedAt)))
            }
            return rows
        case "AccountRenamed":
            return [Row(kind: "lifecycle", change: "renamed", field: "name", old: text(payload["from"]), new: text(payload["to"]))]
        case "AccountDescriptionChanged":
            return [Row(
                kind: "lifecycle", change: "description-changed", field: "description",
                old: text(payload["from"]), new: text(payload["to"]))]
        case "CredentialsRotated", "AccountReconnected":
            let isReconnect = event.type == "AccountReconnected"
            let kind = isReconnect ? "oauth" : "credentials"
            let word = isReconnect ? "reconnected" : "rotated"
            let rows = ReferenceCredentialChange.list(event).map {
                Row(kind: kind, change: word, field: $0.field, old: text($0.from), new: text($0.to))
            }
            return rows.isEmpty ? [Row(kind: kind, change: word, field: nil, old: nil, new: nil)] : rows
        case "SettingsChanged":
            let changes = (payload["changes"]?.arrayValue ?? []).sorted {
                ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "")
            }
            return changes.map {
                Row(kind: "lifecycle", change: "setting-changed", field: $0["name"]?.stringValue,
                    old: text($0["from"]), new: text($0["to"]))
            }
        case "EncryptionKeySet":
            let previous = text(payload["previousFingerprint"])
            return [Row(
                kind: "encryption-key", change: previous == nil ? "key-set" : "key-replaced", field: "publicKey",
                old: previous, new: text(payload["fingerprint"]))]
        case "EncryptionKeyRemoved":
            return [Row(
                kind: "encryption-key", change: "key-removed", field: "publicKey",
                old: text(payload["previousFingerprint"]), new: nil)]
        case "DataflowActivated":
            return [Row(kind: "dataflow", change: "activated", field: "dataflow", old: nil, new: text(payload["dataflowId"]))]
        case "DataflowDeactivated":
            return [Row(kind: "dataflow", change: "deactivated", field: "dataflow", old: text(payload["dataflowId"]), new: nil)]
        case "AccountDeleted":
            let change = payload["forced"]?.boolValue == true ? "force-deleted" : "deleted"
            let dataflows = (payload["activeDataflows"]?.arrayValue ?? []).map {
                Row(kind: "lifecycle", change: change, field: "dataflow", old: nil, new: text($0))
            }
            return [Row(kind: "lifecycle", change: change, field: nil, old: before?.name, new: nil)] + dataflows
        default:
            return []
        }
    }
}

/// One audit row as a single comparable line of text.
enum AuditLine {
    static func render(_ entry: AuditEntry) -> String {
        render(
            position: entry.position, sequence: entry.sequence, accountID: entry.accountID, version: entry.version,
            occurredAt: entry.occurredAt, actor: entry.actor, kind: entry.kind.rawValue, change: entry.change,
            field: entry.field, oldValue: entry.oldValue, newValue: entry.newValue, accountName: entry.accountName,
            destination: entry.destination, reason: entry.reason, correlationID: entry.correlationID)
    }

    static func render(
        position: Int64, sequence: Int, accountID: String, version: Int, occurredAt: Int64, actor: String,
        kind: String, change: String, field: String?, oldValue: String?, newValue: String?, accountName: String,
        destination: String, reason: String?, correlationID: String
    ) -> String {
        [
            String(position), String(sequence), accountID, String(version), Timestamp.format(occurredAt), actor, kind,
            change, field ?? "-", oldValue ?? "-", newValue ?? "-", accountName, destination, reason ?? "-", correlationID,
        ].joined(separator: "|")
    }
}
