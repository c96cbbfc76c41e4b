import AccountLedger
import Foundation
import LedgerHarness
import Testing

/// A command whose standard output is a full device (`/dev/full`) exits 1.
/// When it committed a change first, the error states it and repeats what
/// the lost output showed, such as the id of a new account, because a user
/// who retried would otherwise make the change twice.
@Suite struct LostOutputAfterSaveTests {
    private let fullDevice = "Error: cannot write standard output: No space left on device"
    private let savedNote = ". The change was saved, so there is no need to run the command again: "

    /// Runs the shell script `wrap` makes of a `ledger` command line with
    /// `arguments`, in the ledger's folder, with `input` in `$INPUT`.
    private func runShell(
        _ ledger: CommandLineLedger, _ arguments: [String], input: String, wrap: (String) -> String
    ) throws -> LedgerProcess.Output {
        let inputFile = ledger.folder.appendingPathComponent("input-\(UUID().uuidString)")
        try input.write(to: inputFile, atomically: true, encoding: .utf8)
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
        let command = #""$LEDGER" "# + quoted.joined(separator: " ")
        let environment = ledger.environment.merging(["FOLDER": ledger.folder.path, "INPUT": inputFile.path]) { $1 }
        return try LedgerProcess.runShell(#"cd "$FOLDER" && "# + wrap(command), environment: environment)
    }

    /// Runs `ledger` with `arguments` in the ledger's folder, with standard
    /// output on `/dev/full` and standard input from `input`.
    private func runIntoFullDevice(
        _ ledger: CommandLineLedger, _ arguments: [String], input: String = ""
    ) throws -> LedgerProcess.Output {
        try runShell(ledger, arguments, input: input) { "exec " + $0 + #" < "$INPUT" > /dev/full"# }
    }

    private func connectAds(_ ledger: CommandLineLedger) throws {
        let output = try ledger.run(
            ["connect", "--id", "ads", "--destination", "google-ads", "--name", "Ads", "--secret", "accessToken=stdin"],
            input: "first-token\n")
        try #require(output.status == 0, "\(output.standardError)")
    }

    @Test func connectWithoutIDNamesTheNewID() throws {
        let ledger = try CommandLineLedger()

        let output = try runIntoFullDevice(
            ledger,
            ["connect", "--destination", "sftp", "--name", "Full out", "--username", "u",
             "--setting", "domain=d.example", "--secret", "password=stdin"],
            input: "pw\n")

        let ids = try Ledger(path: ledger.path, access: .read, environment: [:]).accounts(AccountQuery()).map(\.accountID)
        #expect(output.status == 1)
        #expect(ids.count == 1)
        let id = try #require(ids.first)
        #expect(output.standardError
            == fullDevice + savedNote + "Connected account \(id): AccountConnected at position 1; now at version 1.\n")
    }

    @Test(arguments: [
        (["edit", "s3", "--name", "Renamed"], "", "Edited account s3: AccountRenamed at position 2; now at version 2."),
        (["activate", "s3", "--dataflow", "df1"], "",
         "Activated dataflow on account s3: DataflowActivated at position 2; now at version 2."),
        (["delete", "s3"], "", "Deleted account s3: AccountDeleted at position 2; now at version 2."),
        (["edit", "s3", "--name", "Renamed", "--json"], "",
         "Edited account s3: AccountRenamed at position 2; now at version 2."),
        (["set-encryption-key", "s3", "--public-key-file", "-"], SamplePublicKeys.rsa,
         "Updated account s3: EncryptionKeySet at position 2; now at version 2."),
    ])
    func saveNamesItsPositions(arguments: [String], input: String, outcome: String) throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)

        let output = try runIntoFullDevice(ledger, arguments, input: input)

        #expect(output.status == 1)
        #expect(output.standardError == fullDevice + savedNote + outcome + "\n")
    }

    @Test func deactivateAndKeyRemovalNamePositions() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try #require(try ledger.run(["activate", "s3", "--dataflow", "df1"]).status == 0)
        try #require(try ledger.run(["set-encryption-key", "s3", "--public-key-file", "-"], input: SamplePublicKeys.rsa).status == 0)

        let deactivated = try runIntoFullDevice(ledger, ["deactivate", "s3", "--dataflow", "df1"])
        let removed = try runIntoFullDevice(ledger, ["remove-encryption-key", "s3"])

        #expect(deactivated.standardError == fullDevice + savedNote
            + "Deactivated dataflow on account s3: DataflowDeactivated at position 4; now at version 4.\n")
        #expect(removed.standardError == fullDevice + savedNote
            + "Updated account s3: EncryptionKeyRemoved at position 5; now at version 5.\n")
    }

    @Test func reconnectNamesPositions() throws {
        let ledger = try CommandLineLedger()
        try connectAds(ledger)

        let output = try runIntoFullDevice(ledger, ["reconnect", "ads", "--secret", "accessToken=stdin"], input: "second\n")

        #expect(output.status == 1)
        #expect(output.standardError.hasPrefix(fullDevice + savedNote + "Reconnected account ads: "))
        #expect(output.standardError.hasSuffix("at position 2; now at version 2.\n"))
    }

    @Test func snapshotImportNamesPositions() throws {
        let ledger = try CommandLineLedger()
        let snapshot = try ledger.writeSnapshot(accounts: 2)

        let output = try runIntoFullDevice(ledger, ["import", snapshot])

        #expect(output.status == 1)
        #expect(output.standardError == fullDevice + savedNote
            + "Imported 1 file (2 records): 2 connected, 0 changed, 0 deleted, 0 unchanged; 2 events appended at positions 1-2.\n")
    }

    @Test func eventsImportNamesCount() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try #require(try ledger.run(["export", "--output", ledger.folder.appendingPathComponent("log.jsonl").path]).status == 0)

        // The copy takes the source's key, as an export needs.
        let output = try ledger.runShell(#"""
            cd "$(dirname "$LEDGER_DB")" && export LEDGER_KEY="$(cat ledger.sqlite.key)" \
                && "$LEDGER" init --db copy.sqlite > /dev/null \
                && exec "$LEDGER" import --db copy.sqlite --events log.jsonl > /dev/full
            """#)

        #expect(output.status == 1)
        #expect(output.standardError == fullDevice + savedNote
            + "Loaded 1 event(s) from log.jsonl; hash chain checked, projections built.\n")
    }

    @Test func initNamesLedgerAndKey() throws {
        let ledger = try CommandLineLedger()
        let path = ledger.folder.appendingPathComponent("second.sqlite").path

        let output = try runIntoFullDevice(ledger, ["init", "--db", path])

        #expect(output.status == 1)
        #expect(output.standardError == fullDevice + savedNote
            + "Created ledger \(path). Fingerprint key: \(path).key.\n")
    }

    /// The repeated result left out the key file the copy wrote.
    @Test func replayNamesCopyAndKey() throws {
        let ledger = try CommandLineLedger()
        try connectAds(ledger)
        let path = ledger.folder.appendingPathComponent("copy.sqlite").path

        let output = try runIntoFullDevice(ledger, ["replay", "--position", "1", "--into", path])

        #expect(output.status == 1)
        #expect(output.standardError == fullDevice + savedNote
            + "Wrote \(path) with 1 event(s), positions 1-1, hashes unchanged. "
            + "Fingerprint key copied to \(path).key (mode 0600).\n")
    }

    @Test func saveWithoutChangeSaysNothingSaved() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3", name: "Exports").status == 0)

        let output = try runIntoFullDevice(ledger, ["edit", "s3", "--name", "Exports"])

        #expect(output.status == 1)
        #expect(output.standardError == fullDevice + "\n")
    }

    @Test func queryKeepsPlainMessage() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)

        let output = try runIntoFullDevice(ledger, ["show", "s3"])

        #expect(output.status == 1)
        #expect(output.standardError == fullDevice + "\n")
    }

    /// Runs `ledger` with `arguments` into a pipe whose reader has closed
    /// it, and returns the exit status and standard error.
    private func runIntoClosedPipe(_ ledger: CommandLineLedger, _ arguments: [String], input: String = "") throws -> (status: String, error: String) {
        // The reader closes its end at once and waits, so the write fails
        // with EPIPE rather than filling the pipe's buffer.
        _ = try runShell(ledger, arguments, input: input) {
            "{ " + $0 + #" < "$INPUT" 2> err.txt; echo $? > status.txt; } | (exec 0<&-; sleep 1)"#
        }
        let status = try String(contentsOf: ledger.folder.appendingPathComponent("status.txt"), encoding: .utf8)
        let error = try String(contentsOf: ledger.folder.appendingPathComponent("err.txt"), encoding: .utf8)
        return (status.trimmingCharacters(in: .whitespacesAndNewlines), error)
    }

    /// SIGPIPE ended the process after the commit, with no word of the
    /// account it had stored.
    @Test func closedPipeAfterConnectNamesTheNewID() throws {
        let ledger = try CommandLineLedger()

        let result = try runIntoClosedPipe(
            ledger,
            ["connect", "--destination", "sftp", "--name", "Piped", "--username", "u",
             "--setting", "domain=d.example", "--secret", "password=stdin"],
            input: "pw\n")

        let ids = try Ledger(path: ledger.path, access: .read, environment: [:]).accounts(AccountQuery()).map(\.accountID)
        let id = try #require(ids.first)
        #expect(result.status == "1")
        #expect(result.error == "Error: cannot write standard output: Broken pipe" + savedNote
            + "Connected account \(id): AccountConnected at position 1; now at version 1.\n")
    }

    /// The export file was written, and the command ended by SIGPIPE
    /// with no word of it.
    @Test func closedPipeAfterExportToFileNamesTheFile() throws {
        let ledger = try CommandLineLedger()
        try connectAds(ledger)

        let result = try runIntoClosedPipe(ledger, ["export", "--output", "log.jsonl"])

        #expect(result.status == "1")
        #expect(result.error == "Error: cannot write standard output: Broken pipe" + savedNote
            + "Exported 1 event(s) to log.jsonl.\n")
    }

    @Test func closedPipeOnReadEndsQuietly() throws {
        let ledger = try CommandLineLedger()
        try connectAds(ledger)

        let result = try runIntoClosedPipe(ledger, ["accounts"])

        #expect(result.status == "141")
        #expect(result.error.isEmpty)
    }
}

