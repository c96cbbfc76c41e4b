import Foundation
import Testing

/// Help text that matches the README: every option a command takes, and
/// `ledger help COMMAND` as a second way to reach a command's help.
@Suite struct HelpTextTests {
    private func help(_ arguments: [String]) throws -> String {
        let output = try LedgerProcess.run(arguments)
        #expect(output.status == 0, "stderr: \(output.standardError)")
        return output.standardOutput
    }

    @Test func auditReportUsageNamesDestination() throws {
        let lines = try help(["audit", "--help"]).split(separator: "\n")
        for report in ["stale", "expired"] {
            let usage = try #require(lines.first { $0.contains("ledger audit \(report)") })
            #expect(usage.contains("[--destination ID]..."), "\(usage)")
        }
    }

    @Test func auditUsageNamesRecordedTimeOptions() throws {
        let lines = try help(["audit", "--help"]).split(separator: "\n")
        for start in ["Usage: ledger audit [", "ledger audit stale", "ledger audit expired"] {
            let usage = try #require(lines.first { $0.contains(start) })
            #expect(usage.contains("[--as-known-at TIME] [--at-position N]"), "\(usage)")
        }
    }

    /// The commands whose help the value-name checks read.
    private static let commandNames = [
        "init", "connect", "edit", "reconnect", "set-encryption-key", "remove-encryption-key", "activate",
        "deactivate", "delete", "accounts", "show", "history", "audit", "who-used", "verify", "digest",
        "rebuild", "replay", "export", "import", "demo",
    ]

    @Test(arguments: commandNames)
    func optionsListUsesUsageValueNames(command: String) throws {
        // The usage wrote `--db PATH` while the options list wrote `--db VALUE`.
        let text = try help([command, "--help"])
        let parts = text.components(separatedBy: "\n\nOptions:\n")
        try #require(parts.count == 2, "\(text)")
        let (usage, options) = (parts[0], parts[1])
        #expect(!options.contains(" VALUE "), "\(options)")
        let words = usage.split(whereSeparator: { " []()\n".contains($0) }).map(String.init)
        for (index, word) in words.enumerated().dropLast() where word.hasPrefix("--") {
            let value = words[index + 1]
            let namesValue = value.first?.isLetter == true && (value.uppercased() == value || value.contains("="))
            guard namesValue else {
                continue
            }
            #expect(options.contains("  \(word) \(value) "), "\(command): \(word) \(value)")
        }
    }

    @Test func writeJSONHelpNamesSentence() throws {
        for command in ["edit", "delete", "activate", "verify"] {
            let text = try help([command, "--help"])
            #expect(!text.contains("instead of a table"), "\(command)")
        }
    }

    @Test func expectVersionHelpFitsCommand() throws {
        #expect(!(try help(["edit", "--help"])).contains("0 for a new account"))
        #expect(try help(["connect", "--help"]).contains("0 requires a new id"))
    }

    @Test func replayHelpNamesKeyVariable() throws {
        #expect(try help(["replay", "--help"]).contains("Its key file is written beside it, unless $LEDGER_KEY is set."))
    }

    @Test func helpCommandShowsCommandHelp() throws {
        let named = try help(["help", "accounts"])
        #expect(named == (try help(["accounts", "--help"])))
        #expect(named.contains("Usage: ledger accounts"))
    }

    @Test func helpOfHelpShowsOverview() throws {
        // `help --help` was taken as help for a command named --help.
        let overview = try help(["--help"])
        #expect(try help(["help", "--help"]) == overview)
        #expect(try help(["help", "help"]) == overview)
    }

    @Test func helpCommandRejectsUnknownCommand() throws {
        let output = try LedgerProcess.run(["help", "nope"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: unknown command nope\n"))
        #expect(output.standardOutput.isEmpty)
    }

    @Test func importHelpNamesStandardInput() throws {
        let text = try help(["import", "--help"])
        #expect(text.contains("snapshot files (- reads standard input)"), "\(text)")
        #expect(text.contains("ledger import --events FILE|- "), "\(text)")
        #expect(text.contains("(JSON Lines; - reads standard input)"), "\(text)")
    }
}
