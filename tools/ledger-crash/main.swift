import Foundation
import LedgerHarness

// Kills `ledger` writers with SIGKILL at seeded random moments and checks
// after every kill that the ledger opens, verifies, and contains each save
// whole or not at all. Usage:
//   swift run ledger-crash [--kills N] [--seed S] [--max-delay SECONDS (default: about one save's run time)] [--ledger PATH]

let options = ToolOptions(
    Array(CommandLine.arguments.dropFirst()), options: ["kills", "seed", "max-delay", "ledger"],
    usage: """
        Usage: ledger-crash [--kills N] [--seed S] [--max-delay SECONDS] [--ledger PATH]
        Kills ledger writers with SIGKILL at seeded moments and checks after every kill that the ledger
        opens, verifies, and holds each save whole or not at all. Defaults: 60 kills, seed 1.
        """)
let kills = options.number("kills", default: 60)
let seed = options.number("seed", default: UInt64(1))
let maximumDelay = options.string("max-delay").map { _ in options.number("max-delay", default: 0.0) }
let binary = options.string("ledger").map { URL(fileURLWithPath: $0) } ?? ChildProcess.ledgerBesideThisExecutable

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-crash-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

var harness = CrashHarness(ledger: ChildProcess(executable: binary), folder: folder, seed: seed, delays: maximumDelay.map { 0...$0 })
let started = Date()
do {
    try harness.prepare()
    let summary = try harness.run(kills: kills, maximumRounds: kills * 10)
    let seconds = Date().timeIntervalSince(started)
    print("""
        ledger-crash seed \(seed): \(summary.rounds) rounds, kill delays \(harness.delayText), in \(String(format: "%.1f", seconds)) s
          killed while running: \(summary.kills) (imports: \(summary.importKills); committed before the kill: \(summary.killsAfterCommit), \
        nothing stored: \(summary.killsBeforeCommit))
          finished before the kill: \(summary.finishedBeforeKill)
          events at the end: \(summary.events); every check passed
        """)
    try? FileManager.default.removeItem(at: folder)
} catch {
    print("ledger-crash seed \(seed): FAILED: \(error)\nThe ledger is kept for inspection at \(harness.path).")
    exit(1)
}
