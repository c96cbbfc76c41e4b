import AccountLedger
import Foundation

/// Ledgers written by earlier builds, kept as `sqlite3 .dump` text under
/// `Fixtures/ledgers/`, whose README records how each was made.
enum LedgerFixtures {
    /// The fingerprint key every fixture ledger was written with, for `$LEDGER_KEY`.
    static let key = "5c6b0e1f2a3d4c5b6a7988a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5"

    /// Creates the database file at `path` from the fixture `name`.
    static func load(_ name: String, into path: String) throws {
        let file = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/ledgers/\(name)")
        let sql = try String(contentsOf: file, encoding: .utf8)
        try Database(path: path, mode: .create).execute(sql)
    }
}

extension CommandLineLedger {
    /// Replaces the ledger that `ledger init` made with the fixture `name`,
    /// and sets `$LEDGER_KEY` to the fixture's key.
    func replace(withFixture name: String) throws {
        for suffix in ["", "-wal", "-shm", ".key"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
        try LedgerFixtures.load(name, into: path)
        environment[FingerprintKey.environmentVariable] = LedgerFixtures.key
    }
}
