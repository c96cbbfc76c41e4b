/// Account states stored after every `interval`th version, so that a fold
/// as of a moment starts from the last snapshot by then instead of the
/// account's first event.
///
/// A snapshot contains nothing the log does not: the inline writer and the
/// rebuild write it from the same fold as the other projections, and
/// `verify` checks every stored row against the replay. Unlike those
/// projections a row may be missing, as in a ledger made before schema
/// version 5 until `ledger rebuild`, and the fold then starts earlier.
enum AccountSnapshots {
    static let table = "account_snapshots"

    /// One snapshot every this many versions, so a fold reads at most 63
    /// events after one.
    static let interval = 64

    static func isDue(version: Int) -> Bool {
        version % interval == 0
    }

    static let insertSQL = """
        INSERT INTO account_snapshots (account_id, version, position, occurred_at, state) VALUES (?, ?, ?, ?, ?)
        """

    /// Returns the snapshot row of the state an event left, in table order.
    static func row(_ envelope: RecordedEvent, after state: AccountState) -> [SQLiteValue] {
        [
            .text(state.id), .integer(Int64(envelope.version)), .integer(envelope.position),
            .integer(envelope.occurredAt), .text(state.canonicalJSONText),
        ]
    }

    /// Returns an account's last snapshot whose event was recorded at or
    /// before `position` and occurred at or before `asOf`, nil when there
    /// is none. Occurred times never decrease within an account, so every
    /// event up to that version passes the same two tests.
    ///
    /// - Throws: `LedgerError.storage` when the stored state cannot be read.
    static func latest(in db: Database, accountID: String, upToPosition position: Int64, asOf: Int64) throws
        -> (version: Int, state: AccountState)? {
        let statement = try db.statement("""
            SELECT version, state FROM account_snapshots
            WHERE account_id = ? AND position <= ? AND occurred_at <= ? ORDER BY version DESC LIMIT 1
            """)
        let found = try statement.firstRow([.text(accountID), .integer(position), .integer(asOf)]) {
            (version: $0.int(0), state: $0.bytes(1))
        }
        guard let found else { return nil }
        let state = try StoredState.decode(
            found.state, accountID: accountID, row: "in the account_snapshots projection at version \(found.version)",
            path: db.path)
        guard state.version == found.version else {
            throw LedgerError.storage(
                path: db.path,
                problem: "the snapshot of account \(accountID) at version \(found.version) contains the state of account \(state.id) at version \(state.version); \(StoredState.repairAdvice)")
        }
        return (found.version, state)
    }
}
