/// Filters for `Ledger.auditEntries(_:)`; every filter left empty matches all.
public struct AuditQuery: Sendable {
    /// Only changes that occurred at or after this time (milliseconds).
    public var since: Int64?
    /// Only changes that occurred before this time (milliseconds).
    public var until: Int64?
    /// Only changes made by this actor. Canonically equivalent texts are
    /// equal (a precomposed `é` matches `e` and U+0301), but case counts.
    public var actor: String?
    public var accountID: String?
    /// Any of these destinations.
    public var destinations: [String] = []
    /// Any of these kinds.
    public var kinds: Set<AuditKind> = []
    /// Only changes recorded at or before this log position.
    public var knownAtPosition: Int64?
    /// The recorded time that `knownAtPosition` was found for, named in the
    /// error for an account connected after it.
    public var knownAt: Int64?

    public init() {}
}
