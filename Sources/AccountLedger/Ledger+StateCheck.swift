extension Ledger {
    /// Throws the error that `save(_:accountID:context:)` would throw for
    /// `command` because of the account's current state, before the caller
    /// reads the command's secrets. A person at a prompt then types no
    /// secret for a change that the ledger rejects anyway. `save` checks
    /// again, because the account may change between the two calls.
    ///
    /// A command whose idempotency key the ledger has already stored is not
    /// checked. Its retry returns the earlier result even when the account
    /// has changed since, and only `save` can compare the two requests.
    ///
    /// - Parameter secretFields: the names of the secret fields the caller
    ///   will add to the command before it saves it. Each must be one the
    ///   connection type or the account has, so a misspelt name fails
    ///   before the caller reads any secret.
    /// - Throws: `LedgerError.invalidInput` for a bad context, an unknown
    ///   secret field or, on a connect with secret fields, a destination or
    ///   type that names no connection type,
    ///   `.versionConflict`, `.accountExists`, `.deletedAccountExists`,
    ///   `.accountNotFound`, `.rejected` and `.storage`, as `save` does.
    public func checkState(
        _ command: AccountCommand,
        accountID: String,
        context: SaveContext,
        secretFields: Set<String>
    ) throws {
        try checkContext(context)
        let decider = makeDecider()
        try storageOperation {
            try database.read { db in
                if let key = context.idempotencyKey {
                    let isKnown = try IdempotencyKeyStore(db: db).entry(key: key) != nil
                        || !(try EventStore(db: db).events(idempotencyKey: key).isEmpty)
                    if isKnown {
                        return
                    }
                }
                let state = try ProjectionWriter(db: db).currentState(accountID: accountID)
                let currentVersion = state?.version ?? 0
                if let expected = context.expectedVersion, expected != currentVersion {
                    throw LedgerError.versionConflict(accountID: accountID, expected: expected, actual: currentVersion)
                }
                try decider.checkState(command, accountID: accountID, state: state, secretFields: secretFields)
            }
        }
    }
}
