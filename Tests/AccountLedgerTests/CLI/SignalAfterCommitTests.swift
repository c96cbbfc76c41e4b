import AccountLedger
import Foundation
import LedgerHarness
import Testing

/// SIGTERM that arrives after a command commits ended the command with
/// status 143, no output and the change stored. It arrived as SQLite closed
/// the connection (its first `unlink` removes the -shm file) or while the
/// commit synced the -wal file, and a retried `connect --id` then failed
/// with "already exists". The command now writes its result and then ends
/// with status 143.
@Suite(.enabled(if: CommandLineLedger.hasStrace)) struct SignalAfterCommitTests {
    private func connectAds(_ ledger: CommandLineLedger) throws {
        let output = try ledger.run(
            ["connect", "--id", "ads", "--destination", "google-ads", "--name", "Ads", "--secret", "accessToken=stdin"],
            input: "first-token\n")
        try #require(output.status == 0, "\(output.standardError)")
    }

    @Test(arguments: [
        (["edit", "s3", "--name", "Renamed"], "", "Edited account s3: AccountRenamed at position 3"),
        (["delete", "s3", "--force"], "", "Deleted account s3: "),
        (["activate", "s3", "--dataflow", "df2"], "", "Activated dataflow on account s3: DataflowActivated at position 3"),
        (["deactivate", "s3", "--dataflow", "df1"], "", "Deactivated dataflow on account s3: DataflowDeactivated at position 3"),
        (["set-encryption-key", "s3", "--public-key-file", "-"], SamplePublicKeys.rsa,
         "Updated account s3: EncryptionKeySet at position 3"),
        (["reconnect", "ads", "--secret", "accessToken=stdin"], "second-token\n", "Reconnected account ads: "),
        (["connect", "--id", "new", "--destination", "google-ads", "--name", "New", "--secret", "accessToken=stdin"],
         "token\n", "Connected account new: AccountConnected at position 3"),
        (["rebuild"], "", "Rebuilt "),
    ])
    func signalAtCloseAfterSave(arguments: [String], input: String, outcome: String) throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try #require(try ledger.run(["activate", "s3", "--dataflow", "df1"]).status == 0)
        if arguments.contains("ads") {
            try connectAds(ledger)
        }
        let before = try ledger.run(["export", "--output", "-"]).standardOutput

        let output = try ledger.runStopped(at: "unlink", count: 1, signal: "SIGTERM", arguments, input: input)

        #expect(output.status == 143)
        #expect(output.standardOutput.hasPrefix(outcome), "\(output.standardOutput)")
        if arguments != ["rebuild"] {
            #expect(try ledger.run(["export", "--output", "-"]).standardOutput != before)
        }
    }

    /// The command ended with `_exit(143)`, a plain exit, so a shell loop
    /// that ran it went on after Ctrl-C as if the program had handled it.
    @Test func heldSignalEndsProcessBySignal() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let trace = ledger.folder.appendingPathComponent("trace.txt")

        // strace's last line for the process shows how it ended.
        let output = try ledger.runShell("""
            strace -f -o '\(trace.path)' -e trace=fdatasync -e inject=fdatasync:signal=SIGTERM:when=1 \
            "$LEDGER" edit s3 --name Renamed
            """)

        let lines = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n")
        #expect(output.status == 143)
        #expect(output.standardOutput == "Edited account s3: AccountRenamed at position 2; now at version 2.\n")
        #expect(lines.last?.hasSuffix("+++ killed by SIGTERM +++") == true, "\(lines.suffix(3))")
    }

    /// A held SIGTERM waited for as long as the result could not be
    /// written, here into a FIFO that is open but never read, whose buffer
    /// the import's result (about 10 bytes a record) fills.
    @Test func heldSignalEndsProcessWhenOutputBlocks() throws {
        let ledger = try CommandLineLedger()
        let snapshot = try ledger.writeSnapshot(accounts: 7_000)

        // Each wait is bounded, so a run that goes wrong ends the script.
        let output = try ledger.runShell("""
            cd '\(ledger.folder.path)' && mkfifo out.fifo && exec 3<>out.fifo
            "$LEDGER" import --json '\(snapshot)' > out.fifo 2> err.txt &
            pid=$!
            tries=0
            until grep -q pipe_write /proc/$pid/wchan 2>/dev/null || [ $tries -ge 600 ]; do sleep 0.1; tries=$((tries + 1)); done
            kill -TERM $pid
            tries=0
            while kill -0 $pid 2>/dev/null && [ $tries -lt 300 ]; do sleep 0.1; tries=$((tries + 1)); done
            kill -KILL $pid 2>/dev/null
            wait $pid
            echo "status $?"
            """)

        // 137 would mean the held signal never ended the process.
        #expect(output.standardOutput.contains("status 143"), "\(output.combined)")
        #expect(try Ledger(path: ledger.path, access: .read, environment: [:]).accounts(AccountQuery()).count == 7_000)
    }

    /// With SIGINT ignored, as in a background job, the handlers of SIGTERM
    /// and SIGHUP stayed installed after the command: a zip over optional
    /// handler pointers stopped at SIG_IGN.
    @Test func handlersAreRestoredAfterIgnoredSignal() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let trace = ledger.folder.appendingPathComponent("trace.txt")

        let output = try ledger.runShell("""
            trap '' INT
            strace -f -o '\(trace.path)' -e trace=rt_sigaction "$LEDGER" edit s3 --name Renamed
            """)

        let text = try String(contentsOf: trace, encoding: .utf8)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(text.contains("rt_sigaction(SIGTERM, {sa_handler=SIG_DFL"), "\(text.suffix(600))")
        #expect(text.contains("rt_sigaction(SIGHUP, {sa_handler=SIG_DFL"))
    }

    /// SIGTERM between the two files left the private key without its
    /// public half, and a rerun then failed on the private key.
    @Test func signalDuringNewSigningKeyLeavesNeitherFile() throws {
        let ledger = try CommandLineLedger()
        let key = ledger.folder.appendingPathComponent("sk").path

        let output = try ledger.runStopped(at: "fsync", count: 1, signal: "SIGTERM", ["digest", "--new-sign-key", key])

        #expect(output.status == 143)
        #expect(!FileManager.default.fileExists(atPath: key))
        #expect(!FileManager.default.fileExists(atPath: key + ".pub"))
        #expect(try ledger.run(["digest", "--new-sign-key", key]).status == 0)
    }

    @Test func signalDuringCommitSync() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)

        let output = try ledger.runStopped(at: "fdatasync", count: 1, signal: "SIGTERM", ["edit", "s3", "--name", "Renamed"])

        #expect(output.status == 143)
        #expect(output.standardOutput == "Edited account s3: AccountRenamed at position 2; now at version 2.\n")
        #expect(try ledger.run(["show", "s3"]).standardOutput.contains("Renamed"))
    }

    @Test func signalAtCloseAfterSnapshotImport() throws {
        let ledger = try CommandLineLedger()
        let snapshot = try ledger.writeSnapshot(accounts: 2)

        let output = try ledger.runStopped(at: "unlink", count: 1, signal: "SIGINT", ["import", snapshot])

        #expect(output.status == 130)
        #expect(output.standardOutput.hasPrefix("Imported 1 file (2 records): 2 connected"))
        let retried = try ledger.run(["import", snapshot])
        #expect(retried.standardOutput.hasSuffix("2 unchanged; nothing appended.\n"), "\(retried.standardOutput)")
    }

    @Test func signalAtCloseAfterEventsImport() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let log = ledger.folder.appendingPathComponent("log.jsonl").path
        try #require(try ledger.run(["export", "--output", log]).status == 0)
        let copy = ledger.folder.appendingPathComponent("copy.sqlite").path
        let key = try String(contentsOfFile: ledger.keyPath, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // The copy takes the source's key, as an export needs.
        ledger.environment["LEDGER_KEY"] = key
        try #require(try ledger.run(["init", "--db", copy]).status == 0)

        let output = try ledger.runStopped(
            at: "unlink", count: 1, signal: "SIGTERM", ["import", "--db", copy, "--events", log])

        #expect(output.status == 143, "\(output.standardError)")
        #expect(output.standardOutput.hasPrefix("Loaded 1 event(s) from "), "\(output.standardOutput)")
    }

    /// The second `link` moves the new database into place.
    @Test(arguments: [
        (["init", "--db", "new.sqlite"], "Created ledger new.sqlite."),
        (["demo", "--db", "demo.sqlite"], "Demo ledger demo.sqlite: "),
        (["replay", "--position", "1", "--into", "copy.sqlite"], "Wrote copy.sqlite with 1 event(s)"),
    ])
    func signalAfterNewFileIsInPlace(arguments: [String], outcome: String) throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)

        let output = try ledger.runShell(
            #"cd "$(dirname "$LEDGER_DB")" && strace -f -o /dev/null -e trace=link "#
                + #"-e inject=link:signal=SIGTERM:when=2 "$LEDGER" "# + arguments.joined(separator: " "))

        #expect(output.status == 143)
        #expect(output.standardOutput.hasPrefix(outcome), "\(output.standardOutput)")
    }
}
