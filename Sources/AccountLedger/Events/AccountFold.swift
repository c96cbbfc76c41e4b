/// Folds events into account state: the single definition of what each
/// event means, used by the inline projections, by rebuild and by queries
/// that replay a stream.
public enum AccountFold {
    /// Returns the state after `event`, which must be the next event of the
    /// account whose state is `state` (nil before its first event).
    ///
    /// `state` is consumed, so a caller that passes its only copy (as a
    /// stream read does, with `take()`) lets the credentials, settings and
    /// dataflows change in place instead of being copied on every event.
    ///
    /// - Throws: `LedgerError.corruptEvent` when the event cannot follow the
    ///   state, which a valid log never contains.
    public static func apply(
        _ event: AccountEvent,
        sourceEtag: String? = nil,
        to state: consuming AccountState?,
        envelope: RecordedEvent
    ) throws -> AccountState {
        if case .connected(let connected) = event {
            guard state == nil else {
                throw LedgerError.corruptEvent(
                    position: envelope.position, detail: "AccountConnected for an account that already exists")
            }
            return AccountState(
                id: envelope.accountID,
                name: connected.name,
                description: connected.description,
                destination: connected.destination,
                connectionType: connected.connectionType,
                username: connected.username,
                settings: connected.settings,
                credentials: connected.credentials,
                authorizedAt: connected.authorizedAt,
                expiresAt: connected.expiresAt,
                encryptionKey: nil,
                dataflows: [],
                isDeleted: false,
                deletedAt: nil,
                version: envelope.version,
                lastPosition: envelope.position,
                createdAt: envelope.occurredAt,
                updatedAt: envelope.occurredAt,
                credentialsChangedAt: envelope.occurredAt,
                sourceEtag: sourceEtag)
        }
        guard var next = consume state else {
            throw LedgerError.corruptEvent(
                position: envelope.position, detail: "\(event.type.rawValue) before the account was connected")
        }
        switch event {
        case .connected:
            break
        case .renamed(_, let to):
            next.name = to
        case .descriptionChanged(_, let to):
            next.description = to
        case .credentialsRotated(let change), .reconnected(let change):
            for (field, fingerprints) in change.secrets {
                next.credentials[field] = fingerprints.to
            }
            if !change.secrets.isEmpty {
                next.credentialsChangedAt = envelope.occurredAt
            }
            if let username = change.username {
                next.username = username.to
            }
            if let expiresAt = change.expiresAt {
                next.expiresAt = expiresAt.to
            }
            if let authorizedAt = change.authorizedAt {
                next.authorizedAt = authorizedAt.to
            }
        case .settingsChanged(let changes):
            for change in changes {
                next.settings[change.name] = change.to
            }
        case .encryptionKeySet(let key, _):
            next.encryptionKey = key
        case .encryptionKeyRemoved:
            next.encryptionKey = nil
        case .dataflowActivated(let dataflowID):
            next.dataflows.insert(dataflowID)
        case .dataflowDeactivated(let dataflowID):
            next.dataflows.remove(dataflowID)
        case .deleted:
            next.isDeleted = true
            next.deletedAt = envelope.occurredAt
        }
        next.version = envelope.version
        next.lastPosition = envelope.position
        next.updatedAt = envelope.occurredAt
        if let sourceEtag {
            next.sourceEtag = sourceEtag
        }
        return next
    }

    /// Folds a recorded event, decoding its payload first.
    public static func apply(_ envelope: RecordedEvent, to state: AccountState?) throws -> AccountState {
        let decoded = try envelope.decodedPayload()
        return try apply(decoded.event, sourceEtag: decoded.sourceEtag, to: state, envelope: envelope)
    }
}
