@testable import AccountLedger
import Testing

/// `AccountRowOrder` compares precomputed keys, and must give exactly the
/// order of the rule it replaced: the sort column (reversed when
/// descending, missing times last), then the name, then the account id.
@Suite struct AccountRowOrderTests {
    /// Rows with ties in every column, missing times, two casings of one
    /// name, and one destination stored in both Unicode forms.
    static let rows: [AccountRow] = [
        row("r01", "Anna", "amazon-s3", .accessKey, .active, authorized: 100, expires: nil, updated: 500, dataflows: 2),
        row("r02", "anna", "amazon-s3", .accessKey, .expired, authorized: 100, expires: 300, updated: 500, dataflows: 0),
        row("r03", "Anna", "sftp", .basic, .active, authorized: nil, expires: nil, updated: 400, dataflows: 2),
        row("r04", "\u{C9}mile", "\u{C9}tude", .bearerToken, .deleted, authorized: 200, expires: 300, updated: 400, dataflows: 1),
        row("r05", "E\u{301}mile", "E\u{301}tude", .bearerToken, .active, authorized: 200, expires: 200, updated: 600, dataflows: 1),
        row("r06", "Zoe", "\u{C9}tude", .oauth2, .expired, authorized: nil, expires: 200, updated: 600, dataflows: 0),
        row("r07", "Юрий", "sftp", .basic, .active, authorized: 50, expires: nil, updated: 100, dataflows: 5),
        row("r08", "юля", "amazon-s3", .oauth2, .deleted, authorized: 50, expires: 900, updated: 100, dataflows: 5),
        row("r09", "Fabien", "google-ads", .oauth2, .active, authorized: nil, expires: nil, updated: 500, dataflows: 0),
        row("r10", "Anna", "sftp", .basic, .active, authorized: nil, expires: nil, updated: 400, dataflows: 2),
    ]

    private static func row(
        _ id: String, _ name: String, _ destination: String, _ type: ConnectionType, _ status: AccountStatus,
        authorized: Int64?, expires: Int64?, updated: Int64, dataflows: Int
    ) -> AccountRow {
        AccountRow(
            accountID: id, name: name, destination: destination, connectionType: type, username: nil,
            dataflowCount: dataflows, authorizedAt: authorized, expiresAt: expires, status: status,
            version: 1, updatedAt: updated)
    }

    /// The comparison each sort made before keys were precomputed, kept as
    /// the reference.
    private static func precedesByOldRule(
        _ left: AccountRow, _ right: AccountRow, key: AccountQuery.SortKey, descending: Bool
    ) -> Bool {
        var folder = CaseFolder()
        let leftName = AccountNameCollation.SortKey(left.name, folder: &folder)
        let rightName = AccountNameCollation.SortKey(right.name, folder: &folder)
        let nameOrder = leftName.compare(rightName)
        func bytes(_ a: String, _ b: String) -> Int { AccountNameCollation.compareBytes(a.utf8, b.utf8) }
        func values<Value: Comparable>(_ a: Value, _ b: Value) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
        let column: Int
        var times: (Int64?, Int64?) = (0, 0)
        switch key {
        case .name: column = 0
        case .destination: column = bytes(left.destination, right.destination)
        case .type: column = bytes(left.connectionType.rawValue, right.connectionType.rawValue)
        case .status: column = bytes(left.status.rawValue, right.status.rawValue)
        case .authorized:
            column = values(left.authorizedAt ?? 0, right.authorizedAt ?? 0)
            times = (left.authorizedAt, right.authorizedAt)
        case .expires:
            column = values(left.expiresAt ?? 0, right.expiresAt ?? 0)
            times = (left.expiresAt, right.expiresAt)
        case .updated: column = values(left.updatedAt, right.updatedAt)
        case .dataflows: column = values(left.dataflowCount, right.dataflowCount)
        }
        var order = key == .name ? nameOrder : column
        if descending {
            order = -order
        }
        switch times {
        case (nil, .some): order = 1
        case (.some, nil): order = -1
        default: break
        }
        if order == 0 {
            order = nameOrder
        }
        if order == 0 {
            order = bytes(left.accountID, right.accountID)
        }
        return order < 0
    }

    @Test(arguments: AccountQuery.SortKey.allCases, [false, true])
    func orderEqualsOldRule(_ key: AccountQuery.SortKey, _ descending: Bool) {
        let expected = Self.rows.sorted {
            Self.precedesByOldRule($0, $1, key: key, descending: descending)
        }.map(\.accountID)
        let order = AccountRowOrder(key: key, descending: descending)

        for input in [Self.rows, Self.rows.reversed(), expected.compactMap { id in Self.rows.first { $0.accountID == id } }] {
            #expect(order.sorted(input).map(\.accountID) == expected)
        }
    }

    /// Byte order puts "E" (0x45) before "É" (0xC3 0x89), although Swift's
    /// `String` finds the two forms equal.
    @Test func destinationFormsSortApartByBytes() {
        let ids = AccountRowOrder(key: .destination, descending: false).sorted(Self.rows).map(\.accountID)

        #expect(ids.firstIndex(of: "r05")! < ids.firstIndex(of: "r04")!)
        #expect(ids.firstIndex(of: "r05")! < ids.firstIndex(of: "r06")!)
    }
}
