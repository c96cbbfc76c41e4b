/// The outcome of `Ledger.rebuildProjections`.
public struct RebuildResult: Equatable, Sendable {
    /// The number of events replayed.
    public var eventCount: Int64
    /// The triggers on `events` that were missing or altered and were
    /// created again from the schema, in schema order.
    public var restoredTriggers: [String]
    /// The indexes of the schema that were missing or altered and were
    /// created again from it, in schema order.
    public var restoredIndexes: [String]
    /// The triggers the schema does not define, on any table, that were
    /// dropped before the rebuild, in creation order.
    public var droppedTriggers: [String]
    /// The keys of the `idempotency_keys` rows that contradicted the log and
    /// were deleted, by position and then key.
    public var removedIdempotencyKeys: [String]
}
