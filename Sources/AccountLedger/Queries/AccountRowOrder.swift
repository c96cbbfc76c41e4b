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
        // The sort moves positions and compares precomputed keys, so no
        // comparison copies a row. Name keys are built only for rows whose
        // column value ties, since case folding a non-ASCII name costs more
        // than the rest of a comparison.
        let columns = key == .name ? [] : columnKeys(rows)
        var folder = CaseFolder()
        var names = [AccountNameCollation.SortKey?](repeating: nil, count: rows.count)
        func nameKey(_ position: Int) -> AccountNameCollation.SortKey {
            if let name = names[position] {
                return name
            }
            let name = AccountNameCollation.SortKey(rows[position].name, folder: &folder)
            names[position] = name
            return name
        }

        var positions = Array(rows.indices)
        positions.sort { left, right in
            var order: Int
            if key == .name {
                order = nameKey(left).compare(nameKey(right))
                if descending {
                    order = -order
                }
            } else {
                order = columns[left].compare(columns[right], descending: descending)
                if order == 0 {
                    order = nameKey(left).compare(nameKey(right))
                }
            }
            if order == 0 {
                order = AccountNameCollation.compareBytes(rows[left].accountID.utf8, rows[right].accountID.utf8)
            }
            return order < 0
        }
        // The current view usually arrives in this order already, from the
        // index accounts_by_name, and then needs no copy.
        if positions.elementsEqual(rows.indices) {
            return rows
        }
        return positions.map { rows[$0] }
    }

    /// The sort column of one row as an integer: a time, a count, or the
    /// rank of a text among the column's distinct texts in byte order.
    private struct ColumnKey {
        /// True when the row lacks the time sorted on. Such rows come last
        /// either way, because sorting by expiry is for finding what
        /// expires next, not what never does.
        let isMissing: Bool
        let value: Int64

        /// Returns -1, 0 or 1 as `self` sorts before, with or after `other`.
        func compare(_ other: ColumnKey, descending: Bool) -> Int {
            if isMissing != other.isMissing {
                return isMissing ? 1 : -1
            }
            if value == other.value {
                return 0
            }
            return (value < other.value) != descending ? -1 : 1
        }
    }

    private func columnKeys(_ rows: [AccountRow]) -> [ColumnKey] {
        switch key {
        case .name: return []
        case .destination: return textRanks(rows.map(\.destination))
        case .type: return textRanks(rows.map(\.connectionType.rawValue))
        case .status: return textRanks(rows.map(\.status.rawValue))
        case .authorized: return rows.map { ColumnKey(isMissing: $0.authorizedAt == nil, value: $0.authorizedAt ?? 0) }
        case .expires: return rows.map { ColumnKey(isMissing: $0.expiresAt == nil, value: $0.expiresAt ?? 0) }
        case .updated: return rows.map { ColumnKey(isMissing: false, value: $0.updatedAt) }
        case .dataflows: return rows.map { ColumnKey(isMissing: false, value: Int64($0.dataflowCount)) }
        }
    }

    /// Returns each text's rank in SQLite's BINARY order, byte order, so
    /// that a column of few distinct values is compared as integers.
    private func textRanks(_ texts: [String]) -> [ColumnKey] {
        var ranks: [StoredText: Int64] = [:]
        for text in texts {
            ranks[StoredText(text)] = 0
        }
        let distinct = ranks.keys.sorted {
            AccountNameCollation.compareBytes($0.text.utf8, $1.text.utf8) < 0
        }
        for (rank, text) in distinct.enumerated() {
            ranks[text] = Int64(rank)
        }
        return texts.map { ColumnKey(isMissing: false, value: ranks[StoredText($0)] ?? 0) }
    }

    /// A text that equals another only with the same bytes. `String`'s own
    /// equality is canonical equivalence, which would give two stored forms
    /// of one text the same rank.
    private struct StoredText: Hashable {
        let text: String

        init(_ text: String) {
            self.text = text
        }

        static func == (left: StoredText, right: StoredText) -> Bool {
            left.text.utf8.elementsEqual(right.text.utf8)
        }

        func hash(into hasher: inout Hasher) {
            for byte in text.utf8 {
                hasher.combine(byte)
            }
        }
    }
}
