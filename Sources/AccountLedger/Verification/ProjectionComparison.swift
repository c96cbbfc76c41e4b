/// Compares the rows a replay of the log produces with the stored
/// projection tables, as `verify` runs, and finds the first difference by
/// log position.
///
/// Each table is compared in the order that costs least.
/// `credential_changes` rows arrive in key order, so they are matched
/// against a cursor over the stored table. `account_versions` rows are
/// hashed per account and matched against one scan of the stored table.
/// Only an account whose hashes differ is folded again, to name its first
/// differing row. `accounts` rows, one per account, are looked up.
/// `account_snapshots` rows arrive in position order and are matched against
/// a cursor too. A snapshot the table lacks is not a difference, but every
/// stored one must equal the replay's.
/// The hashes are Swift's `Hasher`, seeded at random in every process, so a
/// stored table cannot be written to collide with a replay.
final class ProjectionComparison: ProjectionRowSink {
    /// A projection row that is missing from, extra in, or different in the
    /// stored table compared with the replay.
    struct Difference: Equatable {
        let table: String
        let accountID: String
        /// The log position the row belongs to, its account's last event
        /// for an `accounts` row.
        let position: Int64
        /// True when the stored table has the row but the replay does not.
        let isStoredOnly: Bool
    }

    private static let tables = ["accounts", "account_versions", "credential_changes", AccountSnapshots.table]

    private let db: Database
    private let storedAudit: Statement
    private var storedAuditHasRow = false
    private var comparingAudit = true
    private let storedSnapshots: Statement
    private var storedSnapshotHasRow = false
    private var comparingSnapshots = true
    private var expectedVersions: [String: Hasher] = [:]
    private var expectedAccounts = 0
    private var first: Difference?

    init(db: Database) throws {
        self.db = db
        storedAudit = try db.statement("SELECT * FROM main.credential_changes ORDER BY position, sequence")
        try storedAudit.bind([])
        storedAuditHasRow = try storedAudit.step()
        storedSnapshots = try db.statement("SELECT * FROM main.account_snapshots ORDER BY position")
        try storedSnapshots.bind([])
        storedSnapshotHasRow = try storedSnapshots.step()
    }

    // MARK: - Rows of the replay

    func account(_ row: [SQLiteValue], state: AccountState) throws {
        expectedAccounts += 1
        let found = try db.statement("SELECT * FROM main.accounts WHERE account_id = ?").firstRow([.text(state.id)]) {
            ($0.matches(row), $0.int64(13))
        }
        guard let found else {
            record("accounts", state.id, state.lastPosition, isStoredOnly: false)
            return
        }
        if !found.0 {
            record("accounts", state.id, found.1, isStoredOnly: true)
            record("accounts", state.id, state.lastPosition, isStoredOnly: false)
        }
    }

    func version(_ row: [SQLiteValue], accountID: String) throws {
        SQLiteValue.combine(row, into: &expectedVersions[accountID, default: Hasher()])
    }

    func closeVersion(accountID: String, version: Int, validTo: Int64) throws {
        preconditionFailure("verify keeps every account's state in memory, so no version row is handed over early")
    }

    func audit(_ row: [SQLiteValue]) throws {
        guard comparingAudit else { return }
        guard case .integer(let position) = row[0], case .integer(let sequence) = row[1], case .text(let accountID) = row[2] else {
            preconditionFailure("credential_changes rows start with position, sequence and account")
        }
        guard storedAuditHasRow else {
            record("credential_changes", accountID, position, isStoredOnly: false)
            comparingAudit = false
            return
        }
        let stored = Row(statement: storedAudit)
        if stored.matches(row) {
            storedAuditHasRow = try storedAudit.step()
            return
        }
        let storedKey = (stored.int64(0), stored.int64(1))
        if storedKey <= (position, sequence) {
            record("credential_changes", stored.string(2), storedKey.0, isStoredOnly: true)
        }
        if storedKey >= (position, sequence) {
            record("credential_changes", accountID, position, isStoredOnly: false)
        }
        comparingAudit = false
    }

    func snapshot(_ row: [SQLiteValue]) throws {
        guard comparingSnapshots, storedSnapshotHasRow else { return }
        guard case .integer(let position) = row[2] else {
            preconditionFailure("account_snapshots rows have their position third")
        }
        let stored = Row(statement: storedSnapshots)
        let storedPosition = stored.int64(2)
        if storedPosition > position {
            // The table lacks this snapshot, which only makes folds longer.
            return
        }
        if storedPosition == position, stored.matches(row) {
            storedSnapshotHasRow = try storedSnapshots.step()
            return
        }
        // The stored row differs from this snapshot, or no snapshot of the
        // replay has its position.
        record(AccountSnapshots.table, stored.string(0), storedPosition, isStoredOnly: true)
        comparingSnapshots = false
    }

    // MARK: - After the replay

    /// Finishes the tables that need the whole replay and returns the first
    /// difference, nil when the stored projections equal the replay.
    func firstDifference() throws -> Difference? {
        if comparingAudit, storedAuditHasRow {
            let stored = Row(statement: storedAudit)
            record("credential_changes", stored.string(2), stored.int64(0), isStoredOnly: true)
        }
        storedAudit.reset()
        if comparingSnapshots, storedSnapshotHasRow {
            let stored = Row(statement: storedSnapshots)
            record(AccountSnapshots.table, stored.string(0), stored.int64(2), isStoredOnly: true)
        }
        storedSnapshots.reset()
        try compareVersions()
        try findStoredOnlyAccounts()
        return first
    }

    private func compareVersions() throws {
        var differing: [String] = []
        var seen = Set<String>()
        var current: (accountID: String, hasher: Hasher)?
        func endAccount() {
            guard let current else { return }
            seen.insert(current.accountID)
            if expectedVersions[current.accountID]?.finalize() != current.hasher.finalize() {
                differing.append(current.accountID)
            }
        }
        try db.statement("SELECT * FROM main.account_versions ORDER BY account_id, version").forEachRow { row in
            let accountID = row.string(0)
            if current?.accountID != accountID {
                endAccount()
                current = (accountID, Hasher())
            }
            row.combine(into: &current!.hasher)
        }
        endAccount()
        differing += expectedVersions.keys.filter { !seen.contains($0) }
        for accountID in differing {
            try compareVersions(of: accountID)
        }
    }

    /// Folds one account's events again and compares its version rows one
    /// by one, to name the first that differs.
    private func compareVersions(of accountID: String) throws {
        let collector = VersionRowCollector()
        let replay = ProjectionRowReplay(sink: collector)
        for event in try EventStore(db: db).events(accountID: accountID) {
            try replay.apply(event)
        }
        try replay.flush()
        var expected = collector.rows[...]
        try db.statement("SELECT * FROM main.account_versions WHERE account_id = ? ORDER BY version")
            .forEachRow([.text(accountID)]) { stored in
                let storedKey = stored.int64(1)
                while let next = expected.first, case .integer(let version) = next[1], version < storedKey {
                    record("account_versions", accountID, Self.position(of: next), isStoredOnly: false)
                    expected.removeFirst()
                }
                if let next = expected.first, case .integer(let version) = next[1], version == storedKey {
                    expected.removeFirst()
                    if stored.matches(next) { return }
                    record("account_versions", accountID, Self.position(of: next), isStoredOnly: false)
                }
                record("account_versions", accountID, stored.int64(2), isStoredOnly: true)
            }
        for row in expected {
            record("account_versions", accountID, Self.position(of: row), isStoredOnly: false)
        }
    }

    private static func position(of versionRow: [SQLiteValue]) -> Int64 {
        guard case .integer(let position) = versionRow[2] else { return 0 }
        return position
    }

    private func findStoredOnlyAccounts() throws {
        guard let stored = try db.scalarInt("SELECT count(*) FROM main.accounts"), stored > expectedAccounts else { return }
        try db.statement("SELECT account_id, last_position FROM main.accounts").forEachRow { row in
            let accountID = row.string(0)
            if expectedVersions[accountID] == nil {
                record("accounts", accountID, row.int64(1), isStoredOnly: true)
            }
        }
    }

    /// Keeps the difference with the lowest position; at equal positions
    /// the earlier table, and a stored-only row before a missing one.
    private func record(_ table: String, _ accountID: String, _ position: Int64, isStoredOnly: Bool) {
        let candidate = Difference(table: table, accountID: accountID, position: position, isStoredOnly: isStoredOnly)
        guard let current = first else {
            first = candidate
            return
        }
        if Self.order(candidate) < Self.order(current) {
            first = candidate
        }
    }

    private static func order(_ difference: Difference) -> (Int64, Int, Int) {
        (difference.position, tables.firstIndex(of: difference.table) ?? 0, difference.isStoredOnly ? 0 : 1)
    }
}

/// Keeps the version rows of a replay of one account.
private final class VersionRowCollector: ProjectionRowSink {
    var rows: [[SQLiteValue]] = []

    func account(_ row: [SQLiteValue], state: AccountState) throws {}

    func version(_ row: [SQLiteValue], accountID: String) throws {
        rows.append(row)
    }

    func closeVersion(accountID: String, version: Int, validTo: Int64) throws {}

    func audit(_ row: [SQLiteValue]) throws {}

    func snapshot(_ row: [SQLiteValue]) throws {}
}
