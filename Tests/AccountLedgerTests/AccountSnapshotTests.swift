@testable import AccountLedger
import Foundation
import Testing

/// Returns a ledger whose account a1 has 150 events, one a day from
/// 2026-01-01. After the connect come description changes, rotations,
/// dataflows activated and deactivated, settings and encryption keys in
/// turn, so the snapshots at versions 64 and 128 contain every kind of part.
private func longHistory() throws -> TemporaryLedger {
    let fixture = try TemporaryLedger()
    try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: day(1)))
    for version in 2...150 {
        let command: AccountCommand
        switch version % 6 {
        case 0: command = .edit(EditRequest(description: "revision \(version)"))
        case 1: command = .edit(EditRequest(secrets: ["secretKey": Secret("secret-\(version)")]))
        case 2: command = .activateDataflow("df-\(version)")
        case 3: command = .deactivateDataflow("df-\(version - 1)")
        case 4: command = .edit(EditRequest(settings: ["region": "region-\(version)"]))
        default:
            command = version % 12 == 5
                ? .setEncryptionKey(publicKey: "-----BEGIN PGP PUBLIC KEY BLOCK-----\nkey-\(version)\n-----END PGP PUBLIC KEY BLOCK-----", algorithm: "PGP/GPG")
                : .removeEncryptionKey
        }
        try fixture.ledger.save(command, accountID: "a1", context: context(at: day(version)))
    }
    return fixture
}

/// Midnight UTC of the given day counted from 2026-01-01 as day 1.
private func day(_ number: Int) -> String {
    Timestamp.format(time("2026-01-01T00:00:00Z") + Int64(number - 1) * 86_400_000)
}

private func snapshotVersions(_ path: String) throws -> [Int] {
    try Database(path: path, mode: .readOnly)
        .statement("SELECT version FROM account_snapshots WHERE account_id = 'a1' ORDER BY version")
        .rows { $0.int(0) }
}

/// Folds a1 from its first event, past every snapshot.
private func foldedFromTheStart(_ path: String, at point: TimePoint) throws -> AccountState? {
    try EventStore(db: Database(path: path, mode: .readOnly)).foldState(
        accountID: "a1", upToPosition: point.knownAtPosition ?? .max, asOf: point.asOf, fromSnapshot: false)
}

@Suite struct AccountSnapshotTests {
    @Test func snapshotEvery64thVersion() throws {
        let fixture = try longHistory()
        #expect(try snapshotVersions(fixture.path) == [64, 128])
    }

    @Test func foldFromSnapshotEqualsFullFold() throws {
        let fixture = try longHistory()
        for version in 1...150 {
            let point = TimePoint(asOf: time(day(version)))
            let served = try fixture.ledger.account(id: "a1", at: point)
            #expect(served.version == version)
            #expect(try served == foldedFromTheStart(fixture.path, at: point))
        }
    }

    @Test func asOfFoldStartsFromTheSnapshot() throws {
        // The name never changes after the connect, so it can only come
        // from the altered snapshot; this is why verify checks them.
        let fixture = try longHistory()
        try RawLedgerFile(path: fixture.path).execute(
            "UPDATE account_snapshots SET state = replace(state, '\"Exports\"', '\"Altered\"') WHERE version = 128")
        #expect(try fixture.ledger.account(id: "a1", at: TimePoint(asOf: time(day(130)))).name == "Altered")
        #expect(try fixture.ledger.account(id: "a1", at: TimePoint(asOf: time(day(127)))).name == "Exports")
    }

    @Test func wrongVersionSnapshotFailsRead() throws {
        let fixture = try longHistory()
        try RawLedgerFile(path: fixture.path).execute(
            "UPDATE account_snapshots SET state = (SELECT state FROM account_snapshots WHERE version = 64) WHERE version = 128")
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.account(id: "a1", at: TimePoint(asOf: time(day(130))))
        }
        #expect(error.description.contains(
            "the snapshot of account a1 at version 128 contains the state of account a1 at version 64; run `ledger verify`"))
    }

    @Test func malformedSnapshotFailsRead() throws {
        let fixture = try longHistory()
        try RawLedgerFile(path: fixture.path).execute("UPDATE account_snapshots SET state = '[' WHERE version = 128")
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.account(id: "a1", at: TimePoint(asOf: time(day(130))))
        }
        #expect(error.category == .storage)
        #expect(error.description.contains(
            "the stored state of account a1 in the account_snapshots projection at version 128 is unreadable"))
        #expect(error.description.hasSuffix("then `ledger rebuild` to write the projections again from it"))
    }

    @Test func knownAtPositionSkipsLaterSnapshot() throws {
        let fixture = try longHistory()
        let point = TimePoint(asOf: nil, knownAtPosition: 100)
        let served = try fixture.ledger.account(id: "a1", at: point)
        #expect(served.version == 100)
        #expect(try served == foldedFromTheStart(fixture.path, at: point))
    }

    @Test func replayedAccountEqualsCurrentState() throws {
        let fixture = try longHistory()
        #expect(try fixture.ledger.replayedAccount(id: "a1") == fixture.ledger.account(id: "a1"))
    }

    @Test func rebuildWritesTheSameSnapshots() throws {
        let fixture = try longHistory()
        let before = try databaseSnapshot(path: fixture.path)["account_snapshots"]
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM account_snapshots")
        try fixture.ledger.rebuildProjections(["accounts"])
        #expect(try databaseSnapshot(path: fixture.path)["account_snapshots"] == before)
        #expect(before?.count == 2)
    }

    @Test func otherProjectionsRebuildKeepsSnapshots() throws {
        // The replay still produces snapshot rows; a TEMP copy absorbs them.
        let fixture = try longHistory()
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM account_snapshots WHERE version = 64")
        let before = try databaseSnapshot(path: fixture.path)["account_snapshots"]
        try fixture.ledger.rebuildProjections(["account_versions", "credential_changes"])
        #expect(try databaseSnapshot(path: fixture.path)["account_snapshots"] == before)
        #expect(before?.count == 1)
    }

    @Test func replayWritesTheSameSnapshots() throws {
        let fixture = try longHistory()
        let copy = fixture.folder.appendingPathComponent("copy.sqlite").path
        try fixture.ledger.replay(upToPosition: 150, into: copy)
        let original = try databaseSnapshot(path: fixture.path)["account_snapshots"]
        #expect(try databaseSnapshot(path: copy)["account_snapshots"] == original)
        #expect(original?.count == 2)
    }

    @Test func missingSnapshotsAreAllowed() throws {
        // A ledger made before snapshots existed has none until a rebuild.
        let fixture = try longHistory()
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM account_snapshots WHERE version = 128")
        #expect(try fixture.ledger.verify().eventCount == 150)
        let point = TimePoint(asOf: time(day(140)))
        #expect(try fixture.ledger.account(id: "a1", at: point) == foldedFromTheStart(fixture.path, at: point))
    }

    @Test func alteredSnapshotFailsVerify() throws {
        let fixture = try longHistory()
        try RawLedgerFile(path: fixture.path).execute(
            "UPDATE account_snapshots SET state = replace(state, 'revision 126', 'revision 999') WHERE version = 128")
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 128)
        #expect(failure?.detail.contains("projection account_snapshots holds a row that a replay does not produce, for account a1") == true)
        #expect(failure?.detail.contains("so the snapshot was altered or added") == true)
    }

    @Test func snapshotAtUnexpectedVersionFailsVerify() throws {
        let fixture = try longHistory()
        try RawLedgerFile(path: fixture.path).execute("""
            INSERT INTO account_snapshots SELECT account_id, 100, 100, occurred_at, state
            FROM account_snapshots WHERE version = 64
            """)
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 100)
        #expect(failure?.detail.contains("projection account_snapshots") == true)
    }
}
