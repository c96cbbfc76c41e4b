@testable import AccountLedger
import Foundation
import LedgerHarness
import Testing

/// A hostile environment around the database file: each case gets one
/// clear message and a non-zero exit, and loses nothing already stored.
@Suite(.serialized) struct HostileEnvironmentTests {
    /// Creates a ledger at `path` through the CLI with account a1 at version 2.
    private func makeLedger(_ path: String) throws {
        for (arguments, input) in [
            (["init", "--db", path], ""),
            (["connect", "--db", path, "--id", "a1", "--destination", "amazon-s3", "--name", "Exports",
              "--secret", "accessKeyId=stdin", "--secret", "secretKey=stdin"], "AKIA0001\nsecret-1\n"),
            (["edit", "a1", "--db", path, "--name", "Exports EU"], ""),
        ] {
            let output = try LedgerProcess.run(arguments, input: input)
            try #require(output.status == 0, "ledger \(arguments[0]): \(output.standardError)")
        }
    }

    /// Runs `ledger verify --json` and returns the verified event count.
    private func verifiedEventCount(_ path: String) throws -> Int64? {
        let output = try LedgerProcess.run(["verify", "--db", path, "--json"])
        guard output.status == 0 else { return nil }
        return try JSONParser.parse(output.standardOutput)["events"]?.integerValue
    }

    private func rename(_ path: String) throws -> LedgerProcess.Output {
        try LedgerProcess.run(["edit", "a1", "--db", path, "--name", "Changed"])
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func immutableFileRejectsWrites() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        try makeLedger(path)
        // chattr +i stops even root from writing, unlike permission bits.
        let locked = try LedgerProcess.runShell("chattr +i '\(path)'")
        try #require(locked.status == 0, "chattr +i failed: \(locked.standardError)")
        defer { _ = try? LedgerProcess.runShell("chattr -i '\(path)'") }

        let output = try rename(path)

        #expect(output.status == 7)
        #expect(output.standardError.contains("is read-only"), "\(output.standardError)")
        #expect(try verifiedEventCount(path) == 2)
    }

    @Test(.enabled(if: ScratchFileSystem.isAvailable)) func readOnlyFileSystemRejectsWrites() throws {
        let scratch = try ScratchFileSystem(kilobytes: 1024)
        let path = scratch.path("ledger.sqlite")
        try makeLedger(path)
        try scratch.makeReadOnly()

        let output = try rename(path)

        #expect(output.status == 7)
        #expect(output.standardError.contains("is in a folder that cannot be written"), "\(output.standardError)")
        let shown = try LedgerProcess.run(["show", "a1", "--db", path])
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(try verifiedEventCount(path) == 2)
    }

    @Test func readOnlyFolderStillReads() throws {
        let folder = try temporaryFolder()
        defer {
            chmod(folder.path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        try makeLedger(path)
        try #require(chmod(folder.path, 0o555) == 0)

        // Root writes through permission bits; without the capability that
        // allows it, root meets them as any user does.
        let output = try LedgerProcess.runShell("""
            if [ "$(id -u)" = 0 ]; then set -- setpriv --bounding-set -dac_override,-dac_read_search; fi
            exec "$@" "$LEDGER" show a1 --db '\(path)'
            """)

        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("Exports EU"))
    }

    @Test(.enabled(if: ScratchFileSystem.isAvailable)) func fullDiskRejectsImportWhole() throws {
        let scratch = try ScratchFileSystem(kilobytes: 400)
        let path = scratch.path("ledger.sqlite")
        try makeLedger(path)
        let snapshot = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: snapshot) }
        let file = snapshot.appendingPathComponent("big.json").path
        try SnapshotGenerator.connectionList(count: 300, revision: 0).write(toFile: file, atomically: true, encoding: .utf8)

        let output = try LedgerProcess.run(["import", file, "--db", path])

        #expect(output.status == 7)
        #expect(output.standardError.contains("no space left"), "\(output.standardError)")
        #expect(output.standardError.contains("nothing was written"), "\(output.standardError)")
        #expect(try verifiedEventCount(path) == 2)
        try scratch.resize(kilobytes: 16 * 1024)
        let retried = try LedgerProcess.run(["import", file, "--db", path])
        #expect(retried.status == 0, "\(retried.standardError)")
        #expect(try verifiedEventCount(path) == 302)
    }

    @Test func pageLimitRejectsSaveWhole() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context())
        let pages = try fixture.ledger.database.scalarInt("PRAGMA page_count") ?? 0
        // The limit holds for this connection only, like a disk that is full.
        try fixture.ledger.database.execute("PRAGMA max_page_count = \(pages + 2)")
        let longName = String(repeating: "n", count: 250)

        var saved = 1
        var failure: LedgerError?
        while failure == nil && saved < 1_000 {
            do {
                try fixture.ledger.save(.edit(EditRequest(name: "\(saved) \(longName)")), accountID: "a1", context: context())
                saved += 1
            } catch let error as LedgerError {
                failure = error
            }
        }

        #expect(failure?.category == .storage)
        #expect(failure?.description.contains("reached its size limit; nothing was written") == true, "\(String(describing: failure))")
        let report = try fixture.reopen().verify()
        #expect(report.eventCount == Int64(saved))
    }

    @Test func corruptPagesAreReported() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        try makeLedger(path)
        let snapshot = folder.appendingPathComponent("snapshot.json").path
        try SnapshotGenerator.connectionList(count: 100, revision: 0).write(toFile: snapshot, atomically: true, encoding: .utf8)
        try #require(try LedgerProcess.run(["import", snapshot, "--db", path]).status == 0)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        var generator = SeededGenerator(seed: 3)
        for page in [3, 12, 30] {
            try handle.seek(toOffset: UInt64(page * 4096))
            handle.write(Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        }
        try handle.close()

        let output = try LedgerProcess.run(["verify", "--db", path])

        #expect(output.status == 7)
        #expect(output.standardError.contains("is corrupt"), "\(output.standardError)")
    }

    @Test func fileThatIsNotSQLiteIsLeftAlone() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.txt").path
        let text = String(repeating: "not a database\n", count: 500)
        try text.write(toFile: path, atomically: true, encoding: .utf8)

        for arguments in [["show", "a1", "--db", path], ["edit", "a1", "--db", path, "--name", "X"], ["verify", "--db", path]] {
            let output = try LedgerProcess.run(arguments)
            #expect(output.status == 7, "\(arguments[0])")
            #expect(output.standardError.contains("is not a SQLite database"), "\(arguments[0]): \(output.standardError)")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func sqliteFileThatIsNotALedgerIsRejected() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("other.sqlite").path
        try Database(path: path, mode: .create).execute("CREATE TABLE notes (text TEXT)")

        let output = try LedgerProcess.run(["verify", "--db", path])

        #expect(output.status == 7)
        #expect(output.standardError.contains("is not a ledger: it is a SQLite database without the schema_migrations, ledger_metadata, events"), "\(output.standardError)")
    }

    @Test func missingKeyFileRejectsSecrets() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        try makeLedger(path)
        try FileManager.default.moveItem(atPath: path + ".key", toPath: path + ".key.moved")

        let output = try LedgerProcess.run(
            ["edit", "a1", "--db", path, "--secret", "secretKey=stdin"], input: "secret-2\n")

        #expect(output.status == 7)
        #expect(output.standardError.contains("fingerprint key \(path).key: missing"), "\(output.standardError)")
        #expect(try verifiedEventCount(path) == 2)
    }

    @Test func keyFileReadableByOthersIsRejected() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        try makeLedger(path)
        chmod(path + ".key", 0o644)

        let output = try LedgerProcess.run(
            ["edit", "a1", "--db", path, "--secret", "secretKey=stdin"], input: "secret-2\n")

        #expect(output.status == 7)
        #expect(output.standardError.contains("mode 644 lets other users read it"), "\(output.standardError)")
        #expect(!output.standardError.contains("secret-2"))
        #expect(try verifiedEventCount(path) == 2)
    }

    @Test func newerSchemaVersionIsRejected() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        try makeLedger(path)
        // A newer build records every version up to its own, without gaps.
        let newer = Migrations.latestVersion + 1
        try Database(path: path, mode: .readWrite).execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(newer), 'from the future', 0)")

        for arguments in [["show", "a1", "--db", path], ["edit", "a1", "--db", path, "--name", "X"], ["verify", "--db", path]] {
            let output = try LedgerProcess.run(arguments)
            #expect(output.status == 7, "\(arguments[0])")
            #expect(output.standardError.contains("schema version \(newer) is newer than this build supports"), "\(output.standardError)")
        }
        try Database(path: path, mode: .readWrite).execute("DELETE FROM schema_migrations WHERE version = \(newer)")
        #expect(try verifiedEventCount(path) == 2)
    }
}
