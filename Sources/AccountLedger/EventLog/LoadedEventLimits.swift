/// The limits that a save puts on what it writes (`InputLimits`, the
/// credential-like setting names, the future-time limit), applied to an
/// event that arrives whole: from an export file (`import --events`), or
/// from the ledger's own log (`verify`, `replay`). The hash chain only
/// shows that a log is consistent, and anyone who edits it can re-hash it,
/// so without these checks a log could contain what no save writes: a control
/// character in an actor, a password as a setting, an occurred time that
/// blocks the account for good. Both paths call `check`, so a log verifies
/// only if its export loads.
struct LoadedEventLimits: Sendable {
    /// The clock when the load or the verification began, in milliseconds.
    let now: Int64
    /// Setting names that the catalog declares as settings or identities of
    /// an auth spec, or of every spec. Snapshot imports store them in clear even when the name
    /// contains a credential word (`accessTokenUrl`), so they are accepted.
    let catalogSettingNames: Set<String>

    init(catalog: DestinationCatalog, now: Int64) {
        self.now = now
        var names: Set<String> = []
        let parameterKinds = catalog.authSpecs.map(\.parameters) + [DestinationCatalog.AuthSpec.commonKinds]
        for parameters in parameterKinds {
            for (name, kind) in parameters where kind == .setting || kind == .identity {
                names.insert(name)
            }
        }
        catalogSettingNames = names
    }

    /// Checks every member of `event`: the envelope, then its decoded payload.
    ///
    /// - Throws: `EventFault` whose field is the member of the export line,
    ///   such as `payload.name` or `actor`.
    func check(_ event: RecordedEvent, decoded: AccountEvent, sourceEtag: String?) throws {
        do {
            try checkEnvelope(event)
            try checkPayload(decoded, sourceEtag: sourceEtag)
        } catch LedgerError.invalidInput(let field, let problem) {
            throw EventFault(position: event.position, problem: problem, field: field)
        }
    }

    /// Checks the number of settings, credential fields and active
    /// dataflows that `state`, the account after `event`, holds. The caps
    /// are on the account, so an event that adds one setting can break them.
    ///
    /// - Throws: `EventFault` whose field is the payload member that added them.
    func checkFieldCounts(_ state: AccountState, after event: RecordedEvent, decoded: AccountEvent) throws {
        let settingsField: String
        let credentialsField: String
        switch decoded {
        case .connected:
            (settingsField, credentialsField) = ("payload.settings", "payload.credentials")
        case .reconnected:
            (settingsField, credentialsField) = ("payload", "payload.secrets")
        default:
            (settingsField, credentialsField) = ("payload.changes", "payload.changes")
        }
        do {
            try InputLimits.checkSettingCount(state.settings.count, field: settingsField)
            try InputLimits.checkCredentialCount(state.credentials.count, field: credentialsField)
            if case .dataflowActivated = decoded {
                try InputLimits.checkDataflowCount(state.dataflows.count, field: "payload.dataflowId")
            }
        } catch LedgerError.invalidInput(let field, let problem) {
            throw EventFault(position: event.position, problem: problem, field: field)
        }
    }

    // MARK: - Envelope

    /// Checks the envelope's text members and times, and the payload's size.
    ///
    /// An occurred time may be at most `Ledger.maximumClockSkew` after the
    /// event's own recorded time, which is the limit the save applied when
    /// it stored the event. The recorded time may be at most as far past
    /// this ledger's clock, so the pair cannot both be moved into the future.
    private func checkEnvelope(_ event: RecordedEvent) throws {
        let payloadBytes = event.payloadText.utf8.count
        guard payloadBytes <= EventPayloadLimit.maximumBytes else {
            throw LedgerError.invalidInput(
                location: "payload",
                problem: "is \(payloadBytes) bytes of canonical JSON; one event's payload may be at most "
                    + "\(EventPayloadLimit.maximumBytes) bytes (4 MiB)")
        }
        try InputLimits.checkIdentifier(event.accountID, field: "account_id")
        try InputLimits.checkLine(event.actor, field: "actor")
        if let reason = event.reason {
            try InputLimits.checkText(reason, field: "reason")
        }
        try InputLimits.checkIdentifier(event.correlationID, field: "correlation_id")
        if let key = event.idempotencyKey {
            try InputLimits.checkIdentifier(key, field: "idempotency_key")
        }
        try Self.checkTime(event.recordedAt, field: "recorded_at")
        try Self.checkTime(event.occurredAt, field: "occurred_at")
        let skewMinutes = Ledger.maximumClockSkew / 60_000
        guard event.recordedAt <= now + Ledger.maximumClockSkew else {
            throw LedgerError.invalidInput(
                location: "recorded_at",
                problem: "\(Timestamp.format(event.recordedAt)) is in the future (now is \(Timestamp.format(now))); "
                    + "a ledger records events by its own clock, and this is more than \(skewMinutes) minutes ahead of it")
        }
        guard event.occurredAt <= event.recordedAt + Ledger.maximumClockSkew else {
            throw LedgerError.invalidInput(
                location: "occurred_at",
                problem: "\(Timestamp.format(event.occurredAt)) is more than \(skewMinutes) minutes after the event's "
                    + "recorded_at \(Timestamp.format(event.recordedAt)); a save rejects such a future time because it "
                    + "would block every later change to the account")
        }
    }

    // MARK: - Payload

    /// Checks the text, names and times in a decoded payload.
    private func checkPayload(_ event: AccountEvent, sourceEtag: String?) throws {
        if let sourceEtag {
            try InputLimits.checkLine(
                sourceEtag, field: "payload.sourceEtag", maximumLength: SnapshotReader.maximumEtagLength)
        }
        switch event {
        case .connected(let connected):
            try checkConnected(connected)
        case .renamed(let from, let to):
            try InputLimits.checkLine(from, field: "payload.from")
            try InputLimits.checkLine(to, field: "payload.to")
        case .descriptionChanged(let from, let to):
            try InputLimits.checkText(from, field: "payload.from")
            try InputLimits.checkText(to, field: "payload.to")
        case .credentialsRotated(let change):
            try checkRotation(change)
        case .reconnected(let change):
            try checkReconnection(change)
        case .settingsChanged(let changes):
            for (index, change) in changes.sorted(by: { $0.name < $1.name }).enumerated() {
                let field = "payload.changes[\(index)]"
                try checkSetting(name: change.name, field: "\(field).name")
                for (side, value) in [("from", change.from), ("to", change.to)] {
                    if let value {
                        try checkSettingValue(value, field: "\(field).\(side)")
                    }
                }
            }
        case .encryptionKeySet(let key, _):
            try InputLimits.checkLine(key.algorithm, field: "payload.algorithm", maximumLength: 64)
        case .encryptionKeyRemoved:
            break
        case .dataflowActivated(let dataflowID), .dataflowDeactivated(let dataflowID):
            try InputLimits.checkIdentifier(dataflowID, field: "payload.dataflowId")
        case .deleted(_, let activeDataflows):
            for (index, dataflowID) in activeDataflows.sorted().enumerated() {
                try InputLimits.checkIdentifier(dataflowID, field: "payload.activeDataflows[\(index)]")
            }
        }
    }

    private func checkConnected(_ connected: AccountConnected) throws {
        try InputLimits.checkLine(connected.name, field: "payload.name")
        try InputLimits.checkText(connected.description, field: "payload.description")
        try InputLimits.checkIdentifier(connected.destination, field: "payload.destination")
        if let username = connected.username {
            try InputLimits.checkLine(username, field: "payload.username")
        }
        for name in connected.settings.keys.sorted() {
            try checkSetting(name: name, field: "payload.settings.\(name)")
            try checkSettingValue(connected.settings[name]!, field: "payload.settings.\(name)")
        }
        for name in connected.credentials.keys.sorted() {
            try InputLimits.checkIdentifier(name, field: "payload.credentials.\(name)")
            try Self.checkHint(connected.credentials[name]!.hint, field: "payload.credentials.\(name).hint")
        }
        try Self.checkTime(connected.authorizedAt, field: "payload.authorizedAt")
        try Self.checkTime(connected.expiresAt, field: "payload.expiresAt")
    }

    /// Checks `CredentialsRotated`, whose payload lists one change per
    /// field, sorted by field name, as `EventCodec` writes it.
    private func checkRotation(_ change: CredentialChange) throws {
        var names = Array(change.secrets.keys)
        if change.username != nil { names.append("username") }
        if change.expiresAt != nil { names.append("expiresAt") }
        if change.authorizedAt != nil { names.append("authorizedAt") }
        for (index, name) in names.sorted().enumerated() {
            let field = "payload.changes[\(index)]"
            if let secret = change.secrets[name] {
                try InputLimits.checkIdentifier(name, field: "\(field).field")
                try Self.checkHint(secret.from?.hint, field: "\(field).from.hint")
                try Self.checkHint(secret.to?.hint, field: "\(field).to.hint")
            } else if name == "username", let username = change.username {
                try Self.checkUsername(username, field: field)
            } else if name == "expiresAt", let expiresAt = change.expiresAt {
                try Self.checkTimes(expiresAt, field: field)
            } else if let authorizedAt = change.authorizedAt {
                try Self.checkTimes(authorizedAt, field: field)
            }
        }
    }

    /// Checks `AccountReconnected`, whose payload keeps secrets by field name.
    private func checkReconnection(_ change: CredentialChange) throws {
        for name in change.secrets.keys.sorted() {
            let field = "payload.secrets.\(name)"
            try InputLimits.checkIdentifier(name, field: field)
            try Self.checkHint(change.secrets[name]!.from?.hint, field: "\(field).from.hint")
            try Self.checkHint(change.secrets[name]!.to?.hint, field: "\(field).to.hint")
        }
        if let username = change.username {
            try Self.checkUsername(username, field: "payload.username")
        }
        if let expiresAt = change.expiresAt {
            try Self.checkTimes(expiresAt, field: "payload.expiresAt")
        }
        if let authorizedAt = change.authorizedAt {
            try Self.checkTimes(authorizedAt, field: "payload.authorizedAt")
        }
    }

    private func checkSetting(name: String, field: String) throws {
        try InputLimits.checkIdentifier(name, field: field)
        guard !catalogSettingNames.contains(name), let word = CommandDecider.credentialWord(inSettingName: name) else {
            return
        }
        throw LedgerError.invalidInput(
            location: field,
            problem: "the setting name contains \"\(word)\", so it looks like a credential; settings are stored in clear, "
                + "and a save rejects such a name")
    }

    private func checkSettingValue(_ value: String, field: String) throws {
        try InputLimits.checkLine(value, field: field, maximumLength: InputLimits.maximumSettingLength)
    }

    private static func checkUsername(_ change: ValueChange, field: String) throws {
        for (side, value) in [("from", change.from), ("to", change.to)] {
            if let value {
                try InputLimits.checkLine(value, field: "\(field).\(side)")
            }
        }
    }

    private static func checkTimes(_ change: TimeChange, field: String) throws {
        try checkTime(change.from, field: "\(field).from")
        try checkTime(change.to, field: "\(field).to")
    }

    /// Rejects a time outside the range that saves accept as text.
    private static func checkTime(_ value: Int64?, field: String) throws {
        guard let value, !(Timestamp.earliest...Timestamp.latest).contains(value) else { return }
        throw LedgerError.invalidInput(
            location: field,
            problem: "\(value) is out of range; expected milliseconds since 1970 for a time from "
                + "\(Timestamp.format(Timestamp.earliest)) to \(Timestamp.format(Timestamp.latest))")
    }

    /// Accepts only the hint a fingerprint keeps: "…" and the last one to
    /// four code points of the value (`Secret.hint`).
    private static func checkHint(_ hint: String?, field: String) throws {
        guard let hint else { return }
        let kept = hint.unicodeScalars.dropFirst()
        guard hint.unicodeScalars.first == "…", (1...4).contains(kept.count) else {
            throw LedgerError.invalidInput(
                location: field,
                problem: "expected \"…\" and the last 1 to 4 code points of the value; a longer hint would keep more of a credential in clear")
        }
        try InputLimits.checkLine(String(kept), field: field)
    }
}
