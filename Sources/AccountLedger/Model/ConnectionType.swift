/// The method an account uses to authenticate with its destination.
public enum ConnectionType: String, CaseIterable, Sendable, Codable {
    case oauth1
    case oauth2
    case accessKey = "access-key"
    case connectionString = "connection-string"
    case bearerToken = "bearer-token"
    case basic
    case serverToServer = "server-to-server"

    /// Whether a reconnect (a new grant) is the way its credentials change.
    public var isOAuth: Bool { self == .oauth1 || self == .oauth2 }

    /// Whether tokens of this type carry an expiry.
    public var supportsExpiry: Bool { isOAuth || self == .bearerToken }

    /// The credential fields a user supplies on the command line, in the
    /// order they are read from standard input.
    public var credentialFields: [CredentialField] {
        switch self {
        case .oauth1:
            return [
                CredentialField(name: "accessToken", kind: .secret, required: true),
                CredentialField(name: "tokenSecret", kind: .secret, required: true),
            ]
        case .oauth2:
            return [
                CredentialField(name: "accessToken", kind: .secret, required: true),
                CredentialField(name: "refreshToken", kind: .secret, required: false),
            ]
        case .accessKey:
            return [
                CredentialField(name: "accessKeyId", kind: .secret, required: true, keepsHint: true),
                CredentialField(name: "secretKey", kind: .secret, required: true),
            ]
        case .connectionString:
            return [CredentialField(name: "connectionString", kind: .secret, required: true)]
        case .bearerToken:
            return [CredentialField(name: "token", kind: .secret, required: true)]
        case .basic:
            return [
                CredentialField(name: "username", kind: .identity, required: true),
                CredentialField(name: "password", kind: .secret, required: true),
            ]
        case .serverToServer:
            return []
        }
    }
}

/// One credential parameter of a connection type.
public struct CredentialField: Equatable, Sendable {
    /// The way the ledger stores a parameter's value.
    public enum Kind: String, Sendable {
        /// Kept in clear, shown in views (a username).
        case identity
        /// Kept in clear, not a credential (a host name, a port).
        case setting
        /// Kept only as a keyed fingerprint.
        case secret
    }

    public let name: String
    public let kind: Kind
    public let required: Bool
    /// Whether the last four code points are kept as a masked hint, as for an
    /// access key id.
    public let keepsHint: Bool

    public init(name: String, kind: Kind, required: Bool, keepsHint: Bool = false) {
        self.name = name
        self.kind = kind
        self.required = required
        self.keepsHint = keepsHint
    }
}
