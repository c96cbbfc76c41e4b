/// Options of `Ledger.importSnapshots(_:options:)` for one set of snapshot files.
public struct SnapshotImportOptions: Sendable {
    /// Whether the files together list every account, so an imported
    /// account missing from all of them was deleted on the platform.
    /// Accounts that no import made are left alone.
    public var isComplete: Bool
    /// Whether a complete import may list no record at all, and so delete
    /// every imported account. Off by default because an empty file is more
    /// likely a failed export than an emptied platform.
    public var allowsEmpty: Bool
    /// The actor of a record without `updatedBy` or `createdBy`, and of the
    /// deletes that `isComplete` implies.
    public var actor: String
    /// Stored with every appended event.
    public var reason: String?

    public init(isComplete: Bool = false, allowsEmpty: Bool = false, actor: String, reason: String? = nil) {
        self.isComplete = isComplete
        self.allowsEmpty = allowsEmpty
        self.actor = actor
        self.reason = reason
    }
}
