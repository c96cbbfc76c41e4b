/// Checks the `idempotency_keys` rows against the event log.
///
/// A row's request digest is in no event, so only its form can be checked:
/// 64 lower-case hex digits, as `AccountCommand.requestDigest` writes a
/// SHA-256. What the log does show is where each keyed save ended and on
/// which account:
///
/// - a row's position is within the log;
/// - when events carry the row's key, they all belong to the row's account
///   and the last of them is at the row's position;
/// - when no event carries it (a save that changed nothing), the row's
///   account was connected, and not deleted, at the row's position.
///
/// A row that fails one of these would judge retries against a request
/// that the log contradicts.
struct IdempotencyKeyCheck {
    /// One row that contradicts the log.
    struct Contradiction: Equatable {
        var key: String
        /// The row's position, or nil when it is outside the log.
        var position: Int64?
        var problem: String
        /// Whether the row is past the end of the log, which can also mean
        /// that events were cut from the end.
        var isPastEnd: Bool

        /// The `verify` failure for this row, with how to repair it.
        var verificationFailure: LedgerError {
            var detail = "\(problem). The row's request digest is what a retry with this key is compared with, "
                + "so the ledger would judge retries against a request the log contradicts. "
                + "`ledger rebuild` removes the rows that contradict the log, after which a save with a removed key "
                + "that events carry is rejected as a conflict"
            if isPastEnd {
                detail += ". A row past the end can also mean that events were cut from the end of the log, "
                    + "which only a receipt shows: run `ledger verify --digest RECEIPT` before rebuilding"
            }
            return .verificationFailed(position: position, detail: detail)
        }
    }

    let db: Database

    /// Returns the first row that contradicts the log, by position and then key.
    func firstContradiction(headPosition: Int64) throws -> Contradiction? {
        var first: Contradiction?
        try forEachContradiction(headPosition: headPosition) { contradiction in
            first = contradiction
            return false
        }
        return first
    }

    /// Returns every row that contradicts the log, by position and then key.
    func contradictions(headPosition: Int64) throws -> [Contradiction] {
        var found: [Contradiction] = []
        try forEachContradiction(headPosition: headPosition) { contradiction in
            found.append(contradiction)
            return true
        }
        return found
    }

    /// Deletes every row that contradicts the log and returns their keys, by
    /// position and then key. The caller owns the write transaction.
    func removeContradictions() throws -> [String] {
        let head = try EventStore(db: db).head().position
        let keys = try contradictions(headPosition: head).map(\.key)
        let store = IdempotencyKeyStore(db: db)
        for key in keys {
            try store.remove(key: key)
        }
        return keys
    }

    /// Reads each row with the facts of the log it is checked against, one
    /// indexed lookup per fact, so memory does not grow with the table.
    private func forEachContradiction(headPosition: Int64, _ body: (Contradiction) throws -> Bool) throws {
        // The columns after the row's own: the last event with the key, the
        // first such event on another account and that account, the
        // account's connect, and its delete (always its last event).
        let statement = try db.statement("""
            SELECT k.idempotency_key, k.account_id, k.position,
                (SELECT max(e.position) FROM main.events e WHERE e.idempotency_key = k.idempotency_key),
                (SELECT e.position FROM main.events e
                    WHERE e.idempotency_key = k.idempotency_key AND e.account_id IS NOT k.account_id
                    ORDER BY e.position LIMIT 1),
                (SELECT e.account_id FROM main.events e
                    WHERE e.idempotency_key = k.idempotency_key AND e.account_id IS NOT k.account_id
                    ORDER BY e.position LIMIT 1),
                (SELECT e.position FROM main.events e WHERE e.account_id = k.account_id AND e.version = 1),
                (SELECT CASE WHEN e.type = ? THEN e.position END FROM main.events e
                    WHERE e.account_id = k.account_id ORDER BY e.version DESC LIMIT 1),
                k.request_digest
            FROM main.idempotency_keys k
            ORDER BY k.position, k.idempotency_key
            """)
        try statement.forEachRowWhile([.text(EventType.accountDeleted.rawValue)]) { row in
            let facts = RowFacts(
                key: row.string(0), accountID: row.string(1), position: row.int64(2),
                lastEventPosition: row.optionalInt64(3),
                otherAccountPosition: row.optionalInt64(4), otherAccountID: row.optionalString(5),
                connectedPosition: row.optionalInt64(6), deletedPosition: row.optionalInt64(7),
                requestDigest: row.optionalString(8))
            guard let contradiction = facts.contradiction(headPosition: headPosition) else { return true }
            return try body(contradiction)
        }
    }
}

/// One `idempotency_keys` row with the facts of the log it is checked against.
private struct RowFacts {
    var key: String
    var accountID: String
    var position: Int64
    var lastEventPosition: Int64?
    var otherAccountPosition: Int64?
    var otherAccountID: String?
    var connectedPosition: Int64?
    var deletedPosition: Int64?
    var requestDigest: String?

    /// Whether `requestDigest` has the form of a SHA-256 in lower-case hex.
    private var hasDigestForm: Bool {
        guard let requestDigest else { return false }
        return requestDigest.utf8.count == 64
            && requestDigest.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    func contradiction(headPosition: Int64) -> IdempotencyKeyCheck.Contradiction? {
        let row = "idempotency_keys row for key \(key)"
        func found(_ problem: String) -> IdempotencyKeyCheck.Contradiction {
            IdempotencyKeyCheck.Contradiction(key: key, position: position, problem: problem, isPastEnd: false)
        }
        guard position >= 1, position <= headPosition else {
            let end = headPosition == 0 ? "the log is empty" : "the log ends at position \(headPosition)"
            let limit = position < 1 ? "positions start at 1" : end
            return IdempotencyKeyCheck.Contradiction(
                key: key, position: nil, problem: "\(row) is at position \(position), but \(limit)",
                isPastEnd: position > headPosition)
        }
        guard hasDigestForm else {
            let size = requestDigest.map { "\($0.utf8.count) bytes" } ?? "no value"
            return found("\(row) has a request digest that is not 64 lower-case hex digits (it has \(size)), "
                + "but a request digest is a SHA-256 in that form, so no retry with this key could match it")
        }
        if let lastEventPosition {
            if let otherAccountPosition, let otherAccountID {
                return found("\(row) names account \(accountID), but the event with that key at position \(otherAccountPosition) belongs to account \(otherAccountID)")
            }
            guard lastEventPosition == position else {
                return found("\(row) is at position \(position), but the last event with that key is at position \(lastEventPosition)")
            }
            return nil
        }
        let unchanged = "No event carries the key, so the row records a save that changed nothing at position \(position)"
        guard let connectedPosition, connectedPosition <= position else {
            return found("\(row) names account \(accountID), which was not connected by position \(position). \(unchanged), which needs an existing account")
        }
        if let deletedPosition, deletedPosition <= position {
            return found("\(row) names account \(accountID), which was deleted at position \(deletedPosition). \(unchanged), which a deleted account rejects")
        }
        return nil
    }
}
