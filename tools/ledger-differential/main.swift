import Foundation
import LedgerHarness

// Runs many seeded differential cases: random save sequences applied to a
// real ledger, whose reads at random moments must equal a plain reference
// fold over the recorded events.
//
// Usage: ledger-differential [--seed N] [--runs N] [--saves N] [--moments N]

let options = ToolOptions(
    Array(CommandLine.arguments.dropFirst()), options: ["seed", "runs", "saves", "moments"],
    usage: """
        Usage: ledger-differential [--seed N] [--runs N] [--saves N] [--moments N]
        Applies seeded random save sequences to a real ledger and compares its reads at random moments
        with a plain reference fold. Defaults: seed 1, 100 runs of 60 saves, 20 moments each.
        """)
let seed = options.number("seed", default: UInt64(1))
let runs = options.number("runs", default: UInt64(100))
let saves = options.number("saves", default: 60)
let moments = options.number("moments", default: 20)
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-differential-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

var cases = 0
var events: Int64 = 0
var rejected = 0
for run in 0..<runs {
    do {
        let report = try DifferentialRun(seed: seed &+ run, saves: saves, moments: moments).run(in: folder)
        cases += report.cases
        events += report.events
        rejected += report.outOfOrderRejected
    } catch {
        writeToStandardError("FAILED: \(error)\n")
        exit(1)
    }
}
print("\(cases) cases passed: \(runs) runs from seed \(seed), \(events) events, \(rejected) out-of-order saves rejected")
