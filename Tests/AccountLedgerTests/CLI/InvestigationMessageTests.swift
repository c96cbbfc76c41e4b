import AccountLedger
import Foundation
import Testing

/// Messages and exit statuses of the investigation commands (audit,
/// who-used, replay, rebuild, show) for input they cannot use.
@Suite struct InvestigationMessageTests {
    @Test func auditRejectsSinceAfterUntil() throws {
        let ledger = try CommandLineLedger()
        let output = try ledger.run(["audit", "--since", "2026-02-01", "--until", "2026-01-01"])
        #expect(output.status == 2)
        #expect(output.standardError.contains("--since 2026-02-01 is not before --until 2026-01-01"))
        let equal = try ledger.run(["audit", "--since", "2026-01-01", "--until", "2026-01-01"])
        #expect(equal.status == 2)
    }

    @Test func auditUnknownAccountIsNotFound() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3()
        let output = try ledger.run(["audit", "--account", "nope"])
        #expect(output.status == 3)
        #expect(output.standardError.contains("account nope not found"))
        #expect(try ledger.run(["audit", "--account", "s3"]).status == 0)
    }

    @Test func whoUsedMessagesNameSecretFrom() throws {
        let ledger = try CommandLineLedger()
        let empty = try ledger.run(["who-used"], input: "")
        #expect(empty.status == 5)
        #expect(empty.standardError.contains("ended before the line for --secret-from stdin"))
        let unset = try ledger.run(["who-used", "--secret-from", "env:LEDGER_TEST_UNSET"])
        #expect(unset.status == 2)
        #expect(unset.standardError.contains("--secret-from env:LEDGER_TEST_UNSET: environment variable"))
        let prompt = try ledger.run(["who-used", "--secret-from", "prompt"])
        #expect(prompt.status == 2)
        #expect(prompt.standardError.contains("--secret-from prompt needs a terminal"))
        for output in [empty, unset, prompt] {
            #expect(!output.standardError.contains("--secret secret="))
        }
    }

    @Test func whoUsedEmptySecretExitsFive() throws {
        // It exited 2, while connect rejects an empty secret line with 5.
        let ledger = try CommandLineLedger()
        let output = try ledger.run(["who-used"], input: "\n")
        #expect(output.status == 5)
        #expect(output.standardError.hasPrefix("Error: invalid input in secret: the secret is empty"), "stderr: \(output.standardError)")
        #expect(!output.standardError.contains("Usage:"))
    }

    @Test func replayIntoExistingNamesInto() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3()
        let output = try ledger.run(["replay", "--position", "1", "--into", ledger.path])
        #expect(output.status == 7)
        #expect(output.standardError.contains("already exists; choose another --into path"))
    }

    @Test func replayRejectsPositionPastEnd() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3()
        let into = ledger.folder.appendingPathComponent("copy.sqlite").path
        let output = try ledger.run(["replay", "--position", "99", "--into", into])
        #expect(output.status == 5)
        #expect(output.standardError.contains("--position 99: past the end of the log, which ends at position 1"))
        #expect(!FileManager.default.fileExists(atPath: into))
    }

    @Test func rebuildNamesEachProjectionOnce() throws {
        let ledger = try CommandLineLedger()
        let output = try ledger.run(["rebuild", "--projection", "accounts", "--projection", "accounts"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput == "Rebuilt accounts (with account_snapshots) from 0 event(s).\n")
    }

    @Test func showBeforeConnectionSaysNotYet() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3()
        let output = try ledger.run(["show", "s3", "--as-of", "2020-01-01"])
        #expect(output.status == 3)
        #expect(output.standardError.contains("account s3 did not exist yet at 2020-01-01T00:00:00Z; it was connected at "))
        #expect(output.standardError.contains("(position 1)"))
    }

    @Test func historyBeforeConnectionSaysNotYet() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3()
        let output = try ledger.run(["history", "s3", "--as-of", "2020-01-01"])
        #expect(output.status == 3)
        #expect(output.standardError.contains("account s3 did not exist yet at 2020-01-01T00:00:00Z"))
        #expect(output.standardOutput.isEmpty)
    }

    @Test func knownAtBeforeConnectionNamesTheTime() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3()
        let output = try ledger.run(["show", "s3", "--as-known-at", "2020-01-01"])
        #expect(output.status == 3)
        #expect(output.standardError.contains(
            "did not exist yet as known at 2020-01-01T00:00:00Z, when the log was still empty"))
    }

    @Test func knownAtBeforeConnectionNamesRecordedTime() throws {
        let ledger = try CommandLineLedger()
        let connected = try ledger.connectS3(occurredAt: "2020-01-01")
        try #require(connected.status == 0, "\(connected.standardError)")

        let output = try ledger.run(["show", "s3", "--as-known-at", "2020-06-01"])

        #expect(output.status == 3)
        #expect(output.standardError.contains("it was connected in an event recorded at 20"), "\(output.standardError)")
        #expect(output.standardError.contains("which says it occurred at 2020-01-01T00:00:00Z"))
    }

    @Test func auditAccountKnownAtBeforeConnectionSaysNotYet() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3()

        let output = try ledger.run(["audit", "--account", "s3", "--as-known-at", "2020-01-01"])

        #expect(output.status == 3)
        #expect(output.standardError.contains(
            "account s3 did not exist yet as known at 2020-01-01T00:00:00Z, when the log was still empty"))
        #expect(output.standardOutput.isEmpty)
        let show = try ledger.run(["show", "s3", "--as-known-at", "2020-01-01"])
        #expect(output.standardError == show.standardError)
    }

    @Test func auditAccountAtPositionBeforeConnectionSaysNotYet() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3()
        try ledger.connectS3("later")

        let output = try ledger.run(["audit", "--account", "later", "--at-position", "1"])

        #expect(output.status == 3)
        #expect(output.standardError.contains("account later did not exist yet as known at "))
        #expect(output.standardError.contains("when the log ended at position 1"))
        let show = try ledger.run(["show", "later", "--at-position", "1"])
        #expect(output.standardError == show.standardError)
    }

    @Test func auditAccountAtItsConnectionListsIt() throws {
        let ledger = try CommandLineLedger()
        try ledger.connectS3()
        try ledger.connectS3("later")

        let output = try ledger.run(["audit", "--account", "later", "--at-position", "2", "--csv"])

        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains(",later,"))
    }
}
