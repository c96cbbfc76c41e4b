/// Builds and runs the accounts-view SQL for any `AccountQuery`.
///
/// The current view reads `accounts`. A view as of an occurred time reads
/// the one `account_versions` row per account whose valid interval
/// contains it. A view limited to a log position picks, per account, the
/// last version recorded by then.
struct AccountsView {
    let db: Database

    func rows(_ query: AccountQuery, now: Int64) throws -> [AccountRow] {
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
        if let text = query.nameContains {
            conditions.append("name LIKE ? ESCAPE '\\'")
            arguments.append(.text("%" + escapeLike(text) + "%"))
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
        sql += " ORDER BY \(orderColumn(query.sort)) \(query.descending ? "DESC" : "ASC"), name, account_id"
        return try db.statement(sql).rows(arguments) { row in
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
    }

    /// Returns the SQL that yields one row per account at `point`, and its arguments.
    private func source(_ point: TimePoint) -> (String, [SQLiteValue]) {
        let columns = """
            account_id, name, destination, connection_type, username, dataflow_count,
            authorized_at, expires_at, deleted, version
            """
        if point.isNow {
            return ("SELECT \(columns), updated_at AS changed_at FROM accounts", [])
        }
        if let position = point.knownAtPosition {
            let sql = """
                SELECT \(columns), valid_from AS changed_at FROM account_versions v
                WHERE v.version = (
                    SELECT max(w.version) FROM account_versions w
                    WHERE w.account_id = v.account_id AND w.position <= ? AND w.valid_from <= ?)
                """
            return (sql, [.integer(position), .integer(point.asOf ?? .max)])
        }
        let moment = point.asOf ?? .max
        let sql = """
            SELECT \(columns), valid_from AS changed_at FROM account_versions
            WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
            """
        return (sql, [.integer(moment), .integer(moment)])
    }

    private func orderColumn(_ key: AccountQuery.SortKey) -> String {
        switch key {
        case .name: return "name COLLATE NOCASE"
        case .destination: return "destination"
        case .type: return "connection_type"
        case .status: return "status"
        case .authorized: return "authorized_at"
        case .expires: return "expires_at"
        case .updated: return "changed_at"
        case .dataflows: return "dataflow_count"
        }
    }

    private func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    private func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" {
                escaped.append("\\")
            }
            escaped.append(character)
        }
        return escaped
    }
}
