import Foundation
import LedgerHarness

// Mutates snapshot files (in-process) and command lines (through the
// `ledger` binary) with a seeded generator and checks every outcome. Usage:
//   swift run ledger-fuzz [--cases N] [--seed S] [--cli-share FRACTION] [--verify-every CASES] [--ledger PATH] [--show-rejections]

let options = ToolOptions(
    Array(CommandLine.arguments.dropFirst()),
    options: ["cases", "seed", "cli-share", "verify-every", "ledger"],
    flags: ["show-rejections"],
    usage: """
        Usage: ledger-fuzz [--cases N] [--seed S] [--cli-share FRACTION] [--verify-every CASES] [--ledger PATH] [--show-rejections]
        Mutates snapshot files and command lines from a seed and checks that every case gets a result
        or one clear error and leaves a rejected input's ledger unchanged. Defaults: 10000 cases, seed 1,
        5 % of cases through the ledger binary beside this tool.
        """)
let cases = options.number("cases", default: 10_000)
let seed = options.number("seed", default: UInt64(1))
let commandLineShare = options.number("cli-share", default: 0.05)
let verifyInterval = options.number("verify-every", default: 1_000)
let binary = options.string("ledger").map { URL(fileURLWithPath: $0) } ?? ChildProcess.ledgerBesideThisExecutable

// The fuzz ledger lives in memory-backed /dev/shm where there is one: the
// fuzzer checks what the ledger decides, and fsync on a disk would make
// every accepted case cost milliseconds. The crash harness tests durability.
let scratch = FileManager.default.fileExists(atPath: "/dev/shm")
    ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
let folder = scratch.appendingPathComponent("ledger-fuzz-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

var runner = FuzzRunner(folder: folder, seed: seed, cli: ChildProcess(executable: binary), commandLineShare: commandLineShare)
let started = Date()
runner.verifyInterval = verifyInterval
let summary: FuzzRunner.Summary
do {
    try runner.prepare()
    summary = try runner.run(cases: cases)
} catch {
    print("ledger-fuzz seed \(seed): FAILED to run: \(error)\nThe ledger is kept for inspection at \(runner.path).")
    exit(1)
}
let seconds = Date().timeIntervalSince(started)
let rejections = summary.rejections.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
print("""
    ledger-fuzz seed \(seed): \(summary.cases) cases in \(String(format: "%.1f", seconds)) s
      imports in-process: \(summary.importCases), command lines through the binary: \(summary.commandLineCases)
      accepted: \(summary.accepted); rejected: \(rejections)
      full verifications: \(summary.verifications); findings: \(summary.findings.count)
    """)
if options.has("show-rejections") {
    for (message, count) in summary.rejectionMessages.sorted(by: { $0.value > $1.value }).prefix(40) {
        print("  \(count)x \(message)")
    }
}
for finding in summary.findings.prefix(20) {
    print("  FINDING \(finding)")
}
try? FileManager.default.removeItem(at: folder)
exit(summary.findings.isEmpty ? 0 : 1)
