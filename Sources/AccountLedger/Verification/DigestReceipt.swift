/// A small record of the log's head at one moment: its position and hash,
/// optionally signed with an Ed25519 key.
///
/// Kept somewhere the ledger's writers cannot reach, a receipt lets a later
/// `verify` prove that nothing at or before its position has changed since,
/// which the hash chain alone cannot prove against someone able to rewrite
/// the whole file.
public struct DigestReceipt: Equatable, Sendable {
    /// The format tag written into every receipt, so other JSON is rejected.
    public static let format = "ledger-receipt-1"

    /// The head position when the receipt was taken; 0 for an empty log.
    public var position: Int64
    /// The hash of the event at `position`, or the genesis hash for an empty log.
    public var hash: String
    /// When the receipt was taken, in milliseconds since the epoch (UTC).
    public var takenAt: Int64
    /// The Ed25519 signature of `signedText`, in hex.
    public var signature: String?
    /// The Ed25519 public key that made `signature`, in hex.
    public var publicKey: String?

    public init(position: Int64, hash: String, takenAt: Int64, signature: String? = nil, publicKey: String? = nil) {
        self.position = position
        self.hash = hash
        self.takenAt = takenAt
        self.signature = signature
        self.publicKey = publicKey
    }

    /// The canonical JSON text that the signature covers: every field but
    /// the signature and the public key.
    public var signedText: String {
        JSONWriter.canonical([
            "format": .string(Self.format),
            "position": .integer(position),
            "hash": .string(hash),
            "taken_at": .string(Timestamp.format(takenAt)),
        ])
    }

    /// The receipt as a JSON object, ready to print or store.
    public var json: JSONValue {
        var members: JSONObject = [
            "format": .string(Self.format),
            "position": .integer(position),
            "hash": .string(hash),
            "taken_at": .string(Timestamp.format(takenAt)),
        ]
        if let signature, let publicKey {
            members["signature"] = .string(signature)
            members["public_key"] = .string(publicKey)
        }
        return .object(members)
    }

    /// Returns the receipt signed with `key`.
    public func signed(with key: SigningKey) throws -> DigestReceipt {
        var copy = self
        copy.signature = Hex.encode(try key.sign(Array(signedText.utf8)))
        copy.publicKey = Hex.encode(key.publicKey)
        return copy
    }
}
