/// Checks that an event's "before" values are the account's state before
/// it: a rename from the current name, a rotation from the fingerprint the
/// account holds, no change after a delete.
///
/// The fold takes only the new values, so a log whose events were edited
/// and re-hashed could still fold into some state. Every event the ledger
/// writes passes this check, because saves and imports take the "before"
/// values from that state. `verify` and `import --events` apply it to catch
/// a log that no sequence of saves could have written. Rebuild and reads
/// do not, so a ledger that fails it can still be read and repaired.
enum EventConsistency {
    /// Returns what in `event` contradicts `state`, or nil when it follows.
    /// Texts are compared by their bytes, as saves compare them.
    /// A nil state (no event yet) is left to the fold, which rejects every
    /// event but a connect.
    static func problem(_ event: AccountEvent, follows state: AccountState?) -> String? {
        guard let state else { return nil }
        if state.isDeleted {
            return "\(event.type.rawValue) after the account was deleted; a deleted account takes no change"
        }
        switch event {
        case .connected:
            return nil
        case .renamed(let from, _):
            return from.hasSameBytes(as: state.name) ? nil : "renames the account from a name it did not have"
        case .descriptionChanged(let from, _):
            return from.hasSameBytes(as: state.description) ? nil : "changes the description from one the account did not have"
        case .credentialsRotated(let change), .reconnected(let change):
            return credentialProblem(change, state: state)
        case .settingsChanged(let changes):
            let wrong = changes.first { !state.settings[$0.name].hasSameBytes(as: $0.from) }
            return wrong.map { "changes setting \($0.name) from a value the account did not have" }
        case .encryptionKeySet(_, let previous):
            return previous == state.encryptionKey?.fingerprint ? nil : "replaces an encryption key the account did not have"
        case .encryptionKeyRemoved(let previous):
            return previous == state.encryptionKey?.fingerprint ? nil : "removes an encryption key the account did not have"
        case .dataflowActivated(let dataflowID):
            return state.dataflows.contains(dataflowID) ? "activates dataflow \(dataflowID), which was already active" : nil
        case .dataflowDeactivated(let dataflowID):
            return state.dataflows.contains(dataflowID) ? nil : "deactivates dataflow \(dataflowID), which was not active"
        case .deleted(_, let activeDataflows):
            return Set(activeDataflows) == state.dataflows ? nil : "lists other active dataflows than the account had"
        }
    }

    private static func credentialProblem(_ change: CredentialChange, state: AccountState) -> String? {
        for field in change.secrets.keys.sorted() where change.secrets[field]?.from?.hex != state.credentials[field]?.hex {
            return "changes credential \(field) from a fingerprint the account did not hold"
        }
        if let username = change.username, !username.from.hasSameBytes(as: state.username) {
            return "changes the username from one the account did not have"
        }
        if let expiresAt = change.expiresAt, expiresAt.from != state.expiresAt {
            return "changes the expiry from one the account did not have"
        }
        if let authorizedAt = change.authorizedAt, authorizedAt.from != state.authorizedAt {
            return "changes the authorization date from one the account did not have"
        }
        return nil
    }
}
