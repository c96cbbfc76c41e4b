import Foundation
import Testing

/// Commands that an error message suggests name the ledger as the failed
/// command did with `--db`. Without it they read `$LEDGER_DB` or
/// `ledger.sqlite`, another ledger than the one the message is about.
@Suite struct SuggestedCommandTests {
    @Test func unknownAccountSuggestsListOfSameLedger() throws {
        let ledger = try CommandLineLedger()
        let other = ledger.folder.appendingPathComponent("my ledger.sqlite").path
        try #require(try ledger.run(["init", "--db", other]).status == 0)

        let output = try ledger.run(["show", "nosuch", "--db", other])

        #expect(output.status == 3)
        #expect(output.standardError == "Error: account nosuch not found; `ledger accounts --db '\(other)'` lists the ids\n")
    }

    @Test func versionConflictSuggestsShowOfSameLedger() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)

        let output = try ledger.run(["edit", "s3", "--name", "Renamed", "--expect-version", "5", "--db", ledger.path])

        #expect(output.status == 4)
        #expect(output.standardError.contains("re-read it with `ledger show --db \(ledger.path) s3` and retry"), "\(output.standardError)")
    }

    /// `$LEDGER_DB` names the ledger for the suggested command as well.
    @Test func ledgerVariableLeavesSuggestionAlone() throws {
        let ledger = try CommandLineLedger()

        let output = try ledger.run(["show", "nosuch"])

        #expect(output.standardError == "Error: account nosuch not found; `ledger accounts` lists the ids\n")
    }

    /// `init` makes another ledger, so its suggestion keeps its own path.
    @Test func initSuggestionIsLeftAlone() throws {
        let ledger = try CommandLineLedger()
        let missing = ledger.folder.appendingPathComponent("missing.sqlite").path

        let output = try ledger.run(["accounts", "--db", missing])

        #expect(output.standardError == "Error: database \(missing): no ledger here; run `ledger init --db \(missing)` first\n")
    }
}
