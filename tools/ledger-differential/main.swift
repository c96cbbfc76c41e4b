import Foundation
import LedgerHarness

// Runs many seeded differential cases: random save sequences applied to a
// real ledger, whose reads at random moments must equal a plain reference
// fold over the recorded events.
//
// Usage: ledger-differential [--seed N] [--runs N] [--saves N] [--moments N]

func option(_ name: String, default value: UInt64) -> UInt64 {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--\(name)") else { return value }
    guard index + 1 < arguments.count, let parsed = UInt64(arguments[index + 1]) else {
        FileHandle.standardError.write(Data("Error: --\(name) needs a whole number\n".utf8))
        exit(2)
    }
    return parsed
}

let seed = option("seed", default: 1)
let runs = option("runs", default: 100)
let saves = Int(option("saves", default: 60))
let moments = Int(option("moments", default: 20))
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
        FileHandle.standardError.write(Data("FAILED: \(error)\n".utf8))
        exit(1)
    }
}
print("\(cases) cases passed: \(runs) runs from seed \(seed), \(events) events, \(rejected) out-of-order saves rejected")
