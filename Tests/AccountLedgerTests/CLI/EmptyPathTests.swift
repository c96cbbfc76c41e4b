import Foundation
import Testing

/// Empty paths: an empty path option is a usage error naming the option,
/// and an empty `$LEDGER_DB` counts as unset.
@Suite struct EmptyPathTests {
    @Test func emptyPathOptionsAreUsageErrors() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let cases: [(arguments: [String], option: String)] = [
            (["init", "--db", ""], "db"),
            (["init", "--db", "new.sqlite", "--key-file", ""], "key-file"),
            (["accounts", "--db", ""], "db"),
            (["edit", "s3", "--name", "New", "--key-file", ""], "key-file"),
            (["set-encryption-key", "s3", "--public-key-file", ""], "public-key-file"),
            (["verify", "--digest", ""], "digest"),
            (["verify", "--digest", "receipt.json", "--public-key", ""], "public-key"),
            (["replay", "--position", "1", "--into", ""], "into"),
            (["import", "--events", ""], "events"),
            (["digest", "--sign-key", ""], "sign-key"),
            (["digest", "--new-sign-key", ""], "new-sign-key"),
            (["digest", "--check", ""], "check"),
            (["demo", "--db", ""], "db"),
            // It exited 5, though the exit statuses list an empty path option as status 2.
            (["export", "--output", ""], "output"),
        ]
        let before = try ledger.snapshot()
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: ledger.folder.path).sorted()
        for (arguments, option) in cases {
            let output = try ledger.runShell(
                #"cd "$(dirname "$LEDGER_DB")" && exec "$LEDGER" "#
                    + arguments.map { "'\($0)'" }.joined(separator: " "))
            #expect(output.status == 2, "\(arguments)")
            #expect(
                output.standardError.hasPrefix("Error: --\(option) must not be empty; give a file path\n"),
                "\(arguments): \(output.standardError)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: ledger.folder.path).sorted() == filesBefore)
        #expect(try ledger.snapshot() == before)
    }

    @Test func emptySnapshotFileNameIsUsageError() throws {
        let ledger = try CommandLineLedger()
        let before = try ledger.snapshot()
        let output = try ledger.run(["import", ""])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: a snapshot file name is empty; give a file path\n"), "\(output.standardError)")
        #expect(try ledger.snapshot() == before)
    }

    @Test func emptyLedgerDbMeansDefault() throws {
        let ledger = try CommandLineLedger()
        let folder = ledger.folder.appendingPathComponent("here").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let created = try ledger.runShell(#"cd "$(dirname "$LEDGER_DB")/here" && LEDGER_DB= exec "$LEDGER" init"#)
        #expect(created.status == 0, "\(created.standardError)")
        #expect(created.standardOutput.hasPrefix("Created ledger ledger.sqlite."))
        #expect(FileManager.default.fileExists(atPath: folder + "/ledger.sqlite"))
        let listed = try ledger.runShell(#"cd "$(dirname "$LEDGER_DB")/here" && LEDGER_DB= exec "$LEDGER" accounts"#)
        #expect(listed.status == 0, "\(listed.standardError)")
    }
}
