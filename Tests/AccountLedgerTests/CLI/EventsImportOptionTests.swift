import AccountLedger
import Foundation
import Testing

/// `import --events` takes only `--db`: the export gives each event its
/// actor and reason, and the key check uses the key the target ledger was
/// created with. Every other option of `import` is a usage error with it,
/// rather than being accepted and ignored.
@Suite struct EventsImportOptionTests {
    /// Exports a ledger with one account and creates an empty target with
    /// the same key. Returns the export file, the target and the
    /// environment that opens the target.
    private func exportAndTarget(_ ledger: CommandLineLedger) throws -> (file: String, target: String, environment: [String: String]) {
        try #require(try ledger.connectS3("s3").status == 0)
        let file = ledger.folder.appendingPathComponent("log.jsonl").path
        try #require(try ledger.run(["export", "--output", file]).status == 0)
        let key = try String(contentsOfFile: ledger.keyPath, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let environment = [FingerprintKey.environmentVariable: key]
        let target = ledger.folder.appendingPathComponent("target.sqlite").path
        try #require(try ledger.run(["init", "--db", target], environment: environment).status == 0)
        return (file, target, environment)
    }

    @Test func optionsOfSnapshotImportAreRejected() throws {
        let ledger = try CommandLineLedger()
        let (file, target, environment) = try exportAndTarget(ledger)
        let before = try databaseSnapshot(path: target)
        let cases: [(arguments: [String], option: String)] = [
            (["--actor", "alice"], "actor"),
            (["--reason", "copy"], "reason"),
            (["--json"], "json"),
            (["--key-file", ledger.keyPath], "key-file"),
        ]

        for (arguments, option) in cases {
            let output = try ledger.run(
                ["import", "--db", target, "--events", file] + arguments, environment: environment)

            #expect(output.status == 2, "--\(option)")
            #expect(output.standardError.hasPrefix(
                "Error: option --\(option) does not apply to import --events, which takes only --db\n"
                    + "Usage: ledger import "),
                "--\(option): \(output.standardError)")
            #expect(output.standardOutput.isEmpty, "--\(option)")
        }
        #expect(try databaseSnapshot(path: target) == before)

        let load = try ledger.run(["import", "--db", target, "--events", file], environment: environment)
        #expect(load.status == 0, "\(load.standardError)")
    }

    @Test func completeAndAllowEmptyStayRejected() throws {
        let ledger = try CommandLineLedger()
        let (file, target, environment) = try exportAndTarget(ledger)
        let before = try databaseSnapshot(path: target)

        let complete = try ledger.run(
            ["import", "--db", target, "--events", file, "--complete"], environment: environment)
        let allowEmpty = try ledger.run(
            ["import", "--db", target, "--events", file, "--complete", "--allow-empty"], environment: environment)

        #expect(complete.status == 2)
        #expect(complete.standardError.hasPrefix("Error: --events loads one export file; give no snapshot files or --complete with it\n"))
        #expect(allowEmpty.status == 2)
        #expect(allowEmpty.standardError.hasPrefix("Error: --events loads one export file;"))
        #expect(try databaseSnapshot(path: target) == before)
    }
}
