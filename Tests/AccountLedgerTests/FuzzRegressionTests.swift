import AccountLedger
import Foundation
import LedgerHarness
import Testing

/// Inputs that `tools/ledger-fuzz` found to break a promise, each kept
/// with the check it failed.
@Suite struct FuzzRegressionTests {
    private static let folder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fuzz")
    private static let cases = ["seed2-case1438.json", "seed2-case3060.json", "seed2-case6860.json"]

    @Test(arguments: cases)
    func syntaxErrorEchoesNoSecret(file: String) throws {
        let fixture = try TemporaryLedger()
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(file)))
        let snapshot = SnapshotFile(name: file, bytes: bytes)
        let options = SnapshotImportOptions(actor: "tester")

        do {
            try fixture.ledger.importSnapshots([snapshot], options: options)
            Issue.record("the damaged file was imported")
        } catch let error as LedgerError {
            #expect(error.category == .badInput)
            #expect(error.description.contains(file))
            #expect(!error.description.contains(FuzzCorpus.secretMarker), "\(error)")
        }
        #expect(try fixture.ledger.eventCount() == 0)
    }

    @Test func missingColonAfterSecretIsNotQuoted() throws {
        let fixture = try TemporaryLedger()
        let text = #"{"id": "a1", "auth": {"params": {"password": "hunter2", "hunter2" }}}"#
        let snapshot = SnapshotFile(name: "damaged.json", bytes: Array(text.utf8))

        #expect(throws: LedgerError.invalidInput(
            location: "damaged.json line 1, column 67", problem: "expected ':' after a member name")) {
            try fixture.ledger.importSnapshots([snapshot], options: SnapshotImportOptions(actor: "tester"))
        }
    }

    @Test func noArgumentsPrintsErrorLine() throws {
        let output = try LedgerProcess.run([])

        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: missing COMMAND\n"))
        #expect(output.standardError.contains("Usage: ledger COMMAND [options]"))
    }
}
