/// Builds and runs the accounts-view SQL for any `AccountQuery`, then
/// filters by name and sorts the rows.
///
/// The current view reads `accounts`. A view at any other moment reads,
/// per account, the one `account_versions` row in force then.
struct AccountsView {
    let db: Database

    func rows(_ query: AccountQuery, now: Int64) throws -> [AccountRow] {
        let (sql, arguments) = statement(query, now: now)
        var rows = try db.statement(sql).rows(arguments) { row in
            AccountRow(
                accountID: row.string(0),
                name: row.string(1),
                destination: row.string(2),
                connectionType: ConnectionType(rawValue: row.string(3)) ?? .serverToServer,
                username: row.optionalString(4),
                dataflowCount: row.int(5),
                authorizedAt: row.optionalInt64(6),
                expiresAt: row.optionalInt64(7),
                status: AccountStatus(rawValue: row.string(11)) ?? .active,
                version: row.int(9),
                updatedAt: row.int64(10))
        }
        // SQLite's LIKE and NOCASE fold ASCII case only and compare bytes,
        // so the name filter and the order are applied here.
        if let piece = query.nameContains {
            var pattern = AccountNamePattern(piece)
            rows = rows.filter { pattern.matches($0.name) }
        }
        return AccountRowOrder(key: query.sort, descending: query.descending).sorted(rows)
    }

    /// Returns the `EXPLAIN QUERY PLAN` lines of the view's SQL, so tests can
    /// check which indexes it uses.
    func queryPlan(_ query: AccountQuery, now: Int64) throws -> [String] {
        let (sql, arguments) = statement(query, now: now)
        return try db.statement("EXPLAIN QUERY PLAN " + sql).rows(arguments) { $0.string(3) }
    }

    private func statement(_ query: AccountQuery, now: Int64) -> (String, [SQLiteValue]) {
        let (source, sourceArguments) = self.source(query.at)
        // Parameters are numbered in the order they appear in the text:
        // the status moment, then the source's, then the filters'.
        var arguments: [SQLiteValue] = [.integer(query.at.statusMoment(now: now))] + sourceArguments
        var conditions: [String] = []
        if !query.destinations.isEmpty {
            conditions.append("destination IN (\(placeholders(query.destinations.count)))")
            arguments += query.destinations.map { .text($0) }
        }
        if !query.connectionTypes.isEmpty {
            conditions.append("connection_type IN (\(placeholders(query.connectionTypes.count)))")
            arguments += query.connectionTypes.map { .text($0.rawValue) }
        }
        if !query.statuses.isEmpty {
            conditions.append("status IN (\(placeholders(query.statuses.count)))")
            arguments += query.statuses.map { .text($0.rawValue) }
        }
        var sql = """
            SELECT * FROM (
                SELECT *, CASE WHEN deleted = 1 THEN 'deleted'
                               WHEN expires_at IS NOT NULL AND expires_at <= ? THEN 'expired'
                               ELSE 'active' END AS status
                FROM (\(source)))
            """
        if !conditions.isEmpty {
            sql += " WHERE " + conditions.joined(separator: " AND ")
        }
        // No ORDER BY: `AccountRowOrder` sorts in Swift. SQLite still reads
        // the current view from the narrow covering index accounts_by_name.
        return (sql, arguments)
    }

    /// Returns the SQL that yields one row per account at `point`, and its arguments.
    ///
    /// Every account that ever existed has a row in `accounts`. For each, the
    /// version in force is the highest one that had occurred by `asOf` and
    /// was recorded by `knownAtPosition`. Occurred times never decrease
    /// within an account, so that version is the last one in
    /// `(valid_from, version)` order up to the moment: one index seek. No
    /// event changes an account's destination or connection type, so those
    /// come from `accounts`, where `accounts_by_destination` serves the filter
    /// and contains both.
    private func source(_ point: TimePoint) -> (String, [SQLiteValue]) {
        if point.isNow {
            let columns = """
                account_id, name, destination, connection_type, username, dataflow_count,
                authorized_at, expires_at, deleted, version
                """
            return ("SELECT \(columns), updated_at AS changed_at FROM accounts", [])
        }
        // An account's valid_from never decreases from one version to the
        // next, so its last (valid_from, version) by the moment is its last
        // version by then, found with one seek in account_versions_at_time.
        // The join matches that index's leading columns and it contains every
        // column read here, so the version row comes from the index too.
        // CROSS JOIN keeps accounts as the outer loop. Without a destination
        // filter, SQLite otherwise scanned every version row and ran the
        // subquery once for each. Each run walks back through the account's
        // versions, so the cost grew with the square of an account's version
        // count: 8 s at position 10 of a 1M-event log.
        let sql = """
            SELECT a.account_id, v.name, a.destination, a.connection_type, v.username, v.dataflow_count,
                v.authorized_at, v.expires_at, v.deleted, v.version, v.valid_from AS changed_at
            FROM accounts a CROSS JOIN account_versions v
                ON v.account_id = a.account_id AND (v.valid_from, v.version) = (
                    SELECT w.valid_from, w.version FROM account_versions w
                    WHERE w.account_id = a.account_id AND w.valid_from <= ? AND w.position <= ?
                    ORDER BY w.valid_from DESC, w.version DESC LIMIT 1)
            """
        return (sql, [.integer(point.asOf ?? .max), .integer(point.knownAtPosition ?? .max)])
    }

    private func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
