/// Options of `Ledger.importSnapshots(_:options:)` for one set of snapshot files.
public struct SnapshotImportOptions: Sendable {
    /// Whether the files together list every account, so an account
    /// missing from all of them was deleted on the platform.
    public var isComplete: Bool
    /// The actor of a record without `updatedBy` or `createdBy`, and of the
    /// deletes that `isComplete` implies.
    public var actor: String
    /// Stored with every appended event.
    public var reason: String?

    public init(isComplete: Bool = false, actor: String, reason: String? = nil) {
        self.isComplete = isComplete
        self.actor = actor
        self.reason = reason
    }
}
