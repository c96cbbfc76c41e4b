import Foundation
import Testing

/// An option that takes one value is a usage error when given twice, on
/// every command, so a save never records whichever value came last.
/// Options that the help marks repeatable keep every value.
@Suite struct RepeatedOptionTests {
    /// An option that takes a value, as `ledger COMMAND --help` lists it.
    private struct ValueOption {
        let command: String
        let name: String
        let isRepeatable: Bool
    }

    /// Returns every option that takes a value, for every command that
    /// `ledger --help` lists, read from each command's help.
    private func valueOptions() throws -> [ValueOption] {
        let overview = try LedgerProcess.run(["--help"]).standardOutput
        let commands = overview.split(separator: "\n")
            .drop { $0 != "Commands:" }.dropFirst()
            .prefix { $0.hasPrefix("  ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        var options: [ValueOption] = []
        for command in commands {
            let help = try LedgerProcess.run([command, "--help"]).standardOutput
            for line in help.split(separator: "\n") where line.hasPrefix("  --") {
                let words = line.split(separator: " ", maxSplits: 2)
                // A value's name, such as PATH, FIELD=SOURCE or PATH|-, has no
                // lower-case word, while a flag's help starts with one.
                guard words.count == 3 else { continue }
                let value = words[1]
                let isValueName = value.contains("=") || value.contains("|") || value == value.uppercased()
                guard isValueName else { continue }
                options.append(ValueOption(
                    command: command, name: String(words[0].dropFirst(2)),
                    isRepeatable: words[2].contains("(repeatable")))
            }
        }
        return options
    }

    @Test func singleValueOptionGivenTwiceFails() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let options = try valueOptions().filter { !$0.isRepeatable }
        // The table must come from real help text, not an empty parse.
        #expect(options.contains { $0.command == "edit" && $0.name == "actor" })
        #expect(options.contains { $0.command == "audit" && $0.name == "account" })
        let first = ledger.folder.appendingPathComponent("first").path
        let second = ledger.folder.appendingPathComponent("second").path
        let before = try ledger.snapshot()
        for option in options {
            let arguments = [option.command, "--\(option.name)", first, "--\(option.name)=\(second)"]
            let output = try ledger.run(arguments)
            let invocation = arguments.joined(separator: " ")
            #expect(output.status == 2, "\(invocation)")
            #expect(output.standardError.hasPrefix("Error: --\(option.name) given twice; give it once\n"), "\(invocation): \(output.standardError)")
            #expect(output.standardOutput.isEmpty, "\(invocation)")
        }
        #expect(try ledger.snapshot() == before)
    }

    @Test func onlyListFiltersAndInputsRepeat() throws {
        let repeatable = try valueOptions().filter(\.isRepeatable).map { "\($0.command) --\($0.name)" }
        #expect(Set(repeatable) == [
            "connect --setting", "connect --secret", "edit --setting", "edit --secret", "reconnect --secret",
            "accounts --destination", "accounts --type", "accounts --status",
            "audit --destination", "audit --kind", "rebuild --projection",
        ])
    }

    @Test func repeatableOptionsAreNotRejected() throws {
        let ledger = try CommandLineLedger()
        for option in try valueOptions() where option.isRepeatable {
            let output = try ledger.run([option.command, "--\(option.name)", "a=1", "--\(option.name)", "b=2"])
            #expect(!output.standardError.contains("given twice"), "\(option.command) --\(option.name): \(output.standardError)")
        }
    }

    @Test func repeatedFiltersMatchAnyValue() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try #require(try ledger.run(["connect", "--id", "z1", "--destination", "data-landing-zone", "--name", "Zone"]).status == 0)
        let accounts = try ledger.run(["accounts", "--destination", "amazon-s3", "--destination", "data-landing-zone", "--csv"])
        #expect(accounts.status == 0, "\(accounts.standardError)")
        #expect(accounts.standardOutput.contains(",s3\r\n"))
        #expect(accounts.standardOutput.contains(",z1\r\n"))
        let audit = try ledger.run(["audit", "--destination", "amazon-s3", "--destination", "data-landing-zone", "--csv"])
        #expect(audit.status == 0, "\(audit.standardError)")
        #expect(audit.standardOutput.contains(",s3,"))
        #expect(audit.standardOutput.contains(",z1,"))
    }

    @Test func repeatedActorOnEditChangesNothing() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let before = try ledger.snapshot()
        let output = try ledger.run(["edit", "s3", "--name", "N1", "--actor", "alice", "--actor", "bob"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: --actor given twice; give it once\nUsage: ledger edit "))
        #expect(try ledger.snapshot() == before)
    }

    @Test func repeatedSettingNameChangesNothing() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let before = try ledger.snapshot()
        let output = try ledger.run(["edit", "s3", "--setting", "region=eu", "--setting", "region=us"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: --setting region given twice; give each setting once\n"))
        #expect(try ledger.snapshot() == before)
    }
}
