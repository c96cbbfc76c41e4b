@testable import AccountLedger
import Testing

/// `LedgerIdentity.expectedColumns`, the table of a ledger's columns written
/// out in Swift so that opening a file does not build the schema in memory.
@Suite struct LedgerColumnsTests {
    private let created = Migrations.readFreshSchema { try LedgerIdentity.columns(in: $0, tables: nil) }

    @Test func tablesMatchMigrations() {
        #expect(LedgerIdentity.expectedColumns.keys.sorted() == created.keys.sorted())
    }

    @Test func columnsMatchMigrations() {
        for (table, columns) in created.sorted(by: { $0.key < $1.key }) {
            #expect(LedgerIdentity.expectedColumns[table] == columns, "table \(table)")
        }
    }
}
