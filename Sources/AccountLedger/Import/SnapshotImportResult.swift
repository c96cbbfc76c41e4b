/// The outcome of importing snapshot files.
public struct SnapshotImportResult: Sendable {
    /// Records read from all files.
    public var recordCount = 0
    /// Ids of accounts the import connected, in file order.
    public var connected: [String] = []
    /// Ids of existing accounts the import changed, in file order; an id
    /// changed by several files appears once per file.
    public var changed: [String] = []
    /// Ids of accounts deleted because a complete import did not list them.
    public var deleted: [String] = []
    /// The ids in `deleted` whose accounts still had active dataflows: the
    /// platform already deleted them, so their deletes are forced.
    public var deletedInUse: [String] = []
    /// Ids of live accounts a complete import did not list but kept,
    /// because no import made them (`ledger connect` did).
    public var keptUnlisted: [String] = []
    /// Records that appended nothing: no difference the ledger tracks, or a
    /// version of the account that an import already stored with its etag.
    public var unchangedCount = 0
    /// Expiries that records set at or before their own occurred times, in
    /// file order, so the command can warn.
    public var pastExpiries: [PastExpiry] = []
    /// Events appended, deletes included.
    public var eventCount = 0
    /// Positions of the first and last appended events; nil when none.
    public var firstPosition: Int64?
    public var lastPosition: Int64?

    public init() {}

    mutating func add(_ events: [RecordedEvent]) {
        guard let first = events.first, let last = events.last else { return }
        eventCount += events.count
        firstPosition = firstPosition ?? first.position
        lastPosition = last.position
    }
}
