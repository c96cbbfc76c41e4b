import AccountLedger
import Foundation
import Testing

/// File names quoted in messages show control characters as `<U+000A>`, so
/// an `Error: ...` line stays one line and carries no terminal escapes.
/// Tables show them, and the characters that reorder the display, the same way.
@Suite struct MessageEscapingTests {
    /// A file name with a line feed and the escape that turns text red.
    static let hostileName = "evil\nname\u{1B}[31m.json"
    static let shownName = "evil<U+000A>name<U+001B>[31m.json"

    /// Writes `text` to a file with the hostile name in the ledger's folder.
    private func hostileFile(in ledger: CommandLineLedger, text: String, mode: mode_t = 0o644) throws -> String {
        let path = ledger.folder.appendingPathComponent(Self.hostileName).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try #require(chmod(path, mode) == 0)
        return path
    }

    private func expectOneEscapedLine(
        _ output: LedgerProcess.Output, status: Int32, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = output.standardError
        #expect(output.status == status, "stderr: \(error)", sourceLocation: sourceLocation)
        #expect(error.hasPrefix("Error: "), sourceLocation: sourceLocation)
        #expect(error.filter { $0 == "\n" }.count == 1, "stderr: \(error)", sourceLocation: sourceLocation)
        #expect(!error.contains("\u{1B}"), sourceLocation: sourceLocation)
        #expect(error.contains(Self.shownName), "stderr: \(error)", sourceLocation: sourceLocation)
    }

    @Test func importFileNameIsEscaped() throws {
        let ledger = try CommandLineLedger()
        let file = try hostileFile(in: ledger, text: "{\n")
        expectOneEscapedLine(try ledger.run(["import", file]), status: 5)
    }

    @Test func eventsFileNameIsEscaped() throws {
        let ledger = try CommandLineLedger()
        let file = try hostileFile(in: ledger, text: "{\n")
        expectOneEscapedLine(try ledger.run(["import", "--events", file]), status: 5)
    }

    @Test func outputFileNameIsEscaped() throws {
        let ledger = try CommandLineLedger()
        let file = try hostileFile(in: ledger, text: "kept\n")
        expectOneEscapedLine(try ledger.run(["export", "--output", file]), status: 5)
    }

    @Test func databaseNameIsEscaped() throws {
        let ledger = try CommandLineLedger()
        let file = try hostileFile(in: ledger, text: "not a database\n")
        expectOneEscapedLine(try ledger.run(["accounts", "--db", file]), status: 7)
    }

    @Test func keyFileNameIsEscaped() throws {
        let ledger = try CommandLineLedger()
        let file = try hostileFile(in: ledger, text: "00\n")
        expectOneEscapedLine(try ledger.run(["who-used", "--key-file", file], input: "x\n"), status: 7)
    }

    @Test func receiptNameIsEscaped() throws {
        let ledger = try CommandLineLedger()
        let file = try hostileFile(in: ledger, text: "{}\n")
        expectOneEscapedLine(try ledger.run(["verify", "--digest", file]), status: 5)
    }

    /// An unknown command that is not shaped like a name is not quoted at
    /// all (it may be a pasted secret), so no control character reaches
    /// the terminal.
    @Test func unknownCommandNameIsNotQuoted() throws {
        let output = try LedgerProcess.run([Self.hostileName])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: unknown command (not shown: it may be a secret)\nUsage: "))
        #expect(!output.standardError.contains("\u{1B}"))
    }

    @Test func usageErrorValueIsEscaped() throws {
        let output = try LedgerProcess.run(["accounts", "--as-of", Self.hostileName])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: invalid --as-of \(Self.shownName): "))
        #expect(!output.standardError.contains("\u{1B}"))
    }

    @Test func tablesEscapeBidiOverrides() throws {
        let ledger = try CommandLineLedger()
        // Shown as stored, the override makes the name read "prod-s3-kcab".
        let name = "prod-s3-\u{202E}back"
        let connected = try ledger.run(["connect", "--id", "z1", "--destination", "data-landing-zone", "--name", name])
        try #require(connected.status == 0, "stderr: \(connected.standardError)")
        for command in [["accounts"], ["show", "z1"], ["history", "z1"]] {
            let output = try ledger.run(command).standardOutput
            #expect(!output.contains("\u{202E}"), "\(command): \(output)")
        }
        #expect(try ledger.run(["accounts"]).standardOutput.contains("prod-s3-<U+202E>back"))
        let json = try JSONParser.parse(try ledger.run(["show", "z1", "--json"]).standardOutput)
        #expect(json["name"] == .string(name))
    }

    /// The tester's input: unescaped, the CHANGE read as a connect to
    /// amazon-s3 with a second, forged password fingerprint.
    @Test func historyQuotesNameAndUsername() throws {
        let ledger = try CommandLineLedger()
        let connected = try ledger.run(
            [
                "connect", "--id", "sp", "--destination", "sftp",
                "--name", #"Real" to amazon-s3 (access-key), description "x"#,
                "--username", "bob, password 000000000000", "--secret", "password=stdin",
            ],
            input: "p\n")
        try #require(connected.status == 0, "stderr: \(connected.standardError)")
        let output = try ledger.run(["history", "sp"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains(
            #"connected "Real\" to amazon-s3 (access-key), description \"x" to sftp (basic), "#
                + #"username "bob, password 000000000000", password "#))
    }

    @Test func resultLinesEscapeFileNames() throws {
        let ledger = try CommandLineLedger()
        let database = ledger.folder.appendingPathComponent(Self.hostileName).path
        let created = try ledger.run(["init", "--db", database])
        #expect(created.status == 0, "stderr: \(created.standardError)")
        #expect(created.standardOutput.hasPrefix("Created ledger \(ledger.folder.path)/\(Self.shownName).\n"))
        #expect(!created.standardOutput.contains("\u{1B}"))

        let output = ledger.folder.appendingPathComponent(Self.hostileName + ".jsonl").path
        let exported = try ledger.run(["export", "--output", output])
        #expect(exported.status == 0, "stderr: \(exported.standardError)")
        #expect(exported.standardOutput == "Exported 0 event(s) to \(ledger.folder.path)/\(Self.shownName).jsonl.\n")
    }
}
