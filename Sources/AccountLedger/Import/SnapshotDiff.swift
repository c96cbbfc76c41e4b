/// Decides the events that explain the difference between an account's
/// state in the ledger and what a snapshot record describes now. Pure: it
/// reads and writes nothing, like `CommandDecider`.
struct SnapshotDiff {
    static let millisecondsPerDay: Int64 = 86_400_000

    let catalog: DestinationCatalog
    let keyProvider: () throws -> FingerprintKey

    /// Returns the account `record` describes, after the checks that need
    /// only the record and the catalog.
    ///
    /// - Throws: `LedgerError.invalidInput` naming the record and field.
    func account(for record: ConnectionRecord) throws -> ImportedAccount {
        try ImportedAccount(record, catalog: catalog, keyProvider: keyProvider)
    }

    /// Returns the events that bring `state` to `account`, which `record`
    /// describes, in the order a save in the platform would produce them;
    /// an empty list when nothing the ledger tracks changed.
    ///
    /// - Parameters:
    ///   - state: the account's state in the ledger; nil for an id the
    ///     ledger has never seen.
    ///   - occurredAt: when the record's change happened; it becomes the
    ///     authorization date of a new account without `authorizedDate`.
    /// - Throws: `LedgerError.invalidInput` naming the record and field
    ///   when the record would change the account's connection type or
    ///   destination.
    func events(
        for account: ImportedAccount, record: ConnectionRecord, state: AccountState?, occurredAt: Int64
    ) throws -> [AccountEvent] {
        guard let state else {
            return connectEvents(account, occurredAt: occurredAt)
        }
        try checkSameAccountKind(account, record: record, state: state)

        // Texts are compared by their bytes, as `CommandDecider` compares them.
        var events: [AccountEvent] = []
        if !account.name.hasSameBytes(as: state.name) {
            events.append(.renamed(from: state.name, to: account.name))
        }
        if !account.description.hasSameBytes(as: state.description) {
            events.append(.descriptionChanged(from: state.description, to: account.description))
        }
        if let change = credentialChange(account, state: state, occurredAt: occurredAt) {
            events.append(state.connectionType.isOAuth ? .reconnected(change) : .credentialsRotated(change))
        }
        let settings = settingChanges(account, state: state)
        if !settings.isEmpty {
            events.append(.settingsChanged(settings))
        }
        switch (state.encryptionKey, account.encryptionKey) {
        case (let current?, nil):
            events.append(.encryptionKeyRemoved(previous: current.fingerprint))
        case (let current, let wanted?) where !wanted.hasSameBytes(as: current):
            events.append(.encryptionKeySet(wanted, previous: current?.fingerprint))
        default:
            break
        }
        return events
    }

    private func connectEvents(_ account: ImportedAccount, occurredAt: Int64) -> [AccountEvent] {
        var events: [AccountEvent] = [
            .connected(
                AccountConnected(
                    name: account.name,
                    description: account.description,
                    destination: account.destination,
                    connectionType: account.connectionType,
                    username: account.username,
                    settings: account.settings,
                    credentials: account.credentials,
                    // Like a connect from the command line, an account without a
                    // stated authorization date was authorized when it was made.
                    authorizedAt: account.authorizedAt
                        ?? (account.connectionType == .serverToServer ? nil : occurredAt),
                    expiresAt: account.expiresAt))
        ]
        if let key = account.encryptionKey {
            events.append(.encryptionKeySet(key, previous: nil))
        }
        return events
    }

    /// Rejects a record that would turn the account into another kind of
    /// account, which no event can express.
    private func checkSameAccountKind(
        _ account: ImportedAccount, record: ConnectionRecord, state: AccountState
    ) throws {
        guard account.connectionType == state.connectionType else {
            throw record.invalid(
                "auth.specName",
                "spec \"\(record.authSpecName)\" makes \(account.connectionType.rawValue) accounts, but account "
                    + "\(state.id) is \(state.connectionType.rawValue); the connection type of an account "
                    + "cannot change")
        }
        // An account imported before the catalog knew its spec keeps the
        // spec id as its destination, and stays importable afterwards.
        let sameDestination = account.destination == state.destination
            || record.connectionSpecID.lowercased() == state.destination
        guard sameDestination else {
            throw record.invalid(
                "connectionSpec.id",
                "names destination \(account.destination), but account \(state.id) belongs to "
                    + "\(state.destination); an account cannot move to another destination")
        }
    }

    private func credentialChange(
        _ account: ImportedAccount, state: AccountState, occurredAt: Int64
    ) -> CredentialChange? {
        var change = CredentialChange()
        // NOTE: An account imported when secrets kept the platform's names
        // (`s3SecretKey`) moves to the catalog's fields at its next changed
        // record, which shows as the old name removed and the new one set.
        for field in Set(state.credentials.keys).union(account.credentials.keys) {
            let current = state.credentials[field]
            let wanted = account.credentials[field]
            if current?.hex != wanted?.hex {
                change.secrets[field] = FingerprintChange(from: current, to: wanted)
            }
        }
        if !account.username.hasSameBytes(as: state.username) {
            change.username = ValueChange(from: state.username, to: account.username)
        }
        if account.expiresAt != state.expiresAt {
            change.expiresAt = TimeChange(from: state.expiresAt, to: account.expiresAt)
        }
        var authorizedAt = account.authorizedAt
        // A date names a whole day. When the stored grant falls on that
        // day, as one made by `ledger connect` or `ledger reconnect` at a
        // time of day does, the record restates that grant rather than
        // making a new one at midnight.
        if account.authorizedDateIsDay, let day = authorizedAt, let stored = state.authorizedAt,
            stored >= day, stored < day + Self.millisecondsPerDay {
            authorizedAt = stored
        }
        if authorizedAt == nil && state.connectionType.isOAuth && !change.secrets.isEmpty {
            // A new OAuth grant is an authorization, as for `ledger reconnect`.
            authorizedAt = occurredAt
        }
        if let authorizedAt, authorizedAt != state.authorizedAt {
            change.authorizedAt = TimeChange(from: state.authorizedAt, to: authorizedAt)
            if state.connectionType.isOAuth {
                // A new grant counts as a secret change even when the provider
                // hands back the same token, so the event lists the unchanged
                // secrets too, as `ledger reconnect` records them.
                for (field, fingerprint) in account.credentials where change.secrets[field] == nil {
                    change.secrets[field] = FingerprintChange(from: state.credentials[field], to: fingerprint)
                }
            }
        }
        return change.isEmpty ? nil : change
    }

    private func settingChanges(_ account: ImportedAccount, state: AccountState) -> [SettingChange] {
        Set(state.settings.keys).union(account.settings.keys).sorted().compactMap { name in
            let current = state.settings[name]
            let wanted = account.settings[name]
            return current.hasSameBytes(as: wanted) ? nil : SettingChange(name: name, from: current, to: wanted)
        }
    }
}
