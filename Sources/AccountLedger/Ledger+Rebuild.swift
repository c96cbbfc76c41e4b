extension Ledger {
    /// The environment variable that slows a rebuild down by this many
    /// microseconds per event. Only tests set it, to kill a rebuild half-way.
    public static let rebuildDelayVariable = "LEDGER_TEST_REBUILD_DELAY_US"

    /// Drops the projections and replays the whole log into them, in one
    /// transaction: if it fails or the process dies, the old projections stay.
    /// The same transaction creates again, from the schema, every trigger on
    /// `events` that is missing or altered (`EventGuards`), which `verify`
    /// reports. It also deletes the `idempotency_keys` rows that contradict
    /// the log (`IdempotencyKeyCheck`), because no event carries a request
    /// digest to rebuild them from. A removed row is the safe side: a save
    /// with a removed key that events carry is then rejected as a conflict,
    /// where the row could have reported another request as already applied.
    ///
    /// - Parameters:
    ///   - projections: names from `ProjectionWriter.names`; nil rebuilds all.
    ///   - progress: called with (events done, events in the log) each time
    ///     the count passes a multiple of 1,024 events, and once at the end.
    /// - Returns: the number of events replayed, the triggers restored and
    ///   the idempotency keys removed.
    /// - Throws: `LedgerError.verificationFailed` for an event that fails its
    ///   hash or does not link to the one before (nothing is changed then),
    ///   `.invalidInput` for an unknown projection name,
    ///   `.unknownEventType` or `.corruptEvent` for an event that cannot be
    ///   replayed (nothing is changed then), `.storage`.
    @discardableResult
    public func rebuildProjections(
        _ projections: [String]? = nil,
        progress: ((Int64, Int64) -> Void)? = nil
    ) throws -> RebuildResult {
        let names = Set(projections ?? ProjectionWriter.names)
        for name in names.sorted() where !ProjectionWriter.names.contains(name) {
            throw LedgerError.invalidInput(
                location: "projection",
                problem: "\(name) is not a projection; expected one of \(ProjectionWriter.names.joined(separator: ", "))")
        }
        let connection = try Self.openDatabase(path: path, mode: .readWrite)
        var rebuilder = ProjectionRebuilder(db: connection, projections: names)
        rebuilder.delayMicroseconds = environment[Self.rebuildDelayVariable].flatMap { UInt32($0) } ?? 0
        rebuilder.checksHashChain = true
        return try storageOperation { try rebuilder.run(progress: progress) }
    }

    /// The names of the projections that `rebuildProjections` accepts.
    public static var projectionNames: [String] { ProjectionWriter.names }
}
