import Foundation
import Testing

/// `init`, `demo`, `replay --into` and `export --output` stopped part way,
/// by a signal or a full disk: each leaves its finished files or none of
/// them, and a rerun succeeds.
///
/// strace stops the process at a chosen system call (the Nth `pwrite64`,
/// the first `fsync`), so the signal lands at the same step on every run.
@Suite struct InterruptedCreationTests {
    static let hasStrace = CommandLineLedger.hasStrace

    @discardableResult
    private func runStopped(
        _ ledger: CommandLineLedger,
        at call: String,
        count: Int,
        signal: String,
        _ arguments: [String]
    ) throws -> Int32 {
        try ledger.runStopped(at: call, count: count, signal: signal, arguments).status
    }

    private func files(in folder: URL) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
    }

    // MARK: - export --output

    /// An export cut off by a signal was left at the final path, where it
    /// looked whole and blocked the rerun, which never overwrites a file.
    @Test(.enabled(if: hasStrace), arguments: ["SIGKILL", "SIGTERM", "SIGINT"])
    func interruptedExportLeavesNoFile(signal: String) throws {
        let ledger = try CommandLineLedger()
        try ledger.importAccounts(300)
        let output = ledger.folder.appendingPathComponent("log.jsonl").path

        // The export writes 64 KiB at a time; the second write is mid-file.
        let status = try runStopped(ledger, at: "write", count: 2, signal: signal, ["export", "--output", output])

        #expect(!FileManager.default.fileExists(atPath: output))
        if signal != "SIGKILL" {
            #expect(status == (signal == "SIGINT" ? 130 : 143))
            #expect(try files(in: ledger.folder).filter { $0.contains("log.jsonl") }.isEmpty)
        }
        let rerun = try ledger.run(["export", "--output", output])
        #expect(rerun.status == 0, "\(rerun.standardError)")
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 301)
        #expect(lines.first?.hasPrefix(#"{"event_count":300,"#) == true)
    }

    // MARK: - replay --into

    @Test(.enabled(if: hasStrace), arguments: ["SIGKILL", "SIGTERM", "SIGINT"])
    func interruptedReplayLeavesNoCopy(signal: String) throws {
        let ledger = try CommandLineLedger()
        try ledger.importAccounts(300)
        let into = ledger.folder.appendingPathComponent("copy.sqlite").path

        // About 650 writes copy 300 events; the 300th is in the middle.
        try runStopped(ledger, at: "pwrite64", count: 300, signal: signal,
                       ["replay", "--position", "300", "--into", into])

        #expect(!FileManager.default.fileExists(atPath: into))
        #expect(!FileManager.default.fileExists(atPath: into + ".key"))
        if signal != "SIGKILL" {
            // A caught signal removes the partial files; SIGKILL cannot be caught.
            #expect(try files(in: ledger.folder).filter { $0.contains("copy.sqlite") }.isEmpty)
        }
        let rerun = try ledger.run(["replay", "--position", "300", "--into", into])
        #expect(rerun.status == 0, "\(rerun.standardError)")
        let verified = try ledger.run(["verify", "--db", into])
        #expect(verified.standardOutput.hasPrefix("Verified 300 events"))
    }

    /// SIGINT at the second `link`, which moves the finished database into
    /// place, reached the handler only after the work had ended, and the
    /// replay exited 0 in most runs. Three runs, because the loss was a race.
    @Test(.enabled(if: hasStrace)) func signalDuringMovesIsNotLost() throws {
        let ledger = try CommandLineLedger()
        try ledger.importAccounts(20)
        for run in 1...3 {
            let into = ledger.folder.appendingPathComponent("copy-\(run).sqlite").path

            let status = try runStopped(ledger, at: "link", count: 2, signal: "SIGINT",
                                        ["replay", "--position", "20", "--into", into])

            #expect(status == 130, "run \(run)")
            #expect(try files(in: ledger.folder).filter { $0.contains(".partial-") }.isEmpty, "run \(run)")
            let verified = try ledger.run(["verify", "--db", into])
            #expect(verified.standardOutput.hasPrefix("Verified 20 events"), "run \(run)")
        }
    }

    @Test(.enabled(if: ScratchFileSystem.isAvailable)) func replayOnFullDiskNamesTarget() throws {
        let ledger = try CommandLineLedger()
        try ledger.importAccounts(300)
        let scratch = try ScratchFileSystem(kilobytes: 400)
        let into = scratch.path("copy.sqlite")

        let output = try ledger.run(["replay", "--position", "300", "--into", into])

        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database \(into): no space left on the database's disk"))
        #expect(!output.standardError.contains(ledger.path))
        #expect(try files(in: scratch.folder).isEmpty)
    }

    // MARK: - init

    /// The first database write, and the `fsync` of the key file, which is
    /// the only file that `init` syncs with `fsync` (SQLite uses `fdatasync`).
    @Test(.enabled(if: hasStrace), arguments: [("pwrite64", 1), ("fsync", 1)])
    func killedInitLeavesNothing(call: String, count: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try CommandLineLedger()
        let path = folder.appendingPathComponent("new.sqlite").path

        try runStopped(ledger, at: call, count: count, signal: "SIGKILL", ["init", "--db", path])

        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + ".key"))
        let rerun = try ledger.run(["init", "--db", path])
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(FileManager.default.fileExists(atPath: path + ".key"))
    }

    @Test(.enabled(if: ScratchFileSystem.isAvailable)) func initOnFullDiskIsStorageFailure() throws {
        let scratch = try ScratchFileSystem(kilobytes: 120)
        let path = scratch.path("new.sqlite")

        let output = try LedgerProcess.run(["init", "--db", path])

        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database \(path): no space left on the database's disk"))
        #expect(output.standardError.hasSuffix("; nothing was written, free space and retry\n"))
        #expect(try files(in: scratch.folder).isEmpty)
        try scratch.resize(kilobytes: 2048)
        #expect(try LedgerProcess.run(["init", "--db", path]).status == 0)
    }

    // MARK: - demo

    @Test(.enabled(if: hasStrace)) func killedDemoAllowsRerun() throws {
        let ledger = try CommandLineLedger()
        let path = ledger.folder.appendingPathComponent("demo.sqlite").path

        try runStopped(ledger, at: "pwrite64", count: 200, signal: "SIGKILL", ["demo", "--db", path])

        #expect(!FileManager.default.fileExists(atPath: path))
        let rerun = try ledger.run(["demo", "--db", path])
        #expect(rerun.status == 0, "\(rerun.standardError)")
    }
}
