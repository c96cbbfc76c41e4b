/// One row of the audit trail: one changed field of one event.
public struct AuditEntry: Equatable, Sendable {
    public var position: Int64
    /// The row's index among the rows of its event, from 0.
    public var sequence: Int
    public var accountID: String
    public var version: Int
    /// When the change happened, in milliseconds since the epoch (UTC).
    public var occurredAt: Int64
    /// When the ledger stored it, in milliseconds since the epoch (UTC).
    public var recordedAt: Int64
    public var actor: String
    public var kind: AuditKind
    /// The change in one word: connected, renamed, rotated, reconnected, and so on.
    public var change: String
    /// The changed field, such as `secretKey` or `name`; nil for a whole-account change.
    public var field: String?
    /// The value before: a fingerprint for secrets and encryption keys, clear text otherwise.
    public var oldValue: String?
    /// The value after, in the same form as `oldValue`.
    public var newValue: String?
    /// The account's name right after the event.
    public var accountName: String
    public var destination: String
    public var reason: String?
    public var correlationID: String

    /// Fields of credential rows whose values are kept in clear.
    static let clearCredentialFields: Set<String> = ["username", "expiresAt", "authorizedAt"]

    /// Whether `oldValue` and `newValue` are fingerprints (keyed for secrets,
    /// SHA-256 for public keys) rather than clear text.
    public var valuesAreFingerprints: Bool {
        switch kind {
        case .encryptionKey:
            return true
        case .credentials, .oauth:
            guard let field else { return false }
            return !Self.clearCredentialFields.contains(field)
        case .lifecycle, .dataflow:
            return false
        }
    }

    /// The entry for `--json` output, with full values and RFC 3339 times.
    public var json: JSONValue {
        .object([
            "position": .integer(position),
            "sequence": .integer(Int64(sequence)),
            "accountId": .string(accountID),
            "version": .integer(Int64(version)),
            "occurredAt": .string(Timestamp.format(occurredAt)),
            "recordedAt": .string(Timestamp.format(recordedAt)),
            "actor": .string(actor),
            "accountName": .string(accountName),
            "destination": .string(destination),
            "kind": .string(kind.rawValue),
            "change": .string(change),
            "field": field.map { .string($0) } ?? .null,
            "old": oldValue.map { .string($0) } ?? .null,
            "new": newValue.map { .string($0) } ?? .null,
            "reason": reason.map { .string($0) } ?? .null,
            "correlationId": .string(correlationID),
        ])
    }
}
