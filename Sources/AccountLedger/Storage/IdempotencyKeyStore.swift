/// Reads and writes the `idempotency_keys` table: for each keyed save, the
/// account, a digest of the request and the log position after the save.
///
/// The table is not a projection: the request digest is in no event, so
/// `rebuild` cannot derive the rows from the log. Callers run the store
/// inside a transaction of `Database`, as they do `EventStore`.
struct IdempotencyKeyStore {
    /// One keyed save as the table records it.
    struct Entry: Equatable {
        var key: String
        var accountID: String
        var requestDigest: String
        /// The head of the log after the save: its last event, or the head
        /// it found when it appended nothing.
        var position: Int64
    }

    let db: Database

    func entry(key: String) throws -> Entry? {
        try db.statement(
            "SELECT idempotency_key, account_id, request_digest, position FROM idempotency_keys WHERE idempotency_key = ?"
        ).firstRow([.text(key)], Self.decodeRow)
    }

    func insert(_ entry: Entry) throws {
        try db.run(
            "INSERT INTO idempotency_keys (idempotency_key, account_id, request_digest, position) VALUES (?, ?, ?, ?)",
            [.text(entry.key), .text(entry.accountID), .text(entry.requestDigest), .integer(entry.position)])
    }

    func remove(key: String) throws {
        try db.run("DELETE FROM idempotency_keys WHERE idempotency_key = ?", [.text(key)])
    }

    /// Calls `body` with every entry at or below `position`, in key order.
    func forEachEntry(upToPosition position: Int64, _ body: (Entry) throws -> Void) throws {
        try db.statement("""
            SELECT idempotency_key, account_id, request_digest, position FROM idempotency_keys
            WHERE position <= ? ORDER BY idempotency_key
            """
        ).forEachRow([.integer(position)]) { try body(Self.decodeRow($0)) }
    }

    private static func decodeRow(_ row: Row) -> Entry {
        Entry(key: row.string(0), accountID: row.string(1), requestDigest: row.string(2), position: row.int64(3))
    }
}
