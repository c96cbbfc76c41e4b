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
