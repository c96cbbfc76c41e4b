import Foundation
import LedgerBenchKit
import Testing

/// Runs the benchmark harness at a tiny size so it keeps working. Timings
/// are never checked: only that every measurement ran and produced a figure.
@Suite struct TinyBenchmarkTests {
    static func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ledger-bench-\(UUID().uuidString)").path
    }

    /// Returns the debug `ledger` executable that `swift build` puts beside the test bundle.
    static func ledgerExecutable() -> String? {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("ledger").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func tinyRunProducesEveryFigure() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var configuration = BenchmarkConfiguration(events: 200, accounts: 10, folder: folder)
        configuration.singleSaves = 20
        configuration.viewQueries = 3
        configuration.accountQueries = 10
        configuration.streamReads = 5
        configuration.auditQueries = 3
        configuration.coldStarts = 1
        configuration.ledgerExecutable = Self.ledgerExecutable()

        let result = try BenchmarkRunner(configuration: configuration).run()

        var expected = [
            "import.batched", "append.single", "raw.batched", "raw.single", "ratio.import_vs_raw",
            "read.stream", "view.asof.median", "account.asof.median", "audit.month.median",
            "verify.rate", "rebuild.rate",
            "import.snapshot.connect", "import.snapshot.diff", "import.snapshot.unchanged", "ratio.snapshot_vs_raw",
        ]
        if configuration.ledgerExecutable != nil {
            expected += ["cli.accounts.first_output", "verify.peak_rss", "rebuild.peak_rss"]
        }
        for key in expected {
            let figure = try #require(result.figure(key), "missing figure \(key)")
            #expect(figure.value > 0, "figure \(key) is \(figure.value)")
        }
        #expect(result.notes.contains { $0.contains("Python baseline skipped") })
    }

    @Test func historyHasExactlyTheRequestedEvents() {
        var generator = HistoryGenerator(seed: 7, events: 500, accounts: 20)
        let history = generator.plannedHistory()
        #expect(history.reduce(0) { $0 + $1.eventCount } == 500)
        #expect(generator.accountIDs.count == 20)
    }

    @Test func followingSavesStayInThePast() {
        // 2,000 events then 1,000 saves ran a year past the present before
        // the following saves were counted in the spread of time.
        var generator = HistoryGenerator(seed: 7, events: 2_000, accounts: 20, followingSaves: 1_000)
        _ = generator.plannedHistory()
        let last = (0..<1_000).map { _ in generator.nextSave() }.last
        let endOfSpread = HistoryGenerator.startTime + 2 * 366 * 86_400_000
        #expect((last?.save.context.occurredAt ?? .max) < endOfSpread)
    }

    @Test func sameSeedGivesSameHistory() {
        var first = HistoryGenerator(seed: 7, events: 300, accounts: 10)
        var second = HistoryGenerator(seed: 7, events: 300, accounts: 10)
        let firstIDs = first.plannedHistory().map { "\($0.save.accountID)@\($0.save.context.occurredAt ?? 0)" }
        let secondIDs = second.plannedHistory().map { "\($0.save.accountID)@\($0.save.context.occurredAt ?? 0)" }
        #expect(firstIDs == secondIDs)
    }
}
