import AccountLedger
import Foundation
import LedgerHarness
import Testing

/// Seeded random save sequences checked against a plainly written reference
/// fold; `swift run ledger-differential` runs thousands more cases.
@Suite struct DifferentialTests {
    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func readsMatchReferenceFold(seed: UInt64) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-differential-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try DifferentialRun(seed: seed, saves: 40, moments: 8).run(in: folder)
        // Each moment checks at least four reads; the rebuild adds one case.
        #expect(report.cases >= 8 * 4 + 1)
        #expect(report.events > 10)
    }

    @Test func outOfOrderSavesAreRejected() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-differential-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var rejected = 0
        for seed in 100...104 as ClosedRange<UInt64> {
            rejected += try DifferentialRun(seed: seed, saves: 40, moments: 1).run(in: folder).outOfOrderRejected
        }
        #expect(rejected > 0)
    }
}
