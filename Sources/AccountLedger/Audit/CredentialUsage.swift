/// One period in which an account held a given credential value.
public struct CredentialUsage: Equatable, Sendable {
    public var accountID: String
    /// The account's name when the period began.
    public var accountName: String
    public var destination: String
    /// The credential field that held the value, such as `secretKey`.
    public var field: String
    /// When the value was set (occurred time, milliseconds).
    public var from: Int64
    /// When it was replaced or the account deleted; nil while still in use.
    public var to: Int64?
    /// Log positions of the events that began and ended the period.
    public var fromPosition: Int64
    public var toPosition: Int64?

    /// Returns whether the account held the value at occurred time
    /// `moment`. The change that ends a period takes effect at its own
    /// time, as `--as-of` applies a change at exactly its moment.
    public func isInUse(at moment: Int64) -> Bool {
        from <= moment && to.map { moment < $0 } ?? true
    }

    /// The usage for `--json` output, with RFC 3339 times.
    public var json: JSONValue {
        .object([
            "accountId": .string(accountID),
            "accountName": .string(accountName),
            "destination": .string(destination),
            "field": .string(field),
            "from": .string(Timestamp.format(from)),
            "to": to.map { .string(Timestamp.format($0)) } ?? .null,
            "fromPosition": .integer(fromPosition),
            "toPosition": toPosition.map { .integer($0) } ?? .null,
        ])
    }
}
