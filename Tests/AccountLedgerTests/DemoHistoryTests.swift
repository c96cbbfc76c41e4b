import AccountLedger
import Foundation
import Testing

/// The demo's history, which must match its help and the README.
@Suite struct DemoHistoryTests {
    @Test func demoSpansFourMonths() throws {
        // The help and the README called it a year of history.
        let fixture = try TemporaryLedger()
        try DemoHistory.record(into: fixture.ledger)
        var occurredTimes: [Int64] = []
        _ = try fixture.ledger.exportEvents { line in
            let object = try JSONParser.parse(line)
            if case .integer(let milliseconds)? = object["occurred_at"] {
                occurredTimes.append(milliseconds)
            }
        }
        #expect(occurredTimes.min() == Timestamp.parse("2026-01-05T09:12:00Z"))
        #expect(occurredTimes.max() == Timestamp.parse("2026-05-02T08:00:00Z"))
        let help = try LedgerProcess.run(["demo", "--help"]).standardOutput
        #expect(help.contains("four months of history"), "\(help)")
    }
}
