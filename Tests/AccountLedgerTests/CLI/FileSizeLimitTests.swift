import Foundation
import Testing

/// Commands run under a file size limit (`ulimit -f`), which by default
/// ends a process with SIGXFSZ at the first write past it. The ledger
/// ignores that signal, so each write fails as on a full disk: one
/// `Error:` line, status 7, no partial file left, and the ledger as it was.
///
/// `prlimit` sets the limit on the child alone, and `env` gives it
/// SIGXFSZ's default action, in case the test runner ignores the signal
/// and the child would inherit that. 64 KiB leaves room for SQLite's 32 KiB
/// shared-memory file and the key file, but not for a new ledger's schema
/// or 300 events.
@Suite struct FileSizeLimitTests {
    static let limitBytes = 65_536

    /// Runs `ledger ARGUMENTS` under the file size limit from the ledger's folder.
    private func runLimited(_ ledger: CommandLineLedger, _ arguments: String) throws -> LedgerProcess.Output {
        try ledger.runShell(
            #"cd "$(dirname "$LEDGER_DB")" && exec prlimit --fsize=\#(Self.limitBytes) env --default-signal=XFSZ "$LEDGER" "# + arguments)
    }

    /// Returns the names in the ledger's folder that contain `name`, such
    /// as the hidden `.new.sqlite.partial-*` files.
    private func files(named name: String, in ledger: CommandLineLedger) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: ledger.folder.path).filter { $0.contains(name) }
    }

    @Test(arguments: ["init --db new.sqlite", "demo --db new.sqlite", "replay --position 300 --into new.sqlite"])
    func creationLeavesNoPartialFiles(command: String) throws {
        let ledger = try CommandLineLedger()
        try ledger.importAccounts(300)

        let output = try runLimited(ledger, command)

        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database new.sqlite: "), "stderr: \(output.standardError)")
        #expect(output.standardError.contains("file size limit"), "stderr: \(output.standardError)")
        #expect(try files(named: "new.sqlite", in: ledger).isEmpty)
    }

    @Test func importFailsWithErrorLine() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try ledger.writeSnapshot(accounts: 300)
        let before = try ledger.snapshot()

        let output = try runLimited(ledger, "import snapshot.json")

        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database \(ledger.path): "), "stderr: \(output.standardError)")
        #expect(output.standardError.contains("file size limit"), "stderr: \(output.standardError)")
        #expect(try ledger.snapshot() == before)
    }
}
