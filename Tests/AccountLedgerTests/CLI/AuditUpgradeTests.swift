import AccountLedger
import Foundation
import Testing

/// A ledger written by the build before schema version 6, whose audit rows
/// lack a connect's description and settings and the dataflows a forced
/// delete left, upgraded by the `ledger` executable.
@Suite struct AuditUpgradeTests {
    private static let headHash = "9825f28b75dffd873bae66fb85085e8d4212cff82fe4194d221d43c0f3bfa7cf"
    private static let salesforceID = "139f6a5f-a78b-4744-9f6a-5fa78bd74431"

    private func schema5Ledger() throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        try ledger.replace(withFixture: "schema5-ledger.sql")
        return ledger
    }

    /// Runs a save that changes nothing, the lightest write that migrates.
    private func upgrade(_ ledger: CommandLineLedger) throws -> String {
        let output = try ledger.run(["edit", "s3", "--name", "Exports"])
        try #require(output.status == 0, "\(output.standardError)")
        return output.standardError
    }

    /// Returns the kind, change, field, old and new value of each lifecycle row.
    private func lifecycleRows(_ ledger: CommandLineLedger, account: String) throws -> [String] {
        let output = try ledger.run(["audit", "--account", account, "--kind", "lifecycle", "--csv"])
        try #require(output.status == 0, "\(output.standardError)")
        return output.standardOutput.split(whereSeparator: \.isNewline).dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)[5...9].joined(separator: ",")
        }
    }

    @Test func upgradeNoteNamesTheAuditRebuild() throws {
        let ledger = try schema5Ledger()
        let note = try upgrade(ledger)
        #expect(note.contains("upgraded the database from schema version 5 to 6"), "\(note)")
        #expect(note.contains("rebuilt the audit trail from the event log"), "\(note)")
    }

    @Test func upgradedLedgerPassesVerify() throws {
        let ledger = try schema5Ledger()
        let before = try ledger.run(["verify"])
        #expect(before.status == 7)
        #expect(before.standardError.contains("schema version 5 is older"), "\(before.standardError)")
        _ = try upgrade(ledger)
        let after = try ledger.run(["verify"])
        #expect(after.status == 0, "\(after.standardError)")
        #expect(after.standardOutput.contains("Head hash: \(Self.headHash)"), "\(after.standardOutput)")
    }

    @Test func upgradeAddsConnectAndDeleteRows() throws {
        let ledger = try schema5Ledger()
        _ = try upgrade(ledger)
        let sftp = try lifecycleRows(ledger, account: "sf1")
        #expect(sftp == [
            "lifecycle,connected,,,SF1",
            "lifecycle,description-set,description,,initial desc",
            "lifecycle,setting-set,domain,,a.example",
            "lifecycle,setting-set,port,,22",
            "lifecycle,setting-changed,domain,a.example,b.example",
            "lifecycle,force-deleted,,SF1,",
            "lifecycle,force-deleted,dataflow,,df-archive",
            "lifecycle,force-deleted,dataflow,,df-partner",
        ])
        let salesforce = try lifecycleRows(ledger, account: Self.salesforceID)
        #expect(salesforce == [
            "lifecycle,connected,,,E2E_SF Base_Connection",
            "lifecycle,setting-set,environmentUrl,,login.salesforce.com",
        ])
    }

    @Test func failedUpgradeLeavesFileUnchanged() throws {
        let ledger = try schema5Ledger()
        // An event type that this build cannot decode stops the replay of the log.
        try Database(path: ledger.path, mode: .readWrite).execute("""
            INSERT INTO events VALUES (8, 's3', 2, 'AccountArchived', 1, 1767949200000, 1767949200000,
                'mallory', NULL, 'c0', NULL, '{}', 'x', 'y')
            """)
        let before = try ledger.snapshot()
        let output = try ledger.run(["edit", "s3", "--name", "Exports"])
        #expect(output.status == 8)
        #expect(output.standardError.contains("event at position 8 has type AccountArchived"), "\(output.standardError)")
        #expect(try ledger.snapshot() == before)
        // The forged event would fail the schema check that runs when the ledger is released.
        try FileManager.default.removeItem(atPath: ledger.path)
    }
}
