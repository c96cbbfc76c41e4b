import Foundation
import Testing

@testable import AccountLedger

/// SQLite writes sort runs and TEMP tables (which `rebuild` uses) to a
/// temporary folder that may sit on another disk than the database. When
/// that folder is full, the message names it beside the database's disk.
@Suite struct TemporaryFolderTests {
    /// Creates a ledger with 300 accounts, enough rows that `rebuild`
    /// writes to the temporary folder (one account is too few).
    private func ledgerWithAccounts() throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        try ledger.importAccounts(300)
        return ledger
    }

    /// Mounts a small tmpfs and fills it, so every write to it fails.
    private func fullFileSystem() throws -> ScratchFileSystem {
        let scratch = try ScratchFileSystem(kilobytes: 64)
        let fill = try LedgerProcess.runShell("dd if=/dev/zero of='\(scratch.path("fill"))' bs=4096 2>/dev/null; true")
        try #require(fill.status == 0)
        return scratch
    }

    @Test(.enabled(if: ScratchFileSystem.isAvailable)) func fullTemporaryFolderIsNamed() throws {
        let ledger = try ledgerWithAccounts()
        let scratch = try fullFileSystem()
        let before = try ledger.snapshot()

        let output = try ledger.run(["rebuild"], environment: ["TMPDIR": scratch.folder.path])

        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database \(ledger.path): no space left"), "stderr: \(output.standardError)")
        #expect(output.standardError.contains("the database's disk"), "stderr: \(output.standardError)")
        #expect(
            output.standardError.contains("SQLite's temporary folder \(scratch.folder.path) (from $TMPDIR)"),
            "stderr: \(output.standardError)")
        #expect(try ledger.snapshot() == before)
    }

    @Test(.enabled(if: ScratchFileSystem.isAvailable)) func sqliteVariableComesFirst() throws {
        let ledger = try ledgerWithAccounts()
        let scratch = try fullFileSystem()

        let output = try ledger.run(
            ["rebuild"], environment: ["SQLITE_TMPDIR": scratch.folder.path, "TMPDIR": ledger.folder.path])

        #expect(output.status == 7)
        #expect(
            output.standardError.contains("SQLite's temporary folder \(scratch.folder.path) (from $SQLITE_TMPDIR)"),
            "stderr: \(output.standardError)")
    }

    // MARK: - The folder SQLite picks

    @Test func missingFolderInVariableIsSkipped() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let found = SQLiteTemporaryFolder.find(environment: [
            "SQLITE_TMPDIR": folder.appendingPathComponent("none").path, "TMPDIR": folder.path,
        ])

        #expect(found.path == folder.path)
        #expect(found.variable == "TMPDIR")
    }

    @Test func fileInVariableIsSkipped() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("file").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)

        let found = SQLiteTemporaryFolder.find(environment: ["SQLITE_TMPDIR": file, "TMPDIR": folder.path])

        #expect(found.path == folder.path)
        #expect(found.variable == "TMPDIR")
    }

    @Test func withoutVariablesFirstWritableDefault() throws {
        let expected = ["/var/tmp", "/usr/tmp", "/tmp"].first { access($0, W_OK | X_OK) == 0 && isFolder($0) } ?? "."

        let found = SQLiteTemporaryFolder.find(environment: [:])

        #expect(found.path == expected)
        #expect(found.variable == nil)
    }

    private func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-tmpdir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
