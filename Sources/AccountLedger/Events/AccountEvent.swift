/// A change to one account, as stored in an event's payload.
///
/// Every case names an event type of the log; its payload schema is
/// `Schemas/events/<Type>.v<N>.schema.json`.
public enum AccountEvent: Equatable, Sendable {
    case connected(AccountConnected)
    case renamed(from: String, to: String)
    case descriptionChanged(from: String, to: String)
    case credentialsRotated(CredentialChange)
    case reconnected(CredentialChange)
    case settingsChanged([SettingChange])
    case encryptionKeySet(EncryptionKey, previous: String?)
    case encryptionKeyRemoved(previous: String)
    case dataflowActivated(dataflowID: String)
    case dataflowDeactivated(dataflowID: String)
    case deleted(forced: Bool, activeDataflows: [String])

    /// The event type name stored in the `type` column.
    public var type: EventType {
        switch self {
        case .connected: return .accountConnected
        case .renamed: return .accountRenamed
        case .descriptionChanged: return .accountDescriptionChanged
        case .credentialsRotated: return .credentialsRotated
        case .reconnected: return .accountReconnected
        case .settingsChanged: return .settingsChanged
        case .encryptionKeySet: return .encryptionKeySet
        case .encryptionKeyRemoved: return .encryptionKeyRemoved
        case .dataflowActivated: return .dataflowActivated
        case .dataflowDeactivated: return .dataflowDeactivated
        case .deleted: return .accountDeleted
        }
    }
}

/// Every event type this build reads and writes, with the payload schema
/// version it writes.
public enum EventType: String, CaseIterable, Sendable {
    case accountConnected = "AccountConnected"
    case accountRenamed = "AccountRenamed"
    case accountDescriptionChanged = "AccountDescriptionChanged"
    case credentialsRotated = "CredentialsRotated"
    case accountReconnected = "AccountReconnected"
    case settingsChanged = "SettingsChanged"
    case encryptionKeySet = "EncryptionKeySet"
    case encryptionKeyRemoved = "EncryptionKeyRemoved"
    case dataflowActivated = "DataflowActivated"
    case dataflowDeactivated = "DataflowDeactivated"
    case accountDeleted = "AccountDeleted"

    /// Returns the type stored under `name`, or nil for a name this build
    /// does not know. The synthesized `init(rawValue:)` compares the name
    /// with each case in turn, and a stream read looks up every event's
    /// type, so this hashes it once into a table instead.
    public static func named(_ name: String) -> EventType? {
        typesByName[name]
    }

    private static let typesByName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// The payload schema version this build writes. Older versions are
    /// still read: `EventUpcaster` rewrites them into the current shape.
    public var currentSchemaVersion: Int {
        switch self {
        case .credentialsRotated: return 2
        default: return 1
        }
    }
}

/// The payload of `AccountConnected`: the whole account as first recorded.
public struct AccountConnected: Equatable, Sendable {
    public var name: String
    public var description: String
    public var destination: String
    public var connectionType: ConnectionType
    public var username: String?
    public var settings: [String: String]
    public var credentials: [String: CredentialFingerprint]
    /// Milliseconds since the epoch, UTC.
    public var authorizedAt: Int64?
    /// Milliseconds since the epoch, UTC.
    public var expiresAt: Int64?

    public init(
        name: String,
        description: String,
        destination: String,
        connectionType: ConnectionType,
        username: String? = nil,
        settings: [String: String] = [:],
        credentials: [String: CredentialFingerprint] = [:],
        authorizedAt: Int64? = nil,
        expiresAt: Int64? = nil
    ) {
        self.name = name
        self.description = description
        self.destination = destination
        self.connectionType = connectionType
        self.username = username
        self.settings = settings
        self.credentials = credentials
        self.authorizedAt = authorizedAt
        self.expiresAt = expiresAt
    }
}

/// The payload of `CredentialsRotated` and `AccountReconnected`.
public struct CredentialChange: Equatable, Sendable {
    /// Changed secret fields, by field name: the old and new fingerprints.
    /// A nil side means the field was absent.
    public var secrets: [String: FingerprintChange]
    /// The username before and after, when it changed.
    public var username: ValueChange?
    /// The token expiry before and after, when it changed (milliseconds).
    public var expiresAt: TimeChange?
    /// The authorization date before and after, when it changed (milliseconds).
    public var authorizedAt: TimeChange?

    public init(
        secrets: [String: FingerprintChange] = [:],
        username: ValueChange? = nil,
        expiresAt: TimeChange? = nil,
        authorizedAt: TimeChange? = nil
    ) {
        self.secrets = secrets
        self.username = username
        self.expiresAt = expiresAt
        self.authorizedAt = authorizedAt
    }

    public var isEmpty: Bool {
        secrets.isEmpty && username == nil && expiresAt == nil && authorizedAt == nil
    }
}

/// Old and new fingerprints of one secret field.
public struct FingerprintChange: Equatable, Sendable {
    public var from: CredentialFingerprint?
    public var to: CredentialFingerprint?

    public init(from: CredentialFingerprint?, to: CredentialFingerprint?) {
        self.from = from
        self.to = to
    }
}

/// Old and new values of a field kept in clear.
public struct ValueChange: Equatable, Sendable {
    public var from: String?
    public var to: String?

    public init(from: String?, to: String?) {
        self.from = from
        self.to = to
    }
}

/// Old and new values of a time, in milliseconds since the epoch.
public struct TimeChange: Equatable, Sendable {
    public var from: Int64?
    public var to: Int64?

    public init(from: Int64?, to: Int64?) {
        self.from = from
        self.to = to
    }
}

/// One changed setting (a host name, a port), kept in clear.
public struct SettingChange: Equatable, Sendable {
    public var name: String
    public var from: String?
    public var to: String?

    public init(name: String, from: String?, to: String?) {
        self.name = name
        self.from = from
        self.to = to
    }
}

/// An RSA or PGP public key used to encrypt exported files, identified by
/// the SHA-256 of its text. Public keys are not secret, so the digest is
/// unkeyed and anyone holding the key file can check it.
public struct EncryptionKey: Equatable, Sendable {
    public var algorithm: String
    public var fingerprint: String

    public init(algorithm: String, fingerprint: String) {
        self.algorithm = algorithm
        self.fingerprint = fingerprint
    }
}

extension EncryptionKey {
    /// Returns whether `other` is the same key recorded with an algorithm
    /// of the same bytes. The synthesized `==` compares the algorithm as
    /// Swift compares text, ignoring differences in Unicode normalization.
    func hasSameBytes(as other: EncryptionKey?) -> Bool {
        guard let other else { return false }
        return fingerprint == other.fingerprint && algorithm.hasSameBytes(as: other.algorithm)
    }
}
