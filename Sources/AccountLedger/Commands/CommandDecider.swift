/// Decides which events a command appends, given the account's current
/// state. Pure: it reads nothing and writes nothing, so the same rules serve
/// the CLI, the importer and the tests.
public struct CommandDecider {
    public let catalog: DestinationCatalog
    /// Supplies the fingerprint key only when a command carries a secret, so
    /// edits without one work even where the key is not available.
    public let keyProvider: () throws -> FingerprintKey

    public init(catalog: DestinationCatalog, keyProvider: @escaping () throws -> FingerprintKey) {
        self.catalog = catalog
        self.keyProvider = keyProvider
    }

    /// Returns the events that `command` appends to the account, in order;
    /// an empty list when the command changes nothing.
    ///
    /// - Parameters:
    ///   - occurredAt: when the change happened (milliseconds); it becomes
    ///     the authorization date of a connect or reconnect.
    /// - Throws: `LedgerError.invalidInput` for a malformed value and
    ///   `LedgerError.rejected` for a change the account does not allow.
    public func decide(
        _ command: AccountCommand,
        accountID: String,
        state: AccountState?,
        occurredAt: Int64
    ) throws -> [AccountEvent] {
        try checkState(command, accountID: accountID, state: state)
        if case .connect(let request) = command {
            return try connect(request, accountID: accountID, occurredAt: occurredAt)
        }
        guard let state else { throw LedgerError.accountNotFound(accountID) }
        switch command {
        case .connect:
            return []
        case .edit(let request):
            return try edit(request, state: state)
        case .reconnect(let request):
            return try reconnect(request, state: state, occurredAt: occurredAt)
        case .setEncryptionKey(let publicKey, let algorithm):
            return try setEncryptionKey(publicKey, algorithm: algorithm, state: state)
        case .removeEncryptionKey:
            guard let current = state.encryptionKey else {
                throw LedgerError.rejected(accountID: state.id, reason: "the account has no encryption key to remove")
            }
            return [.encryptionKeyRemoved(previous: current.fingerprint)]
        case .activateDataflow(let dataflowID):
            try InputLimits.checkIdentifier(dataflowID, field: "dataflow id")
            if state.dataflows.contains(dataflowID) {
                return []
            }
            guard state.dataflows.count < InputLimits.maximumDataflowsPerAccount else {
                throw LedgerError.rejected(
                    accountID: state.id,
                    reason: "it has \(state.dataflows.count) active dataflows, the most an account can have; "
                        + "deactivate one first")
            }
            return [.dataflowActivated(dataflowID: dataflowID)]
        case .deactivateDataflow(let dataflowID):
            try InputLimits.checkIdentifier(dataflowID, field: "dataflow id")
            // Unlike a repeated activate, this is rejected: a mistyped
            // dataflow id would otherwise pass as "no change".
            guard state.dataflows.contains(dataflowID) else {
                let active = state.dataflows.isEmpty
                    ? "it has no active dataflow" : "its active dataflows are \(Self.firstTen(state.dataflows))"
                throw LedgerError.rejected(
                    accountID: state.id, reason: "dataflow \(dataflowID) is not active on this account; \(active)")
            }
            return [.dataflowDeactivated(dataflowID: dataflowID)]
        case .delete(let force):
            if !state.dataflows.isEmpty && !force {
                throw LedgerError.rejected(
                    accountID: state.id,
                    reason: "\(state.dataflows.count) dataflow(s) still use it (\(Self.firstTen(state.dataflows))); deactivate them or delete with --force")
            }
            return [.deleted(forced: !state.dataflows.isEmpty, activeDataflows: state.dataflows.sorted())]
        }
    }

    /// Returns the first ten dataflow ids in order, and how many more there
    /// are, so that a message stays one readable line.
    private static func firstTen(_ dataflows: Set<String>) -> String {
        let sorted = dataflows.sorted()
        let more = sorted.count > 10 ? " and \(sorted.count - 10) more" : ""
        return sorted.prefix(10).joined(separator: ", ") + more
    }

    /// Throws the error that `decide` throws for `command` because of the
    /// account's state alone, whatever values its secrets have. These are
    /// an id that exists, a missing or deleted account, a reconnect of an
    /// account that is not OAuth, and a credential edit that the connection
    /// type does not allow. A secret field that neither the connection type
    /// nor the account has is rejected too.
    ///
    /// - Parameter secretFields: the names of the secret fields the caller
    ///   will add to the command before it saves it, as the CLI does after
    ///   this check, so that a misspelt field fails before any secret is read.
    public func checkState(
        _ command: AccountCommand,
        accountID: String,
        state: AccountState?,
        secretFields: Set<String> = []
    ) throws {
        if case .connect(let request) = command {
            if let state {
                // The deleted account keeps its id, history and audit trail.
                throw state.isDeleted ? LedgerError.deletedAccountExists(accountID) : LedgerError.accountExists(accountID)
            }
            if !secretFields.isEmpty {
                try checkSecretNames(secretFields, type: try connectionType(for: request), accountID: accountID)
            }
            return
        }
        guard let state else { throw LedgerError.accountNotFound(accountID) }
        guard !state.isDeleted else {
            throw LedgerError.rejected(accountID: accountID, reason: "the account was deleted; deleted accounts cannot change")
        }
        let type = state.connectionType
        switch command {
        case .edit(let request):
            let changesCredentials = !secretFields.isEmpty || !request.secrets.isEmpty || request.username != nil
                || request.expiresAt != nil
            if changesCredentials && type.isOAuth {
                throw LedgerError.rejected(accountID: state.id, reason: "\(type.rawValue) credentials change only by `ledger reconnect`")
            }
            if changesCredentials && type == .serverToServer {
                throw LedgerError.rejected(accountID: state.id, reason: "server-to-server accounts hold no user credentials; only the name and description can change")
            }
            try checkSecretNames(secretFields, type: type, accountID: state.id, existing: state.credentials)
        case .reconnect:
            guard type.isOAuth else {
                throw LedgerError.rejected(
                    accountID: state.id, reason: "reconnect applies to OAuth accounts; this one is \(type.rawValue), so use `ledger edit`")
            }
            try checkSecretNames(secretFields, type: type, accountID: state.id, existing: state.credentials)
        default:
            break
        }
    }

    // MARK: - Connect

    private func connect(_ request: ConnectRequest, accountID: String, occurredAt: Int64) throws -> [AccountEvent] {
        try InputLimits.checkIdentifier(accountID, field: "account id")
        try InputLimits.checkLine(request.name, field: "name")
        try InputLimits.checkText(request.description, field: "description")
        try InputLimits.checkIdentifier(request.destination, field: "destination")
        try InputLimits.checkSettingCount(request.settings.count, field: "settings")
        let type = try connectionType(for: request)
        let fields = type.credentialFields

        var username: String?
        var credentials: [String: CredentialFingerprint] = [:]
        for field in fields where field.kind == .identity {
            guard let value = request.username else {
                throw LedgerError.invalidInput(location: "username", problem: "an account of type \(type.rawValue) needs a username (--username)")
            }
            try InputLimits.checkLine(value, field: "username")
            username = value
        }
        if request.username != nil && username == nil {
            throw LedgerError.invalidInput(location: "username", problem: "an account of type \(type.rawValue) has no username")
        }
        try checkSecretNames(Set(request.secrets.keys), type: type, accountID: accountID)
        for field in fields where field.kind == .secret {
            guard let secret = request.secrets[field.name] else {
                if field.required {
                    throw LedgerError.invalidInput(
                        location: "credential \(field.name)",
                        problem: "an account of type \(type.rawValue) needs it; pass --secret \(field.name)=stdin, =env:NAME or =prompt")
                }
                continue
            }
            try InputLimits.checkSecret(secret, field: "credential \(field.name)")
            credentials[field.name] = try keyProvider().fingerprint(secret, keepsHint: field.keepsHint)
        }
        if request.expiresAt != nil && !type.supportsExpiry {
            throw LedgerError.invalidInput(location: "expires-at", problem: "\(type.rawValue) credentials do not expire")
        }
        let settings = try checkedSettings(request.settings)
        return [.connected(AccountConnected(
            name: request.name,
            description: request.description,
            destination: request.destination,
            connectionType: type,
            username: username,
            settings: settings,
            credentials: credentials,
            authorizedAt: type == .serverToServer ? nil : occurredAt,
            expiresAt: request.expiresAt))]
    }

    private func connectionType(for request: ConnectRequest) throws -> ConnectionType {
        guard let destination = catalog.destination(id: request.destination) else {
            // Destination ids are compared exactly, so `Amazon-S3` would become
            // a second, unknown destination that filters on `amazon-s3` miss.
            let lowercased = request.destination.lowercased()
            if let known = catalog.destinations.first(where: { $0.id.lowercased() == lowercased }) {
                throw LedgerError.invalidInput(
                    location: "destination",
                    problem: "\(request.destination) is not in the destination catalog; did you mean \(known.id)?")
            }
            guard let type = request.connectionType else {
                throw LedgerError.invalidInput(
                    location: "destination",
                    problem: "\(request.destination) is not in the destination catalog; pass --type to name its connection type")
            }
            return type
        }
        guard let type = request.connectionType else {
            return destination.connectionTypes[0]
        }
        guard destination.connectionTypes.contains(type) else {
            let allowed = destination.connectionTypes.map(\.rawValue).joined(separator: ", ")
            throw LedgerError.invalidInput(
                location: "type", problem: "\(destination.name) accounts use \(allowed), not \(type.rawValue)")
        }
        return type
    }

    private func checkedSettings(_ settings: [String: String]) throws -> [String: String] {
        for (name, value) in settings {
            try InputLimits.checkIdentifier(name, field: "setting name")
            // Settings are stored and shown in clear, so a value that a name
            // marks as a credential must not slip in through them.
            if let word = Self.credentialWord(inSettingName: name) {
                throw LedgerError.invalidInput(
                    location: "setting \(NameOrSecret.canShowSettingName(name) ? name : "(name not shown: it may be a secret)")",
                    problem: "the name contains \"\(word)\", so it looks like a credential; settings are stored in clear, so pass credentials with --secret FIELD=stdin instead")
            }
            try InputLimits.checkLine(value, field: "setting \(name)", maximumLength: InputLimits.maximumSettingLength)
        }
        return settings
    }

    /// Rejects secret fields that neither the connection type nor the
    /// account has, which is how a token for a server-to-server account is
    /// caught. The account's existing fields are accepted because an import
    /// may have stored one that the type does not list (`sshKey`).
    private func checkSecretNames(
        _ names: Set<String>, type: ConnectionType, accountID: String,
        existing: [String: CredentialFingerprint] = [:]
    ) throws {
        let known = Set(type.credentialFields.filter { $0.kind == .secret }.map(\.name)).union(existing.keys)
        for name in names.sorted() where !known.contains(name) {
            let list = known.isEmpty ? "none" : known.sorted().joined(separator: ", ")
            // A secret typed as the field's name lands here.
            let shown = NameOrSecret.canShowFieldName(name)
            let location = shown ? "credential \(name)" : "credential (name not shown: it may be a secret)"
            let credential = shown ? "credential \(name)" : "credential of that name"
            throw LedgerError.invalidInput(
                location: location,
                problem: existing.isEmpty
                    ? "\(type.rawValue) accounts have no \(credential); their credentials are: \(list)"
                    : "the account has no \(credential); its credentials are: \(list)")
        }
    }

    // MARK: - Edit and reconnect

    private func edit(_ request: EditRequest, state: AccountState) throws -> [AccountEvent] {
        // Texts are compared by their bytes, because `==` calls canonically
        // equivalent texts equal, and the ledger stores and hashes bytes.
        var events: [AccountEvent] = []
        if let name = request.name {
            try InputLimits.checkLine(name, field: "name")
            if !name.hasSameBytes(as: state.name) {
                events.append(.renamed(from: state.name, to: name))
            }
        }
        if let description = request.description {
            try InputLimits.checkText(description, field: "description")
            if !description.hasSameBytes(as: state.description) {
                events.append(.descriptionChanged(from: state.description, to: description))
            }
        }
        let type = state.connectionType
        try checkSecretNames(Set(request.secrets.keys), type: type, accountID: state.id, existing: state.credentials)

        var change = CredentialChange()
        if let username = request.username {
            guard type.credentialFields.contains(where: { $0.kind == .identity }) else {
                throw LedgerError.invalidInput(location: "username", problem: "an account of type \(type.rawValue) has no username")
            }
            try InputLimits.checkLine(username, field: "username")
            if !state.username.hasSameBytes(as: username) {
                change.username = ValueChange(from: state.username, to: username)
            }
        }
        change.secrets = try fingerprintChanges(request.secrets, type: type, state: state)
        if let expiresAt = request.expiresAt {
            guard type.supportsExpiry else {
                throw LedgerError.invalidInput(location: "expires-at", problem: "\(type.rawValue) credentials do not expire")
            }
            if expiresAt != state.expiresAt {
                change.expiresAt = TimeChange(from: state.expiresAt, to: expiresAt)
            }
        } else if type.supportsExpiry && !change.secrets.isEmpty, let expiresAt = state.expiresAt {
            // The expiry belonged to the token being replaced. A new token
            // without `--expires-at` has no known expiry, as after
            // `ledger reconnect` or an import of the same change.
            change.expiresAt = TimeChange(from: expiresAt, to: nil)
        }
        if !change.isEmpty {
            events.append(.credentialsRotated(change))
        }

        // Only new names count, so an account at the cap can still change its settings.
        let addedSettings = request.settings.keys.count { state.settings[$0] == nil }
        if addedSettings > 0 {
            try InputLimits.checkSettingCount(state.settings.count + addedSettings, field: "settings")
        }
        let settings = try checkedSettings(request.settings)
        let settingChanges = settings.keys.sorted().compactMap { name -> SettingChange? in
            state.settings[name].hasSameBytes(as: settings[name]) ? nil : SettingChange(name: name, from: state.settings[name], to: settings[name])
        }
        if !settingChanges.isEmpty {
            events.append(.settingsChanged(settingChanges))
        }
        return events
    }

    private func reconnect(_ request: ReconnectRequest, state: AccountState, occurredAt: Int64) throws -> [AccountEvent] {
        let type = state.connectionType
        try checkSecretNames(Set(request.secrets.keys), type: type, accountID: state.id, existing: state.credentials)
        for field in type.credentialFields where field.required && request.secrets[field.name] == nil {
            throw LedgerError.invalidInput(
                location: "credential \(field.name)",
                problem: "a reconnect needs the new grant's \(field.name); pass --secret \(field.name)=stdin, =env:NAME or =prompt")
        }
        var change = CredentialChange()
        change.secrets = try fingerprintChanges(request.secrets, type: type, state: state, includeUnchanged: true)
        // A reconnect is a new grant even when the provider hands back the
        // same token, so it is always recorded.
        change.authorizedAt = TimeChange(from: state.authorizedAt, to: occurredAt)
        if request.expiresAt != state.expiresAt {
            change.expiresAt = TimeChange(from: state.expiresAt, to: request.expiresAt)
        }
        return [.reconnected(change)]
    }

    private func fingerprintChanges(
        _ secrets: [String: Secret],
        type: ConnectionType,
        state: AccountState,
        includeUnchanged: Bool = false
    ) throws -> [String: FingerprintChange] {
        var changes: [String: FingerprintChange] = [:]
        let typeFields = type.credentialFields.filter { $0.kind == .secret }
        var fields = typeFields
        for (name, current) in state.credentials where !typeFields.contains(where: { $0.name == name }) {
            // A field the type does not list keeps a hint when its current value has one.
            fields.append(CredentialField(name: name, kind: .secret, required: false, keepsHint: current.hint != nil))
        }
        for field in fields {
            guard let secret = secrets[field.name] else { continue }
            try InputLimits.checkSecret(secret, field: "credential \(field.name)")
            let fingerprint = try keyProvider().fingerprint(secret, keepsHint: field.keepsHint)
            let current = state.credentials[field.name]
            if includeUnchanged || current?.hex != fingerprint.hex {
                changes[field.name] = FingerprintChange(from: current, to: fingerprint)
            }
        }
        return changes
    }

    // MARK: - Encryption key

    private func setEncryptionKey(_ publicKey: String, algorithm: String, state: AccountState) throws -> [AccountEvent] {
        let destination = catalog.destination(id: state.destination)
        guard destination?.exportsFiles == true else {
            throw LedgerError.rejected(
                accountID: state.id,
                reason: "destination \(state.destination) does not export files, so it takes no encryption key")
        }
        let key = try EncryptionKey.checked(publicKey: publicKey, algorithm: algorithm)
        if key.hasSameBytes(as: state.encryptionKey) {
            return []
        }
        return [.encryptionKeySet(key, previous: state.encryptionKey?.fingerprint)]
    }

    /// Returns the first of `credentialWords` that `name` contains, ignoring
    /// case and the separators `_`, `-`, `.` and spaces, so `api_key` is
    /// caught as `apiKey` is.
    static func credentialWord(inSettingName name: String) -> String? {
        let folded = String(name.lowercased().unicodeScalars.filter { !"_-. ".unicodeScalars.contains($0) })
        return credentialWords.first { folded.contains($0) }
    }

    /// Words that mark a setting name as a credential.
    static let credentialWords = [
        "password", "passwd", "pwd", "passphrase", "secret", "token", "credential", "connectionstring",
        "privatekey", "apikey", "accesskey", "sshkey",
    ]
}
