import AccountLedger
import Testing

/// `--complete` deletes only imported accounts, and never on an empty snapshot by accident.
@Suite struct ImportCompleteTests {
    func completeImport(_ records: [JSONValue], allowsEmpty: Bool = false, into ledger: Ledger) throws -> SnapshotImportResult {
        let options = SnapshotImportOptions(isComplete: true, allowsEmpty: allowsEmpty, actor: "importer")
        return try ledger.importSnapshots([listSnapshot(records)], options: options)
    }

    @Test func keepsAccountNoImportMade() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "local-1", context: context(at: "2026-01-01T00:00:00Z"))
        let result = try completeImport([s3Connection(etag: "\"e-1\"")], into: fixture.ledger)
        #expect(result.deleted.isEmpty)
        #expect(result.keptUnlisted == ["local-1"])
        #expect(try !fixture.ledger.account(id: "local-1").isDeleted)
    }

    @Test func emptySnapshotIsRejected() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([s3Connection(etag: "\"e-1\"")]))
        let error = try #require(throws: LedgerError.self) { try completeImport([], into: fixture.ledger) }
        #expect(error.category == .badInput)
        #expect("\(error)".hasPrefix("invalid input in snapshot.json: a complete import lists no connection"))
        #expect(try !fixture.ledger.account(id: "acct-1").isDeleted)
    }

    @Test func emptySnapshotWithAllowEmptyDeletes() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([s3Connection(etag: "\"e-1\"")]))
        let result = try completeImport([], allowsEmpty: true, into: fixture.ledger)
        #expect(result.deleted == ["acct-1"])
    }

    @Test func deleteInUseIsReported() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([s3Connection(id: "a", etag: "\"e-a\""), s3Connection(id: "b", etag: "\"e-b\"")]))
        try fixture.ledger.save(.activateDataflow("df-1"), accountID: "b", context: context(at: "2026-01-02T00:00:00Z"))
        let result = try completeImport([s3Connection(id: "a", etag: "\"e-a\"")], into: fixture.ledger)
        #expect(result.deleted == ["b"])
        #expect(result.deletedInUse == ["b"])
    }

    /// A snapshot as a whole has no time, so its deletes take the import's.
    @Test func deleteTakesImportTime() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([s3Connection(id: "a", etag: "\"e-a\""), s3Connection(id: "b", etag: "\"e-b\"")]))
        let before = Clock.nowMilliseconds()

        _ = try completeImport([s3Connection(id: "a", etag: "\"e-a\"")], into: fixture.ledger)

        let after = Clock.nowMilliseconds()
        let deletedAt = try #require(try fixture.ledger.account(id: "b").deletedAt)
        #expect(deletedAt >= before)
        #expect(deletedAt <= after)
    }

    /// The older snapshot never listed b, so importing it as complete
    /// deletes b at the import's time, as the README warns.
    @Test func olderCompleteSnapshotDeletesLaterAccount() throws {
        let fixture = try TemporaryLedger()
        let older = s3Connection(id: "a", updatedAt: "2026-01-01T00:00:00Z", etag: "\"e-a\"")
        let newer = s3Connection(id: "b", updatedAt: "2026-01-05T00:00:00Z", etag: "\"e-b\"")
        try fixture.ledger.importSnapshot(listSnapshot([older]))
        try fixture.ledger.importSnapshot(listSnapshot([older, newer]))
        let before = Clock.nowMilliseconds()

        let result = try completeImport([older], into: fixture.ledger)

        #expect(result.unchangedCount == 1)
        #expect(result.deleted == ["b"])
        #expect(try #require(try fixture.ledger.account(id: "b").deletedAt) >= before)
    }
}
