import AccountLedger
import Foundation
import Testing

/// What scripts rely on: help, exit statuses, JSON output, and which stream
/// carries what. Each test runs the built `ledger` executable.
@Suite struct CommandLineContractTests {
    static let coreCommands = [
        "init", "connect", "edit", "reconnect", "set-encryption-key", "remove-encryption-key",
        "activate", "deactivate", "delete", "accounts", "show", "history", "demo",
    ]

    /// Returns the command names that `ledger --help` lists.
    private func listedCommands() throws -> [String] {
        let help = try LedgerProcess.run(["--help"])
        let lines = help.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "Commands:") else { return [] }
        return lines[(start + 1)...].prefix { $0.hasPrefix("  ") }.compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test func helpListsEveryCoreCommand() throws {
        let listed = try listedCommands()
        for name in Self.coreCommands {
            #expect(listed.contains(name), "ledger --help does not list \(name)")
        }
    }

    @Test func helpOnEverySubcommandShowsUsage() throws {
        for name in try listedCommands() {
            let output = try LedgerProcess.run([name, "--help"])
            #expect(output.status == 0, "ledger \(name) --help exited \(output.status)")
            #expect(output.standardOutput.contains("Usage: ledger \(name)"), "ledger \(name) --help shows no usage line")
            #expect(output.standardError.isEmpty)
        }
    }

    @Test func usageErrorExitsTwoWithUsageLine() throws {
        let output = try LedgerProcess.run(["edit"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: missing ACCOUNT-ID\n"))
        #expect(output.standardError.contains("Usage: ledger edit ACCOUNT-ID"))
        #expect(output.standardOutput.isEmpty)
    }

    @Test func unknownOptionIsAUsageError() throws {
        let output = try LedgerProcess.run(["accounts", "--colour"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: unknown option --colour\n"))
    }

    @Test func mistypedOptionNamesClosest() throws {
        let output = try LedgerProcess.run(["accounts", "--destnation", "amazon-s3"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: unknown option --destnation; did you mean --destination?\n"))
    }

    @Test func shortUnknownOptionNamesNoFarOption() throws {
        // Two edits turn `--i` into `--db`, which is no likely slip.
        let output = try LedgerProcess.run(["show", "s3", "--i"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: unknown option --i\n"))
    }

    @Test func optionBeforeCommandSaysWhereOptionsGo() throws {
        let output = try LedgerProcess.run(["--db", "x.sqlite", "init"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix(
            "Error: unknown command --db; options go after the command name, as in `ledger init --db ...`\n"))
    }

    @Test func auditAsOfPointsToSinceAndUntil() throws {
        let output = try LedgerProcess.run(["audit", "--as-of", "2026-03-01"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix(
            "Error: option --as-of does not apply to the change list; choose the occurred times with --since and --until"))
    }

    @Test func timeWithoutOffsetAsksForOne() throws {
        let output = try LedgerProcess.run(["accounts", "--as-of", "2026-03-01T10:00:00"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix(
            "Error: invalid --as-of 2026-03-01T10:00:00: the time has no offset from UTC; add Z for UTC"))
    }

    /// The tests' standard input is a pipe, never a terminal.
    @Test func promptWithoutTerminalIsUsageError() throws {
        let ledger = try CommandLineLedger()
        let before = try ledger.snapshot()

        let output = try ledger.run(
            ["connect", "--id", "push", "--destination", "airship-attributes", "--name", "Push",
             "--secret", "token=prompt"],
            input: "t-1\n")

        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix(
            "Error: --secret token=prompt needs a terminal on standard input; "
                + "use --secret token=stdin or --secret token=env:NAME\nUsage: ledger connect "),
            "\(output.standardError)")
        #expect(try ledger.snapshot() == before)
    }

    @Test func unknownCommandIsAUsageError() throws {
        let output = try LedgerProcess.run(["frobnicate"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: unknown command frobnicate\n"))
        #expect(output.standardError.contains("Usage: ledger COMMAND [options]"))
    }

    @Test func fullOutputDeviceIsAnError() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3("a1")
        let output = try ledger.runShell(#"exec "$LEDGER" accounts > /dev/full"#)
        #expect(output.status == 1)
        #expect(output.standardError == "Error: cannot write standard output: No space left on device\n")
    }

    @Test func missingAccountExitsThree() throws {
        let ledger = try CommandLineLedger()
        let output = try ledger.run(["show", "nope"])
        #expect(output.status == 3)
        #expect(output.standardError == "Error: account nope not found; `ledger accounts` lists the ids\n")
        #expect(output.standardOutput.isEmpty)
    }

    @Test func existingAccountIDExitsFour() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("a1").status == 0)
        let output = try ledger.connectS3("a1")
        #expect(output.status == 4)
        #expect(output.standardError.hasPrefix("Error: account a1 already exists"))
    }

    @Test func staleExpectedVersionExitsFour() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("a1").status == 0)
        let output = try ledger.run(["edit", "a1", "--name", "Other", "--expect-version", "0"])
        #expect(output.status == 4)
        #expect(output.standardError.hasPrefix("Error: version conflict on account a1: expected version 0, but it is at version 1"))
    }

    @Test func badValueExitsFive() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("a1").status == 0)
        let output = try ledger.run(["edit", "a1", "--name", "   "])
        #expect(output.status == 5)
        #expect(output.standardError == "Error: invalid input in name: must not be empty\n")
    }

    @Test func disallowedChangeExitsSix() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("a1").status == 0)
        let output = try ledger.run(["reconnect", "a1", "--secret", "accessToken=stdin"], input: "token\n")
        #expect(output.status == 6)
        #expect(output.standardError.hasPrefix("Error: rejected change to account a1: reconnect applies to OAuth accounts"))
    }

    @Test func missingDatabaseExitsSeven() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-missing-\(UUID().uuidString)")
        let output = try LedgerProcess.run(["accounts", "--db", folder.appendingPathComponent("none.sqlite").path])
        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: database "))
        #expect(output.standardError.contains("no ledger here; run `ledger init"))
    }

    @Test func errorIsOneLineOnStandardError() throws {
        let ledger = try CommandLineLedger()
        for arguments in [["show", "nope"], ["history", "nope"], ["delete", "nope"], ["activate", "nope", "--dataflow", "df"]] {
            let output = try ledger.run(arguments)
            #expect(output.status != 0)
            #expect(output.standardOutput.isEmpty, "ledger \(arguments.joined(separator: " ")) wrote to stdout")
            #expect(output.standardError.hasPrefix("Error: "))
            #expect(output.standardError.filter { $0 == "\n" }.count == 1, "not one line: \(output.standardError)")
        }
    }

    @Test func resultsGoToStandardOutputOnly() throws {
        let ledger = try CommandLineLedger()
        let connected = try ledger.connectS3("a1")
        #expect(connected.status == 0)
        #expect(connected.standardOutput.hasPrefix("Connected account a1: AccountConnected at position 1"))
        #expect(connected.standardError.isEmpty)
        let listed = try ledger.run(["accounts"])
        #expect(listed.standardOutput.contains("Exports"))
        #expect(listed.standardError.isEmpty)
    }

    @Test func accountsJSONIsOneObjectPerLine() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3("a1", name: "One")
        try ledger.connectS3("a2", name: "Two")
        let output = try ledger.run(["accounts", "--json"])
        #expect(output.status == 0)
        let rows = try output.standardOutput.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(rows.map { $0["id"] } == [.string("a1"), .string("a2")])
        #expect(rows.first?["status"] == .string("active"))
    }

    @Test func showJSONIsOneDocument() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3("a1")
        let output = try ledger.run(["show", "a1", "--json"])
        #expect(output.status == 0)
        let state = try JSONParser.parse(output.standardOutput)
        #expect(state["id"] == .string("a1"))
        #expect(state["version"] == .integer(1))
        #expect(state["credentials"]?["secretKey"]?["fingerprint"]?.stringValue?.count == 64)
    }

    @Test func historyJSONLinesMatchEnvelopeSchema() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3("a1")
        try ledger.run(["edit", "a1", "--name", "Renamed", "--reason", "tidy up"])
        let output = try ledger.run(["history", "a1", "--json"])
        #expect(output.status == 0)
        let events = try output.standardOutput.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(events.map { $0["type"] } == [.string("AccountConnected"), .string("AccountRenamed")])
        for event in events {
            #expect(EventSchemas.bundled.envelope.firstViolation(event) == nil)
        }
    }

    @Test func accountsCSVHasHeaderAndRows() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3("a1", name: "One, with comma")
        let output = try ledger.run(["accounts", "--csv"])
        let lines = output.standardOutput.components(separatedBy: "\r\n")
        #expect(lines.first?.hasPrefix("NAME,DESTINATION,TYPE") == true)
        #expect(lines.dropFirst().first?.hasPrefix("\"One, with comma\",amazon-s3,access-key") == true)
    }

    @Test func accountsCSVDefusesFormulaCells() throws {
        let ledger = try CommandLineLedger()
        for (id, name) in [("a1", "=1+1"), ("a2", "-2+3"), ("a3", "+4"), ("a4", "@sum")] {
            try ledger.connectS3(id, name: name)
        }
        let output = try ledger.run(["accounts", "--csv"])
        let rows = output.standardOutput.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(Set(rows.map { String($0.prefix { $0 != "," }) }) == ["'=1+1", "'-2+3", "'+4", "'@sum"])
        // An absent username is an empty cell, not a hyphen.
        #expect(output.standardOutput.contains(",access-key,,"))
    }

    @Test func tableEscapesTabButCSVKeepsIt() throws {
        let ledger = try CommandLineLedger()
        try ledger.run(
            ["connect", "--id", "z1", "--destination", "data-landing-zone", "--name", "Zone", "--reason", "x\ty"])
        #expect(try ledger.run(["audit"]).standardOutput.contains("x<U+0009>y"))
        #expect(try ledger.run(["audit", "--csv"]).standardOutput.contains(",x\ty,"))
    }

    @Test func idempotencyKeyRetryAppendsNothing() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3("a1")
        let arguments = ["edit", "a1", "--name", "Renamed", "--idempotency-key", "rename-1"]
        let first = try ledger.run(arguments)
        #expect(first.status == 0)
        let before = try ledger.snapshot()
        let retry = try ledger.run(arguments)
        #expect(retry.status == 0)
        #expect(retry.standardOutput.hasPrefix("Already applied: account a1 is at version 2; nothing appended."))
        #expect(try ledger.snapshot() == before)
    }

    @Test func idempotencyKeyRetryOfConnectAppendsNothing() throws {
        let ledger = try CommandLineLedger()
        let arguments = ["connect", "--id", "a1", "--destination", "data-landing-zone", "--name", "Zone", "--idempotency-key", "c-1"]
        #expect(try ledger.run(arguments).status == 0)
        let before = try ledger.snapshot()
        let retry = try ledger.run(arguments + ["--json"])
        #expect(retry.status == 0)
        #expect(try JSONParser.parse(retry.standardOutput)["alreadyApplied"] == .bool(true))
        #expect(try ledger.snapshot() == before)
    }

    @Test func exportFileIsOwnerOnly() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let target = ledger.folder.appendingPathComponent("log.jsonl").path
        let output = try ledger.run(["export", "--output", target])
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        #expect(output.status == 0)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: target, encoding: .utf8).split(separator: "\n").count == 2)
    }

    @Test func longAccountListKeepsItsColumnsAcrossPieces() throws {
        // 600 rows are more than one 64 KiB piece of output; every row must
        // still start its ID column where the header does.
        let ledger = try CommandLineLedger()
        let writer = try Ledger(path: ledger.path, access: .write, environment: [:])
        try writer.save((0..<600).map { index in
            AccountSave(s3Connect(name: "Account \(index)"), accountID: "acct-\(index)", context: context(at: "2026-01-01T00:00:00Z"))
        })
        let output = try ledger.run(["accounts"])
        let lines = output.standardOutput.split(separator: "\n").map { Array($0.utf8) }
        let idColumn = try #require(String(decoding: lines[0], as: UTF8.self).range(of: "ID")).lowerBound.utf16Offset(in: String(decoding: lines[0], as: UTF8.self))
        #expect(output.status == 0)
        #expect(lines.count == 602)
        #expect(lines.last == Array("600 account(s)".utf8))
        for line in lines.dropFirst().dropLast() {
            #expect(line[idColumn - 1] == UInt8(ascii: " "))
            #expect(line[idColumn...].starts(with: "acct-".utf8))
        }
    }

    @Test func signedPositionIsUsageError() throws {
        let ledger = try CommandLineLedger()
        for value in ["+2", "-1", " 2", "2.0"] {
            let output = try ledger.run(["accounts", "--at-position", value])
            #expect(output.status == 2, "\(value)")
            #expect(output.standardError.hasPrefix("Error: invalid --at-position \(value): expected a whole number, 0 or more"), "\(output.standardError)")
        }
    }

    @Test func positionBeyondInt64IsTooLarge() throws {
        let ledger = try CommandLineLedger()
        let output = try ledger.run(["accounts", "--at-position", "99999999999999999999"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix(
            "Error: invalid --at-position 99999999999999999999: too large; the largest accepted is 9223372036854775807"),
            "\(output.standardError)")
    }
}
