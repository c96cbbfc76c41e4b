import Foundation
import Testing

/// Commands that read an account's stored state exit with status 7, the
/// status for an unreadable stored state, when that state is malformed.
@Suite struct StoredStateCommandLineTests {
    @Test func malformedStateExitsWithStorageStatus() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3()
        try RawLedgerFile(path: ledger.path).execute("UPDATE accounts SET state = '[' WHERE account_id = 's3'")
        let before = try ledger.snapshot()

        let commands = [
            ["show", "s3"],
            ["show", "s3", "--json"],
            ["audit", "stale", "--older-than", "1d"],
            ["edit", "s3", "--name", "Renamed"],
            ["delete", "s3"],
            ["activate", "s3", "--dataflow", "df-1"],
        ]
        for arguments in commands {
            let output = try ledger.run(arguments)
            #expect(output.status == 7, "\(arguments): \(output.standardError)")
            #expect(
                output.standardError.contains("the stored state of account s3 in the accounts projection is unreadable"),
                "\(arguments): \(output.standardError)")
        }
        #expect(try ledger.snapshot() == before)
    }
}

/// A save whose account row disagrees with the log exits with status 7,
/// which covers stored projections, and names the disagreement.
@Suite struct ProjectionLogMismatchCommandLineTests {
    @Test func projectionBehindLogExitsWithStorageStatus() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3()
        _ = try ledger.run(["edit", "s3", "--name", "Renamed"])
        try RawLedgerFile(path: ledger.path).execute("""
            UPDATE accounts SET version = 1, state = json_set(state, '$.version', 1) WHERE account_id = 's3'
            """)
        let before = try ledger.snapshot()

        let output = try ledger.run(["edit", "s3", "--name", "Again"])

        #expect(output.status == 7, "\(output.standardError)")
        #expect(output.standardError.contains("so the stored projection disagrees with the log"), "\(output.standardError)")
        #expect(!output.standardError.contains("SQLite error"), "\(output.standardError)")
        #expect(try ledger.snapshot() == before)
    }
}
