import AccountLedger
import CSQLite
import Foundation

/// Runs every measurement at one history size and returns the figures.
public struct BenchmarkRunner {
    let configuration: BenchmarkConfiguration
    /// Receives one line per step, so a long run shows where it is.
    let log: (String) -> Void

    public init(configuration: BenchmarkConfiguration, log: @escaping (String) -> Void = { _ in }) {
        self.configuration = configuration
        self.log = log
    }

    var ledgerPath: String { configuration.folder + "/ledger.sqlite" }

    public func run() throws -> BenchmarkResult {
        let settings = configuration
        try FileManager.default.createDirectory(atPath: settings.folder, withIntermediateDirectories: false)
        var result = BenchmarkResult(events: settings.events, accounts: settings.accounts, seed: settings.seed)
        result.onRecord = { [log] figure in log("\(figure.label): \(figure.value) \(figure.unit)") }
        // Other work on the machine slows every figure; the load shows how much.
        let loadAtStart = loadAverage()
        result.sqliteVersion = String(cString: sqlite3_libversion())

        log("generating \(settings.events) events over \(settings.accounts) accounts")
        var generator = HistoryGenerator(
            seed: settings.seed, events: settings.events, accounts: settings.accounts,
            followingSaves: settings.singleSaves)
        let history = generator.plannedHistory()
        let sample = (0..<settings.singleSaves).map { _ in generator.nextSave() }
        let readAccounts = (0..<settings.streamReads).map { _ in generator.randomAccountID() }

        let ledger = try Ledger.create(path: ledgerPath, environment: [:])
        let batchSizes = try measureBatchedImport(history, into: ledger, result: &result)
        if settings.importOnly {
            return result
        }
        let saveSizes = try measureSingleSaves(sample, into: ledger, result: &result)

        let raw = try measureRawSQLite(batchSizes: batchSizes, saveSizes: saveSizes, result: &result)
        try measureSnapshotImport(result: &result)
        try measureStreamReads(readAccounts, in: ledger, result: &result)
        try measurePython(raw: raw, batchSizes: batchSizes, saveSizes: saveSizes, readAccounts: readAccounts, result: &result)

        let reader = try Ledger(path: ledgerPath, access: .read, environment: [:])
        try measureQueries(reader, generator: &generator, result: &result)
        try measureAudit(reader, generator: &generator, result: &result)
        try measureVerifyAndRebuild(ledger, result: &result)
        try measureColdStart(result: &result)
        if let loadAtStart, let loadAtEnd = loadAverage() {
            result.record("machine.load", "Load average (1 min) at start and end, mean", (loadAtStart + loadAtEnd) / 2, "load")
        }
        return result
    }

    // MARK: - Appends

    private func measureBatchedImport(
        _ history: [PlannedSave], into ledger: Ledger, result: inout BenchmarkResult
    ) throws -> [Int] {
        log("batched import, \(configuration.savesPerBatch) saves per transaction")
        var batchSizes: [Int] = []
        let startCPU = processCPUSeconds()
        let start = monotonicSeconds()
        for first in stride(from: 0, to: history.count, by: configuration.savesPerBatch) {
            let batch = history[first..<min(first + configuration.savesPerBatch, history.count)]
            let results = try ledger.save(batch.map(\.save))
            batchSizes.append(results.reduce(0) { $0 + $1.events.count })
        }
        let seconds = monotonicSeconds() - start
        let cpuSeconds = processCPUSeconds() - startCPU
        let appended = batchSizes.reduce(0, +)
        guard appended == configuration.events else {
            throw BenchmarkFailure("the history should append \(configuration.events) events, the ledger appended \(appended)")
        }
        result.record("import.batched", "Batched import (ledger)", Double(appended) / seconds, "events/s")
        result.record(
            "import.batched.cpu", "Batched import (ledger): CPU time per event",
            cpuSeconds / Double(appended) * 1e6, "µs")
        return batchSizes
    }

    private func measureSingleSaves(
        _ sample: [PlannedSave], into ledger: Ledger, result: inout BenchmarkResult
    ) throws -> [Int] {
        log("\(sample.count) single saves, one transaction each")
        var saveSizes: [Int] = []
        let start = monotonicSeconds()
        for planned in sample {
            let saved = try ledger.save(planned.save.command, accountID: planned.save.accountID, context: planned.save.context)
            saveSizes.append(saved.events.count)
        }
        let seconds = monotonicSeconds() - start
        result.record(
            "append.single", "Single-save appends (ledger, \(sample.count) saves after the history)",
            Double(saveSizes.reduce(0, +)) / seconds, "events/s")
        return saveSizes
    }

    // MARK: - Baselines

    private func measureRawSQLite(
        batchSizes: [Int], saveSizes: [Int], result: inout BenchmarkResult
    ) throws -> RawSQLiteBaseline {
        log("raw SQLite baseline")
        let raw = try RawSQLiteBaseline(readingLedgerAt: ledgerPath)
        let durations = try raw.insert(into: configuration.folder + "/raw.sqlite", batchSizes: batchSizes + saveSizes)
        let batchedSeconds = durations[0..<batchSizes.count].reduce(0, +)
        let singleSeconds = durations[batchSizes.count...].reduce(0, +)
        let batchedRate = Double(configuration.events) / batchedSeconds
        let singleRate = Double(saveSizes.reduce(0, +)) / singleSeconds
        result.record("raw.batched", "Batched insert (raw SQLite)", batchedRate, "events/s")
        result.record("raw.single", "Single-save insert (raw SQLite)", singleRate, "events/s")
        if let ledgerRate = result.figure("import.batched")?.value {
            result.record("ratio.import_vs_raw", "Batched import / raw SQLite", ledgerRate / batchedRate, "x")
        }
        if let ledgerRate = result.figure("append.single")?.value {
            result.record("ratio.single_vs_raw", "Single-save appends / raw SQLite", ledgerRate / singleRate, "x")
        }
        return raw
    }

    private func measureStreamReads(_ accountIDs: [String], in ledger: Ledger, result: inout BenchmarkResult) throws {
        log("reading \(accountIDs.count) account streams")
        var events = 0
        let start = monotonicSeconds()
        for id in accountIDs {
            // Every event of the stream, as the Python baseline reads it: no
            // current-state projection and no snapshot.
            events += try ledger.replayedAccount(id: id).version
        }
        let seconds = monotonicSeconds() - start
        result.record("read.stream", "Read and fold account streams (ledger)", Double(events) / seconds, "events/s")
    }

    private func measurePython(
        raw: RawSQLiteBaseline,
        batchSizes: [Int],
        saveSizes: [Int],
        readAccounts: [String],
        result: inout BenchmarkResult
    ) throws {
        guard let python = configuration.python, let script = configuration.pythonScript else {
            result.notes.append("Python baseline skipped: no interpreter given.")
            return
        }
        log("Python eventsourcing baseline")
        let folder = configuration.folder
        try raw.writeJSONLines(to: folder + "/history.jsonl", from: 0, groupSizes: batchSizes)
        try raw.writeJSONLines(to: folder + "/sample.jsonl", from: configuration.events, groupSizes: saveSizes)
        try (readAccounts.joined(separator: "\n") + "\n").write(
            toFile: folder + "/read-accounts.txt", atomically: false, encoding: .utf8)
        let outcome = try ChildProcess.run(python, [
            script, "--history", folder + "/history.jsonl", "--sample", folder + "/sample.jsonl",
            "--read-accounts", folder + "/read-accounts.txt", "--db", folder + "/eventsourcing.sqlite",
        ])
        guard outcome.exitStatus == 0,
              let object = try? JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Double]
        else {
            throw BenchmarkFailure("the Python baseline failed with exit status \(outcome.exitStatus)")
        }
        func rate(_ name: String) -> Double {
            (object[name + "Events"] ?? 0) / (object[name + "Seconds"] ?? .infinity)
        }
        let comparisons = [
            ("batched", "import.batched", "Batched append", "batched"),
            ("single", "append.single", "Single-save append", "single"),
            ("read", "read.stream", "Read and fold streams", "read"),
        ]
        for (name, ledgerKey, label, suffix) in comparisons {
            let pythonRate = rate(name)
            result.record("python.\(suffix)", "\(label) (Python eventsourcing)", pythonRate, "events/s")
            if let ledgerRate = result.figure(ledgerKey)?.value {
                result.record("ratio.\(suffix)_vs_python", "\(label): ledger / Python", ledgerRate / pythonRate, "x")
            }
        }
    }

    // MARK: - Queries

    private func measureQueries(_ ledger: Ledger, generator: inout HistoryGenerator, result: inout BenchmarkResult) throws {
        log("\(configuration.viewQueries) filtered views as of random moments")
        var views = Latencies()
        var rowCount = 0
        for _ in 0..<configuration.viewQueries {
            var query = AccountQuery()
            query.destinations = HistoryGenerator.filteredDestinations
            query.at = TimePoint(asOf: generator.randomMoment())
            let start = monotonicSeconds()
            rowCount += try ledger.accounts(query).count
            views.add(monotonicSeconds() - start)
        }
        result.record("view.asof.median", "Accounts view, 2 destinations, as of a moment: median", views.median * 1000, "ms")
        result.record("view.asof.max", "Accounts view, 2 destinations, as of a moment: max", views.maximum * 1000, "ms")
        result.record("view.asof.rows", "Accounts view: mean rows returned", Double(rowCount) / Double(configuration.viewQueries), "rows")

        log("\(configuration.accountQueries) single accounts as of random moments")
        var accounts = Latencies()
        for _ in 0..<configuration.accountQueries {
            let id = generator.randomAccountID()
            let moment = generator.randomMoment()
            let start = monotonicSeconds()
            do {
                _ = try ledger.account(id: id, at: TimePoint(asOf: moment))
            } catch LedgerError.accountNotYetConnected {
                // The account was connected after the moment: still a full query.
            }
            accounts.add(monotonicSeconds() - start)
        }
        result.record("account.asof.median", "One account as of a moment: median", accounts.median * 1000, "ms")
        result.record("account.asof.p99", "One account as of a moment: 99th percentile", accounts.percentile(0.99) * 1000, "ms")
    }

    private func measureAudit(_ ledger: Ledger, generator: inout HistoryGenerator, result: inout BenchmarkResult) throws {
        log("\(configuration.auditQueries) audit queries over a month")
        var latencies = Latencies()
        var entryCount = 0
        for _ in 0..<configuration.auditQueries {
            var query = AuditQuery()
            query.since = generator.randomMoment()
            query.until = query.since! + 30 * HistoryGenerator.dayMilliseconds
            let start = monotonicSeconds()
            entryCount += try ledger.auditEntries(query).count
            latencies.add(monotonicSeconds() - start)
        }
        result.record("audit.month.median", "Audit trail of one month: median", latencies.median * 1000, "ms")
        result.record(
            "audit.month.entries", "Audit trail of one month: mean entries returned",
            Double(entryCount) / Double(configuration.auditQueries), "entries")
    }

    // MARK: - Whole-log operations

    /// Measures `verify` and `rebuild` as child processes of the CLI when
    /// it is given, so each has its own peak memory, and in this process
    /// otherwise.
    private func measureVerifyAndRebuild(_ ledger: Ledger, result: inout BenchmarkResult) throws {
        let eventCount = Double(try ledger.eventCount())
        for operation in ["verify", "rebuild"] {
            log("\(operation) of \(Int(eventCount)) events")
            let seconds: Double
            if let executable = configuration.ledgerExecutable {
                let outcome = try ChildProcess.run(executable, [operation, "--db", ledgerPath], environment: [:])
                guard outcome.exitStatus == 0 else {
                    throw BenchmarkFailure("`ledger \(operation)` failed with exit status \(outcome.exitStatus)")
                }
                seconds = outcome.totalSeconds
                result.record(
                    "\(operation).peak_rss", "`ledger \(operation)` peak resident memory",
                    Double(outcome.peakResidentBytes) / 1_048_576, "MiB")
            } else {
                let start = monotonicSeconds()
                if operation == "verify" {
                    _ = try ledger.verify()
                } else {
                    try ledger.rebuildProjections()
                }
                seconds = monotonicSeconds() - start
            }
            result.record("\(operation).rate", "`ledger \(operation)` of the whole log", eventCount / seconds, "events/s")
            result.record("\(operation).seconds", "`ledger \(operation)` of the whole log: time", seconds, "s")
        }
    }

    // MARK: - Cold start

    private func measureColdStart(result: inout BenchmarkResult) throws {
        guard let executable = configuration.ledgerExecutable else {
            result.notes.append("CLI measurements skipped: no ledger executable given.")
            return
        }
        log("\(configuration.coldStarts) cold starts of `ledger accounts`")
        var firstOutput = Latencies()
        var total = Latencies()
        for _ in 0..<configuration.coldStarts {
            let outcome = try ChildProcess.run(executable, ["accounts", "--db", ledgerPath], environment: [:])
            guard outcome.exitStatus == 0, let first = outcome.firstOutputSeconds else {
                throw BenchmarkFailure("`ledger accounts` failed with exit status \(outcome.exitStatus)")
            }
            firstOutput.add(first)
            total.add(outcome.totalSeconds)
        }
        result.record("cli.accounts.first_output", "`ledger accounts` cold start to first output: median", firstOutput.median * 1000, "ms")
        result.record("cli.accounts.total", "`ledger accounts` cold start to exit: median", total.median * 1000, "ms")
    }
}

/// Returns the one-minute load average from /proc/loadavg, nil where it is missing.
func loadAverage() -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
    return text.split(separator: " ").first.flatMap { Double($0) }
}

/// A benchmark step that could not run, with the reason.
public struct BenchmarkFailure: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
