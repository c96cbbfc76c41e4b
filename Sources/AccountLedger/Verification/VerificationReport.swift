/// What a successful `Ledger.verify` checked.
public struct VerificationReport: Equatable, Sendable {
    /// The number of events checked, which is also the head position.
    public var eventCount: Int64
    /// The hash of the last event, or the genesis hash for an empty log.
    public var headHash: String
    /// The number of accounts whose projections were compared with a replay.
    public var accountCount: Int
    /// The position of the receipt the log was checked against, if any.
    public var receiptPosition: Int64?
    /// Whether the receipt's signature was checked.
    public var receiptSignatureChecked: Bool
    /// Whether the fingerprint key could be loaded, from `$LEDGER_KEY` or
    /// the key file, and was found to match `ledger_metadata.key_check`.
    public var keyChecked = false
    /// The reason the fingerprint key did not load, in the key loader's
    /// words, or nil when it loaded. The words name the key's source, never
    /// its value.
    public var keyLoadFailure: String?
}
