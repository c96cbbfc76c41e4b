/// The order of the accounts view: the `--sort` column, then the name by
/// `AccountNameCollation`, then the account id.
///
/// SQLite's collations fold ASCII case only, so the view sorts in Swift.
/// Other columns compare as SQLite's BINARY collation and integer order
/// would, and only the sort column is reversed by `descending`.
struct AccountRowOrder {
    let key: AccountQuery.SortKey
    let descending: Bool

    /// Returns `rows` in this order.
    func sorted(_ rows: [AccountRow]) -> [AccountRow] {
        // Sorting positions rather than rows keeps each row in place until
        // the result is built, instead of moving it with its key.
        var folder = CaseFolder()
        var names: [AccountNameCollation.SortKey] = []
        names.reserveCapacity(rows.count)
        for row in rows {
            names.append(AccountNameCollation.SortKey(row.name, folder: &folder))
        }
        var positions = Array(rows.indices)
        positions.sort { left, right in
            precedes(rows[left], names[left], rows[right], names[right])
        }
        // The current view usually arrives in this order already, from the
        // index accounts_by_name, and then needs no copy.
        if positions.elementsEqual(rows.indices) {
            return rows
        }
        return positions.map { rows[$0] }
    }

    private func precedes(
        _ left: AccountRow, _ leftName: AccountNameCollation.SortKey,
        _ right: AccountRow, _ rightName: AccountNameCollation.SortKey
    ) -> Bool {
        let nameOrder = leftName.compare(rightName)
        var order = key == .name ? nameOrder : compareColumn(left, right)
        if descending {
            order = -order
        }
        // Accounts without the time sorted on come last either way: sorting
        // by expiry is for finding what expires next, not what never does.
        if let missingFirst = missingTime(left, right) {
            order = missingFirst
        }
        if order == 0 {
            order = nameOrder
        }
        if order == 0 {
            order = AccountNameCollation.compareBytes(left.accountID.utf8, right.accountID.utf8)
        }
        return order < 0
    }

    /// Returns 1 when only `left` lacks the time sorted on, -1 when only
    /// `right` does, else nil.
    private func missingTime(_ left: AccountRow, _ right: AccountRow) -> Int? {
        let times: (Int64?, Int64?)
        switch key {
        case .authorized: times = (left.authorizedAt, right.authorizedAt)
        case .expires: times = (left.expiresAt, right.expiresAt)
        default: return nil
        }
        switch times {
        case (nil, .some): return 1
        case (.some, nil): return -1
        default: return nil
        }
    }

    private func compareColumn(_ left: AccountRow, _ right: AccountRow) -> Int {
        switch key {
        case .name: return 0
        case .destination: return compareText(left.destination, right.destination)
        case .type: return compareText(left.connectionType.rawValue, right.connectionType.rawValue)
        case .status: return compareText(left.status.rawValue, right.status.rawValue)
        case .authorized: return compareValues(left.authorizedAt ?? 0, right.authorizedAt ?? 0)
        case .expires: return compareValues(left.expiresAt ?? 0, right.expiresAt ?? 0)
        case .updated: return compareValues(left.updatedAt, right.updatedAt)
        case .dataflows: return compareValues(left.dataflowCount, right.dataflowCount)
        }
    }

    private func compareText(_ left: String, _ right: String) -> Int {
        AccountNameCollation.compareBytes(left.utf8, right.utf8)
    }

    private func compareValues<Value: Comparable>(_ left: Value, _ right: Value) -> Int {
        left < right ? -1 : (left == right ? 0 : 1)
    }
}
