@testable import AccountLedger
import Foundation
import Testing

/// The recorded time a save gives its events, read from the system clock
/// and checked against the log's last recorded time.
@Suite struct RecordedTimeTests {
    private func head(recordedAt text: String) -> EventStore.Head {
        EventStore.Head(position: 4, hash: RecordedEvent.genesisHash, recordedAt: time(text))
    }

    private func clockProblem(_ body: () throws -> Void) -> String? {
        do {
            try body()
        } catch LedgerError.invalidInput(let location, let problem) where location == "system clock" {
            return problem
        } catch {
            Issue.record("unexpected error: \(error)")
        }
        return nil
    }

    /// A head at Int64.min overflowed the clock comparison and ended the process.
    @Test(arguments: [Int64.min, Int64.max])
    func headOutsideSupportedRangeIsAnEditedLog(recordedAt: Int64) {
        let edited = EventStore.Head(position: 1, hash: RecordedEvent.genesisHash, recordedAt: recordedAt)

        let failure = verificationFailure { _ = try Ledger.recordedTime(after: edited, clock: time("2026-01-01T00:00:00Z")) }

        #expect(failure?.position == 1)
        #expect(failure?.detail.contains("is outside the times a ledger holds, so the log was edited") == true)
    }

    @Test(arguments: [Timestamp.latest + 1, Timestamp.earliest - 1])
    func clockOutsideSupportedRangeIsRejected(clock: Int64) {
        let empty = EventStore.Head(position: 0, hash: RecordedEvent.genesisHash, recordedAt: 0)
        let problem = clockProblem { _ = try Ledger.recordedTime(after: empty, clock: clock) }
        #expect(problem?.contains("it reads \(Timestamp.format(clock)), outside the times a ledger holds") == true)
        #expect(problem?.contains("check the machine's clock") == true)
    }

    @Test func clockAtEndOfRangeIsAccepted() throws {
        let recorded = try Ledger.recordedTime(after: head(recordedAt: "2026-01-01T00:00:00Z"), clock: Timestamp.latest)
        #expect(recorded == Timestamp.latest)
    }

    @Test func emptyLogTakesClockBefore1970() throws {
        let empty = EventStore.Head(position: 0, hash: RecordedEvent.genesisHash, recordedAt: 0)
        #expect(try Ledger.recordedTime(after: empty, clock: time("1969-07-20T20:17:00Z")) == time("1969-07-20T20:17:00Z"))
    }

    @Test func clockAheadOfLogIsTaken() throws {
        let recorded = try Ledger.recordedTime(
            after: head(recordedAt: "2026-01-01T00:00:00Z"), clock: time("2026-01-02T00:00:00Z"))
        #expect(recorded == time("2026-01-02T00:00:00Z"))
    }

    @Test func clockSlightlyBehindLogKeepsLogTime() throws {
        let recorded = try Ledger.recordedTime(
            after: head(recordedAt: "2026-01-01T00:15:00Z"), clock: time("2026-01-01T00:00:00Z"))
        #expect(recorded == time("2026-01-01T00:15:00Z"))
    }

    @Test func clockFarBehindLogIsRejected() {
        let problem = clockProblem {
            _ = try Ledger.recordedTime(
                after: head(recordedAt: "2026-01-01T00:15:00.001Z"), clock: time("2026-01-01T00:00:00Z"))
        }
        #expect(problem?.contains("it reads 2026-01-01T00:00:00Z, more than 15 minutes before 2026-01-01T00:15:00.001Z") == true)
        #expect(problem?.contains("the recorded time of the last event (position 4)") == true)
        #expect(problem?.contains("check the machine's clock") == true)
    }
}

/// A log whose last recorded time is years ahead, as a save made while the
/// machine's clock ran ahead leaves it, seen through the `ledger` executable.
@Suite struct FutureRecordedTimeCommandLineTests {
    private func ledgerWithFutureEvent() throws -> CommandLineLedger {
        let cli = try CommandLineLedger()
        try #require(try cli.connectS3("a").status == 0)
        try #require(try cli.connectS3("b").status == 0)
        try RawLedgerFile(path: cli.path).rewrite(position: 2, rechain: true) {
            $0.recordedAt = time("2099-01-01T00:00:00Z")
        }
        return cli
    }

    @Test func saveAfterFutureRecordedTimeIsRejected() throws {
        let cli = try ledgerWithFutureEvent()
        let output = try cli.run(["edit", "a", "--name", "Renamed"])
        #expect(output.status == 5)
        #expect(output.standardError.contains("invalid input in system clock: it reads "))
        #expect(output.standardError.contains("more than 15 minutes before 2099-01-01T00:00:00Z"))
        #expect(output.standardError.contains("check the machine's clock"))
        #expect(try RawLedgerFile(path: cli.path).events().count == 2)
    }

    /// A receipt once took the clock's time, before the head's recorded time.
    @Test func digestAfterFutureRecordedTimeIsRejected() throws {
        let cli = try ledgerWithFutureEvent()
        let output = try cli.run(["digest"])
        #expect(output.status == 5)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError.contains("invalid input in system clock: it reads "))
        #expect(output.standardError.contains("more than 15 minutes before 2099-01-01T00:00:00Z"))
    }

    @Test func replayBeforeFutureRecordedTimeGivesWritableLedger() throws {
        let cli = try ledgerWithFutureEvent()
        let copy = cli.folder.appendingPathComponent("before.sqlite").path
        let replayed = try cli.run(["replay", "--position", "1", "--into", copy])
        try #require(replayed.status == 0, "\(replayed.standardError)")
        let verified = try cli.run(["verify"], environment: ["LEDGER_DB": copy])
        #expect(verified.status == 0, "\(verified.standardError)")
        let edited = try cli.run(["edit", "a", "--name", "Renamed"], environment: ["LEDGER_DB": copy])
        #expect(edited.status == 0, "\(edited.standardError)")
    }
}
