/// A keyed fingerprint of a credential value: HMAC-SHA256 under the ledger's
/// key, in hex.
///
/// Equal secrets give equal fingerprints within one ledger, so a leaked
/// secret can be matched, yet the fingerprint reveals nothing without the key.
public struct CredentialFingerprint: Equatable, Hashable, Sendable {
    /// The full HMAC in lower-case hex (64 digits).
    public let hex: String
    /// A masked suffix of the value, kept only for identifiers.
    public let hint: String?

    public init(hex: String, hint: String? = nil) {
        self.hex = hex
        self.hint = hint
    }

    /// The first 12 hex digits, enough to tell values apart in a listing.
    public var short: String { String(hex.prefix(12)) }

    var json: JSONValue {
        var members: JSONObject = ["fingerprint": .string(hex)]
        if let hint {
            members["hint"] = .string(hint)
        }
        return .object(members)
    }

    init?(json: JSONValue?) {
        guard let hex = json?["fingerprint"]?.stringValue else { return nil }
        self.hex = hex
        self.hint = json?["hint"]?.stringValue
    }
}
