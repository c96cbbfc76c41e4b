import AccountLedger
import Foundation
import Testing

/// Bad input through the CLI: one clear message naming what and where, a
/// non-zero exit, and every table of the ledger exactly as it was.
@Suite struct BadInputTests {
    /// Runs `arguments`, expecting `status`, an error containing `message`,
    /// nothing on stdout and no table changed.
    @discardableResult
    private func expectRejected(
        _ ledger: CommandLineLedger,
        _ arguments: [String],
        input: String = "",
        environment: [String: String] = [:],
        status: Int32,
        message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> LedgerProcess.Output {
        let before = try ledger.snapshot()
        let output = try ledger.run(arguments, input: input, environment: environment)
        expectError(output, status: status, message: message, sourceLocation: sourceLocation)
        #expect(try ledger.snapshot() == before, "the ledger changed", sourceLocation: sourceLocation)
        return output
    }

    private func expectError(
        _ output: LedgerProcess.Output,
        status: Int32,
        message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(output.status == status, sourceLocation: sourceLocation)
        #expect(output.standardError.hasPrefix("Error: "), sourceLocation: sourceLocation)
        #expect(output.standardError.contains(message), "stderr: \(output.standardError)", sourceLocation: sourceLocation)
        #expect(output.standardOutput.isEmpty, sourceLocation: sourceLocation)
    }

    /// A ledger with one Amazon S3 account `s3` at version 1.
    private func ledgerWithAccount() throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        return ledger
    }

    // MARK: - Names

    @Test func exportIntoMissingFolderSaysWhy() throws {
        // The message was "cannot be created", with no reason.
        let ledger = try ledgerWithAccount()
        let target = ledger.folder.appendingPathComponent("missing/log.jsonl").path
        try expectRejected(
            ledger, ["export", "--output", target], status: 5,
            message: "Error: output file \(target) cannot be created: folder \((target as NSString).deletingLastPathComponent) does not exist")
    }

    @Test func exportOverExistingFileIsRejected() throws {
        let ledger = try ledgerWithAccount()
        let target = ledger.folder.appendingPathComponent("log.jsonl").path
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: target))
        try expectRejected(
            ledger, ["export", "--output", target], status: 5,
            message: "Error: output file \(target) already exists, and export never overwrites a file; choose another --output path")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me\n")
    }

    @Test func nonASCIILetterInIdIsRejected() throws {
        // The message read "letters", so Ä looked allowed.
        let ledger = try ledgerWithAccount()
        try expectRejected(
            ledger, ["connect", "--id", "ÄÖ", "--destination", "data-landing-zone", "--name", "Zone"],
            status: 5, message: "may contain only ASCII letters, digits and . _ - : @")
    }

    @Test func emptyNameIsRejected() throws {
        let ledger = try ledgerWithAccount()
        try expectRejected(ledger, ["edit", "s3", "--name", ""], status: 5, message: "invalid input in name: must not be empty")
        try expectRejected(
            ledger, ["connect", "--destination", "data-landing-zone", "--name", ""],
            status: 5, message: "invalid input in name: must not be empty")
    }

    @Test func oversizedNameIsRejected() throws {
        let ledger = try ledgerWithAccount()
        let name = String(repeating: "n", count: InputLimits.maximumNameLength + 1)
        try expectRejected(
            ledger, ["edit", "s3", "--name", name],
            status: 5, message: "invalid input in name: is 257 code points long; the maximum is 256")
    }

    @Test func invalidUTF8NameArgumentIsRejected() throws {
        let ledger = try ledgerWithAccount()
        let before = try ledger.snapshot()
        let output = try ledger.runShell(#"exec "$LEDGER" edit s3 --name "$(printf 'bad\377name')""#)
        expectError(output, status: 5, message: "invalid input in the value of --name: is not valid UTF-8")
        #expect(try ledger.snapshot() == before)
    }

    @Test func invalidUTF8InlineOptionIsRejected() throws {
        let ledger = try ledgerWithAccount()
        let before = try ledger.snapshot()
        let output = try ledger.runShell(#"exec "$LEDGER" edit s3 "--description=$(printf 'caf\351')""#)
        expectError(output, status: 5, message: "invalid input in the value of --description: is not valid UTF-8")
        #expect(try ledger.snapshot() == before)
    }

    /// "=" and a combining mark are one Character, so the split on "="
    /// missed it and the setting was a usage error.
    @Test func settingValueMayStartWithCombiningMark() throws {
        let ledger = try CommandLineLedger()
        let output = try ledger.connectS3("s3", settings: ["folderPath": "\u{301}x"])
        #expect(output.status == 0, "\(output.standardError)")
        let state = try JSONParser.parse(try ledger.run(["show", "s3", "--json"]).standardOutput)
        #expect(state["settings"]?["folderPath"] == .string("\u{301}x"))
    }

    @Test func sqlMetacharactersInNameAreStoredVerbatim() throws {
        let ledger = try CommandLineLedger()
        let name = "'; DROP TABLE events; --"
        let connected = try ledger.run(["connect", "--id", "z1", "--destination", "data-landing-zone", "--name", name])
        #expect(connected.status == 0)
        let renamed = try ledger.run(["edit", "z1", "--name", name + " \" OR 1=1"])
        #expect(renamed.status == 0)

        let state = try JSONParser.parse(try ledger.run(["show", "z1", "--json"]).standardOutput)
        #expect(state["name"] == .string(name + " \" OR 1=1"))
        let listed = try ledger.run(["accounts"]).standardOutput
        #expect(listed.contains(name + " \" OR 1=1"))
        let history = try ledger.run(["history", "z1", "--json"]).standardOutput.split(separator: "\n")
        #expect(try JSONParser.parse(String(history[0]))["payload"]?["name"] == .string(name))
        #expect(try ledger.snapshot()["events"]?.count == 2)
    }

    // MARK: - Secrets

    @Test func nulInStdinSecretIsRejected() throws {
        let ledger = try ledgerWithAccount()
        try expectRejected(
            ledger, ["edit", "s3", "--secret", "secretKey=stdin"], input: "sec\u{0}ret\n",
            status: 5, message: "invalid input in credential secretKey: the secret contains a NUL character")
    }

    @Test func invalidUTF8InStdinSecretIsRejected() throws {
        let ledger = try ledgerWithAccount()
        let before = try ledger.snapshot()
        let output = try ledger.run(
            ["edit", "s3", "--secret", "accessKeyId=stdin", "--secret", "secretKey=stdin"],
            inputBytes: Array("AKIAEXAMPLE0002\nsec".utf8) + [0xFF] + Array("ret\n".utf8))
        expectError(output, status: 5, message: "invalid input in standard input line 2: is not valid UTF-8")
        #expect(try ledger.snapshot() == before)
    }

    @Test func invalidUTF8InEnvironmentSecretIsRejected() throws {
        let ledger = try ledgerWithAccount()
        let before = try ledger.snapshot()
        let output = try ledger.runShell(#"SECRET_KEY="$(printf 'sec\377ret')" exec "$LEDGER" edit s3 --secret secretKey=env:SECRET_KEY"#)
        expectError(output, status: 5, message: "invalid input in environment variable SECRET_KEY: is not valid UTF-8")
        #expect(try ledger.snapshot() == before)
    }

    /// The secret was stored with its line break, and `who-used` fed the
    /// same secret on standard input found no period.
    @Test(arguments: ["\n", "\r\n"])
    func environmentSecretEndingInLineBreakIsRejected(lineBreak: String) throws {
        let ledger = try ledgerWithAccount()
        let before = try ledger.snapshot()
        let output = try ledger.run(
            ["edit", "s3", "--secret", "secretKey=env:SECRET_KEY"], environment: ["SECRET_KEY": "secret" + lineBreak])
        expectError(
            output, status: 5,
            message: "invalid input in environment variable SECRET_KEY: the value ends with a line break")
        #expect(try ledger.snapshot() == before)
    }

    @Test func oversizedSecretIsRejected() throws {
        let ledger = try ledgerWithAccount()
        let secret = String(repeating: "s", count: InputLimits.maximumSecretBytes + 1)
        try expectRejected(
            ledger, ["edit", "s3", "--secret", "secretKey=stdin"], input: secret + "\n",
            status: 5, message: "credential secretKey: the secret is 16385 bytes; the maximum is 16384")
    }

    @Test func secretInArgvIsRejectedWithoutEcho() throws {
        let ledger = try CommandLineLedger()
        let before = try ledger.snapshot()
        let output = try ledger.run([
            "connect", "--destination", "sftp", "--name", "Drop", "--username", "u1", "--secret", "password=hunter2",
        ])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix(
            "Error: --secret FIELD=... (not shown: it may be a secret): secrets are never read from the command line"))
        #expect(!output.combined.contains("hunter2"))
        #expect(try ledger.snapshot() == before)
    }

    /// A base64 secret ends in "=", so its text before the last "=" was
    /// quoted back as the field's name.
    @Test func pastedBase64SecretIsNotEchoed() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let before = try ledger.snapshot()
        for command in ["edit", "reconnect"] {
            let output = try ledger.run([command, "s3", "--secret", "TUFSS0VSLWJhc2U2NC1zZWNyZXQ="])
            #expect(output.status == 2, "\(command)")
            #expect(!output.combined.contains("TUFSS0VSLWJhc2U2NC1zZWNyZXQ"), "\(command): \(output.combined)")
        }
        let connect = try ledger.run(["connect", "--destination", "sftp", "--name", "Drop", "--secret", "cGFzc3dvcmQ=="])
        #expect(connect.status == 2)
        #expect(!connect.combined.contains("cGFzc3dvcmQ"), "\(connect.combined)")
        #expect(try ledger.snapshot() == before)
    }

    @Test func tokenOnServerToServerConnectIsRejected() throws {
        let ledger = try CommandLineLedger()
        try expectRejected(
            ledger, ["connect", "--destination", "data-landing-zone", "--name", "Zone", "--secret", "token=stdin"],
            input: "tok\n", status: 5,
            message: "invalid input in credential token: server-to-server accounts have no credential token")
    }

    @Test func tokenOnServerToServerEditIsRejected() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.run(["connect", "--id", "z1", "--destination", "data-landing-zone", "--name", "Zone"]).status == 0)
        try expectRejected(
            ledger, ["edit", "z1", "--secret", "token=stdin"], input: "tok\n", status: 6,
            message: "rejected change to account z1: server-to-server accounts hold no user credentials")
    }

    // MARK: - Destinations and types

    @Test func unknownDestinationWithoutTypeIsRejected() throws {
        let ledger = try CommandLineLedger()
        try expectRejected(
            ledger, ["connect", "--destination", "no-such-place", "--name", "X"], status: 5,
            message: "invalid input in destination: no-such-place is not in the destination catalog; pass --type")
    }

    @Test func wrongTypeForCatalogDestinationIsRejected() throws {
        let ledger = try CommandLineLedger()
        try expectRejected(
            ledger, ["connect", "--destination", "amazon-s3", "--type", "bearer-token", "--name", "X", "--secret", "token=stdin"],
            input: "tok\n", status: 5, message: "invalid input in type: Amazon S3 accounts use access-key, not bearer-token")
    }

    @Test func expiryOnAccessKeyIsRejected() throws {
        let ledger = try ledgerWithAccount()
        try expectRejected(
            ledger, ["edit", "s3", "--expires-at", "2027-01-01"], status: 5,
            message: "invalid input in expires-at: access-key credentials do not expire")
    }

    // MARK: - Changes the account does not allow

    @Test func reconnectOfAccessKeyAccountIsRejected() throws {
        let ledger = try ledgerWithAccount()
        try expectRejected(
            ledger, ["reconnect", "s3", "--secret", "accessToken=stdin"], input: "tok\n", status: 6,
            message: "rejected change to account s3: reconnect applies to OAuth accounts; this one is access-key")
    }

    @Test func everyChangeOfDeletedAccountIsRejected() throws {
        let ledger = try ledgerWithAccount()
        try #require(try ledger.run(["delete", "s3"]).status == 0)
        let keyFile = ledger.folder.appendingPathComponent("key.asc")
        try Data("-----BEGIN PGP PUBLIC KEY BLOCK-----\nk\n-----END PGP PUBLIC KEY BLOCK-----\n".utf8).write(to: keyFile)
        let message = "rejected change to account s3: the account was deleted"
        let attempts: [([String], String)] = [
            (["edit", "s3", "--name", "Back"], ""),
            (["edit", "s3", "--description", "Again"], ""),
            (["edit", "s3", "--secret", "secretKey=stdin"], "secret-2\n"),
            (["reconnect", "s3", "--secret", "accessToken=stdin"], "tok\n"),
            (["set-encryption-key", "s3", "--public-key-file", keyFile.path], ""),
            (["remove-encryption-key", "s3"], ""),
            (["activate", "s3", "--dataflow", "df-1"], ""),
            (["deactivate", "s3", "--dataflow", "df-1"], ""),
            (["delete", "s3"], ""),
            (["delete", "s3", "--force"], ""),
        ]
        for (arguments, input) in attempts {
            try expectRejected(ledger, arguments, input: input, status: 6, message: message)
        }
    }

    @Test func deleteWithActiveDataflowsNeedsForce() throws {
        let ledger = try ledgerWithAccount()
        try #require(try ledger.run(["activate", "s3", "--dataflow", "df-1"]).status == 0)
        try expectRejected(
            ledger, ["delete", "s3"], status: 6,
            message: "1 dataflow(s) still use it (df-1); deactivate them or delete with --force")
        #expect(try ledger.run(["delete", "s3", "--force"]).status == 0)
    }

    @Test func staleExpectedVersionChangesNothing() throws {
        let ledger = try ledgerWithAccount()
        try expectRejected(
            ledger, ["edit", "s3", "--name", "Other", "--expect-version", "3"], status: 4,
            message: "version conflict on account s3: expected version 3, but it is at version 1")
    }

    // MARK: - Files and keys

    @Test func invalidUTF8PublicKeyFileIsRejected() throws {
        let ledger = try ledgerWithAccount()
        let keyFile = ledger.folder.appendingPathComponent("bad.asc")
        try Data([0x2D, 0x2D, 0xFF, 0xFE, 0x0A]).write(to: keyFile)
        try expectRejected(
            ledger, ["set-encryption-key", "s3", "--public-key-file", keyFile.path], status: 5,
            message: "invalid input in \(keyFile.path): the public key is not valid UTF-8 text")
    }

    @Test func missingPublicKeyFileIsRejected() throws {
        let ledger = try ledgerWithAccount()
        let keyFile = ledger.folder.appendingPathComponent("none.asc").path
        try expectRejected(
            ledger, ["set-encryption-key", "s3", "--public-key-file", keyFile], status: 5,
            message: "invalid input in \(keyFile): cannot read the public key file")
    }

    @Test func missingKeyFileIsRejected() throws {
        let ledger = try ledgerWithAccount()
        try FileManager.default.removeItem(atPath: ledger.keyPath)
        try expectRejected(
            ledger, ["edit", "s3", "--secret", "secretKey=stdin"], input: "secret-2\n", status: 7,
            message: "fingerprint key \(ledger.keyPath): missing")
    }

    @Test func readableKeyFileIsRejected() throws {
        let ledger = try ledgerWithAccount()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: ledger.keyPath)
        try expectRejected(
            ledger, ["edit", "s3", "--secret", "secretKey=stdin"], input: "secret-2\n", status: 7,
            message: "fingerprint key \(ledger.keyPath): mode 644 lets other users read it; run `chmod 600")
    }

    @Test func keyOfAnotherLedgerIsRejected() throws {
        let ledger = try ledgerWithAccount()
        let other = try CommandLineLedger()
        let otherKey = try String(contentsOfFile: other.keyPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try expectRejected(
            ledger, ["edit", "s3", "--secret", "secretKey=stdin"], input: "secret-2\n",
            environment: ["LEDGER_KEY": otherKey], status: 7,
            message: "fingerprint key $LEDGER_KEY: is not the key this ledger was created with")
    }

    @Test func databaseThatIsNotSQLiteIsRejected() throws {
        let ledger = try CommandLineLedger()
        let junk = ledger.folder.appendingPathComponent("junk.sqlite")
        let content = Data(String(repeating: "not a database\n", count: 100).utf8)
        try content.write(to: junk)
        for arguments in [["accounts"], ["edit", "s3", "--name", "X"], ["show", "s3"]] {
            let output = try ledger.run(arguments + ["--db", junk.path])
            expectError(output, status: 7, message: "database \(junk.path): is not a SQLite database")
        }
        #expect(try Data(contentsOf: junk) == content)
        let files = try FileManager.default.contentsOfDirectory(atPath: ledger.folder.path)
        #expect(!files.contains("junk.sqlite-wal"))
    }

    @Test func folderAsDatabaseIsRejected() throws {
        let ledger = try CommandLineLedger()
        for arguments in [["accounts"], ["edit", "s3", "--name", "X"]] {
            let output = try ledger.run(arguments + ["--db", ledger.folder.path])
            expectError(output, status: 7, message: "database \(ledger.folder.path): is a folder; point --db at a ledger file")
        }
    }

    @Test func emptyFileIsNotTurnedIntoADatabase() throws {
        let ledger = try CommandLineLedger()
        let empty = ledger.folder.appendingPathComponent("empty.sqlite")
        try Data().write(to: empty)
        let output = try ledger.run(["edit", "s3", "--name", "X", "--db", empty.path])
        expectError(output, status: 7, message: "database \(empty.path): is not a ledger: it is a SQLite database without the schema_migrations, ledger_metadata, events")
        #expect(try Data(contentsOf: empty).isEmpty)
    }

    @Test func otherSQLiteDatabaseIsLeftUnchanged() throws {
        let ledger = try CommandLineLedger()
        let other = ledger.folder.appendingPathComponent("other.sqlite")
        do {
            let database = try Database(path: other.path, mode: .create)
            try database.execute("PRAGMA journal_mode = DELETE; CREATE TABLE notes (text TEXT)")
        }
        let content = try Data(contentsOf: other)
        let output = try ledger.run(["edit", "s3", "--name", "X", "--db", other.path])
        expectError(output, status: 7, message: "database \(other.path): is not a ledger: it is a SQLite database without the schema_migrations, ledger_metadata, events")
        // A write connection would have switched the file to WAL mode.
        #expect(try Data(contentsOf: other) == content)
    }
}

/// Bad input that the CLI cannot carry, checked through the library.
@Suite struct LibraryBadInputTests {
    @Test func nulInNameIsRejected() throws {
        // argv cannot hold a NUL byte, so this input can only reach the
        // library through an API caller or an import.
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let before = try databaseSnapshot(path: fixture.path)
        #expect(throws: LedgerError.invalidInput(location: "name", problem: "contains the control character U+0000; remove it")) {
            try fixture.ledger.save(.edit(EditRequest(name: "bad\u{0}name")), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        }
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }
}
