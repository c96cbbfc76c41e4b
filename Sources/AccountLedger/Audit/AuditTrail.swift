import Foundation

/// Reads the `credential_changes` projection: the audit trail.
struct AuditTrail {
    let db: Database

    static let columns = """
        position, sequence, account_id, version, occurred_at, recorded_at, actor, kind, change, field,
        old_value, new_value, account_name, destination, reason, correlation_id
        """

    /// Calls `body` with each entry matching `query` in the order the
    /// changes occurred, and in log order among changes at the same moment.
    /// It reads one row at a time, so memory does not grow with the trail.
    func forEach(_ query: AuditQuery, _ body: (AuditEntry) throws -> Void) throws {
        let (sql, arguments) = statement(query)
        try db.statement(sql).forEachRow(arguments) { row in
            let entry = Self.decodeRow(row)
            // String equality in Swift is canonical equivalence.
            if let actor = query.actor, entry.actor != actor {
                return
            }
            try body(entry)
        }
    }

    /// Returns the entries matching `query`, in the order of `forEach`.
    func entries(_ query: AuditQuery) throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        try forEach(query) { entries.append($0) }
        return entries
    }

    /// Returns the `EXPLAIN QUERY PLAN` detail lines of the SQL for `query`.
    func queryPlan(_ query: AuditQuery) throws -> [String] {
        let (sql, arguments) = statement(query)
        return try db.statement("EXPLAIN QUERY PLAN " + sql).rows(arguments) { $0.string(3) }
    }

    private func statement(_ query: AuditQuery) -> (String, [SQLiteValue]) {
        var conditions: [String] = []
        var arguments: [SQLiteValue] = []
        if let accountID = query.accountID {
            conditions.append("account_id = ?")
            arguments.append(.text(accountID))
        }
        if let since = query.since {
            conditions.append("occurred_at >= ?")
            arguments.append(.integer(since))
        }
        if let until = query.until {
            conditions.append("occurred_at < ?")
            arguments.append(.integer(until))
        }
        if let actor = query.actor {
            // Keeps every actor that `forEach` may find equal: a canonically
            // equivalent text with other bytes has a non-ASCII character
            // (text length differs from byte length) or is the NFC form,
            // because ASCII is its own NFC form. No tighter bound is safe:
            // one on the decomposed length dropped equivalent actors,
            // because Foundation's normalization data is older than the
            // data of Swift's `==` that `forEach` compares with.
            conditions.append("(actor = ? OR length(actor) <> length(CAST(actor AS BLOB)))")
            arguments.append(.text(actor.precomposedStringWithCanonicalMapping))
        }
        if !query.destinations.isEmpty {
            conditions.append("destination IN (\(placeholders(query.destinations.count)))")
            arguments += query.destinations.map { .text($0) }
        }
        if !query.kinds.isEmpty {
            let kinds = query.kinds.map(\.rawValue).sorted()
            conditions.append("kind IN (\(placeholders(kinds.count)))")
            arguments += kinds.map { .text($0) }
        }
        if let position = query.knownAtPosition {
            conditions.append("position <= ?")
            arguments.append(.integer(position))
        }
        var sql = "SELECT \(Self.columns) FROM credential_changes"
        if !conditions.isEmpty {
            sql += " WHERE " + conditions.joined(separator: " AND ")
        }
        // The index on occurred_at ends with the primary key (position,
        // sequence), as every index of a WITHOUT ROWID table does, so this
        // order needs no sort step.
        sql += " ORDER BY occurred_at, position, sequence"
        return (sql, arguments)
    }

    /// Returns the secret-field entries whose new value is `fingerprint`.
    func entries(settingFingerprint fingerprint: String) throws -> [AuditEntry] {
        try db.statement("""
            SELECT \(Self.columns) FROM credential_changes
            WHERE new_value = ? AND kind IN ('credentials', 'oauth') ORDER BY position, sequence
            """).rows([.text(fingerprint)], Self.decodeRow)
    }

    static func decodeRow(_ row: Row) -> AuditEntry {
        AuditEntry(
            position: row.int64(0),
            sequence: row.int(1),
            accountID: row.string(2),
            version: row.int(3),
            occurredAt: row.int64(4),
            recordedAt: row.int64(5),
            actor: row.string(6),
            kind: AuditKind(rawValue: row.string(7)) ?? .lifecycle,
            change: row.string(8),
            field: row.optionalString(9),
            oldValue: row.optionalString(10),
            newValue: row.optionalString(11),
            accountName: row.string(12),
            destination: row.string(13),
            reason: row.optionalString(14),
            correlationID: row.string(15))
    }

    private func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
