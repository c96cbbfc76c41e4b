import Foundation
import Testing

/// Messages of the commands that create a ledger file (`init`, `demo`,
/// `replay --into`) when the file cannot be made where they were asked to.
@Suite struct LedgerCreationMessageTests {
    /// Writes a key file at `path + ".key"` with no database beside it.
    private func orphanKey(for path: String) throws -> String {
        let keyPath = path + ".key"
        try "kept\n".write(toFile: keyPath, atomically: true, encoding: .utf8)
        return keyPath
    }

    @Test func demoOverOrphanKeySuggestsOnlyDb() throws {
        let ledger = try CommandLineLedger()
        let path = ledger.folder.appendingPathComponent("y.sqlite").path
        let keyPath = try orphanKey(for: path)
        let output = try ledger.run(["demo", "--db", path])
        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: fingerprint key \(keyPath): already exists, but the database does not"))
        #expect(output.standardError.contains("move the file away or choose another --db path"), "stderr: \(output.standardError)")
        #expect(!output.standardError.contains("--key-file"))
        #expect(try String(contentsOfFile: keyPath, encoding: .utf8) == "kept\n")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func initOverOrphanKeyOffersKeyFile() throws {
        let ledger = try CommandLineLedger()
        let path = ledger.folder.appendingPathComponent("y.sqlite").path
        let keyPath = try orphanKey(for: path)
        let output = try ledger.run(["init", "--db", path])
        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: fingerprint key \(keyPath): already exists, but the database does not"))
        #expect(output.standardError.contains("choose another --db path or --key-file"), "stderr: \(output.standardError)")
    }

    @Test func initWithGivenKeyFileSuggestsKeyFile() throws {
        let ledger = try CommandLineLedger()
        let path = ledger.folder.appendingPathComponent("y.sqlite").path
        let keyPath = try orphanKey(for: ledger.folder.appendingPathComponent("other").path)
        let output = try ledger.run(["init", "--db", path, "--key-file", keyPath])
        #expect(output.status == 7)
        #expect(output.standardError.contains("move the file away or choose another --key-file"), "stderr: \(output.standardError)")
    }

    // MARK: - Missing folders

    /// Runs `ledger ARGUMENTS` from the ledger's folder, so relative paths
    /// appear in messages as typed.
    private func runInFolder(_ ledger: CommandLineLedger, _ arguments: String) throws -> LedgerProcess.Output {
        try ledger.runShell(#"cd "$(dirname "$LEDGER_DB")" && exec "$LEDGER" "# + arguments)
    }

    @Test func initIntoMissingFolderNamesFolder() throws {
        // It blamed the key file: "cannot create: No such file or directory".
        let ledger = try CommandLineLedger()
        let output = try runInFolder(ledger, "init --db sub/none/x.sqlite")
        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database sub/none/x.sqlite: folder sub/none does not exist"), "stderr: \(output.standardError)")
        #expect(!FileManager.default.fileExists(atPath: ledger.folder.appendingPathComponent("sub").path))
    }

    @Test func demoIntoMissingFolderNamesFolder() throws {
        let ledger = try CommandLineLedger()
        let output = try runInFolder(ledger, "demo --db sub/none/x.sqlite")
        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database sub/none/x.sqlite: folder sub/none does not exist"), "stderr: \(output.standardError)")
        #expect(output.standardOutput.isEmpty)
    }

    @Test func replayIntoMissingFolderNamesFolder() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let output = try runInFolder(ledger, "replay --position 1 --into sub/none/x.sqlite")
        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database sub/none/x.sqlite: folder sub/none does not exist"), "stderr: \(output.standardError)")
    }

    @Test func initKeyFileInMissingFolderNamesFolder() throws {
        let ledger = try CommandLineLedger()
        let output = try runInFolder(ledger, "init --db y.sqlite --key-file keys/y.key")
        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: fingerprint key keys/y.key: folder keys does not exist"), "stderr: \(output.standardError)")
        #expect(!FileManager.default.fileExists(atPath: ledger.folder.appendingPathComponent("y.sqlite").path))
    }

    @Test func initUnderFileNamesNonFolder() throws {
        let ledger = try CommandLineLedger()
        try "x\n".write(to: ledger.folder.appendingPathComponent("plain"), atomically: true, encoding: .utf8)
        let output = try runInFolder(ledger, "init --db plain/x.sqlite")
        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database plain/x.sqlite: plain is not a folder"), "stderr: \(output.standardError)")
    }

    /// A link to a missing file was reported as a ledger that already exists.
    @Test func initAtDanglingSymbolicLinkNamesItsTarget() throws {
        let ledger = try CommandLineLedger()
        let link = ledger.folder.appendingPathComponent("link.sqlite").path
        let target = ledger.folder.appendingPathComponent("missing.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)

        let output = try ledger.run(["init", "--db", link])

        #expect(output.status == 7)
        #expect(output.standardError.contains("link.sqlite: is a symbolic link to \(target), which does not exist"),
                "\(output.standardError)")
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(!FileManager.default.fileExists(atPath: link + ".key"))
    }

    /// A key path linked to a missing file was reported as an existing
    /// database.
    @Test func initWithDanglingKeyLinkNamesKeyFile() throws {
        let ledger = try CommandLineLedger()
        let database = ledger.folder.appendingPathComponent("new.sqlite").path
        let keyLink = ledger.folder.appendingPathComponent("dangling.key").path
        try FileManager.default.createSymbolicLink(atPath: keyLink, withDestinationPath: ledger.folder.appendingPathComponent("gone.key").path)

        let output = try ledger.run(["init", "--db", database, "--key-file", keyLink])

        #expect(output.status == 7)
        #expect(output.standardError.contains("dangling.key: is a symbolic link to "), "\(output.standardError)")
        #expect(output.standardError.contains("which does not exist; a new key file is not created through a link"))
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test func demoWithDanglingKeyLinkNamesKeyFile() throws {
        let ledger = try CommandLineLedger()
        let database = ledger.folder.appendingPathComponent("demo.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: database + ".key", withDestinationPath: ledger.folder.appendingPathComponent("gone.key").path)

        let output = try ledger.run(["demo", "--db", database])

        #expect(output.status == 7)
        #expect(output.standardError.contains("demo.sqlite.key: is a symbolic link to "), "\(output.standardError)")
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    /// replay --into a link to a missing file reported that the path already existed.
    @Test func replayIntoDanglingLinkNamesIt() throws {
        let ledger = try CommandLineLedger()
        let link = ledger.folder.appendingPathComponent("copy.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: ledger.folder.appendingPathComponent("gone.sqlite").path)

        let output = try ledger.run(["replay", "--position", "0", "--into", link])

        #expect(output.status == 7)
        #expect(output.standardError.contains("copy.sqlite: is a symbolic link to "), "\(output.standardError)")
        #expect(output.standardError.contains("which does not exist; a new ledger is not created through a link"))
    }

    /// A key path in a loop of links was reported as missing.
    @Test func initWithKeyLinkLoopNamesTheLoop() throws {
        let ledger = try CommandLineLedger()
        let first = ledger.folder.appendingPathComponent("first.key").path
        let second = ledger.folder.appendingPathComponent("second.key").path
        try #require(symlink(second, first) == 0)
        try #require(symlink(first, second) == 0)

        let output = try ledger.run(["init", "--db", ledger.folder.appendingPathComponent("new.sqlite").path, "--key-file", first])

        #expect(output.status == 7)
        #expect(output.standardError.contains("first.key: is a symbolic link to \(second), and following it leads back into a loop of links"),
                "\(output.standardError)")
    }

    /// export --output and digest --new-sign-key reported a link to a
    /// missing file as an existing file.
    @Test(arguments: [["export", "--output"], ["digest", "--new-sign-key"]])
    func newFileAtDanglingLinkNamesIt(command: [String]) throws {
        let ledger = try CommandLineLedger()
        let link = ledger.folder.appendingPathComponent("out").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: ledger.folder.appendingPathComponent("gone").path)

        let output = try ledger.run(command + [link])

        #expect(output.status != 0)
        #expect(output.standardError.contains("/out"), "\(output.standardError)")
        #expect(output.standardError.contains("is a symbolic link to "), "\(output.standardError)")
        #expect(output.standardError.contains("which does not exist; a new "), "\(output.standardError)")
    }
}

