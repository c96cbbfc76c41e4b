/// An account as its events leave it: the fold of its stream up to some point.
public struct AccountState: Equatable, Sendable {
    public var id: String
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
    public var encryptionKey: EncryptionKey?
    public var dataflows: Set<String>
    public var isDeleted: Bool
    public var deletedAt: Int64?
    /// The stream version of the last event folded in.
    public var version: Int
    public var lastPosition: Int64
    /// Occurred time of the first event.
    public var createdAt: Int64
    /// Occurred time of the last event.
    public var updatedAt: Int64
    /// Occurred time of the last change of any secret field.
    public var credentialsChangedAt: Int64
    /// The import source's etag at the last imported change.
    public var sourceEtag: String?

    /// The status at `moment` (milliseconds): a token whose expiry is at or
    /// before the moment asked about is expired then.
    public func status(at moment: Int64) -> AccountStatus {
        if isDeleted {
            return .deleted
        }
        if let expiresAt, expiresAt <= moment {
            return .expired
        }
        return .active
    }
}

/// The status shown in the accounts view.
public enum AccountStatus: String, CaseIterable, Sendable {
    case active
    case expired
    case deleted
}
