import Foundation

/// Kills `ledger` child processes with SIGKILL at seeded random moments and
/// checks after each kill that nothing was half-written.
///
/// Each round runs one command as its own process and kills it after a
/// random delay: either an edit that renames and rotates (two events in one
/// transaction, with an idempotency key) or an import of a snapshot that
/// renames every imported connection (one transaction). Then the ledger
/// must open and verify, the command must have stored all its events or
/// none, and running the same command again must append exactly what is
/// missing.
public struct CrashHarness {
    /// The counts of one run, for the caller to print or assert on.
    public struct Summary: Sendable {
        /// Rounds whose process was still running when SIGKILL arrived.
        public var rounds = 0
        public var kills = 0
        /// Kills of an import, a subset of `kills`.
        public var importKills = 0
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
    /// The same for imports, which run longer.
    public var importDelays: ClosedRange<Double>?
    /// The connections in each imported snapshot.
    public var importSize: Int
    private var generator: SeededGenerator
    private let accounts = ["a1", "a2", "a3"]

    public init(ledger: ChildProcess, folder: URL, seed: UInt64, importSize: Int = 200, delays: ClosedRange<Double>? = nil) {
        self.importSize = importSize
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

        let initial = folder.appendingPathComponent("import-initial.json").path
        try SnapshotGenerator.connectionList(count: importSize, revision: 0).write(toFile: initial, atomically: true, encoding: .utf8)
        let started = Date()
        try expectSuccess(["import", initial, "--db", path])
        let duration = Date().timeIntervalSince(started)
        if importDelays == nil {
            importDelays = (duration * 0.2)...(duration * 1.1)
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
            let isImport = Bool.random(using: &generator)
            let save = isImport ? importSave(round: round) : try editSave(round: round)
            let range = (isImport ? importDelays : delays) ?? 0...0.05
            let delay = Double.random(in: range, using: &generator)
            let label = "round \(round) (\(save.arguments[0]), kill after \(String(format: "%.4f", delay)) s)"
            if isImport {
                try SnapshotGenerator.connectionList(count: importSize, revision: round + 1)
                    .write(toFile: save.arguments[1], atomically: true, encoding: .utf8)
            }

            let before = try LedgerInvariants.eventCount(path: path)
            let outcome = try ledger.run(save.arguments, input: save.input, killAfter: delay)
            if outcome.wasSignaled {
                summary.kills += 1
                if isImport { summary.importKills += 1 }
            } else {
                summary.finishedBeforeKill += 1
                guard outcome.status == 0 else {
                    throw LedgerInvariants.Violation("\(label): failed without a kill: \(outcome.standardError)")
                }
            }

            _ = try LedgerInvariants.openAndVerify(path: path)
            let stored = try LedgerInvariants.eventCount(path: path) - before
            guard stored == 0 || stored == save.eventCount else {
                throw LedgerInvariants.Violation("\(label): stored \(stored) of its \(save.eventCount) events")
            }
            if let key = save.idempotencyKey {
                let byKey = try LedgerInvariants.eventCountsByIdempotencyKey(path: path)[key] ?? 0
                guard byKey == stored else {
                    throw LedgerInvariants.Violation("\(label): \(byKey) events carry its idempotency key, expected \(stored)")
                }
            }
            if outcome.wasSignaled {
                if stored == 0 { summary.killsBeforeCommit += 1 } else { summary.killsAfterCommit += 1 }
            }

            let retry = try ledger.run(save.arguments, input: save.input)
            guard retry.status == 0 else {
                throw LedgerInvariants.Violation("\(label): running it again failed: \(retry.standardError)")
            }
            let after = try LedgerInvariants.eventCount(path: path)
            guard after == before + save.eventCount else {
                throw LedgerInvariants.Violation(
                    "\(label): the log grew by \(after - before) events over the kill and the rerun, expected \(save.eventCount)")
            }
        }
        summary.events = try LedgerInvariants.openAndVerify(path: path).eventCount
        return summary
    }

    /// One command a round runs, kills and runs again.
    private struct Save {
        var arguments: [String]
        var input = ""
        /// The events the command appends when it runs to the end.
        var eventCount: Int64
        var idempotencyKey: String?
    }

    /// A rename plus a credential rotation of a random account: two events.
    private mutating func editSave(round: Int) throws -> Save {
        let account = accounts[Int.random(in: 0..<accounts.count, using: &generator)]
        let key = "crash-\(round)"
        return Save(
            arguments: [
                "edit", account, "--db", path, "--name", "Name \(round)", "--secret", "secretKey=stdin",
                "--idempotency-key", key, "--actor", "crash-harness",
            ],
            input: "secret-\(round)\n",
            eventCount: 2,
            idempotencyKey: key)
    }

    /// An import that renames every imported connection: one event each,
    /// all in one transaction.
    private func importSave(round: Int) -> Save {
        let file = folder.appendingPathComponent("import-\(round).json").path
        return Save(arguments: ["import", file, "--db", path, "--actor", "crash-harness"], eventCount: Int64(importSize))
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
