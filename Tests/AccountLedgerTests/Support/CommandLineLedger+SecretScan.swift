import Foundation
import Testing

extension CommandLineLedger {
    /// Records an issue for each output, and each file of the ledger's
    /// folder (database, write-ahead log, shared memory, key), that
    /// contains `marker`.
    func expectNowhere(_ marker: String, outputs: [LedgerProcess.Output]) throws {
        for output in outputs {
            #expect(!output.combined.contains(marker), "output contains the secret: \(output.combined)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.contains("ledger.sqlite-wal"), "the write-ahead log should exist while the test checks it")
        for name in files {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(bytes.range(of: Data(marker.utf8)) == nil, "\(name) contains the secret")
        }
    }
}
