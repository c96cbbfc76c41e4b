import Foundation

/// Kills `ledger` child processes with SIGKILL at seeded random moments and
/// checks after each kill that nothing was half-written.
///
/// Each round runs one save as its own process, a rename plus a credential
/// rotation (two events in one transaction) with an idempotency key, and
/// kills it after a random delay. Then the ledger must open and verify,
/// the save must have stored both events or none, and running the same
/// command again must append exactly what is missing.
public struct CrashHarness {
    /// The counts of one run, for the caller to print or assert on.
    public struct Summary: Sendable {
        /// Rounds whose process was still running when SIGKILL arrived.
        public var rounds = 0
        public var kills = 0
        /// Killed saves whose events were committed before the kill.
        public var killsAfterCommit = 0
        /// Killed saves that left nothing, so the retry appended them.
        public var killsBeforeCommit = 0
        /// Rounds whose process ended before the kill was sent.
        public var finishedBeforeKill = 0
        public var events: Int64 = 0
    }

    public let ledger: ChildProcess
    public let folder: URL
    public let path: String
    /// The range of delays before a kill, in seconds. `prepare` sets it
    /// around the measured run time of one save unless the caller gave one,
    /// so most kills land while the process is opening, deciding or committing.
    public var delays: ClosedRange<Double>?
    private var generator: SeededGenerator
    private let accounts = ["a1", "a2", "a3"]

    public init(ledger: ChildProcess, folder: URL, seed: UInt64, delays: ClosedRange<Double>? = nil) {
        self.ledger = ledger
        self.folder = folder
        self.path = folder.appendingPathComponent("crash.sqlite").path
        self.delays = delays
        self.generator = SeededGenerator(seed: seed)
    }

    /// Creates the ledger and its accounts through the CLI, timing the
    /// connects to choose the kill delays.
    public mutating func prepare() throws {
        try expectSuccess(["init", "--db", path])
        var fastest = Double.infinity
        for account in accounts {
            let started = Date()
            try expectSuccess([
                "connect", "--db", path, "--id", account, "--destination", "amazon-s3", "--name", "Start \(account)",
                "--secret", "accessKeyId=stdin", "--secret", "secretKey=stdin", "--occurred-at", "2026-01-01",
            ], input: "AKIA0000\(account)\nsecret-\(account)\n")
            fastest = min(fastest, Date().timeIntervalSince(started))
        }
        if delays == nil {
            delays = (fastest * 0.3)...(fastest * 1.1)
        }
    }

    /// Runs rounds until `kills` processes were killed while running (or
    /// `maximumRounds` is reached), checking the invariants after each.
    ///
    /// - Throws: `LedgerInvariants.Violation` at the first broken invariant,
    ///   naming the round and its delay.
    public mutating func run(kills: Int, maximumRounds: Int) throws -> Summary {
        var summary = Summary()
        for round in 0..<maximumRounds where summary.kills < kills {
            summary.rounds += 1
            let account = accounts[Int.random(in: 0..<accounts.count, using: &generator)]
            let delay = Double.random(in: delays ?? 0...0.05, using: &generator)
            let key = "crash-\(round)"
            let arguments = [
                "edit", account, "--db", path, "--name", "Name \(round)", "--secret", "secretKey=stdin",
                "--idempotency-key", key, "--actor", "crash-harness",
            ]
            let input = "secret-\(round)\n"
            let before = try LedgerInvariants.eventCount(path: path)
            let outcome = try ledger.run(arguments, input: input, killAfter: delay)
            if outcome.wasSignaled {
                summary.kills += 1
            } else {
                summary.finishedBeforeKill += 1
                guard outcome.status == 0 else {
                    throw LedgerInvariants.Violation("round \(round): edit failed without a kill: \(outcome.standardError)")
                }
            }

            _ = try LedgerInvariants.openAndVerify(path: path)
            let stored = try LedgerInvariants.eventCountsByIdempotencyKey(path: path)[key] ?? 0
            guard stored == 0 || stored == 2 else {
                throw LedgerInvariants.Violation("round \(round) (kill after \(String(format: "%.4f", delay)) s): the save stored \(stored) of its 2 events")
            }
            if outcome.wasSignaled {
                if stored == 2 { summary.killsAfterCommit += 1 } else { summary.killsBeforeCommit += 1 }
            }

            let retry = try ledger.run(arguments, input: input)
            guard retry.status == 0 else {
                throw LedgerInvariants.Violation("round \(round): the retried edit failed: \(retry.standardError)")
            }
            let after = try LedgerInvariants.eventCount(path: path)
            guard after == before + 2 else {
                throw LedgerInvariants.Violation(
                    "round \(round): the log grew by \(after - before) events over the kill and the retry, expected 2")
            }
            _ = try LedgerInvariants.openAndVerify(path: path)
        }
        summary.events = try LedgerInvariants.eventCount(path: path)
        return summary
    }

    private func expectSuccess(_ arguments: [String], input: String = "") throws {
        let outcome = try ledger.run(arguments, input: input)
        guard outcome.status == 0 else {
            throw LedgerInvariants.Violation("ledger \(arguments[0]) failed: \(outcome.standardError)")
        }
    }
}

extension CrashHarness {
    /// The delay range in milliseconds, for reports.
    public var delayText: String {
        guard let delays else { return "not chosen yet" }
        return String(format: "%.1f-%.1f ms", delays.lowerBound * 1000, delays.upperBound * 1000)
    }
}
