/// One save in a batch: a command for one account and the context it runs in.
public struct AccountSave: Sendable {
    public var command: AccountCommand
    public var accountID: String
    public var context: SaveContext

    public init(_ command: AccountCommand, accountID: String, context: SaveContext) {
        self.command = command
        self.accountID = accountID
        self.context = context
    }
}

extension Ledger {
    /// Applies several saves in one write transaction: either all of them
    /// are appended or, when any one throws, none is.
    ///
    /// Each save is decided against the state the earlier saves of the
    /// batch left and keeps its own correlation id, exactly as if it had
    /// been saved alone. One transaction per batch makes bulk loads much
    /// faster than one save at a time, because each commit waits for the
    /// disk (`synchronous=FULL`).
    ///
    /// - Returns: one result per save, in order.
    /// - Throws: the first error of any save, as `save(_:accountID:context:)`
    ///   throws it. Nothing is written when it throws.
    @discardableResult
    public func save(_ saves: [AccountSave]) throws -> [SaveResult] {
        for save in saves {
            try checkContext(save.context)
        }
        let decider = makeDecider()
        return try storageOperation {
            try database.write { db in
                try saves.map { item in
                    try save(item.command, accountID: item.accountID, context: item.context, decider: decider, in: db)
                }
            }
        }
    }
}
