/// One user action on one account: what a "Save" in the platform's
/// Accounts tab does. Deciding it against the account's state yields the
/// events to append, possibly none.
public enum AccountCommand: Sendable {
    case connect(ConnectRequest)
    case edit(EditRequest)
    case reconnect(ReconnectRequest)
    case setEncryptionKey(publicKey: String, algorithm: String)
    case removeEncryptionKey
    case activateDataflow(String)
    case deactivateDataflow(String)
    case delete(force: Bool)
}

/// A new account and its first credentials.
public struct ConnectRequest: Sendable {
    public var name: String
    public var description: String
    public var destination: String
    /// Required for a destination the catalog does not list; otherwise it
    /// must be one of the destination's types and defaults to the first.
    public var connectionType: ConnectionType?
    public var username: String?
    public var settings: [String: String]
    public var secrets: [String: Secret]
    public var expiresAt: Int64?

    public init(
        name: String,
        description: String = "",
        destination: String,
        connectionType: ConnectionType? = nil,
        username: String? = nil,
        settings: [String: String] = [:],
        secrets: [String: Secret] = [:],
        expiresAt: Int64? = nil
    ) {
        self.name = name
        self.description = description
        self.destination = destination
        self.connectionType = connectionType
        self.username = username
        self.settings = settings
        self.secrets = secrets
        self.expiresAt = expiresAt
    }
}

/// Changes to name, description and non-OAuth credentials; nil leaves a
/// field as it is.
public struct EditRequest: Sendable {
    public var name: String?
    public var description: String?
    public var username: String?
    public var settings: [String: String]
    public var secrets: [String: Secret]
    public var expiresAt: Int64?

    public init(
        name: String? = nil,
        description: String? = nil,
        username: String? = nil,
        settings: [String: String] = [:],
        secrets: [String: Secret] = [:],
        expiresAt: Int64? = nil
    ) {
        self.name = name
        self.description = description
        self.username = username
        self.settings = settings
        self.secrets = secrets
        self.expiresAt = expiresAt
    }
}

/// A new OAuth grant for an OAuth1 or OAuth2 account.
public struct ReconnectRequest: Sendable {
    public var secrets: [String: Secret]
    public var expiresAt: Int64?

    public init(secrets: [String: Secret], expiresAt: Int64? = nil) {
        self.secrets = secrets
        self.expiresAt = expiresAt
    }
}

/// Who made a save, when, why, and under which guards.
public struct SaveContext: Sendable {
    public var actor: String
    public var reason: String?
    /// When the change happened (milliseconds); nil means now.
    public var occurredAt: Int64?
    /// The version the writer saw; a different current version is a conflict.
    public var expectedVersion: Int?
    /// A retried save with the same key appends nothing the second time.
    public var idempotencyKey: String?

    public init(
        actor: String,
        reason: String? = nil,
        occurredAt: Int64? = nil,
        expectedVersion: Int? = nil,
        idempotencyKey: String? = nil
    ) {
        self.actor = actor
        self.reason = reason
        self.occurredAt = occurredAt
        self.expectedVersion = expectedVersion
        self.idempotencyKey = idempotencyKey
    }
}

/// The outcome of one save.
public struct SaveResult: Sendable {
    public var accountID: String
    /// The events appended, in order; empty when nothing changed.
    public var events: [RecordedEvent]
    /// True when an earlier save with the same idempotency key already
    /// applied this command, so nothing new was appended.
    public var wasAlreadyApplied: Bool
    /// The account's version after the save.
    public var version: Int
    /// The expiry this save set at or before its own occurred time, for the
    /// command's warning, or nil when it set none or a later one.
    public var pastExpiry: PastExpiry? = nil
}
