import Foundation
import LedgerHarness
import Testing

/// SIGKILL at seeded random moments during saves made by real `ledger`
/// processes; `tools/ledger-crash` runs the same harness with many more kills.
@Suite struct CrashTests {
    @Test func killedSavesAreWholeOrAbsent() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var harness = CrashHarness(ledger: ChildProcess(executable: LedgerProcess.executableURL), folder: folder, seed: 11, importSize: 60)
        try harness.prepare()

        let summary = try harness.run(kills: 6, maximumRounds: 60)

        #expect(summary.kills == 6)
        #expect(summary.importKills > 0)
    }
}
