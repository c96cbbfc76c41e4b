@testable import AccountLedger
import Testing

/// `verify` compares the file's tables, indexes and views with the ones
/// the migrations create: an object of one's own or an altered one fails.
@Suite struct SchemaObjectTests {
    private func connectedLedger() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        return fixture
    }

    @Test func foreignUniqueIndexFailsVerify() throws {
        let fixture = try connectedLedger()
        try Database(path: fixture.path, mode: .readWrite).execute("CREATE UNIQUE INDEX events_by_actor ON events (actor)")

        let failure = try #require(verificationFailure { _ = try fixture.reopen(access: .read).verify() })

        #expect(failure.position == nil)
        #expect(failure.detail.hasPrefix("index events_by_actor on events is not part of the ledger's schema."), "\(failure.detail)")
    }

    /// A virtual table of a module SQLite lacks cannot be dropped with a
    /// plain sqlite3 shell, which the advice once suggested.
    @Test func foreignVirtualTableAdviceNamesItsModule() throws {
        let fixture = try connectedLedger()
        try Database(path: fixture.path, mode: .readWrite).execute("""
            PRAGMA writable_schema = ON;
            INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql)
            VALUES ('table', 'geo', 'geo', 0, 'CREATE VIRTUAL TABLE geo USING spatialmod(a)');
            """)

        let failure = try #require(verificationFailure { _ = try fixture.reopen(access: .read).verify() })

        #expect(failure.detail.hasPrefix("table geo is not part of the ledger's schema."), "\(failure.detail)")
        #expect(failure.detail.hasSuffix("drop it with a sqlite3 shell that has loaded its module (`.load`), or DROP TABLE fails with \"no such module\""), "\(failure.detail)")
    }

    @Test func alteredPartialIndexFailsVerify() throws {
        let fixture = try connectedLedger()
        try Database(path: fixture.path, mode: .readWrite).execute("""
            DROP INDEX credential_changes_by_new_value;
            CREATE INDEX credential_changes_by_new_value ON credential_changes (new_value) WHERE account_id <> 'a1';
            """)

        let failure = try #require(verificationFailure { _ = try fixture.reopen(access: .read).verify() })

        #expect(failure.detail.hasPrefix("index credential_changes_by_new_value differs from its definition"), "\(failure.detail)")
    }

    @Test func droppedIndexFailsVerify() throws {
        let fixture = try connectedLedger()
        try Database(path: fixture.path, mode: .readWrite).execute("DROP INDEX accounts_by_destination")

        let failure = try #require(verificationFailure { _ = try fixture.reopen(access: .read).verify() })

        #expect(failure.detail.hasPrefix("index accounts_by_destination is missing"), "\(failure.detail)")
    }

    @Test func viewUnderIndexNameIsNamedAndRebuildStops() throws {
        let fixture = try connectedLedger()
        try Database(path: fixture.path, mode: .readWrite).execute("""
            DROP INDEX accounts_by_name;
            CREATE VIEW accounts_by_name AS SELECT 1;
            """)

        let failure = try #require(verificationFailure { _ = try fixture.reopen(access: .read).verify() })

        #expect(failure.detail.hasPrefix("a view named accounts_by_name takes the place of the schema's index"), "\(failure.detail)")
        #expect(throws: LedgerError.self) { try fixture.reopen().rebuildProjections() }
    }

    @Test func rebuildRestoresDroppedAndAlteredIndexes() throws {
        let fixture = try connectedLedger()
        try Database(path: fixture.path, mode: .readWrite).execute("""
            DROP INDEX events_by_recorded_at;
            DROP INDEX credential_changes_by_new_value;
            CREATE INDEX credential_changes_by_new_value ON credential_changes (new_value) WHERE account_id <> 'a1';
            """)

        let result = try fixture.reopen().rebuildProjections()

        #expect(result.restoredIndexes == ["events_by_recorded_at", "credential_changes_by_new_value"])
        #expect(throws: Never.self) { _ = try fixture.reopen(access: .read).verify() }
    }

    @Test func foreignViewFailsVerify() throws {
        let fixture = try connectedLedger()
        try Database(path: fixture.path, mode: .readWrite).execute("CREATE VIEW recent AS SELECT * FROM events")

        let failure = try #require(verificationFailure { _ = try fixture.reopen(access: .read).verify() })

        #expect(failure.detail.hasPrefix("view recent is not part of the ledger's schema."), "\(failure.detail)")
    }
}
