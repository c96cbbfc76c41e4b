import Foundation
import Testing

/// Database paths the ledger rejects before SQLite opens them:
/// files SQLite would wrongly take as the database's own, files that are
/// not regular, second hard links, and other applications' databases.
@Suite struct DatabaseFileKindTests {
    /// Writes a WAL file of another SQLite database to `walPath`: a copy
    /// taken while a process has the database open in WAL mode.
    private func writeForeignWAL(to walPath: String, in folder: URL) throws {
        let other = folder.appendingPathComponent("other.sqlite").path
        let output = try LedgerProcess.runShell("""
            (echo "PRAGMA journal_mode=WAL; CREATE TABLE notes(x); INSERT INTO notes VALUES('old');"; sleep 1) | sqlite3 '\(other)' >/dev/null &
            sleep 0.5; cp '\(other)-wal' '\(walPath)'; wait
            """)
        try #require(output.status == 0, "\(output.standardError)")
        try #require(FileManager.default.fileExists(atPath: walPath))
    }

    /// Returns the names in `folder` except the ledger's own -wal and -shm
    /// files, which a command that exits on an error leaves behind.
    private func names(in folder: URL) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
            .subtracting(["ledger.sqlite-wal", "ledger.sqlite-shm"])
    }

    @Test func initRejectsLeftoverWAL() throws {
        let ledger = try CommandLineLedger()
        let path = ledger.folder.appendingPathComponent("new.sqlite").path
        try writeForeignWAL(to: path + "-wal", in: ledger.folder)
        let before = try names(in: ledger.folder)

        let output = try ledger.run(["init", "--db", path])

        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database \(path)-wal: is left from an earlier database at \(path)"),
                "stderr: \(output.standardError)")
        #expect(try names(in: ledger.folder) == before)
    }

    @Test func replayRejectsLeftoverJournal() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let target = ledger.folder.appendingPathComponent("copy.sqlite").path
        try Data("journal".utf8).write(to: URL(fileURLWithPath: target + "-journal"))
        let before = try names(in: ledger.folder)

        let output = try ledger.run(["replay", "--position", "1", "--into", target])

        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database \(target)-journal: is left from an earlier database"),
                "stderr: \(output.standardError)")
        #expect(try names(in: ledger.folder) == before)
    }

    @Test func fifoDatabaseFailsAtOnce() throws {
        let ledger = try CommandLineLedger()
        let fifo = ledger.folder.appendingPathComponent("pipe.sqlite").path
        try #require(mkfifo(fifo, 0o644) == 0)

        // `timeout` ends the command if it waits for a writer on the FIFO.
        let output = try ledger.runShell("timeout 10 \"$LEDGER\" accounts --db '\(fifo)'")

        #expect(output.status == 7)
        #expect(output.standardError == "Error: database \(fifo): is not a regular file (a FIFO); point --db at a ledger file\n")
    }

    @Test func secondHardLinkIsRejected() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let linked = ledger.folder.appendingPathComponent("linked.sqlite").path
        try #require(link(ledger.path, linked) == 0)
        let before = try ledger.snapshot()

        let edit = try ledger.run(["edit", "s3", "--name", "Renamed", "--db", linked, "--key-file", ledger.keyPath])
        let list = try ledger.run(["accounts"])

        #expect(edit.status == 7)
        #expect(edit.standardError.hasPrefix("Error: database \(linked): has 2 hard links."), "stderr: \(edit.standardError)")
        #expect(list.status == 7)
        #expect(list.standardError.contains("has 2 hard links"))
        try #require(unlink(linked) == 0)
        #expect(try ledger.snapshot() == before)
    }

    /// Copies a hot rollback journal of another database to `journalPath`:
    /// one taken while a process is inside a write transaction in rollback mode.
    private func writeHotJournal(to journalPath: String, in folder: URL) throws {
        let other = folder.appendingPathComponent("other.sqlite").path
        let made = try LedgerProcess.runShell("""
            sqlite3 '\(other)' "CREATE TABLE t(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) INSERT INTO t SELECT randomblob(5000) FROM n;"
            (echo "PRAGMA cache_size = 5; BEGIN; UPDATE t SET x = randomblob(5000);"; sleep 1) | sqlite3 '\(other)' &
            sleep 0.5; cp '\(other)-journal' '\(journalPath)'; wait
            """)
        try #require(made.status == 0, "\(made.standardError)")
    }

    @Test func rollbackJournalIsNamed() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try writeHotJournal(to: ledger.path + "-journal", in: ledger.folder)

        let output = try ledger.run(["accounts"])

        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database \(ledger.path)-journal: is a rollback journal, which a ledger never writes"),
                "stderr: \(output.standardError)")
        try FileManager.default.removeItem(atPath: ledger.path + "-journal")
    }

    @Test func rollbackJournalIsNamedThroughSymlink() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try writeHotJournal(to: ledger.path + "-journal", in: ledger.folder)
        let link = ledger.folder.appendingPathComponent("link.sqlite").path
        try #require(symlink(ledger.path, link) == 0)

        let output = try ledger.run(["accounts", "--db", link])

        #expect(output.status == 7)
        #expect(output.standardError.contains("-journal: is a rollback journal"), "stderr: \(output.standardError)")
        try FileManager.default.removeItem(atPath: ledger.path + "-journal")
    }

    @Test func readOnlySharedMemoryIsNamed() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        // Root writes through permission bits; without the capability that
        // allows it, root meets them as any user does.
        let dropRoot = "if [ \"$(id -u)\" = 0 ]; then set -- setpriv --bounding-set -dac_override,-dac_read_search; fi"
        let read = try ledger.runShell("""
            chmod 444 "$LEDGER_DB"; rm -f "$LEDGER_DB-shm"
            \(dropRoot)
            "$@" "$LEDGER" accounts >/dev/null && chmod 644 "$LEDGER_DB" && ls -l "$LEDGER_DB-shm"
            """)
        try #require(read.status == 0, "\(read.standardError)")
        try #require(read.standardOutput.hasPrefix("-r--r--r--"), "\(read.standardOutput)")

        let edit = try ledger.runShell("""
            \(dropRoot)
            exec "$@" "$LEDGER" edit s3 --name Renamed
            """)

        #expect(edit.status == 7)
        #expect(edit.standardError.hasPrefix("Error: database \(ledger.path)-shm: cannot be written by this user"),
                "stderr: \(edit.standardError)")
    }

    /// A -wal file this user cannot write gave only "is read-only". The
    /// command runs as user nobody, with the database and its folder open to
    /// everyone and the -wal file writable only by its owner, root.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")),
          arguments: [["edit", "s3", "--name", "Renamed"], ["rebuild"]])
    func readOnlyWALIsNamed(arguments: [String]) throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)

        let output = try ledger.runShell("""
            chmod 777 "$(dirname "$LEDGER_DB")"; chmod 666 "$LEDGER_DB"
            touch "$LEDGER_DB-wal"; chmod 644 "$LEDGER_DB-wal"
            exec setpriv --reuid=nobody --regid=nogroup --clear-groups "$LEDGER" \(arguments.joined(separator: " "))
            """)

        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database \(ledger.path)-wal: cannot be written by this user"),
                "stderr: \(output.standardError)")
        #expect(output.standardError.contains("Do not remove it"))
    }

    /// A dangling link as --db was reported as "no ledger here".
    @Test(arguments: [["accounts"], ["edit", "s3", "--name", "Renamed"]])
    func danglingLinkIsNamed(arguments: [String]) throws {
        let ledger = try CommandLineLedger()
        let link = ledger.folder.appendingPathComponent("link.sqlite").path
        try #require(symlink("nowhere.sqlite", link) == 0)

        let output = try ledger.run(arguments + ["--db", link])

        #expect(output.status == 7)
        #expect(output.standardError == "Error: database \(link): is a symbolic link to nowhere.sqlite, which does not "
            + "exist; point the link at the ledger file, or give the file's own path\n")
    }

    @Test(arguments: [["accounts"], ["init"]])
    func linkLoopIsNamed(arguments: [String]) throws {
        let ledger = try CommandLineLedger()
        let first = ledger.folder.appendingPathComponent("first.sqlite").path
        let second = ledger.folder.appendingPathComponent("second.sqlite").path
        try #require(symlink(second, first) == 0)
        try #require(symlink(first, second) == 0)

        let output = try ledger.run(arguments + ["--db", first])

        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database \(first): is a symbolic link to \(second), and following it "
            + "leads back into a loop of links; "), "\(output.standardError)")
    }

    @Test func foreignSchemaMigrationsIsNoLedger() throws {
        let ledger = try CommandLineLedger()
        let other = ledger.folder.appendingPathComponent("rails.sqlite").path
        let made = try LedgerProcess.runShell("""
            sqlite3 '\(other)' "CREATE TABLE schema_migrations(version varchar PRIMARY KEY); INSERT INTO schema_migrations VALUES('3');"
            """)
        try #require(made.status == 0, "\(made.standardError)")
        let before = try Data(contentsOf: URL(fileURLWithPath: other))

        let output = try ledger.run(["edit", "s3", "--name", "Renamed", "--db", other])

        #expect(output.status == 7)
        #expect(output.standardError == "Error: database \(other): is not a ledger: it is a SQLite database without the ledger_metadata, "
            + "events, accounts, account_versions, credential_changes, projection_checkpoints tables that every "
            + "ledger has; point --db at a ledger file\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
        #expect(!FileManager.default.fileExists(atPath: other + "-wal"))
    }

    @Test func deviceKeyFileGetsNoChmodAdvice() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try FileManager.default.removeItem(atPath: ledger.keyPath)
        try #require(symlink("/dev/zero", ledger.keyPath) == 0)

        let output = try ledger.run(["edit", "s3", "--secret", "secretKey=stdin"], input: "secret-2\n")

        #expect(output.status == 7)
        #expect(output.standardError.contains("is not a regular file"), "stderr: \(output.standardError)")
        #expect(!output.standardError.contains("chmod"))
        try FileManager.default.removeItem(atPath: ledger.keyPath)
    }
}
