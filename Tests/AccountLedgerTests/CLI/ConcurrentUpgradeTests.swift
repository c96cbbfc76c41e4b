import AccountLedger
import Foundation
import Testing

/// Writers that open a ledger at schema version 1 at the same moment, while
/// one of them migrates it. The check that the file is a ledger once read
/// the version list and the schema in separate statements. It could then
/// see the old version beside the migrated indexes and reject a sound
/// ledger as "not a ledger" (status 7), seven writes of 32 in one run.
@Suite struct ConcurrentUpgradeTests {
    static let writers = 4
    static let rounds = 8

    @Test func racingWritersOfOldLedgerAllSucceed() throws {
        let ledger = try CommandLineLedger()
        ledger.environment[FingerprintKey.environmentVariable] = LedgerFixtures.key
        // The sqlite3 shell leaves the file in rollback mode, as a restored
        // backup of an old ledger would be, so each round starts with the
        // switch to WAL as well as the migration.
        let original = ledger.folder.appendingPathComponent("schema1.sqlite").path
        let fixture = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/ledgers/schema1-ledger.sql").path
        let loaded = try ledger.runShell("sqlite3 '\(original)' < '\(fixture)'")
        try #require(loaded.status == 0, "\(loaded.standardError)")

        for round in 1...Self.rounds {
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: ledger.path + suffix) {
                try FileManager.default.removeItem(atPath: ledger.path + suffix)
            }
            try FileManager.default.copyItem(atPath: original, toPath: ledger.path)
            let running = try (1...Self.writers).map { writer in
                try LedgerProcess.launch(["activate", "a", "--dataflow", "d\(writer)"], environment: ledger.environment)
            }
            let outputs = try running.map { try $0.wait() }

            for (writer, output) in zip(1..., outputs) {
                #expect(output.status == 0, "round \(round), writer \(writer): \(output.standardError)")
            }
        }
        let verify = try ledger.run(["verify"])
        #expect(verify.status == 0, "\(verify.standardError)")
    }
}
