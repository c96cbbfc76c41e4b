/// A credential expiry that a change sets at or before its own occurred
/// time, so the account is expired from that change on.
///
/// Saves and imports accept such an expiry, because an admin may record a
/// grant that has already expired on purpose, and report it so that the
/// command can warn about a likely mistyped date.
public struct PastExpiry: Equatable, Sendable {
    public var accountID: String
    /// The expiry the change sets, in milliseconds since the epoch (UTC).
    public var expiresAt: Int64
    /// The change's occurred time, in milliseconds since the epoch (UTC).
    public var occurredAt: Int64

    /// Returns the first past expiry that `pending` sets, or nil when the
    /// events set no expiry or only later ones.
    static func first(in pending: [PendingEvent]) -> PastExpiry? {
        for item in pending {
            guard let expiresAt = newExpiry(of: item.event), expiresAt <= item.occurredAt else { continue }
            return PastExpiry(accountID: item.accountID, expiresAt: expiresAt, occurredAt: item.occurredAt)
        }
        return nil
    }

    /// Returns the expiry that `event` sets, or nil when it sets none or
    /// removes one.
    private static func newExpiry(of event: AccountEvent) -> Int64? {
        switch event {
        case .connected(let connected):
            return connected.expiresAt
        case .credentialsRotated(let change), .reconnected(let change):
            return change.expiresAt?.to
        default:
            return nil
        }
    }
}
