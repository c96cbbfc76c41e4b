/// One-line, human-readable summaries of events for `ledger history`.
/// Secrets appear only as short fingerprints. Every text a user chose
/// (names, descriptions, usernames, setting values, key algorithms) is
/// written by `quotedForDisplay()`, so none can pass for the sentence's own
/// words. Ids, field names and setting names are left bare, because
/// `InputLimits.checkIdentifier` allows them no quotes, commas or spaces.
public enum EventSummary {
    /// Returns what the event changed, in words.
    public static func describe(_ event: AccountEvent) -> String {
        switch event {
        case .connected(let connected):
            var text = "connected \(connected.name.quotedForDisplay()) to \(connected.destination) (\(connected.connectionType.rawValue))"
            if !connected.description.isEmpty {
                text += ", description \(connected.description.quotedForDisplay())"
            }
            if let username = connected.username {
                text += ", username \(username.quotedForDisplay())"
            }
            for name in connected.settings.keys.sorted() {
                text += ", setting \(name) \(connected.settings[name]!.quotedForDisplay())"
            }
            for field in connected.credentials.keys.sorted() {
                text += ", \(field) \(shortForm(connected.credentials[field]))"
            }
            if let expiresAt = connected.expiresAt {
                text += ", expires \(Timestamp.format(expiresAt))"
            }
            // A typed connect's is its own time; an imported one may state
            // another, which only `audit` showed before.
            if let authorizedAt = connected.authorizedAt {
                text += ", authorized \(Timestamp.format(authorizedAt))"
            }
            return text
        case .renamed(let from, let to):
            return "renamed \(from.quotedForDisplay()) to \(to.quotedForDisplay())"
        case .descriptionChanged(let from, let to):
            return "description \(from.quotedForDisplay()) changed to \(to.quotedForDisplay())"
        case .credentialsRotated(let change):
            return "rotated " + describe(change)
        case .reconnected(let change):
            return "reconnected: " + describe(change)
        case .settingsChanged(let changes):
            return "settings changed: " + changes.map { "\($0.name) \(quoted($0.from)) -> \(quoted($0.to))" }.joined(separator: ", ")
        case .encryptionKeySet(let key, let previous):
            let new = String(key.fingerprint.prefix(12))
            if let previous {
                return "encryption key replaced (\(key.algorithm.quotedForDisplay())) \(previous.prefix(12)) -> \(new)"
            }
            return "encryption key set (\(key.algorithm.quotedForDisplay())) \(new)"
        case .encryptionKeyRemoved(let previous):
            return "encryption key removed \(previous.prefix(12))"
        case .dataflowActivated(let dataflowID):
            return "dataflow \(dataflowID) activated"
        case .dataflowDeactivated(let dataflowID):
            return "dataflow \(dataflowID) deactivated"
        case .deleted(let forced, let dataflows):
            if forced {
                return "deleted with --force while \(dataflows.count) dataflow(s) were active: \(dataflows.joined(separator: ", "))"
            }
            return "deleted"
        }
    }

    private static func describe(_ change: CredentialChange) -> String {
        var parts: [String] = []
        if let username = change.username {
            parts.append("username \(quoted(username.from)) -> \(quoted(username.to))")
        }
        for field in change.secrets.keys.sorted() {
            let fingerprints = change.secrets[field]!
            parts.append("\(field) \(shortForm(fingerprints.from)) -> \(shortForm(fingerprints.to))")
        }
        if let expiresAt = change.expiresAt {
            parts.append("expiry \(expiresAt.from.map(Timestamp.format) ?? "-") -> \(expiresAt.to.map(Timestamp.format) ?? "-")")
        }
        if let authorizedAt = change.authorizedAt {
            parts.append("authorized \(authorizedAt.to.map(Timestamp.format) ?? "-")")
        }
        return parts.isEmpty ? "(no field changed)" : parts.joined(separator: ", ")
    }

    /// Returns a quoted value, or `-` for an absent one, which no quoted
    /// value can be mistaken for.
    private static func quoted(_ value: String?) -> String {
        value?.quotedForDisplay() ?? "-"
    }

    private static func shortForm(_ fingerprint: CredentialFingerprint?) -> String {
        guard let fingerprint else { return "-" }
        if let hint = fingerprint.hint {
            return "\(fingerprint.short) (\(hint.quotedForDisplay()))"
        }
        return fingerprint.short
    }
}
