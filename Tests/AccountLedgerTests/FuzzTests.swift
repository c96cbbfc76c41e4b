import AccountLedger
import Foundation
import LedgerHarness
import Testing

/// A few hundred seeded fuzz cases per run; `tools/ledger-fuzz` runs the
/// same cases by the ten thousand.
@Suite struct FuzzTests {
    @Test(arguments: [UInt64(21), 22])
    func mutatedInputsGetResultOrClearError(seed: UInt64) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var runner = FuzzRunner(
            folder: folder, seed: seed, cli: ChildProcess(executable: LedgerProcess.executableURL), commandLineShare: 0.05)
        runner.verifyInterval = 100
        try runner.prepare()

        let summary = try runner.run(cases: 200)

        #expect(summary.findings.map(\.description) == [])
        #expect(summary.accepted > 0)
        #expect(summary.rejections.values.reduce(0, +) > 0)
        #expect(summary.commandLineCases > 0)
    }
}
