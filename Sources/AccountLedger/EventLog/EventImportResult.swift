/// What `Ledger.importEvents(from:name:)` loaded.
public struct EventImportResult: Equatable, Sendable {
    /// The number of events loaded.
    public var eventCount: Int64
    /// Whether the file had an export header whose key check matched this
    /// ledger's. False for exports written before the header existed, whose
    /// fingerprint key cannot be checked.
    public var keyWasChecked: Bool
}

/// Progress of `Ledger.importEvents(from:name:progress:)`: the events
/// loaded so far, and the number the export header announces, or nil for
/// an export without a header.
public typealias EventImportProgress = (_ loaded: Int64, _ announced: Int64?) -> Void

extension Ledger {
    /// Events between two progress reports of an import: the same interval
    /// as a rebuild's, so both commands' progress lines move alike.
    static let eventImportProgressInterval: Int64 = 1_024
}
