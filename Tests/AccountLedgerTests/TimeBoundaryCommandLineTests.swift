import Foundation
import Testing

/// Time options at the edges of what the ledger can hold: finer than a
/// millisecond, leap seconds, years outside 0001-9999 and durations near
/// the 64-bit limit.
@Suite struct TimeBoundaryCommandLineTests {
    /// Creates a ledger with one SFTP account `s`, connected at 2026-01-10T10:00:00Z.
    private func ledgerWithAccount() throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        let connected = try ledger.run(
            ["connect", "--id", "s", "--destination", "sftp", "--name", "S", "--username", "u",
             "--secret", "password=stdin", "--occurred-at", "2026-01-10T10:00:00Z"],
            input: "pw\n")
        try #require(connected.status == 0, "connect failed: \(connected.standardError)")
        return ledger
    }

    /// Runs `arguments` and expects status 2, `message` on stderr, nothing
    /// on stdout and the ledger unchanged.
    private func expectUsageError(
        _ ledger: CommandLineLedger,
        _ arguments: [String],
        message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try ledger.snapshot()
        let output = try ledger.run(arguments)
        #expect(output.status == 2, "stderr: \(output.standardError)", sourceLocation: sourceLocation)
        #expect(output.standardError.contains(message), "stderr: \(output.standardError)", sourceLocation: sourceLocation)
        #expect(output.standardOutput.isEmpty, sourceLocation: sourceLocation)
        #expect(try ledger.snapshot() == before, "the ledger changed", sourceLocation: sourceLocation)
    }

    @Test func untilFinerThanMillisecondIsRejected() throws {
        let ledger = try ledgerWithAccount()
        try expectUsageError(
            ledger, ["audit", "--until", "2026-01-10T10:00:00.0005Z"],
            message: "invalid --until 2026-01-10T10:00:00.0005Z: more precise than a millisecond")
    }

    @Test func sinceFinerThanMillisecondIsRejected() throws {
        let ledger = try ledgerWithAccount()
        try expectUsageError(
            ledger, ["audit", "--since", "2026-01-10T10:00:00.0001Z", "--until", "2026-01-10T10:00:00.0009Z"],
            message: "invalid --since 2026-01-10T10:00:00.0001Z: more precise than a millisecond")
    }

    @Test func asOfFinerThanMillisecondIsRejected() throws {
        let ledger = try ledgerWithAccount()
        for option in ["--as-of", "--as-known-at"] {
            try expectUsageError(
                ledger, ["show", "s", option, "2026-01-10T10:00:00.0005Z"],
                message: "more precise than a millisecond")
        }
    }

    @Test func occurredAtFinerThanMillisecondIsRejected() throws {
        let ledger = try ledgerWithAccount()
        try expectUsageError(
            ledger, ["edit", "s", "--name", "x", "--occurred-at", "2026-01-10T11:00:00.0005Z"],
            message: "more precise than a millisecond")
    }

    @Test func zeroDigitsPastMillisecondsAreAccepted() throws {
        let ledger = try ledgerWithAccount()
        let output = try ledger.run(["audit", "--until", "2026-01-10T10:00:00.001000Z"])
        #expect(output.status == 0, "stderr: \(output.standardError)")
        #expect(output.standardOutput.hasSuffix("4 change(s)\n"), "stdout: \(output.standardOutput)")
    }

    @Test func leapSecondAsOfIsRejected() throws {
        // 09:59:60 was read as 10:00:00 and showed the account connected.
        let ledger = try ledgerWithAccount()
        try expectUsageError(
            ledger, ["show", "s", "--as-of", "2026-01-10T09:59:60Z"],
            message: "invalid --as-of 2026-01-10T09:59:60Z: second 60")
    }

    @Test func occurredAtBeforeYearOneIsRejected() throws {
        // It reached the time-order check and was printed as "00-1-12-31".
        let ledger = try ledgerWithAccount()
        try expectUsageError(
            ledger, ["edit", "s", "--name", "x", "--occurred-at", "0000-01-01T00:00:00+01:00"],
            message: "invalid --occurred-at 0000-01-01T00:00:00+01:00: outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z")
    }

    @Test func asOfPastYear9999IsRejected() throws {
        // The offset carried it into year 10000, which was accepted.
        let ledger = try ledgerWithAccount()
        for moment in ["9999-12-31T23:59:59-23:59", "10000-01-01"] {
            try expectUsageError(
                ledger, ["show", "s", "--as-of", moment],
                message: "invalid --as-of \(moment): outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z")
        }
    }

    @Test func staleWithHugeDurationListsNothing() throws {
        // Before 1970 the moment is negative, and each of these durations
        // took the threshold below Int64.min, which trapped with status 132.
        let ledger = try CommandLineLedger()
        let connected = try ledger.run(
            ["connect", "--id", "s", "--destination", "sftp", "--name", "S", "--username", "u",
             "--secret", "password=stdin", "--occurred-at", "1960-01-01T00:00:00Z"],
            input: "pw\n")
        try #require(connected.status == 0, "connect failed: \(connected.standardError)")
        let recent = try ledger.run(["audit", "stale", "--older-than", "1d", "--as-of", "1969-01-01"])
        #expect(recent.standardOutput.hasSuffix("1 account(s) with stale secrets\n"), "stdout: \(recent.standardOutput)")
        for duration in ["106751991167d", "15250284452w", "2562047788015h"] {
            let output = try ledger.run(["audit", "stale", "--older-than", duration, "--as-of", "1969-01-01"])
            #expect(output.status == 0, "\(duration): \(output.standardError)")
            #expect(output.standardOutput.hasSuffix("0 account(s) with stale secrets\n"), "\(duration): \(output.standardOutput)")
        }
    }

    @Test func durationPast64BitsSaysLimit() throws {
        // It was rejected as if it were not a whole number.
        let ledger = try ledgerWithAccount()
        try expectUsageError(
            ledger, ["audit", "stale", "--older-than", "106751991168d"],
            message: "at most 106751991167d")
    }
}
