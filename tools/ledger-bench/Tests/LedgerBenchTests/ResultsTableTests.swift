@testable import LedgerBenchKit
import Testing

@Suite struct ResultsTableTests {
    @Test func noteOfSomeSizesNamesThem() {
        var small = BenchmarkResult(events: 10_000, accounts: 100, seed: 1)
        var large = BenchmarkResult(events: 1_000_000, accounts: 10_000, seed: 1)
        small.notes = ["Both sizes."]
        large.notes = ["Both sizes.", "Python baseline skipped: no interpreter given."]
        let table = ResultsTable.markdown([large, small])
        #expect(table.contains("\n- Both sizes.\n"))
        #expect(table.contains("\n- At 1,000,000 events: Python baseline skipped: no interpreter given.\n"))
    }
}
