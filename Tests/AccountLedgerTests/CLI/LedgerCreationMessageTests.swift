import Foundation
import Testing

/// Messages of the commands that create a ledger file (`init`, `demo`,
/// `replay --into`) when the file cannot be made where they were asked to.
@Suite struct LedgerCreationMessageTests {
    /// Writes a key file at `path + ".key"` with no database beside it.
    private func orphanKey(for path: String) throws -> String {
        let keyPath = path + ".key"
        try "kept\n".write(toFile: keyPath, atomically: true, encoding: .utf8)
        return keyPath
    }

    @Test func demoOverOrphanKeySuggestsOnlyDb() throws {
        let ledger = try CommandLineLedger()
        let path = ledger.folder.appendingPathComponent("y.sqlite").path
        let keyPath = try orphanKey(for: path)
        let output = try ledger.run(["demo", "--db", path])
        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: fingerprint key \(keyPath): already exists, but the database does not"))
        #expect(output.standardError.contains("move the file away or choose another --db path"), "stderr: \(output.standardError)")
        #expect(!output.standardError.contains("--key-file"))
        #expect(try String(contentsOfFile: keyPath, encoding: .utf8) == "kept\n")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func initOverOrphanKeyOffersKeyFile() throws {
        let ledger = try CommandLineLedger()
        let path = ledger.folder.appendingPathComponent("y.sqlite").path
        let keyPath = try orphanKey(for: path)
        let output = try ledger.run(["init", "--db", path])
        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: fingerprint key \(keyPath): already exists, but the database does not"))
        #expect(output.standardError.contains("choose another --db path or --key-file"), "stderr: \(output.standardError)")
    }

    @Test func initWithGivenKeyFileSuggestsKeyFile() throws {
        let ledger = try CommandLineLedger()
        let path = ledger.folder.appendingPathComponent("y.sqlite").path
        let keyPath = try orphanKey(for: ledger.folder.appendingPathComponent("other").path)
        let output = try ledger.run(["init", "--db", path, "--key-file", keyPath])
        #expect(output.status == 7)
        #expect(output.standardError.contains("move the file away or choose another --key-file"), "stderr: \(output.standardError)")
    }
}
