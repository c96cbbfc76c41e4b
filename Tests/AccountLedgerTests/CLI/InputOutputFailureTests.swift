import Foundation
import LedgerHarness
import Testing

/// Files and standard streams that fail when read or written: a folder in
/// place of a file, a closed standard input, a file size limit. Each gives
/// one `Error:` line and an exit status, never a crash, and leaves the
/// ledger as it was.
@Suite struct InputOutputFailureTests {
    /// Creates a ledger and an empty folder `folder` beside it. The ledger
    /// has one Amazon S3 account `s3` unless `isEmpty`, which `import --events` needs.
    private func ledgerWithFolder(isEmpty: Bool = false) throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        if !isEmpty {
            try #require(try ledger.connectS3("s3").status == 0)
        }
        let folder = ledger.folder.appendingPathComponent("folder").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        return ledger
    }

    /// Runs `script` in `/bin/sh` inside the ledger's folder and checks the
    /// status, the one error line and that no table changed.
    private func expectFailure(
        _ ledger: CommandLineLedger,
        _ script: String,
        status: Int32,
        error: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try ledger.snapshot()
        let output = try ledger.runShell("cd '\(ledger.folder.path)' && \(script)")
        #expect(output.status == status, sourceLocation: sourceLocation)
        #expect(output.standardError == error, sourceLocation: sourceLocation)
        #expect(output.standardOutput.isEmpty, sourceLocation: sourceLocation)
        #expect(try ledger.snapshot() == before, "the ledger changed", sourceLocation: sourceLocation)
    }

    @Test func eventsImportFromFolderExitsFive() throws {
        let ledger = try ledgerWithFolder(isEmpty: true)
        try expectFailure(
            ledger, #"exec "$LEDGER" import --events folder"#, status: 5,
            error: "Error: invalid input in folder: cannot be read: Is a directory\n")
    }

    @Test func eventsImportFromFolderOnStandardInput() throws {
        let ledger = try ledgerWithFolder(isEmpty: true)
        try expectFailure(
            ledger, #"exec "$LEDGER" import --events - < folder"#, status: 5,
            error: "Error: invalid input in standard input: cannot be read: Is a directory\n")
    }

    @Test func eventsImportFromClosedStandardInput() throws {
        let ledger = try ledgerWithFolder(isEmpty: true)
        try expectFailure(
            ledger, #"exec "$LEDGER" import --events - <&-"#, status: 5,
            error: "Error: invalid input in standard input: cannot be read: Bad file descriptor\n")
    }

    @Test func snapshotImportFromFolderOnStandardInput() throws {
        let ledger = try ledgerWithFolder()
        try expectFailure(
            ledger, #"exec "$LEDGER" import - < folder"#, status: 5,
            error: "Error: invalid input in standard input: cannot be read: Is a directory\n")
    }

    @Test func snapshotImportFromClosedStandardInput() throws {
        let ledger = try ledgerWithFolder()
        try expectFailure(
            ledger, #"exec "$LEDGER" import - <&-"#, status: 5,
            error: "Error: invalid input in standard input: cannot be read: Bad file descriptor\n")
    }

    @Test func secretFromFolderOnStandardInput() throws {
        let ledger = try ledgerWithFolder()
        try expectFailure(
            ledger,
            #"exec "$LEDGER" connect --id z --destination sftp --name Z --username u --secret password=stdin < folder"#,
            status: 5, error: "Error: invalid input in standard input: cannot be read: Is a directory\n")
    }

    @Test(arguments: [
        ("who-used", "--secret-from stdin"),
        ("connect --id z --destination sftp --name Z --username u --secret password=stdin", "--secret password=stdin"),
        ("edit s3 --secret secretKey=stdin", "--secret secretKey=stdin"),
        ("reconnect ads --secret accessToken=stdin", "--secret accessToken=stdin"),
    ])
    func secretFromEmptyStandardInput(command: String, option: String) throws {
        // It exited 2 and printed the usage line, though an empty line exits 5.
        let ledger = try ledgerWithFolder()
        let connected = try ledger.run(
            ["connect", "--id", "ads", "--destination", "google-ads", "--name", "Ads", "--secret", "accessToken=stdin"],
            input: "first-token\n")
        try #require(connected.status == 0, "\(connected.standardError)")
        try expectFailure(
            ledger, #"exec "$LEDGER" "# + command + " < /dev/null", status: 5,
            error: "Error: invalid input in standard input: ended before the line for \(option); pipe one line per secret read from stdin\n")
    }

    @Test func publicKeyFromFolderOnStandardInput() throws {
        let ledger = try ledgerWithFolder()
        try expectFailure(
            ledger, #"exec "$LEDGER" set-encryption-key s3 --public-key-file - < folder"#, status: 5,
            error: "Error: invalid input in standard input: cannot be read: Is a directory\n")
    }

    @Test func exportOverFileSizeLimitIsRemoved() throws {
        let ledger = try ledgerWithFolder()
        let snapshot = ledger.folder.appendingPathComponent("snapshot.json").path
        try SnapshotGenerator.connectionList(count: 150, revision: 0)
            .write(toFile: snapshot, atomically: true, encoding: .utf8)
        try #require(try ledger.run(["import", snapshot]).status == 0)
        // The ledger ignores SIGXFSZ, so a write past the limit fails with
        // EFBIG as on a full disk. `env` restores the signal's default action,
        // because the test runner may ignore it and the child would inherit
        // that. The limit is 64 blocks of 512 bytes (dash) or 1024 (bash):
        // room for SQLite's 32 KiB shared-memory file, but less than the
        // export of 150 accounts.
        try expectFailure(
            ledger,
            #"ulimit -f 64 && exec env --default-signal=XFSZ "$LEDGER" export --output log.jsonl"#,
            status: 1,
            error: "Error: cannot write log.jsonl: File too large; the partial file was removed\n")
        #expect(!FileManager.default.fileExists(atPath: ledger.folder.appendingPathComponent("log.jsonl").path))
    }
}
