import AccountLedger
import Testing

/// `ledger --version` and `ledger version` print the tool's version and the
/// database schema version it writes, both from `LedgerBuild`.
@Suite struct VersionCommandTests {
    private let expected = "ledger \(LedgerBuild.version) (database schema version \(LedgerBuild.databaseSchemaVersion))\n"

    @Test(arguments: ["--version", "version"])
    func versionPrintsBothNumbers(word: String) throws {
        let output = try LedgerProcess.run([word])

        #expect(output.status == 0)
        #expect(output.standardOutput == expected)
        #expect(output.standardError.isEmpty)
    }

    @Test func versionStringIsSemantic() {
        let parts = LedgerBuild.version.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        for part in parts {
            #expect(Int(part) != nil, "\(LedgerBuild.version)")
        }
    }

    @Test func versionWithArgumentIsUsageError() throws {
        let output = try LedgerProcess.run(["--version", "ghp_PASTED0123456789"])

        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: --version takes no arguments\nUsage: ledger --version\n"))
        #expect(!output.standardError.contains("PASTED"))
        #expect(output.standardOutput.isEmpty)
    }

    @Test func versionAfterCommandPointsToFirstPlace() throws {
        // The message was only "unknown option --version", and `ledger
        // --version` was "unknown command" with a hint to put it after a command.
        let output = try LedgerProcess.run(["accounts", "--version"])

        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix(
            "Error: unknown option --version; run `ledger --version` to print this build's version\n"))
    }

    /// The hint suggested putting --version after a command, where it is unknown.
    @Test func versionWithValueSaysItTakesNone() throws {
        let output = try LedgerProcess.run(["--version=1"])

        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: unknown command --version; `ledger --version` takes no value\n"))
    }

    @Test func overviewMentionsVersion() throws {
        let output = try LedgerProcess.run(["--help"])

        #expect(output.standardOutput.contains("       ledger --version\n"))
        #expect(output.standardOutput.contains("`ledger --version` (or `ledger version`)"))
    }

    @Test(arguments: [["help", "version"], ["version", "--help"]])
    func versionHelpShowsUsage(arguments: [String]) throws {
        let output = try LedgerProcess.run(arguments)

        #expect(output.status == 0)
        #expect(output.standardOutput.contains("Usage: ledger --version\n       ledger version\n"))
    }
}
