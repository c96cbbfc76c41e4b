/// What `Ledger.importEvents(from:name:)` loaded.
public struct EventImportResult: Equatable, Sendable {
    /// The number of events loaded.
    public var eventCount: Int64
    /// Whether the file had an export header whose key check matched this
    /// ledger's. False for exports written before the header existed, whose
    /// fingerprint key cannot be checked.
    public var keyWasChecked: Bool
}
