@testable import AccountLedger
import Foundation
import Testing

/// Outputs that print stored payloads as JSON (`history --json`, `export`)
/// fail with status 8 and name the event when a payload is not a JSON
/// object, as `history` does. The envelope schema allows no string payload.
@Suite struct CorruptPayloadOutputTests {
    /// Returns a ledger whose account s3 has a second event, correctly
    /// chained, with `payload` stored as its payload text.
    private func ledger(withPayload payload: String) throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        ledger.checksEventSchemas = false
        try ledger.connectS3()
        try RawLedgerFile(path: ledger.path).appendForged { head in
            var event = head
            event.version = head.version + 1
            event.type = "AccountRenamed"
            event.payloadText = payload
            return event
        }
        return ledger
    }

    private func expectCorrupt(_ output: LedgerProcess.Output, problem: String) {
        #expect(output.status == 8, "\(output.standardError)")
        #expect(output.standardError == "Error: event at position 2 is corrupt: \(problem)\n")
        #expect(!output.standardOutput.contains("\"payload\":\""), "\(output.standardOutput)")
    }

    @Test func malformedPayloadFailsEveryOutput() throws {
        let ledger = try ledger(withPayload: "[")
        let problem = "payload is not valid JSON: line 1, column 2: unexpected end of input, expected a value"
        for arguments in [["history", "s3"], ["history", "s3", "--json"], ["export"]] {
            expectCorrupt(try ledger.run(arguments), problem: problem)
        }
    }

    @Test func payloadThatIsNotAnObjectFailsExport() throws {
        let ledger = try ledger(withPayload: "\"renamed\"")
        let problem = "payload is valid JSON but not an object"
        expectCorrupt(try ledger.run(["export"]), problem: problem)
        expectCorrupt(try ledger.run(["history", "s3", "--json"]), problem: problem)
    }

    @Test func malformedPayloadLeavesNoExportFile() throws {
        let ledger = try ledger(withPayload: "[")
        let file = ledger.folder.appendingPathComponent("export.jsonl").path

        let output = try ledger.run(["export", "--output", file])

        #expect(output.status == 8, "\(output.standardError)")
        #expect(!FileManager.default.fileExists(atPath: file))
    }
}
