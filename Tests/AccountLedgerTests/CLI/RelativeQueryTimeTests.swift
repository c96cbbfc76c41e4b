import Foundation
import Testing

/// `--since 30d` and the other query times given as a duration before now.
@Suite struct RelativeQueryTimeTests {
    /// Creates a ledger with one account connected now.
    private func ledgerConnectedNow() throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        let connected = try ledger.run(
            ["connect", "--id", "s", "--destination", "sftp", "--name", "S", "--username", "u",
             "--secret", "password=stdin"],
            input: "pw\n")
        try #require(connected.status == 0, "connect failed: \(connected.standardError)")
        return ledger
    }

    @Test func auditSinceDurationListsRecentChange() throws {
        let ledger = try ledgerConnectedNow()
        let output = try ledger.run(["audit", "--since", "1d", "--csv"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains(",s,S,sftp,"))
    }

    @Test func auditUntilDurationLeavesOutRecentChange() throws {
        let ledger = try ledgerConnectedNow()
        let output = try ledger.run(["audit", "--until", "1d", "--csv"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(!output.standardOutput.contains(",s,S,sftp,"))
    }

    @Test func accountsAsOfDurationPrecedesConnect() throws {
        let ledger = try ledgerConnectedNow()
        let output = try ledger.run(["accounts", "--as-of", "2h"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("0 account(s)"))
    }

    @Test func asOfOffsetWithoutColonNamesFix() throws {
        let ledger = try ledgerConnectedNow()
        let output = try ledger.run(["accounts", "--as-of", "2025-06-24T16:50:28.318+0000"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix(
            "Error: invalid --as-of 2025-06-24T16:50:28.318+0000: the offset +0000 needs a colon between its hours "
                + "and minutes, as RFC 3339 requires; write 2025-06-24T16:50:28.318+00:00\n"))
    }

    @Test func unknownUnitIsUsageError() throws {
        let ledger = try ledgerConnectedNow()
        let output = try ledger.run(["audit", "--since", "30y"])
        #expect(output.status == 2)
        #expect(output.standardError.contains("invalid --since 30y: expected RFC 3339"))
        #expect(output.standardError.contains("or a duration before now (30d, 2w, 12h, 45m)"))
    }

    @Test func occurredAtTakesNoDuration() throws {
        let ledger = try ledgerConnectedNow()
        let output = try ledger.run(["edit", "s", "--name", "T", "--occurred-at", "1d"])
        #expect(output.status == 2)
        #expect(output.standardError.contains("invalid --occurred-at 1d: only the time options of queries take a duration before now"))
    }
}
